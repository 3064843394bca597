import Foundation
import Testing
@testable import TenureCore

/// MRR of single subscriptions, each checked against a hand computation.
@Suite("MRR calculator")
struct MRRCalculatorTests {
    static let now = UTCCalendar.date(2026, 3, 1)

    static func price(_ id: String, _ amount: Int64, _ interval: BillingInterval, count: Int = 1,
                      model: PricingModel = .perSeat) -> Price {
        Price(id: id, productID: "prod", unitAmount: amount, currency: .usd, interval: interval, intervalCount: count,
              pricingModel: model)
    }

    static let prices: [Price] = [
        price("monthly", 2_500, .month),
        price("annual", 45_000, .year),
        price("quarterly", 18_000, .month, count: 3),
        price("weekly", 1_000, .week),
        price("daily", 100, .day),
        price("biennial", 100_000, .year, count: 2),
        price("flat", 3_900, .month, model: .flat),
    ]

    static func subscription(_ items: [(String, Int64)], status: SubscriptionStatus = .active,
                             discount: Discount? = nil, endedAt: Date? = nil) -> Subscription {
        Subscription(
            id: "sub", accountID: "acct", status: status,
            items: items.enumerated().map { SubscriptionItem(id: "si\($0.offset)", priceID: $0.element.0, quantity: $0.element.1) },
            currency: .usd, startedAt: now.adding(days: -60), currentPeriodStart: now.adding(days: -10),
            currentPeriodEnd: now.adding(days: 20), endedAt: endedAt, discount: discount)
    }

    func mrr(_ subscription: Subscription, policy: MRRPolicy = .standard) -> Int64 {
        MRRCalculator(prices: Dictionary(uniqueKeysWithValues: Self.prices.map { ($0.id, $0) }), policy: policy)
            .monthlyAmount(of: subscription, at: Self.now)
    }

    @Test("intervals normalise to one month", arguments: [
        ("monthly", Int64(10), Int64(25_000)),       // 10 × 25.00
        ("annual", 3, 11_250),                       // 3 × 450.00 ÷ 12
        ("quarterly", 5, 30_000),                    // 5 × 180.00 ÷ 3
        ("weekly", 1, 4_333),                        // 10.00 × 52 ÷ 12 = 43.333…
        ("daily", 1, 3_042),                         // 1.00 × 365 ÷ 12 = 30.4166… → 30.42
        ("biennial", 1, 4_167),                      // 1,000.00 ÷ 24 = 41.666… → 41.67
        ("flat", 1, 3_900),
    ])
    func normalisation(priceID: String, quantity: Int64, expected: Int64) {
        #expect(mrr(Self.subscription([(priceID, quantity)])) == expected)
    }

    @Test("several items add up, each rounded once")
    func severalItems() {
        #expect(mrr(Self.subscription([("monthly", 2), ("weekly", 1), ("daily", 1)])) == 5_000 + 4_333 + 3_042)
    }

    @Test("trials, pauses, incomplete and ended subscriptions count nothing", arguments: [
        SubscriptionStatus.trialing, .paused, .incomplete, .incompleteExpired, .unpaid, .canceled,
    ])
    func nonPayingStatuses(status: SubscriptionStatus) {
        #expect(mrr(Self.subscription([("monthly", 4)], status: status)) == 0)
    }

    @Test("past due counts by default and not under the strict policy")
    func pastDue() {
        let subscription = Self.subscription([("monthly", 4)], status: .pastDue)
        #expect(mrr(subscription) == 10_000)
        #expect(mrr(subscription, policy: MRRPolicy(countsPastDue: false)) == 0)
    }

    @Test("an end date in the past zeroes MRR; a scheduled end in the future does not")
    func endDates() {
        #expect(mrr(Self.subscription([("monthly", 4)], endedAt: Self.now.adding(days: -1))) == 0)
        #expect(mrr(Self.subscription([("monthly", 4)], endedAt: Self.now.adding(days: 5))) == 10_000)
    }

