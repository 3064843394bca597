import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureTestSupport
@testable import TenureStore

/// Health scores against the demo's churn, whose causes are known: the
/// default score must beat every single signal, its colour bands must be
/// ordered, later facts must never move a past score, and calibration must
/// propose without replacing.
@Suite("Health backtests on the demo")
struct HealthBacktestTests {
    static let asOf = UTCCalendar.date(2026, 10, 1)

    /// Runs `body` on a store holding the demo (`accounts` accounts, seed 42).
    static func withDemo<T>(_ backend: Backend = .sqlite, accounts: Int = 1_500,
                            _ body: (any Store) async throws -> T) async throws -> T {
        try await TestDatabases.withStore(backend) { store in
            try await DemoLoader.load(DemoGenerator(seed: 42, accountCount: accounts, asOf: asOf), into: store)
            return try await body(store)
        }
    }

    @Test("the standard score beats each signal alone, and churn falls from red to yellow to green")
    func standardScoreValidates() async throws {
        let report = try await Self.withDemo { store in
            try await HealthEngine(store: store).backtest(.standard, version: 1, months: 12, horizonDays: 90, now: Self.asOf)
        }
        #expect(report.cutoffs.count == 12)
        #expect(report.samples > 5_000 && report.churned > 300)
        let auc = try #require(report.auc)
        #expect(auc > 0.75)
        for signal in report.signals {
            #expect(auc > (signal.auc ?? 0), "\(signal.signal.rawValue) alone has AUC \(signal.auc ?? 0), the score \(auc)")
        }
        #expect(report.bandsOrdered)
        let rates = report.bands.map { $0.churnRate ?? 0 }
        #expect(rates[0] > 2 * rates[1] && rates[1] > 2 * rates[2], "\(rates)")
        #expect(report.greenChurned == report.bands[2].churned)
    }

    @Test("facts and subscription changes dated after a cut-off never change its scores")
    func noLookAhead() async throws {
        try await Self.withDemo(accounts: 300) { store in
            let engine = HealthEngine(store: store)
            let cutoff = UTCCalendar.date(2026, 6, 1)
            let before = try await engine.scores(at: cutoff, definition: .standard, population: .paying,
                                                 context: try await .load(from: store, asOf: Self.asOf))
            #expect(before.count > 100)
            var later = FactBatch()
            for (index, score) in before.enumerated() {
                let id = score.accountID
                later.usageRollups.append(UsageRollup(accountID: id, day: cutoff, event: "login", count: 1_000, users: 50, lastAt: cutoff.adding(days: 0.5)))
                later.tickets.append(Ticket(id: "late_t\(index)", accountID: id, subject: "Late", priority: .urgent, status: .open, openedAt: cutoff))
                later.surveyResponses.append(SurveyResponse(id: "late_s\(index)", accountID: id, kind: .nps, score: 0, respondedAt: cutoff.adding(days: 3)))
                later.touchpoints.append(Touchpoint(id: "late_tp\(index)", accountID: id, kind: .qbr, occurredAt: cutoff, summary: "QBR",
                                                    executiveSponsorPresent: true))
            }
            // A cancellation and a seat change after the cut-off, on accounts paying at it.
            for (index, score) in before.prefix(2).enumerated() {
                var state = try #require(try await store.subscriptions(ofAccount: score.accountID).first)
                if index == 0 {
                    state.status = .canceled
                    state.endedAt = cutoff.adding(days: 5)
                } else {
                    state.items[0].quantity += 40
                }
                later.subscriptionChanges.append(SubscriptionChange(effectiveAt: cutoff.adding(days: 5), state: state))
            }
            try await store.write(later, asOf: Self.asOf)
            let after = try await engine.scores(at: cutoff, definition: .standard, population: .paying,
                                                context: try await .load(from: store, asOf: Self.asOf))
            #expect(after == before)
            let nextDay = try await engine.scores(at: cutoff.adding(days: 1), definition: .standard, population: .paying,
                                                  context: try await .load(from: store, asOf: Self.asOf))
            #expect(nextDay != before, "the late facts count from the day after")
        }
    }

    @Test("calibration proposes better weights as a new inactive version; the active one stays")
    func calibration() async throws {
        try await Self.withDemo { store in
            let engine = HealthEngine(store: store)
            let result = try await engine.calibrate(months: 12, horizonDays: 90, save: true, now: Self.asOf)
            let calibration = result.calibration
            #expect(result.version == 2)
            #expect(try await store.activeDefinition(.health)?.version == 1)
            let stored = try #require(try await store.definition(.health, version: 2))
            #expect(stored.origin == .calibration && !stored.active)
            #expect(try stored.healthDefinition() == calibration.proposal)
            #expect(calibration.proposal.signals.map(\.weight).reduce(0, +) == 100)
            #expect(calibration.trainingCutoffs.count == 8 && calibration.holdoutCutoffs.count == 4)
            let current = try #require(calibration.currentHoldoutAUC), proposed = try #require(calibration.proposedHoldoutAUC)
            #expect(proposed >= current - 0.005, "held-out AUC \(current) → \(proposed)")
            // Signals flagged as not predicting get no weight; the rest carry it all.
            for entry in calibration.signals where entry.flag != nil { #expect(entry.proposedWeight == 0) }
            #expect(calibration.signals.contains { $0.signal == .engagement30Days && $0.flag == nil && $0.proposedWeight > 0 })
        }
    }

    @Test("recompute with a backfill gives SQLite and PostgreSQL the same scores, history and alerts")
    func backendsAgree() async throws {
        var results: [(scores: [String: Double], history: Int, alerts: [HealthAlert], segments: [String: String?])] = []
        for backend in Backend.allCases {
            results.append(try await Self.withDemo(backend, accounts: 150) { store in
                _ = try await store.addDefinition(StoredDefinition(
                    kind: .segmentation, name: "Standard", format: .yaml, source: try DefinitionDocument.yaml(SegmentationDefinition.standard),
                    origin: .builtin, createdAt: Self.asOf), activate: true)
                let summary = try await HealthEngine(store: store).recompute(asOf: Self.asOf, backfillDays: 56, everyDays: 14)
                #expect(summary.cutoffs == 5)
                let page = try await store.accounts(AccountQuery(limit: 500))
                var history = 0
                for account in page.items { history += try await store.healthHistory(accountID: account.account.id, since: nil).count }
                return (Dictionary(uniqueKeysWithValues: page.items.compactMap { item in item.health.map { (item.account.id, $0.score) } }),
                        history, try await store.healthAlerts(since: Self.asOf.adding(days: -60), limit: 1_000).map(\.alert),
                        Dictionary(uniqueKeysWithValues: page.items.map { ($0.account.id, $0.account.segment) }))
            })
        }
        #expect(results[0].scores.count > 50)
        #expect(results[0].scores == results[1].scores)
        #expect(results[0].history == results[1].history && results[0].history > 4 * results[0].scores.count)
        #expect(results[0].alerts == results[1].alerts)
        #expect(results[0].segments == results[1].segments)
    }
}
