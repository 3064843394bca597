import Foundation
import TenureCore
import TenureStore

extension HealthEngine {
    /// Month starts (in the reporting time zone) before `now` whose whole
    /// horizon has passed, the latest `months` of them, oldest first.
    public static func backtestCutoffs(before now: Date, months: Int, horizonDays: Int, calendar: Calendar) -> [Date] {
        var cutoffs: [Date] = []
        var month = calendar.date(from: calendar.dateComponents([.year, .month], from: now))!
        while cutoffs.count < months {
            if month.adding(days: Double(horizonDays)) <= now { cutoffs.append(month) }
            month = calendar.date(byAdding: .month, value: -1, to: month)!
            if month < Date(timeIntervalSince1970: 0) { break }
        }
        return cutoffs.reversed()
    }

    /// Scores every paying account at each cut-off with `definition`, from
    /// facts known then, and labels whether it churned in the `horizonDays` after.
    public func backtestSamples(_ definition: HealthDefinition, cutoffs: [Date], horizonDays: Int, context: Context,
                                progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [BacktestSample] {
        var samples: [BacktestSample] = []
        let ledger = context.snapshot.ledger
        for (index, cutoff) in cutoffs.enumerated() {
            let horizonEnd = cutoff.adding(days: Double(horizonDays))
            for score in try await scores(at: cutoff, definition: definition, population: .paying, context: context) {
                let churned = ledger.accounts[score.accountID]?.movements(from: cutoff, to: horizonEnd)
                    .contains { $0.kind == .churn } ?? false
                samples.append(BacktestSample(cutoff: cutoff, score: score, churned: churned))
            }
            progress(index + 1, cutoffs.count)
        }
        return samples
    }

    /// Backtests `definition` at month starts over the last `months` months and,
    /// when `version` is given, stores the report as that version's latest.
    public func backtest(_ definition: HealthDefinition, version: Int?, months: Int = 12, horizonDays: Int = 90,
                         now: Date, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> HealthBacktestReport {
        let context = try await Context.load(from: store, asOf: now)
        let cutoffs = Self.backtestCutoffs(before: now, months: months, horizonDays: horizonDays,
                                           calendar: context.snapshot.policy.calendar)
        let samples = try await backtestSamples(definition, cutoffs: cutoffs, horizonDays: horizonDays, context: context,
                                                progress: progress)
        let report = HealthBacktestReport(samples: samples, definition: definition, horizonDays: horizonDays)
        if let version {
            try await store.saveBacktest(StoredBacktest(definitionVersion: version, runAt: now, report: report))
        }
        return report
    }
}
