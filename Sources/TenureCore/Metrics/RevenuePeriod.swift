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
        let selected = accounts.values.filter { filter?.contains($0.accountID) ?? true }
        var results = (history + periods).map { figures(for: $0, accounts: selected) }
        for index in results.indices.dropFirst(Self.trailingPeriods) {
            let rates = results[(index - Self.trailingPeriods)..<index].compactMap(\.logoChurnRate)
            if rates.count == Self.trailingPeriods { results[index].trailingCustomerChurnRate = rates.reduce(0, +) / Double(rates.count) }
            let period = results[index].period
            if monthly, let yearAgo = calendar.date(byAdding: .month, value: -12, to: period.end) {
                results[index].trailingTwelveMonths = cohortRetention(from: yearAgo, to: period.end, accounts: selected)
            }
        }
        return Array(results.suffix(periods.count))
    }

    /// Periods averaged for the trailing customer churn rate behind LTV (ChartMogul uses six months).
    static let trailingPeriods = 6

    private func figures(for period: ReportingPeriod, accounts selected: [AccountRevenue]) -> RevenuePeriod {
        var result = RevenuePeriod(
            period: period, mrrStart: 0, mrrEnd: 0, movements: MovementTotals(), customersStart: 0, customersEnd: 0,
            newCustomers: 0, reactivatedCustomers: 0, churnEvents: 0, churnedCustomers: 0)
        for account in selected {
            let start = account.mrr(before: period.start), end = account.mrr(before: period.end)
            result.mrrStart += start
            result.mrrEnd += end
            if start > 0 { result.customersStart += 1 }
            if end > 0 { result.customersEnd += 1 }
            if start > 0 && end == 0 { result.churnedCustomers += 1 }
            var kinds = Set<MRRMovement.Kind>()
            for movement in account.movements(from: period.start, to: period.end) {
                result.movements.add(movement)
                kinds.insert(movement.kind)
            }
            if kinds.contains(.new) { result.newCustomers += 1 }
            if kinds.contains(.reactivation) { result.reactivatedCustomers += 1 }
            if kinds.contains(.churn) { result.churnEvents += 1 }
        }
        return result
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
