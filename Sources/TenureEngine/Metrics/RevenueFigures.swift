import Foundation
import TenureCore
import TenureStore

/// One period's revenue figures, flattened for the API and the CLI: money
/// in minor units of the reporting currency, rates as fractions (0.031 = 3.1%),
/// `nil` where a denominator is zero.
public struct RevenueFigures: Hashable, Sendable, Codable {
    public var period: String
    public var start: Date
    public var end: Date
    public var mrrStart: Int64
    public var mrrEnd: Int64
    public var arr: Int64
    public var new: Int64
    public var expansion: Int64
    public var contraction: Int64
    public var churn: Int64
    public var reactivation: Int64
    /// `new + expansion + reactivation − contraction − churn`.
    public var netNewMRR: Int64
    /// `mrr_end == mrr_start + net_new_mrr`: always true, shown so anyone can check.
    public var reconciles: Bool
    public var customersStart: Int
    public var customersEnd: Int
    public var newCustomers: Int
    public var reactivatedCustomers: Int
    public var churnedCustomers: Int
    public var arpa: Double?
    public var logoChurnRate: Double?
    public var grossMRRChurnRate: Double?
    public var netMRRChurnRate: Double?
    public var nrr: Double?
    public var grr: Double?
    public var quickRatio: Double?
    public var expansionShare: Double?
    public var netNegativeChurn: Bool
    /// ARPA ÷ the six-period trailing customer churn rate, and × gross margin.
    public var ltv: Double?
    public var ltvMarginAdjusted: Double?
    /// Retention over the trailing twelve months of the accounts paying twelve months before the period's end.
    public var trailing12mNRR: Double?
    public var trailing12mGRR: Double?

    public init(_ figures: RevenuePeriod, grossMargin: Double) {
        period = figures.period.label
        start = figures.period.start
        end = figures.period.end
        mrrStart = figures.mrrStart
        mrrEnd = figures.mrrEnd
        arr = figures.arrEnd
        new = figures.movements.new
        expansion = figures.movements.expansion
        contraction = figures.movements.contraction
        churn = figures.movements.churn
        reactivation = figures.movements.reactivation
        netNewMRR = figures.movements.net
        reconciles = figures.reconciles
        customersStart = figures.customersStart
        customersEnd = figures.customersEnd
        newCustomers = figures.newCustomers
        reactivatedCustomers = figures.reactivatedCustomers
        churnedCustomers = figures.churnedCustomers
        arpa = figures.arpa
        logoChurnRate = figures.logoChurnRate
        grossMRRChurnRate = figures.grossMRRChurnRate
        netMRRChurnRate = figures.netMRRChurnRate
        nrr = figures.netRevenueRetention
        grr = figures.grossRevenueRetention
        quickRatio = figures.quickRatio
        expansionShare = figures.expansionShare
        netNegativeChurn = figures.netNegativeChurn
        ltv = figures.lifetimeValue
        ltvMarginAdjusted = figures.lifetimeValue.map { $0 * grossMargin }
        trailing12mNRR = figures.trailingTwelveMonths?.netRevenueRetention
        trailing12mGRR = figures.trailingTwelveMonths?.grossRevenueRetention
    }

    /// The value of `metric` in this period.
    public func value(of metric: RevenueMetric) -> Double? {
        switch metric {
        case .mrr: Double(mrrEnd)
        case .arr: Double(arr)
        case .arpa: arpa
        case .customers: Double(customersEnd)
        case .new: Double(new)
        case .expansion: Double(expansion)
        case .contraction: Double(contraction)
        case .churn: Double(churn)
        case .reactivation: Double(reactivation)
        case .logoChurnRate: logoChurnRate
        case .grossMRRChurnRate: grossMRRChurnRate
        case .netMRRChurnRate: netMRRChurnRate
        case .nrr: nrr
        case .grr: grr
        case .quickRatio: quickRatio
        case .expansionShare: expansionShare
        }
    }
}

/// Revenue figures per period, overall and (optionally) per group of a breakdown.
public struct RevenueReport: Sendable, Codable {
    public var currency: Currency
    public var asOf: Date
    public var interval: ReportingPeriod.Interval
    public var policy: MetricsPolicy
    public var periods: [RevenueFigures]
    public var breakdown: Breakdown?
    /// Figures per group when a breakdown was asked for, by group value.
    public var groups: [String: [RevenueFigures]]?
    /// Accounts left out for want of an exchange rate.
    public var unconvertedAccounts: [String]
}

extension MetricsSnapshot {
    /// Revenue figures for each period from `from` to `to`, overall and by `breakdown`.
    public func revenueReport(_ range: ReportRange, breakdown: Breakdown? = nil, filter: Set<String>? = nil) -> RevenueReport {
        let periods = range.periods(policy.calendar)
        let interval = range.interval
        let margin = policy.grossMargin
        var groups: [String: [RevenueFigures]]?
        if let breakdown {
            groups = self.groups(by: breakdown).mapValues { members in
                ledger.report(periods, accounts: filter.map { $0.intersection(members) } ?? members).map { RevenueFigures($0, grossMargin: margin) }
            }
        }
        return RevenueReport(
            currency: policy.reportingCurrency, asOf: asOf, interval: interval, policy: policy,
            periods: ledger.report(periods, accounts: filter).map { RevenueFigures($0, grossMargin: margin) },
            breakdown: breakdown, groups: groups, unconvertedAccounts: ledger.unconverted.keys.sorted())
    }
}
