import Foundation
import TenureCore
import TenureStore

/// Everything the reports need, loaded from a store at one facts version:
/// the configuration, the revenue ledger and each account's attributes.
/// Building one reads the full subscription history once; reports then come
/// from memory.
public struct MetricsSnapshot: Sendable {
    /// The store's facts version this snapshot was built from.
    public let version: Int64
    public let asOf: Date
    public let policy: MetricsPolicy
    public let product: ProductConfiguration
    public let ledger: RevenueLedger
    public let accounts: [String: AccountAttributes]
    /// Each account's current plan: the product name of its largest item.
    public let plans: [String: String]

    /// Product name of each price, for ``plans``.
    let planNames: [String: String]

    /// Loads and computes the snapshot as of `asOf`, of the accounts of `range` (every account by default).
    public static func load(from store: any Store, asOf: Date, accounts range: AccountRange = .all) async throws -> MetricsSnapshot {
        let version = try await store.factsVersion()
        let policy = try await store.decodedSetting(SettingKey.metricsPolicy, as: MetricsPolicy.self) ?? .standard
        let product = try await store.decodedSetting(SettingKey.productConfiguration, as: ProductConfiguration.self)
            ?? ProductConfiguration()
        async let changes = store.subscriptionChanges(accounts: range)
        async let prices = store.prices()
        async let products = store.products()
        async let attributes = store.accountAttributes(accounts: range)
        let ledger = RevenueLedger(changes: try await changes, prices: try await prices, policy: policy, asOf: asOf)
        let productNames = Dictionary(try await products.map { ($0.id, $0.name) }) { first, _ in first }
        let planNames = Dictionary(try await prices.map { ($0.id, productNames[$0.productID] ?? $0.productID) }) { first, _ in first }
        return MetricsSnapshot(
            version: version, asOf: asOf, policy: policy, product: product, ledger: ledger,
            accounts: Dictionary(try await attributes.map { ($0.id, $0) }) { first, _ in first },
            plans: Self.plans(of: ledger.accounts.keys, in: ledger, names: planNames), planNames: planNames)
    }

    /// This snapshot brought up to date with `changes`: the changed accounts' revenue and attributes are read
    /// again as of `asOf` and the rest kept; everything is read again when `changes` cannot name the accounts
    /// or the metrics settings changed.
    public func updated(with changes: FactsChanges, from store: any Store, asOf: Date) async throws -> MetricsSnapshot {
        guard changes.version != version else { return self }
        let policy = try await store.decodedSetting(SettingKey.metricsPolicy, as: MetricsPolicy.self) ?? .standard
        let product = try await store.decodedSetting(SettingKey.productConfiguration, as: ProductConfiguration.self)
            ?? ProductConfiguration()
        guard let changed = changes.accountIDs, policy == self.policy else { return try await Self.load(from: store, asOf: asOf) }
        let ids = Array(changed)
        async let history = store.subscriptionChanges(ofAccounts: ids)
        async let attributes = store.accountAttributes(ofAccounts: ids)
        let ledger = self.ledger.updating(accounts: changed, with: try await history, asOf: asOf)
        var accounts = self.accounts, plans = self.plans
        for id in ids {
            accounts[id] = nil
            plans[id] = nil
        }
        for account in try await attributes { accounts[account.id] = account }
        plans.merge(Self.plans(of: ids, in: ledger, names: planNames)) { _, new in new }
        return MetricsSnapshot(version: changes.version, asOf: asOf, policy: policy, product: product, ledger: ledger,
                               accounts: accounts, plans: plans, planNames: planNames)
    }

    /// Each account's current plan: the product name of the price with the largest quantity in its latest change.
    private static func plans(of accountIDs: some Sequence<String>, in ledger: RevenueLedger, names: [String: String]) -> [String: String] {
        var plans: [String: String] = [:]
        for accountID in accountIDs {
            guard let revenue = ledger.accounts[accountID] else { continue }
            let latest = revenue.history.max { $0.effectiveAt < $1.effectiveAt }
            if let priceID = latest?.state.items.max(by: { $0.quantity < $1.quantity })?.priceID, let name = names[priceID] {
                plans[accountID] = name
            }
        }
        return plans
    }

    /// Account ids grouped by `breakdown`'s value ("(none)" for accounts without one).
    public func groups(by breakdown: Breakdown) -> [String: Set<String>] {
        var groups: [String: Set<String>] = [:]
        for account in accounts.values {
            groups[value(of: account, for: breakdown) ?? Breakdown.noValue, default: []].insert(account.id)
        }
        return groups
    }

    /// Account ids whose `breakdown` attribute is `value`.
    public func accountIDs(_ breakdown: Breakdown, equals value: String) -> Set<String> {
        groups(by: breakdown)[value] ?? []
    }

    /// The attribute `breakdown` names for `account`.
    public func value(of account: AccountAttributes, for breakdown: Breakdown) -> String? {
        switch breakdown {
        case .segment: account.segment
        case .plan: plans[account.id]
        case .industry: account.industry
        case .csm: account.ownerID
        }
    }

    /// Monthly or daily periods covering the instants `from...to` in the reporting calendar.
    public func periods(from: Date, to: Date, interval: ReportingPeriod.Interval) -> [ReportingPeriod] {
        ReportingPeriod.covering(from: from, to: to, interval: interval, calendar: policy.calendar)
    }
}

/// An attribute reports can be broken down by.
public enum Breakdown: String, StringEnum, Hashable {
    case segment, plan, industry, csm

    /// Group name of accounts without a value.
    public static let noValue = "(none)"
}
