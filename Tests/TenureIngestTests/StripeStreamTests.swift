import Foundation
import Testing
import TenureCore
import TenureEngine
@testable import TenureStore
import TenureTestSupport
@testable import TenureIngest

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
        let asOf = Date(timeIntervalSince1970: TimeInterval(StripeEventFixtures.base + 40 * 86_400))
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
        let stream = StripeEventFixtures.stream()
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
            for event in StripeEventFixtures.stream() { _ = try await ingestor.receive(payload: event) }
            #expect(try await ingestor.receive(payload: StripeEventFixtures.stream()[3]) == .duplicate)
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
            let start = StripeEventFixtures.base, trialEnd = start + 14 * 86_400, ended = start + 60 * 86_400
            var object = StripeEventFixtures.subscription("sub_sync", customer: "cus_sync", status: "canceled", quantity: 3, start: start,
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
