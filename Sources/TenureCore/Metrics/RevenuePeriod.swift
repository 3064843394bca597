import Foundation

/// The revenue figures of one reporting period, all in minor units of the
/// reporting currency (rates are fractions, `nil` when their denominator is 0).
///
/// Reconciliation: `mrrEnd == mrrStart + movements.net`, exactly.
public struct RevenuePeriod: Hashable, Sendable, Codable {
    public var period: ReportingPeriod
    public var mrrStart: Int64
    public var mrrEnd: Int64
    public var movements: MovementTotals
    /// Paying accounts at the start and end of the period.
    public var customersStart: Int
    public var customersEnd: Int
    /// Accounts with a movement of each kind in the period.
    public var newCustomers: Int
    public var reactivatedCustomers: Int
    public var churnEvents: Int
    /// Accounts paying at the start and not at the end (ChartMogul's churned
    /// customers: joining and leaving within the period, or leaving and
    /// coming back, does not count).
    public var churnedCustomers: Int
    /// Customer churn rate averaged over the six periods before this one
    /// (this one excluded), the basis of LTV; `nil` without six periods of history.
    public var trailingCustomerChurnRate: Double?
    /// Net and gross revenue retention of the accounts that paid twelve
    /// months before the period ended, over those twelve months (monthly reports only).
    public var trailingTwelveMonths: CohortRetention?

    /// Annual run rate: `12 × mrrEnd`.
    public var arrEnd: Int64 { mrrEnd * 12 }
    /// Average revenue per paying account at the end.
    public var arpa: Double? { customersEnd > 0 ? Double(mrrEnd) / Double(customersEnd) : nil }
    /// Whether `mrrEnd == mrrStart + net movement` (always true; asserted in tests and shown in reports).
    public var reconciles: Bool { mrrEnd == mrrStart + movements.net }

    /// Churned customers ÷ customers at the start.
    public var logoChurnRate: Double? { ratio(Int64(churnedCustomers), Int64(customersStart)) }
    /// (churn + contraction) ÷ starting MRR.
    public var grossMRRChurnRate: Double? { ratio(movements.churn + movements.contraction, mrrStart) }
    /// (churn + contraction − expansion − reactivation) ÷ starting MRR; negative is net negative churn.
    public var netMRRChurnRate: Double? {
        ratio(movements.churn + movements.contraction - movements.expansion - movements.reactivation, mrrStart)
    }
    /// (start + expansion + reactivation − contraction − churn) ÷ start (Tidemill's form).
    public var netRevenueRetention: Double? {
        ratio(mrrStart + movements.expansion + movements.reactivation - movements.contraction - movements.churn, mrrStart)
    }
    /// (start − contraction − churn) ÷ start.
    public var grossRevenueRetention: Double? { ratio(mrrStart - movements.contraction - movements.churn, mrrStart) }
    /// (new + expansion) ÷ (contraction + churn).
    public var quickRatio: Double? { ratio(movements.new + movements.expansion, movements.contraction + movements.churn) }
    /// Expansion's share of all added MRR: expansion ÷ (new + expansion + reactivation).
    public var expansionShare: Double? {
        ratio(movements.expansion, movements.new + movements.expansion + movements.reactivation)
    }
    /// Expansion and reactivation outweigh contraction and churn.
    public var netNegativeChurn: Bool { movements.expansion + movements.reactivation > movements.contraction + movements.churn }
    /// ARPA ÷ trailing customer churn rate (ChartMogul), in minor units.
    public var lifetimeValue: Double? {
        guard let arpa, let rate = trailingCustomerChurnRate, rate > 0 else { return nil }
        return arpa / rate
    }

    private func ratio(_ numerator: Int64, _ denominator: Int64) -> Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }
}

/// Retention of one fixed group of accounts between two instants.
public struct CohortRetention: Hashable, Sendable, Codable {
    /// Accounts paying at the start.
    public var accounts: Int
    public var mrrStart: Int64
    public var movements: MovementTotals

    /// (start + expansion + reactivation − contraction − churn) ÷ start.
    public var netRevenueRetention: Double? {
        mrrStart == 0 ? nil : Double(mrrStart + movements.expansion + movements.reactivation - movements.contraction - movements.churn) / Double(mrrStart)
    }
    /// (start − contraction − churn) ÷ start.
    public var grossRevenueRetention: Double? {
        mrrStart == 0 ? nil : Double(mrrStart - movements.contraction - movements.churn) / Double(mrrStart)
    }
}

