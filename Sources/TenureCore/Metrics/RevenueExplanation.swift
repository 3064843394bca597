import Foundation

/// Why one account's MRR moved: the movement and the subscription changes
/// (recorded, or implied by a coupon ending or a scheduled cancellation)
/// inside its window.
public struct MovementExplanation: Hashable, Sendable, Codable {
    public var movement: MRRMovement
    public var causes: [SubscriptionCause]
}

/// One subscription's part in a movement.
public struct SubscriptionCause: Hashable, Sendable, Codable {
    public var subscriptionID: String
    /// When it happened.
    public var at: Date
    /// What happened, in words: "changed: active, 12 × price_growth_monthly",
    /// "coupon WELCOME20 ended", "scheduled cancellation took effect".
    public var description: String
    /// The subscription's MRR (reporting currency) before the window and after it.
    public var mrrBefore: Int64
    public var mrrAfter: Int64
    /// Its state after the change.
    public var state: Subscription
}

/// One account's share of a total, e.g. of MRR at a period's end.
public struct AccountAmount: Hashable, Sendable, Codable {
    public var accountID: String
    public var amount: Int64
}

/// The revenue figures a report shows and can explain.
public enum RevenueMetric: String, StringEnum, Hashable {
    case mrr, arr, arpa, customers
    case new, expansion, contraction, churn, reactivation
    case logoChurnRate = "logo_churn_rate"
    case grossMRRChurnRate = "gross_mrr_churn_rate"
    case netMRRChurnRate = "net_mrr_churn_rate"
    case nrr, grr
    case quickRatio = "quick_ratio"
    case expansionShare = "expansion_share"

    /// How the figure is computed, in words.
    public var formula: String {
        switch self {
        case .mrr: "sum of every paying account's MRR at the end of the period"
        case .arr: "12 × MRR at the end of the period"
        case .arpa: "MRR at the end ÷ paying accounts at the end"
        case .customers: "accounts with MRR > 0 at the end of the period"
        case .new, .expansion, .contraction, .churn, .reactivation: "sum of the period's \(rawValue) movements"
        case .logoChurnRate: "accounts paying at the start and not at the end ÷ accounts paying at the start"
        case .grossMRRChurnRate: "(churn + contraction) ÷ MRR at the start"
        case .netMRRChurnRate: "(churn + contraction − expansion − reactivation) ÷ MRR at the start"
        case .nrr: "(MRR at the start + expansion + reactivation − contraction − churn) ÷ MRR at the start"
        case .grr: "(MRR at the start − contraction − churn) ÷ MRR at the start"
        case .quickRatio: "(new + expansion) ÷ (contraction + churn)"
        case .expansionShare: "expansion ÷ (new + expansion + reactivation)"
        }
    }

    /// The movement kinds the figure is made of.
    public var movementKinds: [MRRMovement.Kind] {
        switch self {
        case .mrr, .arr, .arpa, .customers, .logoChurnRate: []
        case .new: [.new]
        case .expansion: [.expansion]
        case .contraction: [.contraction]
        case .churn: [.churn]
        case .reactivation: [.reactivation]
        case .grossMRRChurnRate, .grr: [.churn, .contraction]
        case .netMRRChurnRate, .nrr: [.churn, .contraction, .expansion, .reactivation]
        case .quickRatio: [.new, .expansion, .contraction, .churn]
        case .expansionShare: [.new, .expansion, .reactivation]
        }
    }
}

extension RevenueLedger {
    /// The movements of `kinds` in `period`, largest first, each with its causes.
    public func explainMovements(_ kinds: Set<MRRMovement.Kind>, in period: ReportingPeriod,
                                 accounts filter: Set<String>? = nil) -> [MovementExplanation] {
        let windows = WindowCalendar(policy: policy)
        var explained: [MovementExplanation] = []
        for account in accounts.values where filter?.contains(account.accountID) ?? true {
            for movement in account.movements(from: period.start, to: period.end) where kinds.contains(movement.kind) {
                let end = windows.windowEnd(startingAt: movement.at)
                explained.append(MovementExplanation(
                    movement: movement, causes: causes(of: account, from: movement.at, to: end)))
            }
        }
        return explained.sorted { (abs($0.movement.amount), $1.movement.accountID) > (abs($1.movement.amount), $0.movement.accountID) }
    }

    /// Accounts paying at the end of `period` with their MRR, largest first.
    public func payingAccounts(at period: ReportingPeriod, accounts filter: Set<String>? = nil) -> [AccountAmount] {
        accounts.values.compactMap { account in
            guard filter?.contains(account.accountID) ?? true else { return nil }
            let mrr = account.mrr(before: period.end)
            return mrr > 0 ? AccountAmount(accountID: account.accountID, amount: mrr) : nil
        }.sorted { ($0.amount, $1.accountID) > ($1.amount, $0.accountID) }
    }

