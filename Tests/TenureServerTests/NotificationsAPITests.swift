import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureNotify
import TenureServer
import TenureStore
import TenureTestSupport

/// The notification routes: endpoints (secrets shown once, sealed at rest, targets checked), deliveries and replay,
/// the outbox, and the public one-click unsubscribe.
@Suite("Notifications API")
struct NotificationsAPITests {
    /// A fixed `TENURE_SECRET_KEY`: 32 bytes, base64.
    static let secretKey = Data((0..<32).map { UInt8($0) }).base64EncodedString()

    /// Runs `body` against a router whose notifications seal under ``secretKey`` and may reach `allow`.
    static func run(_ backend: Backend, allow: [String] = ["127.0.0.1"],
                    _ body: @escaping @Sendable (APIHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await APIHarness.run(backend) { harness, _ in
            var configuration = ServerConfiguration(clock: TestClock.clock)
            configuration.notify = NotifyConfiguration(secretBox: try SecretBox(base64Key: secretKey), outbound: OutboundGuard(allowed: allow))
            let app = Application(router: buildRouter(store: harness.store, configuration: configuration))
            try await app.test(.router) { client in try await body(harness, client) }
        }
    }

    /// Creates a webhook endpoint to `target` and returns the response's JSON.
    static func createWebhook(_ client: any TestClientProtocol, _ harness: APIHarness, target: String = "http://127.0.0.1:9/hook",
                              events: String = #"["account.health.changed","payment.failed"]"#) async throws -> [String: Any] {
        try await client.execute(uri: "/api/v1/webhook-endpoints", method: .post, headers: harness.headers(.admin, json: true),
                                 body: ByteBuffer(json: #"{"kind":"webhook","target":"\#(target)","event_types":\#(events),"description":"CRM"}"#)) { response in
            #expect(response.status == .created, "\(String(buffer: response.body))")
            return response.json
        }
    }

    @Test("a webhook endpoint's secret is returned once, never by GET, and stored sealed", arguments: Backend.allCases)
    func secretShownOnce(backend: Backend) async throws {
        try await Self.run(backend) { harness, client in
            let created = try await Self.createWebhook(client, harness)
            let id = try #require(created["id"] as? String)
            let secret = try #require(created["secret"] as? String)
            #expect(secret.hasPrefix("whsec_"))
            #expect(created["event_types"] as? [String] == ["account.health.changed", "payment.failed"])
            #expect(created["status"] as? String == "enabled" && created["target"] as? String == "http://127.0.0.1:9/hook")
            try await client.execute(uri: "/api/v1/webhook-endpoints/\(id)", method: .get, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok)
                #expect(response.json["secret"] == nil && response.json["sealed_secrets"] == nil)
                #expect(!String(buffer: response.body).contains(secret))
            }
            try await client.execute(uri: "/api/v1/webhook-endpoints", method: .get, headers: harness.headers(.admin)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
                #expect(!String(buffer: response.body).contains(secret) && !String(buffer: response.body).contains("v1:"))
            }
            let stored = try #require(try await harness.store.endpoint(id: id))
            #expect(stored.sealedSecrets.hasPrefix("v1:") && !stored.sealedSecrets.contains(secret))
            #expect(!stored.sealedSecrets.contains(String(secret.dropFirst(6).prefix(20))))
            let rotated = try await client.execute(uri: "/api/v1/webhook-endpoints/\(id)/rotate-secret", method: .post,
                                                   headers: harness.headers(.admin, json: true), body: ByteBuffer(json: #"{"overlap_seconds":3600}"#)) { response in
                #expect(response.status == .ok)
                return response.json["secret"] as? String
            }
            #expect(rotated?.hasPrefix("whsec_") == true && rotated != secret)
            try await client.execute(uri: "/api/v1/webhook-endpoints/\(id)/rotate-secret", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok, "an empty body takes the default overlap")
            }
        }
    }

    @Test("validation errors name the field: event_types[1], a private target, kind, a NUL in the description", arguments: Backend.allCases)
    func validation(backend: Backend) async throws {
        try await Self.run(backend, allow: []) { harness, client in
            let cases: [(body: String, field: String)] = [
                (#"{"kind":"webhook","target":"http://203.0.113.9/h","event_types":["payment.failed","payment.lost"]}"#, "event_types[1]"),
                (#"{"kind":"webhook","target":"http://10.0.0.7/hook","event_types":["*"]}"#, "target"),
                (#"{"kind":"webhook","target":"http://127.0.0.1:9/hook","event_types":["*"]}"#, "target"),
                (#"{"target":"http://203.0.113.9/h","event_types":["*"]}"#, "kind"),
                (#"{"kind":"email","target":"cs@example.com","event_types":["*"],"description":"a\u0001b"}"#, "description"),
            ]
            for (body, field) in cases {
                try await client.execute(uri: "/api/v1/webhook-endpoints", method: .post, headers: harness.headers(.admin, json: true),
                                         body: ByteBuffer(json: body)) { response in
                    #expect(response.status == .unprocessableContent, "\(body): \(String(buffer: response.body))")
                    #expect(response.error["field"] == field, "\(body)")
                }
            }
            try await client.execute(uri: "/api/v1/webhook-endpoints", method: .post, headers: harness.headers(.admin, json: true),
                                     body: ByteBuffer(json: #"{"kind":"email","target":"cs@example.com","event_types":["*"],"description":"a\u0000b"}"#)) { response in
                #expect(response.status == .badRequest && response.error["field"] == "description")
            }
            #expect(try await harness.store.endpoints().isEmpty, "a refused request stores nothing")
        }
        try await Self.run(backend, allow: ["127.0.0.1"]) { harness, client in
            let created = try await Self.createWebhook(client, harness, target: "http://127.0.0.1:9/hook")
            #expect(created["target"] as? String == "http://127.0.0.1:9/hook")
        }
    }

    @Test("endpoint and delivery routes need the admin role; events are open to viewers; unknown query parameters are 400s")
    func roles() async throws {
        try await Self.run(.sqlite) { harness, client in
            for role in [Role.viewer, .member] {
                try await client.execute(uri: "/api/v1/webhook-endpoints", method: .get, headers: harness.headers(role)) { #expect($0.status == .forbidden) }
                try await client.execute(uri: "/api/v1/webhook-endpoints", method: .post, headers: harness.headers(role, json: true),
                                         body: ByteBuffer(json: #"{"kind":"email","target":"cs@example.com","event_types":["*"]}"#)) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(uri: "/api/v1/deliveries", method: .get, headers: harness.headers(role)) { #expect($0.status == .forbidden) }
            }
            try await client.execute(uri: "/api/v1/webhook-endpoints", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/events", method: .get, headers: harness.headers(.viewer)) { #expect($0.status == .ok) }
            for uri in ["/api/v1/deliveries?colour=red", "/api/v1/webhook-endpoints?limit=5", "/api/v1/events?kind=ping"] {
                try await client.execute(uri: uri, method: .get, headers: harness.headers(.admin)) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(["colour", "limit", "kind"].contains(response.error["field"] ?? ""), "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/deliveries?status=lost", method: .get, headers: harness.headers(.admin)) { response in
                #expect(response.status == .badRequest && response.error["field"] == "status")
            }
            try await client.execute(uri: "/api/v1/webhook-endpoints/ep_none", method: .get, headers: harness.headers(.admin)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/webhook-endpoints/ep_none/test", method: .post, headers: harness.headers(.admin)) { #expect($0.status == .notFound) }
        }
    }

    @Test("a test ping creates a pending delivery, listed and shown with its attempts; its event is in the outbox", arguments: Backend.allCases)
    func testPing(backend: Backend) async throws {
        try await Self.run(backend) { harness, client in
            let id = try #require(try await Self.createWebhook(client, harness)["id"] as? String)
            let delivery = try await client.execute(uri: "/api/v1/webhook-endpoints/\(id)/test", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .accepted)
                #expect(response.json["event_type"] as? String == "ping" && response.json["status"] as? String == "pending")
                #expect(response.json["endpoint_id"] as? String == id && response.json["attempt_count"] as? Int == 0)
                return response.json
            }
            let deliveryID = try #require(delivery["id"] as? String)
            let eventID = try #require(delivery["event_id"] as? String)
            try await client.execute(uri: "/api/v1/deliveries?endpoint_id=\(id)&status=pending", method: .get, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok)
                #expect((response.json["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [deliveryID])
                #expect(response.json["total"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/deliveries/\(deliveryID)", method: .get, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok && (response.json["attempts"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/events?type=ping", method: .get, headers: harness.headers(.viewer)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [eventID])
            }
            try await client.execute(uri: "/api/v1/events/\(eventID)", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok && response.json["type"] as? String == "ping")
                let payload = response.json["payload"] as? [String: Any]
                #expect(payload?["type"] as? String == "ping")
                #expect((payload?["data"] as? [String: Any])?["endpoint_id"] as? String == id)
            }
            try await client.execute(uri: "/api/v1/webhook-endpoints/\(id)/disable", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok && response.json["status"] as? String == "disabled")
            }
            try await client.execute(uri: "/api/v1/webhook-endpoints/\(id)/enable", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok && response.json["status"] as? String == "enabled" && response.json["disabled_reason"] == nil)
            }
        }
    }

    @Test("replay makes a failed delivery pending again, alone or by filter; a filter without a range or endpoint is a 422", arguments: Backend.allCases)
    func replay(backend: Backend) async throws {
        try await Self.run(backend) { harness, client in
            let id = try #require(try await Self.createWebhook(client, harness)["id"] as? String)
            let deliveryID = try await client.execute(uri: "/api/v1/webhook-endpoints/\(id)/test", method: .post, headers: harness.headers(.admin)) {
                $0.json["id"] as? String
            }
            let now = TestClock.now
            let claim = try #require(try await harness.store.claimDeliveries(node: "n1", now: now, leaseUntil: now.addingTimeInterval(60), limit: 10).first)
            #expect(claim.deliveryID == deliveryID)
            let attempt = DeliveryAttempt(attempt: 1, node: "n1", startedAt: now, duration: 0.25, statusCode: 500, error: nil,
                                          request: "POST /hook (127.0.0.1)", response: "oops")
            #expect(try await harness.store.finishAttempt(claim, attempt, outcome: .failed(disableEndpoint: nil), at: now))
            try await client.execute(uri: "/api/v1/deliveries/\(claim.deliveryID)", method: .get, headers: harness.headers(.admin)) { response in
                #expect(response.json["status"] as? String == "failed" && response.json["last_status_code"] as? Int == 500)
                let attempts = response.json["attempts"] as? [[String: Any]] ?? []
                #expect(attempts.count == 1 && attempts.first?["duration_ms"] as? Int == 250 && attempts.first?["response"] as? String == "oops")
            }
            try await client.execute(uri: "/api/v1/deliveries/\(claim.deliveryID)/replay", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "pending" && response.json["attempt_count"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/deliveries/replay", method: .post, headers: harness.headers(.admin, json: true),
                                     body: ByteBuffer(json: #"{"endpoint_id":"\#(id)"}"#)) { response in
                #expect(response.status == .ok && response.json["replayed"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/deliveries/replay", method: .post, headers: harness.headers(.admin, json: true),
                                     body: ByteBuffer(json: #"{"status":"failed","since":"2026-06-01"}"#)) { response in
                #expect(response.status == .unprocessableContent && response.error["field"] == "until")
            }
            try await client.execute(uri: "/api/v1/deliveries/dlv_none/replay", method: .post, headers: harness.headers(.admin)) { #expect($0.status == .notFound) }
        }
    }

    @Test("one-click unsubscribe records the opt-out with a good token; a bad token is 403; without a secret key it is 404", arguments: Backend.allCases)
    func unsubscribe(backend: Backend) async throws {
        try await Self.run(backend) { harness, client in
            let email = "ana@example.com"
            let token = try SecretBox(base64Key: Self.secretKey).unsubscribeToken(for: email)
            let query = "email=ana%40example.com&token=\(token)"
            try await client.execute(uri: "/unsubscribe?\(query)", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(String(buffer: response.body).contains(#"<form method="post""#) && String(buffer: response.body).contains("ana@example.com"))
            }
            #expect(try await harness.store.optedOut([email]).isEmpty, "showing the page unsubscribes nobody")
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/unsubscribe?email=ana%40example.com&token=\(token.dropLast())x", method: .post, headers: form,
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { #expect($0.status == .forbidden) }
            #expect(try await harness.store.optedOut([email]).isEmpty)
            try await client.execute(uri: "/unsubscribe?\(query)", method: .post, headers: form, body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("no more notification emails"))
            }
            #expect(try await harness.store.optedOut([email]) == [email])
        }
        try await APIHarness.run(.sqlite) { _, client in
            try await client.execute(uri: "/unsubscribe?email=a%40b.com&token=x", method: .post, body: ByteBuffer(string: "List-Unsubscribe=One-Click")) {
                #expect($0.status == .notFound)
            }
        }
    }
}
