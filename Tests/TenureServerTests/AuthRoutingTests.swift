import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureStore
import TenureTestSupport
@testable import TenureServer

/// Authentication and role checks on routes, over in-memory key and user stores: no database.
@Suite("Auth and routing without a database")
struct AuthRoutingTests {
    static func keysRouter(_ keys: InMemoryKeyStore) -> Router<TenureRequestContext> {
        let router = Router(context: TenureRequestContext.self)
        router.add(middleware: ErrorEnvelopeMiddleware())
        let api = router.group("api/v1").add(middleware: APIKeyAuthenticator(store: keys, clock: TestClock.clock))
        KeysController(store: keys, clock: TestClock.clock).register(on: api.group("keys"))
        return router
    }

    @Test("keys: 401 without or with a bad or revoked key, 403 below admin, admins create, list and revoke")
    func keys() async throws {
        let keys = InMemoryKeyStore()
        let admin = APIKeys.issue(name: "admin", role: .admin, at: TestClock.now)
        let viewer = APIKeys.issue(name: "viewer", role: .viewer, at: TestClock.now)
        try await keys.insertAPIKey(admin.record)
        try await keys.insertAPIKey(viewer.record)
        try await Application(router: Self.keysRouter(keys)).test(.router) { client in
            func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
            try await client.execute(uri: "/api/v1/keys", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: bearer("tnr_nope_nope")) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: bearer(viewer.token)) { #expect($0.status == .forbidden) }
            let created = try await client.execute(uri: "/api/v1/keys", method: .post, headers: bearer(admin.token),
                                                   body: ByteBuffer(string: #"{"name":"ci","role":"member"}"#)) { response in
                #expect(response.status == .created)
                return response.json["token"] as? String
            }
            let token = try #require(created)
            #expect(try await keys.apiKeys().count == 3)
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: bearer(token)) { #expect($0.status == .forbidden) }
            #expect(try await keys.apiKey(id: try #require(APIKeys.parse(token)?.0))?.lastUsedAt == TestClock.now, "use is recorded")
            try await client.execute(uri: "/api/v1/keys/\(viewer.record.id)", method: .delete, headers: bearer(admin.token)) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: bearer(viewer.token)) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/keys/\(admin.record.id)", method: .delete, headers: bearer(admin.token)) {
                #expect($0.status == .conflict, "a key cannot revoke itself")
            }
        }
    }

    @Test("sign-in over an in-memory user store: the session cookie opens guarded pages, the raw token is never stored")
    func signIn() async throws {
        let users = InMemoryUserStore()
        try await users.insertUser(UserRecord(id: "u1", email: "ana@example.com", name: "Ana", role: .member,
                                              passwordHash: try await Passwords.hash("correct horse", cost: 4), createdAt: TestClock.now))
        let router = Router(context: TenureRequestContext.self)
        router.add(middleware: ErrorEnvelopeMiddleware())
        SignInController(store: users, clock: TestClock.clock, throttle: SignInThrottle()).register(on: router)
        router.group("inside").add(middleware: SessionAuthenticator(store: users, clock: TestClock.clock))
            .get { _, context in context.dashboardUser?.email ?? "nobody" }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/inside", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=/inside")
            }
            let form = try await client.execute(uri: "/login", method: .get) { $0 }
            let signInCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix(SessionTokens.signInCookieName) })
            let csrf = try #require(signInCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init))
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "\(SessionTokens.signInCookieName)=\(csrf)"]
            let wrong = "csrf=\(csrf)&email=ana%40example.com&password=wrong&next=%2Finside"
            try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: wrong)) { #expect($0.status == .unauthorized) }
            let right = "csrf=\(csrf)&email=ana%40example.com&password=correct+horse&next=%2Finside"
            let signedIn = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: right)) { $0 }
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/inside")
            let session = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix(SessionTokens.cookieName + "=") })
            let token = try #require(session.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init))
            #expect(try await users.session(tokenHash: SessionTokens.hash(token), at: TestClock.now) != nil)
            #expect(try await users.session(tokenHash: token, at: TestClock.now) == nil)
            headers[.cookie] = "\(SessionTokens.cookieName)=\(token)"
            try await client.execute(uri: "/inside", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ana@example.com")
            }
        }
    }
}
