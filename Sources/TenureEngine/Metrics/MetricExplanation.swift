import Foundation
import TenureCore
import TenureStore

/// A figure taken apart: its formula, its inputs, and the rows behind it —
/// the movements (with the subscription changes that caused them) or the
/// accounts that make it up.
public struct MetricExplanation: Sendable, Codable {
    public var metric: RevenueMetric
    public var period: ReportingPeriod
    public var value: Double?
    public var formula: String
    /// The named numbers the formula combines (minor units or counts).
    public var inputs: [String: Int64]
    /// Movements behind the figure, largest first, with account names.
    public var movements: [ExplainedMovement]
    /// Accounts behind the figure (paying accounts for MRR, leavers for logo churn), largest first.
    public var accounts: [ExplainedAccount]
    /// Rows left out by the limit.
    public var omitted: Int

    /// A movement with its account's name.
    public struct ExplainedMovement: Sendable, Codable {
        public var accountName: String?
        public var movement: MRRMovement
        public var causes: [SubscriptionCause]
    }

    /// An account's share of the figure.
    public struct ExplainedAccount: Sendable, Codable {
        public var accountID: String
        public var accountName: String?
        public var amount: Int64
    }
}

extension MetricsSnapshot {
    /// Explains `metric` in `period` for the accounts in `filter` (all when `nil`), listing at most `limit` rows.
    public func explain(_ metric: RevenueMetric, in period: ReportingPeriod, accounts filter: Set<String>? = nil,
                        limit: Int = 100) -> MetricExplanation {
        let figures = ledger.report([period], accounts: filter)[0]
        let flat = RevenueFigures(figures, grossMargin: policy.grossMargin)
        var explanation = MetricExplanation(
            metric: metric, period: period, value: flat.value(of: metric), formula: metric.formula,
            inputs: [
                "mrr_start": figures.mrrStart, "mrr_end": figures.mrrEnd, "new": figures.movements.new,
                "expansion": figures.movements.expansion, "contraction": figures.movements.contraction,
                "churn": figures.movements.churn, "reactivation": figures.movements.reactivation,
                "customers_start": Int64(figures.customersStart), "customers_end": Int64(figures.customersEnd),
                "churned_customers": Int64(figures.churnedCustomers),
            ],
            movements: [], accounts: [], omitted: 0)
        let kinds = Set(metric.movementKinds)
        if !kinds.isEmpty {
            let movements = ledger.explainMovements(kinds, in: period, accounts: filter)
            explanation.movements = movements.prefix(limit).map {
                .init(accountName: accounts[$0.movement.accountID]?.name, movement: $0.movement, causes: $0.causes)
            }
            explanation.omitted = max(0, movements.count - limit)
        } else {
            let rows = metric == .logoChurnRate
                ? ledger.churnedAccounts(in: period, accounts: filter) : ledger.payingAccounts(at: period, accounts: filter)
            explanation.accounts = rows.prefix(limit).map {
                .init(accountID: $0.accountID, accountName: accounts[$0.accountID]?.name, amount: $0.amount)
            }
            explanation.omitted = max(0, rows.count - limit)
        }
        return explanation
    }
}
