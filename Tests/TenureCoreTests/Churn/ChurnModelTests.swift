import Foundation
import Testing
@testable import TenureCore

/// Churn features, model arithmetic, training and activation thresholds on hand-built and simulated data.
@Suite("Churn model")
struct ChurnModelTests {
    static let cutoff = UTCCalendar.date(2026, 6, 1)

    static func state(_ id: String = "a", engagement: Int64 = 40, previous: Int64 = 80, twoMonthsAgo: Int64 = 100, nps: Int? = nil,
                      segment: String? = "smb", cancelAt: Date? = nil) -> AccountState {
        var activity = AccountActivity(accountID: id, createdAt: cutoff.adding(days: -400))
        activity.engagementLast30Days = engagement
        activity.engagementPrevious30Days = previous
        activity.engagement60To90Days = twoMonthsAgo
        activity.firstEngagementAt = cutoff.adding(days: -390)
        activity.engagementFirst30Days = 99
        activity.lastActivityAt = cutoff.adding(days: -2)
        activity.latestNPS = nps
        activity.seats = 10
        activity.peakActiveUsers = 4
        return AccountState(accountID: id, cutoff: cutoff, segment: segment, activity: activity, mrr: 50_000,
                            firstPaidAt: cutoff.adding(days: -365), billingMonths: 12, cancellationScheduledAt: cancelAt,
                            coreFeatureCount: 5, hasMilestone: false)
    }

    @Test("features are logs of counts, log ratios of trends, flags and a segment flag")
    func features() {
        let values = ChurnFeatures.values(of: Self.state())
        #expect(values["engagement_30d"] == log1p(40))
        #expect(values["engagement_change_30d"] == log(41.0 / 81.0))
        #expect(values["engagement_change_90d"] == log(41.0 / 101.0))
        #expect(values["login_trend"] == log1p(41.0 / 100.0))
        #expect(values["active_seat_share"] == 0.4)
        #expect(values["latest_nps"] == nil && values["no_nps_answer"] == 1)
        #expect(values["first_value_reached"] == nil, "no milestone configured")
        #expect(values["annual_contract"] == 1 && values["cancellation_scheduled"] == 0)
        #expect(values["segment=smb"] == 1)
        #expect(values["mrr"] == log1p(500))
        #expect(values["days_to_renewal"] == 365, "no renewal known")
    }

    @Test("each feature reads as a fact a CSM can say aloud")
    func descriptions() {
        let state = Self.state(nps: 4, cancelAt: UTCCalendar.date(2026, 6, 20))
        #expect(ChurnFeatures.describe("engagement_change_30d", of: state) == "engagement down 50% vs the previous 30 days")
        #expect(ChurnFeatures.describe("login_trend", of: state) == "logins down 59% vs the first month")
        #expect(ChurnFeatures.describe("latest_nps", of: state) == "latest NPS 4 (detractor)")
        #expect(ChurnFeatures.describe("no_nps_answer", of: Self.state()) == "no NPS answer in a year")
        #expect(ChurnFeatures.describe("cancellation_scheduled", of: state) == "cancellation scheduled for 2026-06-20")
        #expect(ChurnFeatures.describe("active_seat_share", of: state) == "4 of 10 paid seats active")
        #expect(ChurnFeatures.describe("tenure_days", of: state) == "customer for 12 months")
        #expect(ChurnFeatures.describe("segment=enterprise", of: state) == "in the enterprise segment")
    }

    @Test("probability and factors follow the stored coefficients and calibration exactly")
    func arithmetic() {
        let model = ChurnModel(features: ["engagement_30d", "no_nps_answer"], imputation: [0, 0], means: [3, 0.5], scales: [1, 0.5],
                               coefficients: [-0.8, 0.4], intercept: -1, calibrationSlope: 0.9, calibrationOffset: 0.2, horizonDays: 90)
        let state = Self.state(engagement: 0)
        let row = [(log1p(0) - 3) / 1, (1 - 0.5) / 0.5]
        let logit = -1 - 0.8 * row[0] + 0.4 * row[1]
        #expect(abs(model.logOdds(model.standardizedRow(state)) - logit) < 1e-12)
        #expect(abs(model.probability(state) - 1 / (1 + exp(-(0.9 * logit + 0.2)))) < 1e-12)
        let factors = model.factors(state)
        #expect(factors.map(\.feature) == ["engagement_30d", "no_nps_answer"])
        #expect(abs(factors[0].logOdds - 0.9 * 0.8 * 3) < 1e-12 && factors[0].description == "0 engagement events in the last 30 days")
    }