    static func discount(percent: Double? = nil, amount: Int64? = nil, _ duration: Discount.Duration,
                         from start: Double = -10, to end: Double? = 50) -> Discount {
        Discount(couponID: "C", percentOff: percent, amountOff: amount.map { Money($0, .usd) }, duration: duration,
                 durationInMonths: duration == .repeating ? 3 : nil, start: now.adding(days: start),
                 end: end.map { now.adding(days: $0) })
    }

    @Test("percent coupons reduce MRR while active, rounded half away from zero")
    func percentDiscounts() {
        // 3 × 25.00 = 75.00; 12.5% off = 9.375 → 9.38 off → 65.62
        #expect(mrr(Self.subscription([("monthly", 3)], discount: Self.discount(percent: 12.5, .forever, to: nil))) == 6_562)
        #expect(mrr(Self.subscription([("monthly", 3)], discount: Self.discount(percent: 20, .repeating))) == 6_000)
        // expired and not yet started coupons do nothing
        #expect(mrr(Self.subscription([("monthly", 3)], discount: Self.discount(percent: 20, .repeating, from: -100, to: -1))) == 7_500)
        #expect(mrr(Self.subscription([("monthly", 3)], discount: Self.discount(percent: 20, .repeating, from: 1, to: 90))) == 7_500)
        // 100% off is zero, never negative
        #expect(mrr(Self.subscription([("monthly", 3)], discount: Self.discount(percent: 100, .forever, to: nil))) == 0)
    }

    @Test("amount-off coupons are normalised with the price's interval and floored at zero")
    func amountDiscounts() {
        // annual 3 seats = 1,350.00/yr; 120.00 off per year → 1,230.00 / 12 = 102.50
        #expect(mrr(Self.subscription([("annual", 3)], discount: Self.discount(amount: 12_000, .forever, to: nil))) == 10_250)
        #expect(mrr(Self.subscription([("monthly", 1)], discount: Self.discount(amount: 99_999, .forever, to: nil))) == 0)
    }

    @Test("coupon policies: once is excluded by default, counted by `all`, only forever by `forever_only`")
    func discountPolicies() {
        let once = Self.subscription([("monthly", 4)], discount: Self.discount(percent: 50, .once))
        let repeating = Self.subscription([("monthly", 4)], discount: Self.discount(percent: 50, .repeating))
        let forever = Self.subscription([("monthly", 4)], discount: Self.discount(percent: 50, .forever, to: nil))
        #expect([mrr(once), mrr(repeating), mrr(forever)] == [10_000, 5_000, 5_000])
        let all = MRRPolicy(discounts: .all)
        #expect([mrr(once, policy: all), mrr(repeating, policy: all), mrr(forever, policy: all)] == [5_000, 5_000, 5_000])
        let foreverOnly = MRRPolicy(discounts: .foreverOnly)
        #expect([mrr(once, policy: foreverOnly), mrr(repeating, policy: foreverOnly), mrr(forever, policy: foreverOnly)] == [10_000, 10_000, 5_000])
        let none = MRRPolicy(discounts: .none)
        #expect(mrr(forever, policy: none) == 10_000)
    }

    @Test("an item whose price is unknown counts nothing; the rest still count")
    func unknownPrice() {
        #expect(mrr(Self.subscription([("monthly", 1), ("ghost", 5)])) == 2_500)
    }

    @Test("huge amounts do not overflow")
    func noOverflow() {
        let big = Price(id: "big", productID: "p", unitAmount: Money.maximumAmount, currency: .usd, interval: .day,
                        pricingModel: .perSeat)
        let calculator = MRRCalculator(prices: ["big": big])
        let subscription = Self.subscription([("big", 10_000_000)])
        #expect(calculator.monthlyAmount(of: subscription, at: Self.now) == Int64.max)
    }

    @Test("rounding is half away from zero")
    func rounding() {
        #expect(MRRCalculator.divideRounded(5, by: 2) == 3)
        #expect(MRRCalculator.divideRounded(-5, by: 2) == -3)
        #expect(MRRCalculator.divideRounded(4, by: 3) == 1)
        #expect(MRRCalculator.divideRounded(-4, by: 3) == -1)
    }
}
