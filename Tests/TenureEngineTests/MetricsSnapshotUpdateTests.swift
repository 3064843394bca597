import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureTestSupport
@testable import TenureStore

/// Bringing a metrics snapshot up to date by reading only the accounts whose
/// facts changed must give exactly what a whole rebuild gives.
@Suite("Incremental metrics snapshot")
struct MetricsSnapshotUpdateTests {
    static let asOf = UTCCalendar.date(2026, 10, 15)

    /// Every figure reports read: each account's MRR steps and movements, its attributes and plan, and the
    /// monthly revenue report over the whole history.
    static func expectSame(_ updated: MetricsSnapshot, _ full: MetricsSnapshot) {
        #expect(updated.version == full.version)
        #expect(Set(updated.ledger.accounts.keys) == Set(full.ledger.accounts.keys))
        for (id, revenue) in full.ledger.accounts {
            let other = updated.ledger.accounts[id]
            #expect(other?.movements == revenue.movements, "movements of \(id)")
            #expect(other?.steps.map(\.at) == revenue.steps.map(\.at), "steps of \(id)")
            #expect(other?.steps.map(\.mrr) == revenue.steps.map(\.mrr), "MRR of \(id)")
            #expect(Set(updated.ledger.history(of: id).keys) == Set(full.ledger.history(of: id).keys), "history of \(id)")
        }
        #expect(updated.accounts == full.accounts)
        #expect(updated.plans == full.plans)
        let range = try! ReportRange(from: "2024-11", to: "2026-10", interval: .month, calendar: full.policy.calendar, now: asOf)
        #expect(updated.revenueReport(range).periods == full.revenueReport(range).periods)
        #expect(updated.revenueReport(range, breakdown: .segment).groups == full.revenueReport(range, breakdown: .segment).groups)
    }

    @Test("changed, new and renamed accounts read alone equal a whole rebuild", arguments: Backend.allCases)
    func incrementalEqualsFull(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await DemoLoader.load(DemoGenerator(seed: 11, accountCount: 120, asOf: Self.asOf), into: store)
            let before = try await MetricsSnapshot.load(from: store, asOf: Self.asOf)
            let paying = before.ledger.accounts.keys.sorted()
            #expect(paying.count > 50)

            // An upgrade, a cancellation and a seat change of three accounts; a new paying account; a renamed segment.
            var batch = FactBatch()
            for (offset, id) in paying.prefix(3).enumerated() {
                let history = before.ledger.history(of: id).values.flatMap { $0 }.sorted { $0.effectiveAt < $1.effectiveAt }
                var state = try #require(history.last).state
                state.status = offset == 1 ? .canceled : .active
                state.endedAt = offset == 1 ? Self.asOf.adding(days: -2) : nil
                state.items = [SubscriptionItem(id: "\(state.id)_new", priceID: "price_growth_monthly", quantity: Int64(7 + offset))]
                batch.subscriptionChanges.append(SubscriptionChange(effectiveAt: Self.asOf.adding(days: -2), state: state))
            }
            batch.accounts = [Account(id: "acct_new_one", name: "New One", createdAt: Self.asOf.adding(days: -20))]
            let started = Self.asOf.adding(days: -10)
            batch.subscriptionChanges.append(SubscriptionChange(effectiveAt: started, state: Subscription(
                id: "sub_new_one", accountID: "acct_new_one", status: .active,
                items: [SubscriptionItem(id: "si_new_one", priceID: "price_business_annual", quantity: 12)], currency: .usd,
                startedAt: started, currentPeriodStart: started, currentPeriodEnd: started.adding(days: 365))))
            try await store.write(batch, asOf: Self.asOf)
            var renamed = try #require(try await store.account(id: paying[5])).account
            renamed.segment = "renamed_segment"
            try await store.write({ var b = FactBatch(); b.accounts = [renamed]; return b }(), asOf: Self.asOf)

            let changes = try await store.factsChanges(since: before.version)
            #expect(changes.accountIDs == Set(paying.prefix(3) + ["acct_new_one", paying[5]]))
            let updated = try await before.updated(with: changes, from: store, asOf: Self.asOf)
            let full = try await MetricsSnapshot.load(from: store, asOf: Self.asOf)
            #expect(updated.ledger.accounts[paying[1]]?.mrr(before: Self.asOf) == 0, "the cancellation took effect")
            #expect(updated.ledger.accounts["acct_new_one"] != nil)
            #expect(updated.accounts[paying[5]]?.segment == "renamed_segment")
            Self.expectSame(updated, full)
        }
    }

    @Test("writes that cannot name their accounts, and a version that went back, ask for everything", arguments: Backend.allCases)
    func unnamedChangesMeanEverything(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let version = try await store.factsVersion()
            #expect(try await store.factsChanges(since: version) == FactsChanges(version: version, accountIDs: []))

            var account = FactBatch()
            account.tickets = [Ticket(id: "t_new", accountID: "a2", subject: "Slow", priority: .low, openedAt: Fixtures.day(-1))]
            try await store.write(account, asOf: Fixtures.now)
            #expect(try await store.factsChanges(since: version).accountIDs == ["a2"])

            var prices = FactBatch()
            prices.prices = [Price(id: "price_new", productID: "prod_growth", unitAmount: 100, currency: .usd, interval: .month)]
            try await store.write(prices, asOf: Fixtures.now)
            let afterPrices = try await store.factsChanges(since: version)
            #expect(afterPrices.accountIDs == nil, "a new price may change any account's MRR")
            #expect(afterPrices.version == version + 2)
            #expect(try await store.factsChanges(since: afterPrices.version + 5).accountIDs == nil, "a restored, older database")

            try await store.refreshAllMRR(asOf: Fixtures.now)
            #expect(try await store.factsChanges(since: afterPrices.version).accountIDs == nil)
        }
    }

    @Test("health scores and churn predictions move the derived version, facts the facts version", arguments: Backend.allCases)
    func dataVersion(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let start = try await store.dataVersion()
            try await store.replaceChurnPredictions([], events: [], at: Fixtures.now)
            let afterPredictions = try await store.dataVersion()
            #expect(afterPredictions.derived == start.derived + 1)
            #expect(afterPredictions.facts == start.facts)
            var batch = FactBatch()
            batch.tickets = [Ticket(id: "t_new", accountID: "a1", subject: "Slow", priority: .low, openedAt: Fixtures.day(-1))]
            try await store.write(batch, asOf: Fixtures.now)
            #expect(try await store.dataVersion() == DataVersion(facts: start.facts + 1, derived: start.derived + 1))
        }
    }
}
