import Foundation
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

@Suite("tenure reprocess")
struct ReprocessCommandTests {
    @Test("reprocess derives every object, reports the events that fail with their reason, and exits 0")
    func reportsFailures() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "sqlite:\(directory.path)/r.sqlite"
        let price = StripeEventFixtures.price("price_zero", amount: 1_000).replacingOccurrences(of: #""interval_count":1"#, with: #""interval_count":0"#)
        let good = StripeEventFixtures.price("price_good", amount: 2_000)
        func stored(_ id: String, _ objectID: String, _ object: String) -> StripeEventRecord {
            StripeEventRecord(id: id, type: "price.created", created: StripeEventFixtures.base, objectType: "price", objectID: objectID, relatedID: nil,
                              payload: String(decoding: StripeEventFixtures.event(id, "price.created", StripeEventFixtures.base, object), as: UTF8.self),
                              receivedAt: TestClock.now)
        }
        try await withStore(url) { store in
            _ = try await store.insertStripeEvents([stored("evt_zero", "price_zero", price), stored("evt_good", "price_good", good)])
        }
        let result = try await CommandRunner.run(["reprocess", "--database", url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Re-derived 2 Stripe objects."))
        #expect(result.stdout.contains("1 events could not become facts"))
        #expect(result.stdout.contains("evt_zero") && result.stdout.contains("price.interval_count"))
        let prices = try await withStore(url) { try await $0.prices() }
        #expect(prices.map(\.id) == ["price_good"])
    }
}
