import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import TenureCore
import TenureIngest
import TenureStore
import TenureTestSupport

/// `POST /webhooks/stripe` against hostile headers and absurd events, and the list of failed events.
@Suite("Stripe webhooks over HTTP")
struct StripeWebhookAPITests {
    static let timestamp = Int64(TestClock.now.timeIntervalSince1970)

    /// Posts `payload` with `signature` as the `Stripe-Signature` header (by default a valid one).
    static func post(_ payload: Data, _ client: some TestClientProtocol, signature: String? = nil) async throws -> TestResponse {
        let valid = "t=\(timestamp),v1=" + StripeSignature.sign(payload: payload, timestamp: timestamp, secret: APIHarness.stripeWebhookSecret)
        return try await client.execute(uri: "/webhooks/stripe", method: .post, headers: [.stripeSignatureHeader: signature ?? valid],
                                        body: ByteBuffer(bytes: payload))
    }

    static func subscriptionEvent(_ id: String, created: String = "\(StripeEventFixtures.base)", periodEnd: String? = nil) -> Data {
        var object = StripeEventFixtures.subscription("sub_odd", customer: "cus_odd", status: "active", quantity: 2, start: StripeEventFixtures.base)
        if let periodEnd {
            object = object.replacingOccurrences(of: #""current_period_end":\#(StripeEventFixtures.base + 2_592_000)"#, with: #""current_period_end":\#(periodEnd)"#)
        }
        return Data(#"{"id":"\#(id)","object":"event","type":"customer.subscription.updated","created":\#(created),"data":{"object":\#(object)}}"#.utf8)
    }

    @Test("hostile Stripe-Signature timestamps are 400s and the server goes on answering",
          arguments: ["t=-9223372036854775808,v1=00", "t=9223372036854775807,v1=00", "t=99999999999999999999999,v1=00",
                      "t=253402300800,v1=00", "t=-1,v1=00", "t=1e9,v1=00", "t=,v1=00", "t=\u{FF11}\u{FF12},v1=00", "t=0x10,v1=00"])
    func hostileSignatures(header: String) async throws {
        try await APIHarness.run { _, client in
            let event = Self.subscriptionEvent("evt_hostile")
            let refused = try await Self.post(event, client, signature: header)
            #expect(refused.status == .badRequest)
            #expect(refused.error["code"] == "invalid_signature")
            #expect(refused.error["field"] == "Stripe-Signature")
            #expect(try await Self.post(event, client).status == .ok)
        }
    }

    @Test("an event with an absurd instant is refused naming the field, and nothing is stored", arguments: [
        (subscriptionEvent("evt_created", created: "10000000000000000"), "created"),
        (subscriptionEvent("evt_past", created: "-1000000000000000000"), "created"),
        (subscriptionEvent("evt_period", periodEnd: "10000000000000000"), "subscription.current_period_end"),
        (subscriptionEvent("evt_before_1970", created: "-5"), "created"),
    ])
    func absurdInstants(event: Data, field: String) async throws {
        try await APIHarness.run(seed: { _ in }) { harness, client in
            let response = try await Self.post(event, client)
            #expect(response.status == .badRequest)
            #expect(response.error["field"] == field)
            #expect(response.error["message"]?.contains("between 1970 and 9999") == true)
            #expect(try await harness.store.stripeObjects().isEmpty)
            #expect(try await harness.store.subscriptionChanges().isEmpty)
        }
    }

    @Test("a refused event is not kept, so Stripe's retry of it after a fix is processed, not a duplicate")
    func refusedThenRetried() async throws {
        try await APIHarness.run(seed: { _ in }) { harness, client in
            let broken = StripeEventFixtures.event("evt_price", "price.created", StripeEventFixtures.base,
                                                   StripeEventFixtures.price("price_zero", amount: 1_000).replacingOccurrences(of: #""interval_count":1"#, with: #""interval_count":0"#))
            let refused = try await Self.post(broken, client)
            #expect(refused.status == .badRequest)
            #expect(refused.error["field"] == "price.interval_count")
            #expect(try await harness.store.stripeObjects().isEmpty)
            let fixed = StripeEventFixtures.event("evt_price", "price.created", StripeEventFixtures.base, StripeEventFixtures.price("price_zero", amount: 1_000))
            let retried = try await Self.post(fixed, client)
            #expect(retried.status == .ok)
            #expect(retried.json["outcome"] as? String == "processed")
            #expect(try await harness.store.prices().map(\.id) == ["price_zero"])
        }
    }

    @Test("GET /api/v1/stripe/events?status=failed lists the stored events that failed, with why, to members and admins", arguments: Backend.allCases)
    func failedList(backend: Backend) async throws {
        try await APIHarness.run(backend, seed: { _ in }) { harness, client in
            let poisoned = Self.subscriptionEvent("evt_poisoned", periodEnd: "10000000000000000")
            try await harness.store.insertStripeEvents([StripeEventRecord(
                id: "evt_poisoned", type: "customer.subscription.updated", created: StripeEventFixtures.base, objectType: "subscription",
                objectID: "sub_odd", relatedID: nil, payload: String(decoding: poisoned, as: UTF8.self), receivedAt: TestClock.now)])
            // A later, sound event about the same subscription is processed despite the poisoned one.
            let later = try await Self.post(Self.subscriptionEvent("evt_later", created: "\(StripeEventFixtures.base + 60)"), client)
            #expect(later.status == .ok)
            #expect(try await harness.store.subscriptionChanges().last?.state.items.first?.quantity == 2)
            try await client.execute(uri: "/api/v1/stripe/events?status=failed", method: .get, headers: harness.headers(.member)) { response in
                #expect(response.status == .ok)
                let data = response.json["data"] as? [[String: Any]] ?? []
                #expect(data.map { $0["id"] as? String } == ["evt_poisoned"])
                #expect((data.first?["error"] as? String)?.contains("subscription.current_period_end") == true)
                #expect(data.first?["object_id"] as? String == "sub_odd")
            }
            try await client.execute(uri: "/api/v1/stripe/events?status=failed", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/stripe/events", method: .get, headers: harness.headers(.admin)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == "status")
            }
        }
    }
}

extension HTTPField.Name {
    static let stripeSignatureHeader = Self("Stripe-Signature")!
}
