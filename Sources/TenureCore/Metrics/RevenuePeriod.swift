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
        let parts = partialSums(start: { PeriodTally(periods) }) { tally, account in
            if filter?.contains(account.accountID) ?? true { tally.add(account) }
        }
        let total = parts.dropFirst().reduce(into: parts[0]) { $0.add($1) }
        return total.figures(trailingRetention: trailingRetention)
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

/// Sums over accounts of what each period's figures are made of. Boundary `j` is the start of
/// period `j` (and the end of period `j − 1`); an account's MRR "at" a boundary is its value after
/// every window that starts before it.
private struct PeriodTally {
    /// Periods a trailing retention cohort spans.
    static let window = 12
    let periods: [ReportingPeriod]
    /// The boundaries: each period's start, then the last one's end.
    let boundaries: [Date]
    /// By boundary: total MRR, and accounts paying.
    var mrr: [Int64]
    var paying: [Int]
    /// By period: accounts paying at its start and not at its end; movement totals; accounts with each movement kind.
    var churnedCustomers: [Int]
    var movements: [MovementTotals]
    var newCustomers: [Int]
    var reactivatedCustomers: [Int]
    var churnEvents: [Int]
    /// By period: movements over it and the eleven before, of the accounts paying at the start of the first of them.
    var cohortMovements: [MovementTotals]
    /// The account being added's MRR at each boundary.
    private var values: [Int64]

    init(_ periods: [ReportingPeriod]) {
        self.periods = periods
        boundaries = periods.map(\.start) + (periods.last.map { [$0.end] } ?? [])
        mrr = Array(repeating: 0, count: boundaries.count)
        paying = Array(repeating: 0, count: boundaries.count)
        values = Array(repeating: 0, count: boundaries.count)
        churnedCustomers = Array(repeating: 0, count: periods.count)
        newCustomers = churnedCustomers
        reactivatedCustomers = churnedCustomers
        churnEvents = churnedCustomers
        movements = Array(repeating: MovementTotals(), count: periods.count)
        cohortMovements = movements
    }

    /// Adds one account: its value at every boundary, then its movements period by period.
    mutating func add(_ account: AccountRevenue) {
        guard !periods.isEmpty else { return }
        let steps = account.steps
        var stepIndex = steps.startIndex
        var current: Int64 = 0
        for boundary in boundaries.indices {
            while stepIndex < steps.endIndex && steps[stepIndex].at < boundaries[boundary] {
                current = steps[stepIndex].mrr
                stepIndex += 1
            }
            values[boundary] = current
            mrr[boundary] += current
            if current > 0 { paying[boundary] += 1 }
        }
        for period in periods.indices where values[period] > 0 && values[period + 1] == 0 { churnedCustomers[period] += 1 }
        let accountMovements = account.movements
        var index = accountMovements.startIndex
        while index < accountMovements.endIndex && accountMovements[index].at < boundaries[0] { index += 1 }
        var period = 0
        while index < accountMovements.endIndex {
            while period < periods.count && accountMovements[index].at >= boundaries[period + 1] { period += 1 }
            guard period < periods.count else { break }
            var totals = MovementTotals()
            var new = false, reactivated = false, churned = false
            while index < accountMovements.endIndex && accountMovements[index].at < boundaries[period + 1] {
                totals.add(accountMovements[index])
                switch accountMovements[index].kind {
                case .new: new = true
                case .reactivation: reactivated = true
                case .churn: churned = true
                case .expansion, .contraction: break
                }
                index += 1
            }
            movements[period] += totals
            if new { newCustomers[period] += 1 }
            if reactivated { reactivatedCustomers[period] += 1 }
            if churned { churnEvents[period] += 1 }
            // Cohorts ending at `period` through eleven periods later, for each of which the account paid at its start.
            for first in max(0, period - Self.window + 1)...period where first + Self.window <= periods.count && values[first] > 0 {
                cohortMovements[first + Self.window - 1] += totals
            }
        }
    }

    /// Adds the sums of `other`, a tally of the same periods over other accounts.
    mutating func add(_ other: PeriodTally) {
        for boundary in boundaries.indices {
            mrr[boundary] += other.mrr[boundary]
            paying[boundary] += other.paying[boundary]
        }
        for period in periods.indices {
            churnedCustomers[period] += other.churnedCustomers[period]
            movements[period] += other.movements[period]
            newCustomers[period] += other.newCustomers[period]
            reactivatedCustomers[period] += other.reactivatedCustomers[period]
            churnEvents[period] += other.churnEvents[period]
            cohortMovements[period] += other.cohortMovements[period]
        }
    }

    /// Each period's figures, with its trailing twelve-month retention when `trailingRetention`.
    func figures(trailingRetention: Bool) -> [RevenuePeriod] {
        periods.indices.map { index in
            var figures = RevenuePeriod(
                period: periods[index], mrrStart: mrr[index], mrrEnd: mrr[index + 1], movements: movements[index],
                customersStart: paying[index], customersEnd: paying[index + 1], newCustomers: newCustomers[index],
                reactivatedCustomers: reactivatedCustomers[index], churnEvents: churnEvents[index],
                churnedCustomers: churnedCustomers[index])
            if trailingRetention && index >= Self.window - 1 {
                let first = index - Self.window + 1
                figures.trailingTwelveMonths = CohortRetention(
                    accounts: paying[first], mrrStart: mrr[first], movements: cohortMovements[index])
            }
            return figures
        }
    }
}
