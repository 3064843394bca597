import Foundation
import HTTPTypes
import Hummingbird
import TenureCore
import TenureStore

/// `GET/POST /login` and `POST /logout`.
///
/// The sign-in form carries a CSRF token that must match a random value in a
/// short-lived cookie (the session does not exist yet). Unknown emails and
/// wrong passwords take the same path and the same time (bcrypt runs either
/// way) and get the same message; five failures for one address within 15
/// minutes lock it until the window passes. Success issues a fresh session
/// (so a planted cookie is never reused) and redirects to where the user was going.
struct SignInController {
    let store: any UserStore
    let clock: WallClock
    let throttle: SignInThrottle

    func register(on router: Router<TenureRequestContext>) {
        router.get("login", use: form)
        router.post("login", use: signIn)
    }

    /// Whether cookies should carry `Secure`: when the request came over HTTPS (directly or through a proxy).
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    static func cookie(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Only a local path: one leading `/`, no control characters, whitespace or backslashes — never another
    /// site (`//evil`, `https://…`, `/\t/evil` read as `//evil`) or a header trick.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.count < 2_000, next.hasPrefix("/"), !next.hasPrefix("//"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace || $0 == "\\" })
        else { return "/" }
        return next
    }

    @Sendable func form(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let next = DashboardController.query(request)["next"]
        let token = SessionTokens.randomToken()
        return DashboardResponses.html(
            SignInView.render(csrf: token, next: Self.safeNext(next), email: nil, error: nil),
            cookies: [Self.cookie(SessionTokens.signInCookieName, token, maxAge: 3600, secure: Self.isSecure(request))])
    }

    @Sendable func signIn(_ request: Request, context: TenureRequestContext) async throws -> Response {
        var request = request
        let form = URLEncodedFormDecoder.form(SignInForm.self, from: String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        let secure = Self.isSecure(request)
        let next = Self.safeNext(form?.next)
        let email = (form?.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        func again(_ message: String, status: HTTPResponse.Status) -> Response {
            let token = SessionTokens.randomToken()
            return DashboardResponses.html(
                SignInView.render(csrf: token, next: next, email: email, error: message), status: status,
                cookies: [Self.cookie(SessionTokens.signInCookieName, token, maxAge: 3600, secure: secure)])
        }
        guard let form, SessionTokens.equal(form.csrf, request.cookies[SessionTokens.signInCookieName]?.value) else {
            return again("The sign-in form expired. Please try again.", status: .forbidden)
        }
        if let retry = await throttle.retryAfter(email, now: clock.now()) {
            let minutes = max(1, Int((retry.timeIntervalSince(clock.now()) / 60).rounded(.up)))
            return again("Too many failed attempts for this email. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
                         status: .tooManyRequests)
        }
        let user = email.isEmpty ? nil : try await store.user(email: email)
        let passwordMatches = try await Passwords.verify(form.password ?? "", against: user?.passwordHash)
        guard let user, passwordMatches, user.disabledAt == nil else {
            await throttle.recordFailure(email, now: clock.now())
            return again("That email and password do not match an account.", status: .unauthorized)
        }
        await throttle.reset(email)
        let issued = SessionTokens.issue(userID: user.id, at: clock.now())
        try await store.insertSession(issued.record)
        _ = try? await store.deleteExpiredSessions(at: clock.now())
        return DashboardResponses.redirect(to: next, cookies: [
            Self.cookie(SessionTokens.cookieName, issued.token, maxAge: Int(SessionTokens.lifetime), secure: secure),
            Self.cookie(SessionTokens.signInCookieName, "", maxAge: 0, secure: secure),
        ])
    }

    /// Ends the session (the CSRF token was checked by ``SessionAuthenticator``) and clears the cookie.
    @Sendable func signOut(_ request: Request, context: TenureRequestContext) async throws -> Response {
        if let user = context.dashboardUser { try await store.deleteSession(tokenHash: user.sessionHash) }
        return DashboardResponses.redirect(to: "/login", cookies: [
            Self.cookie(SessionTokens.cookieName, "", maxAge: 0, secure: Self.isSecure(request)),
        ])
    }
}
