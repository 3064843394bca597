import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureTestSupport
@testable import TenureStore

/// Churn prediction on the demo, whose churn has known causes: the model must
/// rank held-out months well, be calibrated, and its at-risk list must catch
/// the accounts that really churn afterwards.
@Suite("Churn prediction on the demo")
struct ChurnEngineTests {
    static let asOf = UTCCalendar.date(2026, 10, 1)

    @Test("training backtests well on held-out months, and the list made on June 1 catches July–August's churn")
    func trainAndCatch() async throws {
        try await HealthBacktestTests.withDemo { store in
            let engine = ChurnEngine(store: store)
            let stored = try await engine.train(months: 18, horizonDays: 90, now: Self.asOf)
            let report = stored.report
            #expect(report.testCutoffs.count >= 3)
            #expect(report.rocAUC > 0.8, "ROC AUC \(report.rocAUC)")
            #expect(report.prAUC > 3 * report.baseRate)
            #expect(report.topDecileLift > 3)
            #expect(report.brierScore < 0.8 * report.baseRate * (1 - report.baseRate))
            #expect((report.concordance ?? 0) > 0.7)

            // Every paying account has a prediction, its loss is probability × MRR, and the list is sorted by it.
            let page = try await store.churnRisks(RiskQuery(limit: 500))
            let paying = try await HealthEngine(store: store).states(at: Self.asOf, population: .paying,
                                                                     context: try await .load(from: store, asOf: Self.asOf))
            #expect(page.total == paying.count)
            for entry in page.items {
                #expect(entry.prediction.expectedLoss == Int64((entry.prediction.probability * Double(entry.prediction.mrr)).rounded()))
            }
            #expect(zip(page.items, page.items.dropFirst()).allSatisfy { $0.prediction.expectedLoss >= $1.prediction.expectedLoss })
            #expect(page.items.prefix(25).allSatisfy { !$0.prediction.factors.isEmpty && $0.prediction.survival != nil })

            // A list made as of June 1 from a model trained then: its top fifth by expected loss holds most of the MRR that churned by September.
            let june = UTCCalendar.date(2026, 6, 1)
            _ = try await engine.train(months: 14, horizonDays: 90, now: june)
            let list = try await store.churnRisks(RiskQuery(limit: 500)).items
            let ledger = try await MetricsSnapshot.load(from: store, asOf: Self.asOf).ledger
            let churnedMRR = list.map { entry -> Int64 in
                let churned = ledger.accounts[entry.accountID]?.movements(from: june, to: june.adding(days: 90)).contains { $0.kind == .churn } ?? false
                return churned ? entry.prediction.mrr : 0
            }
            let caught = churnedMRR.prefix(list.count / 5).reduce(0, +), total = churnedMRR.reduce(0, +)
            #expect(total > 0)
            #expect(Double(caught) > 0.5 * Double(total), "the top fifth holds \(caught) of \(total) churned MRR")
        }
    }

    @Test("activation thresholds: reaching the best one goes with less churn; survival differs by segment")
    func activationAndSurvival() async throws {
        try await HealthBacktestTests.withDemo(accounts: 800) { store in
            let engine = ChurnEngine(store: store)
            let found = try await engine.activationThresholds(days: 30, horizonDays: 180, now: Self.asOf)
            #expect(found.accounts > 200)
            let reports = try #require(found.thresholds.first { $0.event == "report_created" })
            #expect(reports.retentionReached > reports.retentionMissed)
            #expect((reports.churnRatio ?? 0) > 2)
            #expect(found.thresholds.map(\.separation) == found.thresholds.map(\.separation).sorted(by: >))
            let curves = try await engine.survivalCurves(by: .segment, now: Self.asOf)
            let yearly = Dictionary(uniqueKeysWithValues: curves.map { ($0.group, $0.estimate.survival(at: 365)) })
            #expect((yearly["enterprise"] ?? 0) > (yearly["self_serve"] ?? 1))
            #expect(curves.allSatisfy { curve in curve.estimate.rows.allSatisfy { $0.lower <= $0.survival && $0.survival <= $0.upper } })
        }
    }
}
