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
        schedule(of: subscription).amount(at: instant)
    }

    /// The MRR of one subscription state as a function of time: the item sum
    /// and the discount are worked out once, so evaluating it at many
    /// instants (as the revenue ledger does) costs a few comparisons.
    public func schedule(of subscription: Subscription) -> MRRSchedule {
        schedule(of: subscription) { prices[$0].map(PriceTerms.init) }
    }

    /// The schedule, finding prices' terms with `lookup` (a caller reading many
    /// changes of one subscription can remember the last terms it looked up).
    func schedule(of subscription: Subscription, terms lookup: (String) -> PriceTerms?) -> MRRSchedule {
        guard contributes(subscription.status) else { return .zero }
        var gross: Int128 = 0
        var dominantPrice: PriceTerms?
        for item in subscription.items {
            guard let price = lookup(item.priceID) else { continue }
            dominantPrice = dominantPrice ?? price
            let periodAmount = Int128(price.unitAmount) * Int128(item.quantity)
            gross += MRRCalculator.normalised(periodAmount, price.interval, price.intervalCount)
        }
        var discountAmount: Int128 = 0
        if let discount = subscription.discount, counts(discount.duration) {
            if let basisPoints = discount.percentOffBasisPoints {
                discountAmount = MRRCalculator.divideRounded(gross * Int128(basisPoints), by: 10_000)
            } else if let amountOff = discount.amountOff, let price = dominantPrice {
                discountAmount = MRRCalculator.normalised(Int128(amountOff.amount), price.interval, price.intervalCount)
            }
        }
        var endsAt = Self.earlier(subscription.endedAt, subscription.cancelAt)
        if policy.churnRecognition == .atCancellation, subscription.cancelAt != nil || subscription.canceledAt != nil {
            endsAt = Self.earlier(endsAt, subscription.canceledAt ?? .distantPast)
        }
        return MRRSchedule(
            full: Int64(clamping: max(gross, 0)), discounted: Int64(clamping: max(gross - discountAmount, 0)),
            discountStart: discountAmount == 0 ? nil : subscription.discount?.start,
            discountEnd: discountAmount == 0 ? nil : subscription.discount?.end, endsAt: endsAt)
    }

    private static func earlier(_ first: Date?, _ second: Date?) -> Date? {
        guard let first else { return second }
        guard let second else { return first }
        return min(first, second)
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

/// What MRR needs of a price — amount and billing period — small enough to copy freely.
struct PriceTerms: Sendable {
    let unitAmount: Int64
    let interval: BillingInterval
    let intervalCount: Int

    init(_ price: Price) {
        unitAmount = price.unitAmount
        interval = price.interval
        intervalCount = price.intervalCount
    }
}

/// One subscription state's MRR over time: `discounted` while its coupon is
/// active, `full` otherwise, and nothing from `endsAt` on.
public struct MRRSchedule: Hashable, Sendable {
    public var full: Int64
    public var discounted: Int64
    public var discountStart: Date?
    public var discountEnd: Date?
    /// When the subscription stops counting (ended, scheduled end passed, or cancelled under at-cancellation).
    public var endsAt: Date?

    /// A state that never counts.
    public static let zero = MRRSchedule(full: 0, discounted: 0, discountStart: nil, discountEnd: nil, endsAt: nil)

    /// MRR at `instant`.
    @inline(__always)
    public func amount(at instant: Date) -> Int64 {
        if let endsAt, endsAt <= instant { return 0 }
        if let discountStart, instant >= discountStart, discountEnd.map({ instant < $0 }) ?? true { return discounted }
        return full
    }
}