    /// Accounts paying at the start of `period` and not at its end, with their starting MRR.
    public func churnedAccounts(in period: ReportingPeriod, accounts filter: Set<String>? = nil) -> [AccountAmount] {
        accounts.values.compactMap { account in
            guard filter?.contains(account.accountID) ?? true else { return nil }
            let start = account.mrr(before: period.start)
            return start > 0 && account.mrr(before: period.end) == 0 ? AccountAmount(accountID: account.accountID, amount: start) : nil
        }.sorted { ($0.amount, $1.accountID) > ($1.amount, $0.accountID) }
    }

    private func causes(of account: AccountRevenue, from start: Date, to end: Date) -> [SubscriptionCause] {
        var causes: [SubscriptionCause] = []
        for (subscriptionID, history) in self.history(of: account.accountID).sorted(by: { $0.key < $1.key }) {
            let before = AccountRevenue.state(in: history, at: start.addingTimeInterval(-0.001))
            let after = AccountRevenue.state(in: history, at: min(end.addingTimeInterval(-0.001), asOf))
            let mrrBefore = before.map { mrr($0, at: start.addingTimeInterval(-0.001)) } ?? 0
            let mrrAfter = after.map { mrr($0, at: min(end.addingTimeInterval(-0.001), asOf)) } ?? 0
            guard let state = after, mrrBefore != mrrAfter || history.contains(where: { $0.effectiveAt >= start && $0.effectiveAt < end }) else { continue }
            let recorded = history.filter { $0.effectiveAt >= start && $0.effectiveAt < end }
            var words = recorded.isEmpty ? [] : [Self.describe(from: before, to: state)]
            if let discount = before?.discount, let discountEnd = discount.end, discountEnd >= start, discountEnd < end {
                words.append("coupon \(discount.couponID) ended")
            }
            if let cancelAt = before?.cancelAt, cancelAt >= start, cancelAt < end, recorded.isEmpty {
                words.append("scheduled cancellation took effect")
            }
            if words.isEmpty { words.append("MRR changed with time (coupon or schedule)") }
            causes.append(SubscriptionCause(
                subscriptionID: subscriptionID, at: recorded.last?.effectiveAt ?? start, description: words.joined(separator: "; "),
                mrrBefore: mrrBefore, mrrAfter: mrrAfter, state: state))
        }
        return causes
    }

    /// What changed between two states of a subscription, in words: "started", "active → canceled",
    /// "price_growth_monthly 10 → 12", "price_a → price_b", "coupon SAVE30 added".
    public static func describe(from before: Subscription?, to after: Subscription) -> String {
        guard let before else {
            let items = after.items.map { "\($0.quantity) × \($0.priceID)" }.joined(separator: " + ")
            return "started (\(after.status.rawValue)\(items.isEmpty ? "" : ", \(items)"))"
        }
        var parts: [String] = []
        if before.status != after.status { parts.append("\(before.status.rawValue) → \(after.status.rawValue)") }
        let oldItems = Dictionary(before.items.map { ($0.priceID, $0.quantity) }) { first, second in first + second }
        let newItems = Dictionary(after.items.map { ($0.priceID, $0.quantity) }) { first, second in first + second }
        let removed = oldItems.keys.filter { newItems[$0] == nil }.sorted()
        let added = newItems.keys.filter { oldItems[$0] == nil }.sorted()
        if !removed.isEmpty || !added.isEmpty {
            parts.append("\(removed.joined(separator: " + ")) → \(added.map { "\(newItems[$0]!) × \($0)" }.joined(separator: " + "))")
        }
        for (priceID, quantity) in newItems.sorted(by: { $0.key < $1.key }) {
            if let old = oldItems[priceID], old != quantity { parts.append("\(priceID) \(old) → \(quantity)") }
        }
        switch (before.discount?.couponID, after.discount?.couponID) {
        case (nil, let new?): parts.append("coupon \(new) added")
        case (let old?, nil): parts.append("coupon \(old) removed")
        case (let old?, let new?) where old != new: parts.append("coupon \(old) → \(new)")
        default: break
        }
        if before.cancelAt == nil, let cancelAt = after.cancelAt {
            parts.append("cancellation scheduled for \(JSONCoding.format(cancelAt).prefix(10))")
        }
        return parts.isEmpty ? "updated" : parts.joined(separator: ", ")
    }

    private func mrr(_ state: Subscription, at instant: Date) -> Int64 {
        policy.exchangeRates.convert(calculator.monthlyAmount(of: state, at: instant), from: state.currency, to: policy.reportingCurrency) ?? 0
    }
}
