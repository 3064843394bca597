import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureEngine
import TenureStore
import TenureTestSupport
@testable import TenureServer

/// The dashboard through the router, without sockets: sign-in, sessions, CSRF, and every page.
@Suite("Dashboard routes")
struct DashboardRouterTests {
    static let email = "ana@example.com"
    static let password = "correct horse battery"

    /// Runs `body` with a router over the fixtures and one user (hashed at a low bcrypt cost to keep tests fast).
    static func run(_ backend: Backend = .sqlite, _ body: @escaping @Sendable (any Store, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: TestClock.now)
            try await store.insertUser(UserRecord(id: "usr_ana", email: email, name: "Ana Ruiz", role: .member,
                                                  passwordHash: try await Passwords.hash(password, cost: 4), createdAt: TestClock.now))
            let app = Application(router: buildRouter(store: store, configuration: ServerConfiguration(clock: TestClock.clock)))
            try await app.test(.router) { client in try await body(store, client) }
        }
    }

    /// The value of cookie `name` among a response's Set-Cookie headers.
    static func cookie(_ name: String, in response: TestResponse) -> String? {
        response.headers[values: .setCookie].compactMap { header -> String? in
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            return pair.first.map(String.init) == name ? (pair.count > 1 ? String(pair[1]) : "") : nil
        }.first
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    /// Signs in and returns the session cookie.
    static func signIn(_ client: any TestClientProtocol, password: String = password) async throws -> TestResponse {
        let page = try await client.execute(uri: "/login", method: .get)
        let signInToken = try #require(cookie(SessionTokens.signInCookieName, in: page))
        #expect(String(buffer: page.body).contains("value=\"\(signInToken)\""))
        return try await client.execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(SessionTokens.signInCookieName)=\(signInToken)"],
            body: form(["csrf": signInToken, "email": email, "password": password, "next": "/accounts"]))
    }

    static func session(_ token: String) -> HTTPFields { [.cookie: "\(SessionTokens.cookieName)=\(token)"] }

    @Test("pages redirect to the sign-in form, remembering where the user was going")
    func redirectsToLogin() async throws {
        try await Self.run { _, client in
            let response = try await client.execute(uri: "/accounts?segment=smb", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=/accounts%3Fsegment%3Dsmb")
            let bogus = try await client.execute(uri: "/", method: .get, headers: Self.session(String(repeating: "x", count: 43)))
            #expect(bogus.status == .seeOther)
            let css = try await client.execute(uri: "/static/tenure.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test("signing in sets an HttpOnly SameSite session cookie, stores only its hash, and opens every page")
    func signInAndBrowse() async throws {
        try await Self.run { store, client in
            let response = try await Self.signIn(client)
            #expect(response.status == .seeOther && response.headers[.location] == "/accounts")
            let header = try #require(response.headers[values: .setCookie].first { $0.hasPrefix(SessionTokens.cookieName + "=") })
            #expect(header.contains("HttpOnly") && header.contains("SameSite=Lax") && !header.contains("Secure"))
            let token = try #require(Self.cookie(SessionTokens.cookieName, in: response))
            #expect(try await store.session(tokenHash: SessionTokens.hash(token), at: TestClock.now)?.user.email == Self.email)
            #expect(try await store.session(tokenHash: token, at: TestClock.now) == nil, "the raw token is not what is stored")
            for path in ["/", "/accounts", "/accounts?sort=renewal&dir=asc&segment=smb", "/accounts/a1", "/at-risk", "/renewals",
                         "/renewals?contracts=1&warnings=1", "/cohorts?kind=revenue", "/metrics", "/metrics/explain?metric=mrr&period=2026-01"] {
                let page = try await client.execute(uri: path, method: .get, headers: Self.session(token))
                #expect(page.status == .ok, "\(path)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                #expect(String(buffer: page.body).contains("<main id=\"main\""), "\(path)")
            }
            let missing = try await client.execute(uri: "/accounts/nope", method: .get, headers: Self.session(token))
            #expect(missing.status == .notFound)
        }
    }

    @Test("a wrong password, an unknown email and a forged sign-in form are refused alike")
    func badSignIns() async throws {
        try await Self.run { _, client in
            let wrong = try await Self.signIn(client, password: "not the password")
            #expect(wrong.status == .unauthorized && Self.cookie(SessionTokens.cookieName, in: wrong) == nil)
            #expect(String(buffer: wrong.body).contains("That email and password do not match an account."))
            let forged = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["csrf": "guess", "email": Self.email, "password": Self.password]))
            #expect(forged.status == .forbidden && Self.cookie(SessionTokens.cookieName, in: forged) == nil)
        }
    }

    @Test("a POST without the session's CSRF token is 403 and changes nothing; sign-out with it ends the session")
    func csrfAndSignOut() async throws {
        try await Self.run { store, client in
            let token = try #require(Self.cookie(SessionTokens.cookieName, in: try await Self.signIn(client)))
            var headers = Self.session(token)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(uri: "/logout", method: .post, headers: headers, body: Self.form(["csrf": "wrong"]))
            #expect(forged.status == .forbidden)
            let missing = try await client.execute(uri: "/logout", method: .post, headers: headers, body: ByteBuffer())
            #expect(missing.status == .forbidden)
            #expect(try await store.session(tokenHash: SessionTokens.hash(token), at: TestClock.now) != nil)
            let page = try await client.execute(uri: "/", method: .get, headers: Self.session(token))
            let csrf = SessionTokens.csrfToken(forSession: token)
            #expect(String(buffer: page.body).contains("name=\"csrf\" value=\"\(csrf)\""))
            let out = try await client.execute(uri: "/logout", method: .post, headers: headers, body: Self.form(["csrf": csrf]))
            #expect(out.status == .seeOther && out.headers[.location] == "/login")
            #expect(Self.cookie(SessionTokens.cookieName, in: out) == "")
            #expect(try await store.session(tokenHash: SessionTokens.hash(token), at: TestClock.now) == nil)
            let after = try await client.execute(uri: "/", method: .get, headers: Self.session(token))
            #expect(after.status == .seeOther, "the old cookie no longer works")
        }
    }

    @Test("the account page shows the MRR the API reports, and customer text is escaped")
    func accountFiguresMatchAPI() async throws {
        try await Self.run { store, client in
            var batch = FactBatch()
            batch.tickets = [Ticket(id: "t-x", accountID: "a1", subject: "<img src=x onerror=alert(1)>", openedAt: TestClock.now)]
            try await store.write(batch, asOf: TestClock.now)
            let token = try #require(Self.cookie(SessionTokens.cookieName, in: try await Self.signIn(client)))
            let page = String(buffer: try await client.execute(uri: "/accounts/a1", method: .get, headers: Self.session(token)).body)
            let issued = APIKeys.issue(name: "t", role: .viewer, at: TestClock.now)
            try await store.insertAPIKey(issued.record)
            let api = try await client.execute(uri: "/api/v1/accounts/a1", method: .get, headers: [.authorization: "Bearer \(issued.token)"])
            let mrr = try #require((api.json["mrr"] as? [String: Any])?["amount"] as? Int)
            #expect(page.contains("<span data-value=\"\(mrr)\">"))
            #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;") && !page.contains("<img src=x"))
        }
    }

    @Test("once scored, the account page shows the API's health score and signals, and the overview its distribution")
    func accountHealthMatchesAPI() async throws {
        try await Self.run { store, client in
            let token = try #require(Self.cookie(SessionTokens.cookieName, in: try await Self.signIn(client)))
            let before = String(buffer: try await client.execute(uri: "/accounts/a1", method: .get, headers: Self.session(token)).body)
            #expect(before.contains("tenure health recompute"))
            _ = try await HealthEngine(store: store).recompute(asOf: TestClock.now)
            let page = String(buffer: try await client.execute(uri: "/accounts/a1", method: .get, headers: Self.session(token)).body)
            let issued = APIKeys.issue(name: "t", role: .viewer, at: TestClock.now)
            try await store.insertAPIKey(issued.record)
            let api = try await client.execute(uri: "/api/v1/health/accounts/a1", method: .get, headers: [.authorization: "Bearer \(issued.token)"])
            let health = try #require(api.json["health"] as? [String: Any])
            let score = try #require(health["score"] as? Double)
            let colour = try #require(HealthColour(rawValue: health["colour"] as? String ?? ""))
            #expect(page.contains("\(colour.label) · \(HTML.number(score))"))
            #expect(page.contains(HealthSignal.loginTrend.summary) && !page.contains("tenure health recompute"))
            let overview = String(buffer: try await client.execute(uri: "/", method: .get, headers: Self.session(token)).body)
            #expect(!overview.contains("tenure health recompute"))
        }
    }

    @Test("pages keep the markup axe asks for: sign-in autocomplete, dt and dd as children of a dl, scrolling boxes in the tab order")
    func accessibleMarkup() async throws {
        try await Self.run { store, client in
            let form = String(buffer: try await client.execute(uri: "/login", method: .get).body)
            #expect(Self.tag("input", named: "email", in: form)?.contains("autocomplete=\"email\"") == true)
            #expect(Self.tag("input", named: "password", in: form)?.contains("autocomplete=\"current-password\"") == true)
            _ = try await HealthEngine(store: store).recompute(asOf: TestClock.now)
            let token = try #require(Self.cookie(SessionTokens.cookieName, in: try await Self.signIn(client)))
            for path in ["/", "/accounts", "/accounts/a1", "/at-risk", "/renewals", "/cohorts", "/metrics", "/metrics/explain?metric=mrr&period=2026-01"] {
                let page = String(buffer: try await client.execute(uri: path, method: .get, headers: Self.session(token)).body)
                #expect(Self.parents(of: ["dt", "dd"], in: page).allSatisfy { $0 == "dl" }, "\(path)")
                let boxes = Self.tags(matching: #"<div class="[^"]*table-wrap[^"]*"[^>]*>"#, in: page)
                #expect(path != "/accounts" || !boxes.isEmpty)
                for box in boxes {
                    #expect(box.contains("role=\"region\"") && box.contains("tabindex=\"0\"") && box.contains("aria-label=\""), "\(path): \(box)")
                }
            }
            let account = String(buffer: try await client.execute(uri: "/accounts/a1", method: .get, headers: Self.session(token)).body)
            #expect(Self.parents(of: ["dt"], in: account).count >= 10, "the key facts are there")
        }
    }

    /// Every match of `pattern` in `html`.
    static func tags(matching pattern: String, in html: String) -> [String] {
        guard let regex = try? Regex(pattern) else { return [] }
        return html.matches(of: regex).map { String(html[$0.range]) }
    }

    /// The start tag `<element …>` whose `name` attribute is `name`.
    static func tag(_ element: String, named name: String, in html: String) -> String? {
        tags(matching: "<\(element)\\b[^>]*>", in: html).first { $0.contains("name=\"\(name)\"") }
    }

    /// The parent element's name of each `elements` start tag in `html`, from a walk over its start and end tags
    /// (the dashboard closes every element it opens; void elements and `/>` close themselves).
    static func parents(of elements: Set<String>, in html: String) -> [String] {
        let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
        var open: [String] = [], found: [String] = []
        for tag in tags(matching: #"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>"#, in: html) {
            let closing = tag.hasPrefix("</")
            let name = String(tag.dropFirst(closing ? 2 : 1).prefix { $0.isLetter || $0.isNumber }).lowercased()
            if closing {
                if let index = open.lastIndex(of: name) { open.removeSubrange(index...) }
                continue
            }
            if elements.contains(name) { found.append(open.last ?? "") }
            if !void.contains(name) && !tag.hasSuffix("/>") { open.append(name) }
        }
        return found
    }
}