    /// Accounts whose engagement falls churn: a known signal to learn.
    static func simulated(cutoffs: Int, perCutoff: Int) -> [ChurnSample] {
        var rng = SeededGenerator(seed: 7)
        var samples: [ChurnSample] = []
        for month in 0..<cutoffs {
            let cutoff = UTCCalendar.adding(months: month, to: UTCCalendar.date(2025, 1, 1))
            for index in 0..<perCutoff {
                let previous = Int64(20 + rng.next() % 80)
                let falling = rng.unit() < 0.3
                let now = falling ? Int64(Double(previous) * rng.unit() * 0.4) : previous + Int64(rng.next() % 20)
                var state = Self.state("a\(index)", engagement: now, previous: previous, twoMonthsAgo: previous,
                                       nps: rng.unit() < 0.5 ? Int(rng.next() % 11) : nil, segment: index % 3 == 0 ? "enterprise" : "smb")
                state.cutoff = cutoff
                let churned = rng.unit() < (falling ? 0.45 : 0.05)
                samples.append(ChurnSample(subject: state, churned: churned, daysToChurn: churned ? Double(10 + rng.next() % 80) : nil,
                                           observedDays: 365))
            }
        }
        return samples
    }

    @Test("training learns a planted signal; the time-split backtest ranks and calibrates on months it never saw")
    func training() throws {
        let samples = Self.simulated(cutoffs: 10, perCutoff: 300)
        let report = try ChurnBacktestReport(samples: samples, trainer: ChurnTrainer())
        #expect(report.trainingCutoffs.count == 6 && report.calibrationCutoffs.count == 2 && report.testCutoffs.count == 2)
        #expect(report.samples == 600)
        #expect(report.rocAUC > 0.75, "AUC \(report.rocAUC)")
        #expect(report.prAUC > 2 * report.baseRate)
        #expect(report.topDecileLift > 2)
        #expect(report.brierScore < report.baseRate * (1 - report.baseRate), "better than predicting the base rate")
        let predicted = report.calibration.reduce(0) { $0 + $1.meanPredicted * Double($1.count) } / Double(report.samples)
        #expect(abs(predicted - report.baseRate) < 0.05, "calibrated on average: \(predicted) vs \(report.baseRate)")
        #expect((report.concordance ?? 0) > 0.6)
        let model = try ChurnTrainer().fit(training: samples, calibration: [])
        let falling = model.probability(Self.state(engagement: 5, previous: 90)), steady = model.probability(Self.state(engagement: 90, previous: 80))
        #expect(falling > 2 * steady)
        let engagementFeatures: Set = ["engagement_30d", "engagement_change_30d", "engagement_change_90d", "login_trend"]
        #expect(engagementFeatures.contains(model.factors(Self.state(engagement: 5, previous: 90)).first?.feature ?? ""))
        #expect(model.features.contains("segment=smb") && !model.features.contains("segment=enterprise"), "the first segment is the reference")
        #expect(throws: PredictionError.self) { try ChurnBacktestReport(samples: Self.simulated(cutoffs: 4, perCutoff: 50), trainer: ChurnTrainer()) }
    }

    @Test("activation discovery finds the planted threshold and ranks it above noise")
    func activation() {
        var rng = SeededGenerator(seed: 3)
        let subjects = (0..<2_000).map { _ -> ActivationThreshold.Subject in
            let reports = Int64(rng.next() % 12), noise = Int64(rng.next() % 12)
            let retained = rng.unit() < (reports >= 5 ? 0.9 : 0.4)
            return .init(counts: ["report_created": reports, "noise": noise], retained: retained)
        }
        let found = ActivationThreshold.discover(subjects)
        #expect(found.first?.event == "report_created")
        #expect(found.first?.threshold == 5)
        #expect((found.first?.churnRatio ?? 0) > 4)
        #expect(found.first { $0.event == "noise" }.map { $0.separation < 0.1 } ?? true)
        #expect(ActivationThreshold.discover(subjects.map { .init(counts: $0.counts, retained: true) }).isEmpty, "needs both outcomes")
    }
}
