import Foundation
import TenureCore
import TenureStore

/// An account with its subscriptions and the MRR each contributes now: what
/// `GET /api/v1/accounts/{id}` returns and the account page's header shows,
/// computed in one place so the two always agree.
struct AccountDetail: Sendable {
    var summary: AccountSummary
    var subscriptions: [(subscription: Subscription, mrr: Money)]

    /// Loads the account `id` as of `now`; `nil` when there is no such account.
    static func load(store: any Store, id: String, now: Date) async throws -> AccountDetail? {
        // Two reads at once: on PostgreSQL each takes a connection of its own.
        async let found = store.account(id: id)
        async let subscriptionsWithPrices = store.pricedSubscriptions(ofAccount: id)
        guard var summary = try await found else { return nil }
        let priced = try await subscriptionsWithPrices
        let calculator = MRRCalculator(prices: Dictionary(uniqueKeysWithValues: priced.prices.map { ($0.id, $0) }))
        let subscriptions = priced.subscriptions.map { subscription in
            (subscription, Money(calculator.monthlyAmount(of: subscription, at: now), subscription.currency))
        }
        summary.mrr = subscriptions.reduce(0) { $0 + $1.1.amount }
        return AccountDetail(summary: summary, subscriptions: subscriptions)
    }
}
