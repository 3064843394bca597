import Foundation
import HTTPTypes
import Hummingbird
import TenureCore
import TenureStore

/// Guards the dashboard's pages: finds the session the cookie names, puts
/// its user in the context, and sends anyone without one to `/login`
/// (remembering where they were going). Every request that is not a GET or
/// HEAD must carry the session's CSRF token in its form's `csrf` field, or it
/// is refused with 403 before any handler runs. Pages are never cached and
/// carry a strict Content-Security-Policy (no scripts at all).
struct SessionAuthenticator: RouterMiddleware {
    typealias Context = TenureRequestContext
    let store: any UserStore
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.cookies[SessionTokens.cookieName]?.value, SessionTokens.isWellFormed(token),
              let (session, user) = try await store.session(tokenHash: SessionTokens.hash(token), at: clock.now())
        else {
            if request.method == .get || request.method == .head {
                return DashboardResponses.redirect(to: "/login?next=\(Self.percentEncoded(request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")))")
            }
            return DashboardResponses.redirect(to: "/login")
        }
        var request = request
        if request.method != .get && request.method != .head {
            let body = try await request.collectBody(upTo: 64 * 1024)
            let form = URLEncodedFormDecoder.form(CSRFForm.self, from: String(buffer: body))
            guard SessionTokens.verifyCSRF(form?.csrf, sessionToken: token) else {
                return DashboardResponses.html(
                    ErrorView.page(status: "403", title: "This form has expired",
                                   message: "The form was missing its security token. Go back, reload the page and try again."),
                    status: .forbidden)
            }
        }
        var context = context
        context.dashboardUser = DashboardUser(id: user.id, email: user.email, name: user.name, role: user.role,
                                              csrfToken: SessionTokens.csrfToken(forSession: token), sessionHash: session.tokenHash)
        return try await next(request, context)
    }

    /// `text` with everything but unreserved characters and `/` percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }
}

/// Responses the dashboard sends: HTML pages with its security headers, and redirects.
enum DashboardResponses {
    /// Content-Security-Policy of every dashboard page: own stylesheet, no scripts, no framing.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// A page as `text/html` with the security headers and `no-store`.
    static func html(_ page: HTML, status: HTTPResponse.Status = .ok, cookies: [Cookie] = []) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            .contentSecurityPolicy: contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "same-origin",
        ]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie.description)) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.text)))
    }

    /// A 303 See Other to `location`, setting `cookies`.
    static func redirect(to location: String, cookies: [Cookie] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie.description)) }
        return Response(status: .seeOther, headers: headers)
    }
}
