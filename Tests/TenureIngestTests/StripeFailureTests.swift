import Foundation
import Testing
import TenureCore
@testable import TenureStore
import TenureTestSupport
@testable import TenureIngest

/// Stored events that cannot become facts, and several nodes taking the same events at once.
@Suite("Stripe events that fail, and concurrent deliveries")
struct StripeFailureTests {
    static let receivedAt = Date(timeIntervalSince1970: TimeInterval(StripeEventFixtures.base))

    /// A stored event as it would be after slipping past the checks (written straight to the store).
    static func stored(_ id: String, _ type: String, created: Int64, objectType: String, objectID: String, object: String) -> StripeEventRecord {
        StripeEventRecord(
            id: id, type: type, created: created, objectType: objectType, objectID: objectID, relatedID: nil,
            payload: String(decoding: StripeEventFixtures.event(id, type, created, object), as: UTF8.self), receivedAt: receivedAt)
    }

    static let zeroIntervalPrice = StripeEventFixtures.price("price_seat", amount: 2_500)
        .replacingOccurrences(of: #""interval_count":1"#, with: #""interval_count":0"#)

    /// Poisoned events: a subscription snapshot 10^16 seconds after 1970, one whose period ends then, and a price billed every 0 months.
    static let poisoned = [
        stored("evt_absurd_created", "customer.subscription.updated", created: 10_000_000_000_000_000, objectType: "subscription", objectID: "sub_acme",
               object: StripeEventFixtures.subscription("sub_acme", customer: "cus_acme", status: "active", quantity: 50, start: StripeEventFixtures.base)),
        stored("evt_absurd_period", "customer.subscription.updated", created: StripeEventFixtures.base + 86_400, objectType: "subscription", objectID: "sub_beacon",
               object: StripeEventFixtures.subscription("sub_beacon", customer: "cus_beacon", status: "active", quantity: 60, start: StripeEventFixtures.base)
                .replacingOccurrences(of: #""current_period_end":\#(StripeEventFixtures.base + 2_592_000)"#, with: #""current_period_end":10000000000000000"#)),
        stored("evt_zero_interval", "price.updated", created: StripeEventFixtures.base + 1, objectType: "price", objectID: "price_seat", object: zeroIntervalPrice),
    ]

    @Test("poisoned stored events are marked failed with their reason; later events and reprocess go on and derive the rest",
          arguments: Backend.allCases)
    func poisonedEvents(backend: Backend) async throws {
        let clean = try await StripeStreamTests.outcome(StripeEventFixtures.stream(), backend: backend)
        try await TestDatabases.withStore(backend) { store in
            _ = try await store.insertStripeEvents(Self.poisoned)
            let ingestor = StripeIngestor(store: store, clock: .fixed(Self.receivedAt))
            for event in StripeEventFixtures.stream() { _ = try await ingestor.receive(payload: event) }
            #expect(try await StripeStreamTests.summary(store) == clean)
            #expect(try await ingestor.reprocess() == 12)
            #expect(try await StripeStreamTests.summary(store) == clean)
            let failed = try await store.failedStripeEvents(limit: 10)
            #expect(failed.map(\.id) == ["evt_zero_interval", "evt_absurd_period", "evt_absurd_created"])
            #expect(failed.map { $0.error?.components(separatedBy: ":").first } == ["price.interval_count", "subscription.current_period_end", "created"])
        }
    }

    @Test("a stored event that failed is derived again when it is delivered again, and leaves the failed list", arguments: Backend.allCases)
    func failedThenRedelivered(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let ingestor = StripeIngestor(store: store, clock: .fixed(Self.receivedAt))
            let broken = Self.poisoned[2]
            _ = try await store.insertStripeEvents([broken])
            _ = try await ingestor.reprocess()
            #expect(try await store.failedStripeEvents(limit: 10).map(\.id) == [broken.id])
            #expect(try await store.prices().isEmpty)
            let fixed = try StripeIngestor.record(
                fromEvent: StripeEventFixtures.event(broken.id, broken.type, broken.created, StripeEventFixtures.price("price_seat", amount: 2_500)),
                receivedAt: Self.receivedAt)
            let again = try await ingestor.ingest([fixed])
            #expect(again.new == 1 && again.duplicates == 0 && again.failed.isEmpty)
            #expect(try await store.failedStripeEvents(limit: 10).isEmpty)
            #expect(try await store.prices().map(\.intervalCount) == [1])
            #expect(try await ingestor.ingest([fixed]).duplicates == 1)
        }
    }

    @Test("many nodes delivering the same events at once, each in its own order, finish without deadlock and derive what one node does",
          arguments: Backend.allCases)
    func concurrentDeliveries(backend: Backend) async throws {
        let stream = StripeEventFixtures.stream()
        let sequential = try await StripeStreamTests.outcome(stream, backend: backend)
        try await TestDatabases.withStore(backend) { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for node in 0..<8 {
                    group.addTask {
                        let ingestor = StripeIngestor(store: store, clock: .fixed(Self.receivedAt))
                        var rng = SeededGenerator(seed: UInt64(node + 1))
                        if node.isMultiple(of: 2) {
                            _ = try await ingestor.ingest(stream.shuffled(using: &rng).map { try StripeIngestor.record(fromEvent: $0, receivedAt: Self.receivedAt) })
                        } else {
                            for event in stream.shuffled(using: &rng) { _ = try await ingestor.receive(payload: event) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await StripeStreamTests.summary(store) == sequential)
            #expect(try await store.failedStripeEvents(limit: 10).isEmpty)
        }
    }
}