extension RevenueLedger {
    /// The revenue figures of each period (consecutive months or days), over
    /// the accounts in `filter` (all when `nil`). The six periods before the
    /// first are computed too, so the first periods have their trailing churn rate and LTV.
    public func report(_ periods: [ReportingPeriod], accounts filter: Set<String>? = nil) -> [RevenuePeriod] {
        guard let first = periods.first else { return [] }
        let calendar = policy.calendar
        let monthly = calendar.dateComponents([.month], from: first.start, to: first.end).month == 1
        let earliest = calendar.date(byAdding: monthly ? .month : .day, value: -Self.trailingPeriods, to: first.start)!
        let history = ReportingPeriod.covering(
            from: earliest, to: first.start.addingTimeInterval(-0.001), interval: monthly ? .month : .day, calendar: calendar)
        var results = figures(for: history + periods, accounts: filter, trailingRetention: monthly)
        for index in results.indices.dropFirst(Self.trailingChurnPeriods) {
            let rates = results[(index - Self.trailingChurnPeriods)..<index].compactMap(\.logoChurnRate)
            if rates.count == Self.trailingChurnPeriods {
                results[index].trailingCustomerChurnRate = rates.reduce(0, +) / Double(rates.count)
            }
        }
        return Array(results.suffix(periods.count))
    }

    /// Periods averaged for the trailing customer churn rate behind LTV (ChartMogul uses six months).
    static let trailingChurnPeriods = 6
    /// Periods read before a report's first one: enough for the churn average and for twelve-month retention.
    static let trailingPeriods = 12

    /// Figures of consecutive periods, walking each account's steps and movements once. With
    /// `trailingRetention` (monthly periods), each period from the twelfth on also gets the
    /// retention of the accounts paying at the start of the period eleven before it.
    private func figures(for periods: [ReportingPeriod], accounts filter: Set<String>?,
                         trailingRetention: Bool) -> [RevenuePeriod] {
        var results = periods.map { period in
            RevenuePeriod(period: period, mrrStart: 0, mrrEnd: 0, movements: MovementTotals(), customersStart: 0, customersEnd: 0,
                          newCustomers: 0, reactivatedCustomers: 0, churnEvents: 0, churnedCustomers: 0)
        }
        guard let first = periods.first else { return results }
        let window = 12
        var cohorts = periods.map { _ in CohortRetention(accounts: 0, mrrStart: 0, movements: MovementTotals()) }
        var starts = [Int64](repeating: 0, count: periods.count)
        var totals = [MovementTotals](repeating: MovementTotals(), count: periods.count)
        for account in accounts.values where filter?.contains(account.accountID) ?? true {
            let steps = account.steps, movements = account.movements
            var stepIndex = 0, movementIndex = 0
            var current: Int64 = 0
            func value(before boundary: Date) -> Int64 {
                while stepIndex < steps.count && steps[stepIndex].at < boundary {
                    current = steps[stepIndex].mrr
                    stepIndex += 1
                }
                return current
            }
            var start = value(before: first.start)
            while movementIndex < movements.count && movements[movementIndex].at < first.start { movementIndex += 1 }
            for index in periods.indices {
                let end = value(before: periods[index].end)
                starts[index] = start
                totals[index] = MovementTotals()
                results[index].mrrStart += start
                results[index].mrrEnd += end
                if start > 0 { results[index].customersStart += 1 }
                if end > 0 { results[index].customersEnd += 1 }
                if start > 0 && end == 0 { results[index].churnedCustomers += 1 }
                var new = false, reactivated = false, churned = false
                while movementIndex < movements.count && movements[movementIndex].at < periods[index].end {
                    let movement = movements[movementIndex]
                    totals[index].add(movement)
                    switch movement.kind {
                    case .new: new = true
                    case .reactivation: reactivated = true
                    case .churn: churned = true
                    case .expansion, .contraction: break
                    }
                    movementIndex += 1
                }
                results[index].movements += totals[index]
                if new { results[index].newCustomers += 1 }
                if reactivated { results[index].reactivatedCustomers += 1 }
                if churned { results[index].churnEvents += 1 }
                if trailingRetention && index >= window - 1 && starts[index - window + 1] > 0 {
                    cohorts[index].accounts += 1
                    cohorts[index].mrrStart += starts[index - window + 1]
                    for earlier in (index - window + 1)...index { cohorts[index].movements += totals[earlier] }
                }
                start = end
            }
        }
        if trailingRetention {
            for index in results.indices where index >= window - 1 { results[index].trailingTwelveMonths = cohorts[index] }
        }
        return results
    }

    /// Retention, from `start` to `end`, of the accounts among `selected` that paid at `start`.
    public func cohortRetention(from start: Date, to end: Date, accounts selected: [AccountRevenue]) -> CohortRetention {
        var retention = CohortRetention(accounts: 0, mrrStart: 0, movements: MovementTotals())
        for account in selected {
            let mrr = account.mrr(before: start)
            guard mrr > 0 else { continue }
            retention.accounts += 1
            retention.mrrStart += mrr
            for movement in account.movements(from: start, to: end) { retention.movements.add(movement) }
        }
        return retention
    }
}
