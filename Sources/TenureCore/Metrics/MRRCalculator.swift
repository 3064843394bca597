import Foundation

/// Turns subscriptions into monthly recurring revenue, in minor units of the
/// subscription's currency.
///
/// Every price is normalised to one month: a yearly price counts 1/12 per
/// month, a weekly one 52/12, a daily one 365/12, each divided by the
/// interval count. Quantities multiply; trials, paused and ended
/// subscriptions count zero; tax is never part of MRR. Results are rounded
/// half away from zero to whole minor units, once per item and once per
/// discount, so per-account sums are exact integers that reconcile.
public struct MRRCalculator: Sendable {
    /// Prices by id.
    public var prices: [String: Price]
    public var policy: MRRPolicy

    public init(prices: [String: Price], policy: MRRPolicy = .standard) {
        self.prices = prices
        self.policy = policy
    }

    /// MRR of `subscription` in its state as given, evaluated at `instant`
    /// (which decides whether its discount is still active).
    public func monthlyAmount(of subscription: Subscription, at instant: Date) -> Int64 {
        guard contributes(subscription.status), !hasEnded(subscription, at: instant) else { return 0 }
        var gross: Int128 = 0
        var dominantPrice: Price?
        for item in subscription.items {
            guard let price = prices[item.priceID] else { continue }
            dominantPrice = dominantPrice ?? price
            let periodAmount = Int128(price.unitAmount) * Int128(item.quantity)
            gross += MRRCalculator.normalised(periodAmount, price.interval, price.intervalCount)
        }
        var net = gross
        if let discount = subscription.discount, discount.isActive(at: instant), counts(discount.duration) {
            if let basisPoints = discount.percentOffBasisPoints {
                net -= MRRCalculator.divideRounded(gross * Int128(basisPoints), by: 10_000)
            } else if let amountOff = discount.amountOff, let price = dominantPrice {
                net -= MRRCalculator.normalised(Int128(amountOff.amount), price.interval, price.intervalCount)
            }
        }
        return Int64(clamping: max(net, 0))
    }

    /// MRR of an account: the sum over its subscriptions at `instant`.
    public func monthlyAmount(of subscriptions: some Sequence<Subscription>, at instant: Date) -> Int64 {
        subscriptions.reduce(0) { $0 + monthlyAmount(of: $1, at: instant) }
    }

    /// `amount` per `count` × `interval`, expressed per month and rounded.
    static func normalised(_ amount: Int128, _ interval: BillingInterval, _ count: Int) -> Int128 {
        let count = Int128(max(count, 1))
        switch interval {
        case .day: return divideRounded(amount * 365, by: 12 * count)
        case .week: return divideRounded(amount * 52, by: 12 * count)
        case .month: return divideRounded(amount, by: count)
        case .year: return divideRounded(amount, by: 12 * count)
        }
    }

    /// `numerator / denominator` rounded half away from zero; `denominator > 0`.
    static func divideRounded(_ numerator: Int128, by denominator: Int128) -> Int128 {
        let half = denominator / 2
        return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator)
    }

    /// Whether the subscription no longer counts at `instant` under the churn-recognition policy.
    func hasEnded(_ subscription: Subscription, at instant: Date) -> Bool {
        if let endedAt = subscription.endedAt, endedAt <= instant { return true }
        if let cancelAt = subscription.cancelAt, cancelAt <= instant { return true }
        if policy.churnRecognition == .atCancellation, subscription.cancelAt != nil || subscription.canceledAt != nil {
            return (subscription.canceledAt ?? .distantPast) <= instant
        }
        return false
    }

    /// Instants at which the subscription's MRR can change without a new
    /// change being recorded: coupon starts and ends, scheduled ends.
    public func implicitChanges(of subscription: Subscription) -> [Date] {
        var instants: [Date] = []
        if let discount = subscription.discount {
            instants.append(discount.start)
            if let end = discount.end { instants.append(end) }
        }
        if let endedAt = subscription.endedAt { instants.append(endedAt) }
        if let cancelAt = subscription.cancelAt { instants.append(cancelAt) }
        if policy.churnRecognition == .atCancellation, let canceledAt = subscription.canceledAt { instants.append(canceledAt) }
        return instants
    }

    private func contributes(_ status: SubscriptionStatus) -> Bool {
        switch status {
        case .active: true
        case .pastDue: policy.countsPastDue
        case .trialing, .paused, .canceled, .unpaid, .incomplete, .incompleteExpired: false
        }
    }

    private func counts(_ duration: Discount.Duration) -> Bool {
        switch policy.discounts {
        case .all: true
        case .recurring: duration != .once
        case .foreverOnly: duration == .forever
        case .none: false
        }
    }
}
