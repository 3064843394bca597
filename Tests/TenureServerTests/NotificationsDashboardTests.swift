import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureNotify
import TenureStore
import TenureTestSupport
@testable import TenureServer

/// Settings → Notifications through the router: admins only, CSRF on every POST, the signing secret shown once,
/// the endpoint actions, the delivery log, and escaping of what people typed.
@Suite("Dashboard notification settings")
struct NotificationsDashboardTests {
    static let admin = "root@example.com"
    static let viewer = "vic@example.com"
    static let password = "correct horse battery"
    /// 32 bytes in base64, as TENURE_SECRET_KEY.
    static let key = Data(repeating: 7, count: 32).base64EncodedString()
    static let hook = "https://hooks.example.test/tenure"

    /// A router over the fixtures with an admin and a viewer, a secret key, and `hooks.example.test` allowed (no DNS).
    static func run(_ backend: Backend = .sqlite, _ body: @escaping @Sendable (any Store, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: TestClock.now)
            let hash = try await Passwords.hash(password, cost: 4)
            try await store.insertUser(UserRecord(id: "usr_root", email: admin, name: "Rita Root", role: .admin, passwordHash: hash, createdAt: TestClock.now))
            try await store.insertUser(UserRecord(id: "usr_vic", email: viewer, name: "Vic Viewer", role: .viewer, passwordHash: hash, createdAt: TestClock.now))
            var configuration = ServerConfiguration(clock: TestClock.clock)
            configuration.notify = NotifyConfiguration(secretBox: try SecretBox(base64Key: key),
                                                       outbound: OutboundGuard(allowed: ["hooks.example.test", "hooks.slack.com"]))
            let app = Application(router: buildRouter(store: store, configuration: configuration))
            try await app.test(.router) { client in try await body(store, client) }
        }
    }

    /// A signed-in session: its cookie header and CSRF token.
    struct Session {
        var token: String
        var csrf: String { SessionTokens.csrfToken(forSession: token) }
        var headers: HTTPFields { DashboardRouterTests.session(token) }
        var formHeaders: HTTPFields {
            var headers = headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            return headers
        }
    }

    static func signIn(_ client: any TestClientProtocol, as email: String) async throws -> Session {
        let page = try await client.execute(uri: "/login", method: .get)
        let signInToken = try #require(DashboardRouterTests.cookie(SessionTokens.signInCookieName, in: page))
        let response = try await client.execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(SessionTokens.signInCookieName)=\(signInToken)"],
            body: DashboardRouterTests.form(["csrf": signInToken, "email": email, "password": password]))
        return Session(token: try #require(DashboardRouterTests.cookie(SessionTokens.cookieName, in: response)))
    }

    /// A form body of `fields` in order; a name may repeat (`event_types[]`).
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&"))
    }

    static func get(_ client: any TestClientProtocol, _ path: String, _ session: Session) async throws -> (status: HTTPResponse.Status, body: String) {
        let response = try await client.execute(uri: path, method: .get, headers: session.headers)
        return (response.status, String(buffer: response.body))
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ session: Session, _ fields: [(String, String)] = [],
                     csrf: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: session.formHeaders, body: form([("csrf", csrf ?? session.csrf)] + fields))
    }

    static func webhookFields(description: String = "Ops receiver", types: [String] = ["payment.failed", "account.health.changed"]) -> [(String, String)] {
        [("kind", "webhook"), ("target", hook), ("description", description), ("contact_email", "ops@example.com")]
            + types.map { ("event_types[]", $0) }
    }

    /// The `whsec_…` secrets in `html`.
    static func secrets(in html: String) -> [String] {
        html.matches(of: /whsec_[A-Za-z0-9+\/=]+/).map { String($0.output) }
    }

    @Test("an admin sees the page and the Settings link; a viewer gets 403 on every route and no link")
    func adminOnly() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let page = try await Self.get(client, "/settings/notifications", admin)
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Notifications</h1>") && page.body.contains("Add an endpoint") && page.body.contains("<main id=\"main\""))
            #expect(page.body.contains("<a href=\"/settings/notifications\" aria-current=\"page\">Settings</a>"))
            for type in EventType.allCases where type != .ping {
                #expect(page.body.contains("name=\"event_types[]\" value=\"\(type.rawValue)\""), "\(type)")
            }
            #expect(!page.body.contains("value=\"ping\"") && page.body.contains("All events (*)"))
            let overview = try await Self.get(client, "/", admin)
            #expect(overview.body.contains("href=\"/settings/notifications\""))

            let viewer = try await Self.signIn(client, as: Self.viewer)
            let refused = try await Self.get(client, "/settings/notifications", viewer)
            #expect(refused.status == .forbidden && refused.body.contains("Admins only"))
            #expect(try await Self.get(client, "/settings/notifications/deliveries", viewer).status == .forbidden)
            let viewerOverview = try await Self.get(client, "/", viewer)
            #expect(viewerOverview.status == .ok && !viewerOverview.body.contains("/settings/notifications"))
            let create = try await Self.post(client, "/settings/notifications/endpoints", viewer, Self.webhookFields())
            #expect(create.status == .forbidden)
            #expect(try await store.endpoints().isEmpty)
        }
    }

    @Test("adding a webhook shows its secret once; the endpoint is listed and the secret is not")
    func createWebhook() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let created = try await Self.post(client, "/settings/notifications/endpoints", admin, Self.webhookFields())
            #expect(created.status == .ok)
            let body = String(buffer: created.body)
            let secrets = Self.secrets(in: body)
            #expect(secrets.count == 1 && body.contains("shown only this once"), "\(body)")
            #expect(created.headers[.cacheControl] == "no-store")
            let endpoints = try await store.endpoints().map(\.endpoint)
            #expect(endpoints.count == 1)
            let endpoint = try #require(endpoints.first)
            #expect(endpoint.kind == .webhook && endpoint.target == Self.hook && endpoint.description == "Ops receiver")
            #expect(endpoint.eventTypes == ["payment.failed", "account.health.changed"] && endpoint.contactEmail == "ops@example.com")
            let list = try await Self.get(client, "/settings/notifications", admin).body
            #expect(list.contains("data-endpoint=\"\(endpoint.id)\"") && list.contains(Self.hook) && list.contains("Ops receiver"))
            #expect(Self.secrets(in: list).isEmpty, "the secret is never shown again")
            #expect(list.contains("Rotate secret"))

            // An email endpoint has no secret: back to the list with a message; segments, owners and * are kept.
            let owner = try #require(try await store.csms().first)
            let segment = try #require(try await store.accountSegments().first)
            let email = try await Self.post(client, "/settings/notifications/endpoints", admin, [
                ("kind", "email"), ("target", "ana@example.com"), ("event_types[]", "*"), ("event_types[]", "payment.failed"),
                ("segments[]", segment), ("owners[]", owner.id),
            ])
            #expect(email.status == .seeOther)
            let location = try #require(email.headers[.location])
            #expect(location.hasPrefix("/settings/notifications?done=created&endpoint=ep_"))
            let mail = try #require(try await store.endpoints().map(\.endpoint).first { $0.kind == .email })
            #expect(mail.eventTypes == ["*"] && mail.segments == [segment] && mail.owners == [owner.id])
            let after = try await Self.get(client, location, admin).body
            #expect(after.contains("role=\"status\"") && after.contains("Endpoint \(mail.id) was added."))
        }
    }

    @Test("a POST without the CSRF token, or with a wrong one, is refused and changes nothing")
    func csrf() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let missing = try await client.execute(uri: "/settings/notifications/endpoints", method: .post, headers: admin.formHeaders,
                                                   body: Self.form(Self.webhookFields()))
            #expect(missing.status == .forbidden)
            let wrong = try await Self.post(client, "/settings/notifications/endpoints", admin, Self.webhookFields(), csrf: "forged")
            #expect(wrong.status == .forbidden)
            #expect(try await store.endpoints().isEmpty)
            _ = try await Self.post(client, "/settings/notifications/endpoints", admin, Self.webhookFields())
            let id = try #require(try await store.endpoints().first?.endpoint.id)
            for action in ["test", "disable", "enable", "rotate-secret", "replay-failed"] {
                let forged = try await Self.post(client, "/settings/notifications/endpoints/\(id)/\(action)", admin, csrf: "forged")
                #expect(forged.status == .forbidden, "\(action)")
            }
            #expect(try await store.endpoint(id: id)?.endpoint.status == .enabled)
            #expect(try await store.deliveries(DeliveryQuery()).total == 0)
            // Every form on the page carries the session's token.
            let page = try await Self.get(client, "/settings/notifications", admin).body
            let forms = page.matches(of: /<form [^>]*method="post"[^>]*>/).count
            #expect(forms >= 6 && page.components(separatedBy: "name=\"csrf\" value=\"\(admin.csrf)\"").count - 1 == forms)
        }
    }

    @Test("send test, disable, enable, rotate secret, the delivery log, a delivery's page and replay")
    func actions() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let created = try await Self.post(client, "/settings/notifications/endpoints", admin, Self.webhookFields())
            let first = try #require(Self.secrets(in: String(buffer: created.body)).first)
            let id = try #require(try await store.endpoints().first?.endpoint.id)
            let base = "/settings/notifications/endpoints/\(id)"

            let tested = try await Self.post(client, "\(base)/test", admin)
            #expect(tested.status == .seeOther)
            let deliveries = try await store.deliveries(DeliveryQuery(endpointID: id))
            let ping = try #require(deliveries.items.first)
            #expect(deliveries.total == 1 && ping.eventType == .ping && ping.status == .pending)
            #expect(tested.headers[.location] == "/settings/notifications?done=tested&endpoint=\(id)&delivery=\(ping.id)")
            let page = try await Self.get(client, try #require(tested.headers[.location]), admin).body
            #expect(page.contains("A test ping is on its way to \(id)") && page.contains("data-delivery=\"\(ping.id)\""))

            let disabled = try await Self.post(client, "\(base)/disable", admin)
            #expect(disabled.status == .seeOther && disabled.headers[.location] == "/settings/notifications?done=disabled&endpoint=\(id)")
            #expect(try await store.endpoint(id: id)?.endpoint.status == .disabled)
            let whileDisabled = try await Self.get(client, "/settings/notifications", admin).body
            #expect(whileDisabled.contains("Disabled</span>") && whileDisabled.contains("disabled by a person")
                    && whileDisabled.contains("action=\"\(base)/enable\""))
            let enabled = try await Self.post(client, "\(base)/enable", admin)
            #expect(enabled.status == .seeOther)
            #expect(try await store.endpoint(id: id)?.endpoint.status == .enabled)

            let rotated = try await Self.post(client, "\(base)/rotate-secret", admin)
            let rotatedBody = String(buffer: rotated.body)
            let second = try #require(Self.secrets(in: rotatedBody).first)
            #expect(rotated.status == .ok && second != first && rotatedBody.contains("Signing secret rotated"))

            // The log, filtered, and one delivery with its attempts (none yet: no worker runs here).
            let log = try await Self.get(client, "/settings/notifications/deliveries?endpoint=\(id)&status=pending", admin)
            #expect(log.status == .ok && log.body.contains("data-delivery=\"\(ping.id)\"") && log.body.contains("Replay failed deliveries of this endpoint"))
            let none = try await Self.get(client, "/settings/notifications/deliveries?status=failed", admin)
            #expect(none.status == .ok && !none.body.contains("data-delivery=") && none.body.contains("No deliveries match"))
            let detail = try await Self.get(client, "/settings/notifications/deliveries/\(ping.id)", admin)
            #expect(detail.status == .ok && detail.body.contains("Delivery \(ping.id)") && detail.body.contains("Not attempted yet"))

            // A failed attempt: the log offers Replay, and the delivery's page shows the attempt, its answer escaped.
            let claim = try #require(try await store.claimDeliveries(node: "node-a", now: TestClock.now, leaseUntil: TestClock.now.addingTimeInterval(60), limit: 5).first)
            let attempt = DeliveryAttempt(attempt: claim.attempt, node: "node-a", startedAt: TestClock.now, duration: 0.25, statusCode: 500,
                                          error: nil, request: "POST /tenure HTTP/1.1\nwebhook-id: \(ping.eventID)", response: "<b>boom</b>")
            #expect(try await store.finishAttempt(claim, attempt, outcome: .failed(disableEndpoint: nil), at: TestClock.now))
            let failed = try await Self.get(client, "/settings/notifications/deliveries?status=failed", admin).body
            #expect(failed.contains("data-delivery=\"\(ping.id)\"") && failed.contains("action=\"/settings/notifications/deliveries/\(ping.id)/replay\"")
                    && failed.contains("HTTP 500"))
            let attempted = try await Self.get(client, "/settings/notifications/deliveries/\(ping.id)", admin).body
            #expect(attempted.contains("Attempt 1: HTTP 500") && attempted.contains("250 ms") && attempted.contains("webhook-id: \(ping.eventID)"))
            #expect(attempted.contains("&lt;b&gt;boom&lt;/b&gt;") && attempted.contains("Replay this delivery"))

            let replayed = try await Self.post(client, "/settings/notifications/deliveries/\(ping.id)/replay", admin)
            #expect(replayed.status == .seeOther
                    && replayed.headers[.location] == "/settings/notifications/deliveries/\(ping.id)?done=replayed&delivery=\(ping.id)")
            #expect(try await store.delivery(id: ping.id)?.status == .pending)
            let claimAgain = try #require(try await store.claimDeliveries(node: "node-a", now: TestClock.now, leaseUntil: TestClock.now.addingTimeInterval(60), limit: 5).first)
            #expect(try await store.finishAttempt(claimAgain, attempt, outcome: .failed(disableEndpoint: nil), at: TestClock.now))
            let again = try await Self.post(client, "\(base)/replay-failed", admin)
            #expect(again.status == .seeOther
                    && again.headers[.location] == "/settings/notifications/deliveries?done=replayed-failed&endpoint=\(id)&count=1")
            let replayedPage = try await Self.get(client, try #require(again.headers[.location]), admin).body
            #expect(replayedPage.contains("1 failed delivery of \(id) will be sent again now."))
            #expect(try await store.delivery(id: ping.id)?.status == .pending)

            let unknown = try await Self.post(client, "/settings/notifications/endpoints/ep_nope/test", admin)
            #expect(unknown.status == .notFound)
            #expect(try await Self.get(client, "/settings/notifications/deliveries/dlv_nope", admin).status == .notFound)
        }
    }

    @Test("a refused form comes back 422 with the field named and the values kept")
    func validation() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let noTarget = try await Self.post(client, "/settings/notifications/endpoints", admin, [
                ("kind", "webhook"), ("target", ""), ("description", "Keep me"), ("event_types[]", "payment.failed"),
            ])
            let body = String(buffer: noTarget.body)
            #expect(noTarget.status == .unprocessableContent)
            #expect(body.contains("role=\"alert\" id=\"form-error\"") && body.contains("Target: is required"))
            #expect(body.contains("value=\"Keep me\"") && body.contains("value=\"payment.failed\" checked"))
            #expect(body.contains("id=\"ep-target\" name=\"target\"") && body.contains("aria-invalid=\"true\" aria-describedby=\"form-error\""))

            let noTypes = try await Self.post(client, "/settings/notifications/endpoints", admin, [("kind", "email"), ("target", "ana@example.com")])
            #expect(noTypes.status == .unprocessableContent && String(buffer: noTypes.body).contains("Event types: is required"))

            let privateHook = try await Self.post(client, "/settings/notifications/endpoints", admin, [
                ("kind", "webhook"), ("target", "http://127.0.0.1:9/x"), ("event_types[]", "*"),
            ])
            let privateBody = String(buffer: privateHook.body)
            #expect(privateHook.status == .unprocessableContent && privateBody.contains("Target: ") && privateBody.contains("loopback"))
            #expect(privateBody.contains("value=\"http://127.0.0.1:9/x\""))

            let noKind = try await Self.post(client, "/settings/notifications/endpoints", admin, [("target", Self.hook), ("event_types[]", "*")])
            #expect(noKind.status == .unprocessableContent && String(buffer: noKind.body).contains("Kind: choose webhook, slack or email"))
            #expect(try await store.endpoints().isEmpty)

            // A Slack URL is a credential: the list shows it with its secret path cut.
            let slack = try await Self.post(client, "/settings/notifications/endpoints", admin, [
                ("kind", "slack"), ("target", "https://hooks.slack.com/services/T000/B000/SECRETPART"), ("event_types[]", "account.*"),
            ])
            #expect(slack.status == .seeOther)
            let list = try await Self.get(client, "/settings/notifications", admin).body
            #expect(list.contains("https://hooks.slack.com/services/T000/…") && !list.contains("SECRETPART"))
        }
    }

    @Test("what people typed is escaped: a script in a description stays text")
    func escaping() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let created = try await Self.post(client, "/settings/notifications/endpoints", admin,
                                              Self.webhookFields(description: "<script>alert(1)</script>"))
            #expect(created.status == .ok)
            let list = try await Self.get(client, "/settings/notifications", admin).body
            #expect(list.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !list.contains("<script>"))
            let refused = try await Self.post(client, "/settings/notifications/endpoints", admin, [
                ("kind", "webhook"), ("target", "\"><script>alert(2)</script>"), ("event_types[]", "*"),
            ])
            let body = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent && !body.contains("<script>") && body.contains("&quot;&gt;&lt;script&gt;alert(2)"))
            let notice = try await Self.get(client, "/settings/notifications?done=created&endpoint=%3Cscript%3Ealert(3)%3C%2Fscript%3E", admin).body
            #expect(notice.contains("Endpoint &lt;script&gt;alert(3)&lt;/script&gt; was added.") && !notice.contains("<script>"))
            let deliveries = try await Self.get(client, "/settings/notifications/deliveries?endpoint=%22%3E%3Cscript%3E", admin)
            #expect(deliveries.status == .ok && !deliveries.body.contains("<script>"))
        }
    }
}
