import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureStore

/// Churn models and predictions in the store, on both backends.
@Suite("Churn in the store")
struct ChurnStoreTests {
    static func prediction(_ id: String, _ probability: Double, mrr: Int64) -> ChurnPrediction {
        ChurnPrediction(accountID: id, modelVersion: 1, computedAt: Fixtures.now, probability: probability, horizonDays: 90, mrr: mrr,
                        expectedLoss: Int64((probability * Double(mrr)).rounded()), survival: 0.8, medianDaysToChurn: nil, daysToRenewal: 20,
                        factors: [ChurnModel.Factor(feature: "tickets_60d", logOdds: 0.7, description: "3 support tickets in 60 days")])
    }

    @Test("models get the next version; predictions are replaced whole and ranked by expected loss", arguments: Backend.allCases)
    func modelsAndPredictions(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            #expect(try await store.latestChurnModel() == nil)
            let samples = (0..<6).flatMap { month in
                (0..<40).map { index -> ChurnSample in
                    var activity = AccountActivity(accountID: "x\(index)", createdAt: Fixtures.day(-500))
                    activity.engagementLast30Days = Int64(index)
                    return ChurnSample(subject: AccountState(accountID: "x\(index)", cutoff: Fixtures.day(Double(-200 + 30 * month)), segment: nil,
                                                             activity: activity, mrr: 1_000, firstPaidAt: nil, billingMonths: 1,
                                                             coreFeatureCount: 0, hasMilestone: false),
                                       churned: index % 5 == 0 || index < 8, daysToChurn: index < 8 ? 20 : nil, observedDays: 200)
                }
            }
            let report = try ChurnBacktestReport(samples: samples, trainer: ChurnTrainer())
            let model = try ChurnTrainer().fit(training: samples, calibration: [])
            let first = try await store.saveChurnModel(StoredChurnModel(trainedAt: Fixtures.now, model: model, report: report))
            let second = try await store.saveChurnModel(StoredChurnModel(trainedAt: Fixtures.day(1), model: model, report: report))
            #expect(first.version == 1 && second.version == 2)
            let latest = try #require(try await store.latestChurnModel())
            #expect(latest.version == 2 && latest.model == model && latest.report == report)

            try await store.replaceChurnPredictions([Self.prediction("a1", 0.2, mrr: 20_000), Self.prediction("a2", 0.9, mrr: 11_250)],
                                                events: [], at: TestClock.now)
            var page = try await store.churnRisks(RiskQuery())
            #expect(page.items.map(\.accountID) == ["a2", "a1"] && page.total == 2)     // 10,125 before 4,000
            #expect(page.items[0].name == "Beacon Labs" && page.items[0].ownerID == nil && page.items[0].prediction == Self.prediction("a2", 0.9, mrr: 11_250))
            page = try await store.churnRisks(RiskQuery(ownerID: "csm_1", limit: 1))
            #expect(page.items.map(\.accountID) == ["a1"] && page.total == 1)
            #expect(try await store.churnRisks(RiskQuery(segment: "mid_market")).items.map(\.accountID) == ["a2"])
            #expect(try await store.churnProbabilities(ofAccounts: ["a1", "zz"]) == ["a1": 0.2])
            #expect(try await store.churnPrediction(accountID: "a1")?.factors.first?.description == "3 support tickets in 60 days")
            try await store.replaceChurnPredictions([Self.prediction("a1", 0.5, mrr: 20_000)], events: [], at: TestClock.now)
            #expect(try await store.churnRisks(RiskQuery()).items.map(\.prediction.expectedLoss) == [10_000])
            #expect(try await store.churnPrediction(accountID: "a2") == nil)
        }
    }

    @Test("early usage counts each event from the account's first tracked day", arguments: Backend.allCases)
    func earlyUsage(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            var batch = Fixtures.batch()
            batch.usageRollups.append(UsageRollup(accountID: "a1", day: Fixtures.day(30), event: "login", count: 1_000, users: 9, lastAt: Fixtures.day(30.5)))
            try await store.write(batch, asOf: Fixtures.now)
            let usage = try await store.earlyUsage(days: 30)
            #expect(usage["a1"] == EarlyUsage(firstDay: Fixtures.day(-7), counts: ["login": 42, "report_created": 5]))
            #expect(try await store.earlyUsage(days: 38)["a1"]?.counts["login"] == 1_042)
            #expect(usage["a2"] == nil)
        }
    }
}
