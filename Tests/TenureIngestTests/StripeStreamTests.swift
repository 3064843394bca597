import Foundation
import Testing
import TenureCore
@testable import TenureStore
import TenureTestSupport
@testable import TenureIngest

/// Builds Stripe event JSON the way Stripe sends it.
enum StripeEvents {
    static let base: Int64 = 1_767_225_600 // 2026-01-01

    static func event(_ id: String, _ type: String, _ created: Int64, _ object: String) -> Data {
        Data(#"{"id":"\#(id)","object":"event","type":"\#(type)","created":\#(created),"livemode":false,"data":{"object":\#(object)}}"#.utf8)
    }

    static func price(_ id: String, amount: Int, interval: String = "month") -> String {
        #"{"id":"\#(id)","object":"price","active":true,"currency":"usd","unit_amount":\#(amount),"product":"prod_app","recurring":{"interval":"\#(interval)","interval_count":1,"usage_type":"licensed"}}"#
    }

    static func customer(_ id: String, name: String, email: String) -> String {
        #"{"id":"\#(id)","object":"customer","name":"\#(name)","email":"\#(email)","currency":"usd","metadata":{"plan":"growth"}}"#
    }

    static func subscription(_ id: String, customer: String, status: String, quantity: Int, price: String = price("price_seat", amount: 2_500),
                             start: Int64, couponPercent: Double? = nil, canceledAt: Int64? = nil, endedAt: Int64? = nil) -> String {
        let discount = couponPercent.map { #"{"object":"discount","coupon":{"id":"SAVE","percent_off":\#($0),"duration":"forever"},"start":\#(start)}"# } ?? "null"
        return #"""
        {"id":"\#(id)","object":"subscription","customer":"\#(customer)","status":"\#(status)","currency":"usd","start_date":\#(start),
         "created":\#(start),"current_period_start":\#(start),"current_period_end":\#(start + 2_592_000),"cancel_at":null,
         "canceled_at":\#(canceledAt.map(String.init) ?? "null"),"ended_at":\#(endedAt.map(String.init) ?? "null"),
         "cancellation_details":{"reason":\#(canceledAt == nil ? "null" : "\"cancellation_requested\""),"feedback":null,"comment":null},
         "pause_collection":null,"discount":\#(discount),
         "items":{"object":"list","data":[{"id":"si_\#(id)","object":"subscription_item","quantity":\#(quantity),"price":\#(price)}]}}
        """#
    }

    static func invoice(_ id: String, customer: String, subscription: String, status: String, amount: Int, created: Int64) -> String {
        #"{"id":"\#(id)","object":"invoice","customer":"\#(customer)","subscription":"\#(subscription)","status":"\#(status)","currency":"usd","subtotal":\#(amount),"total":\#(amount),"total_excluding_tax":\#(amount),"amount_due":\#(amount),"amount_paid":\#(status == "paid" ? amount : 0),"period_start":\#(created),"period_end":\#(created + 2_592_000),"created":\#(created),"status_transitions":{"paid_at":\#(status == "paid" ? String(created) : "null")}}"#
    }

    static func charge(_ id: String, invoice: String, refunded: Int) -> String {
        #"{"id":"\#(id)","object":"charge","amount":5000,"amount_refunded":\#(refunded),"currency":"usd","invoice":"\#(invoice)","refunded":true}"#
    }

    /// A month of a small Stripe account: three customers; upgrades, a coupon, a failed and recovered
    /// payment, a cancellation, a refund, and two events in the same second.
    static func stream() -> [Data] {
        let day: Int64 = 86_400
        var events: [Data] = []
        var counter = 0
        func add(_ type: String, _ created: Int64, _ object: String) {
            counter += 1
            events.append(event("evt_\(String(format: "%03d", counter))", type, created, object))
        }
        add("product.created", base, #"{"id":"prod_app","object":"product","name":"App","active":true}"#)
        add("price.created", base, price("price_seat", amount: 2_500))
        for (index, name) in ["Acme", "Beacon", "Cobalt"].enumerated() {
            let customerID = "cus_\(name.lowercased())", subscriptionID = "sub_\(name.lowercased())"
            let start = base + Int64(index) * day
            add("customer.created", start, customer(customerID, name: name, email: "billing@\(name.lowercased()).com"))
            add("customer.subscription.created", start, subscription(subscriptionID, customer: customerID, status: "active", quantity: 5 + index, start: start))
            add("invoice.paid", start + 60, invoice("in_\(name)_1", customer: customerID, subscription: subscriptionID, status: "paid", amount: 2_500 * (5 + index), created: start))
        }
        add("customer.subscription.updated", base + 5 * day, subscription("sub_acme", customer: "cus_acme", status: "active", quantity: 8, start: base))
        add("customer.subscription.updated", base + 5 * day, subscription("sub_acme", customer: "cus_acme", status: "active", quantity: 9, start: base))
        add("customer.subscription.updated", base + 7 * day, subscription("sub_beacon", customer: "cus_beacon", status: "active", quantity: 6, start: base + day, couponPercent: 20))
        add("invoice.payment_failed", base + 9 * day, invoice("in_Cobalt_2", customer: "cus_cobalt", subscription: "sub_cobalt", status: "open", amount: 17_500, created: base + 9 * day))
        add("customer.subscription.updated", base + 9 * day, subscription("sub_cobalt", customer: "cus_cobalt", status: "past_due", quantity: 7, start: base + 2 * day))
        add("invoice.paid", base + 12 * day, invoice("in_Cobalt_2", customer: "cus_cobalt", subscription: "sub_cobalt", status: "paid", amount: 17_500, created: base + 9 * day))
        add("customer.subscription.updated", base + 12 * day, subscription("sub_cobalt", customer: "cus_cobalt", status: "active", quantity: 7, start: base + 2 * day))
        add("customer.subscription.deleted", base + 20 * day, subscription("sub_beacon", customer: "cus_beacon", status: "canceled", quantity: 6, start: base + day,
                                                                          couponPercent: 20, canceledAt: base + 20 * day, endedAt: base + 20 * day))
        add("charge.refunded", base + 21 * day, charge("ch_1", invoice: "in_Beacon_1", refunded: 1_000))
        add("customer.updated", base + 22 * day, customer("cus_acme", name: "Acme Corp", email: "billing@acme.com"))
        return events
    }
}

@Suite("Stripe event streams")
struct StripeStreamTests {
    /// The facts and revenue a store holds after ingesting `events` one delivery at a time.
    static func outcome(_ events: [Data], backend: Backend = .sqlite) async throws -> String {
        try await TestDatabases.withStore(backend) { store in
            let ingestor = StripeIngestor(store: store)
            for event in events { _ = try await ingestor.receive(payload: event) }
            return try await Self.summary(store)
        }
    }

    static func summary(_ store: any Store) async throws -> String {
        let asOf = Date(timeIntervalSince1970: TimeInterval(StripeEvents.base + 40 * 86_400))
        let snapshot = try await MetricsSnapshot.load(from: store, asOf: asOf)
        let movements = snapshot.ledger.movements.map { "\($0.accountID) \($0.kind.rawValue) \($0.amount) \(JSONCoding.format($0.at))" }
        let accounts = try await store.accounts(AccountQuery(limit: 100)).items.map { "\($0.account.id) \($0.account.name) \($0.mrr)" }
        let sql = store as! SQLStore
        let invoices = try await sql.select(Tables.invoices, "ORDER BY id").map { "\($0.id) \($0.status) \($0.amountPaid) \($0.amountRefunded)" }
        let attempts = try await sql.select(Tables.paymentAttempts, "ORDER BY id").map { "\($0.id) \($0.succeeded)" }
        let changes = try await store.subscriptionChanges().map { "\($0.state.id) \(JSONCoding.format($0.effectiveAt)) \($0.state.status) \($0.state.items.map(\.quantity))" }
        return (movements + ["--"] + accounts + ["--"] + invoices + attempts + ["--"] + changes).joined(separator: "\n")
    }

    @Test("shuffled, duplicated and replayed deliveries give exactly the facts and MRR of the ordered stream", arguments: 1...4)
    func orderIndependence(seed: Int) async throws {
        let stream = StripeEvents.stream()
        let ordered = try await Self.outcome(stream)
        var rng = SeededGenerator(seed: UInt64(seed))
        var messy = stream + stream.filter { _ in rng.chance(0.4) }
        messy.shuffle(using: &rng)
        messy += messy.prefix(5)
        #expect(try await Self.outcome(messy) == ordered)
    }

    @Test("the stream becomes the expected accounts, MRR, movements, invoices and refunds", arguments: Backend.allCases)
    func expectedFacts(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let ingestor = StripeIngestor(store: store)
            for event in StripeEvents.stream() { _ = try await ingestor.receive(payload: event) }
            #expect(try await ingestor.receive(payload: StripeEvents.stream()[3]) == .duplicate)
            let accounts = Dictionary(uniqueKeysWithValues: try await store.accounts(AccountQuery()).items.map { ($0.account.id, $0) })
            #expect(accounts["cus_acme"]?.account.name == "Acme Corp")
            #expect(accounts["cus_acme"]?.account.domain == "acme.com")
            #expect(accounts["cus_acme"]?.account.traits["plan"] == .string("growth"))
            let summary = try await Self.summary(store)
            // Acme: 5 seats, then 8 and 9 in the same second: one expansion to 9 × 25.00.
            #expect(summary.contains("cus_acme expansion 10000 "))
            #expect(!summary.contains("cus_acme expansion 7500"))
            // Beacon: 6 seats with 20% off (12,000), then cancelled: churn of 12,000.
            #expect(summary.contains("cus_beacon contraction -3000 "))
            #expect(summary.contains("cus_beacon churn -12000 "))
            #expect(summary.contains("in_Beacon_1 paid 15000 1000"))
            #expect(summary.contains("in_Cobalt_2 paid 17500 0"))
            #expect(summary.contains("evt_015 false"))
            #expect(summary.contains("evt_017 true"))
        }
    }

    @Test("a synced subscription gets its history from its own dates")
    func syncedSnapshot() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let start = StripeEvents.base, trialEnd = start + 14 * 86_400, ended = start + 60 * 86_400
            var object = StripeEvents.subscription("sub_sync", customer: "cus_sync", status: "canceled", quantity: 3, start: start,
                                                   canceledAt: ended - 86_400, endedAt: ended)
            object = object.replacingOccurrences(of: #""cancel_at":null"#, with: #""cancel_at":null,"trial_start":\#(start),"trial_end":\#(trialEnd)"#)
            let json = try JSONSerialization.jsonObject(with: Data(object.utf8)) as! [String: Any]
            let record = try StripeSync.record(for: json, syncedAt: ended + 10 * 86_400)
            try await StripeIngestor(store: store).ingest([record])
            let changes = try await store.subscriptionChanges()
            #expect(changes.map(\.state.status) == [.trialing, .active, .canceled, .canceled])
            #expect(changes.map { Int64($0.effectiveAt.timeIntervalSince1970) } == [start, trialEnd, ended, ended + 10 * 86_400])
            let again = try StripeSync.record(for: json, syncedAt: ended + 20 * 86_400)
            #expect(again.id == record.id)
            #expect(try await StripeIngestor(store: store).ingest([again]).duplicates == 1)
        }
    }
}
