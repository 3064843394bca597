import Foundation

/// A coupon applied to a subscription: a percentage or a fixed amount off
/// each invoice, for one invoice, some months, or forever.
public struct Discount: Hashable, Sendable, Codable {
    public var couponID: String
    /// Percentage off, 0 < x ≤ 100 (Stripe's `percent_off`). Exactly one of
    /// `percentOff` and `amountOff` is set.
    public var percentOff: Double?
    /// Fixed amount off each invoice, in the subscription's currency.
    public var amountOff: Money?
    public var duration: Duration
    /// Months the coupon lasts when `duration` is `.repeating`.
    public var durationInMonths: Int?
    public var start: Date
    /// When the discount stops applying; `nil` for `forever`.
    public var end: Date?

    public init(
        couponID: String, percentOff: Double? = nil, amountOff: Money? = nil, duration: Duration,
        durationInMonths: Int? = nil, start: Date, end: Date? = nil
    ) {
        self.couponID = couponID
        self.percentOff = percentOff
        self.amountOff = amountOff
        self.duration = duration
        self.durationInMonths = durationInMonths
        self.start = start
        self.end = end
    }

    /// How long a coupon applies (Stripe's `coupon.duration`).
    public enum Duration: String, StringEnum, Hashable {
        case once, repeating, forever
    }

    /// Whether the discount applies at `instant`.
    public func isActive(at instant: Date) -> Bool {
        instant >= start && (end.map { instant < $0 } ?? true)
    }

    /// The percentage in hundredths of a percent (12.5% → 1250), exact to two decimals.
    public var percentOffBasisPoints: Int64? {
        percentOff.map { Int64(($0 * 100).rounded()) }
    }
}

extension Discount: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(couponID, "discount.coupon_id", maxLength: 200)
        switch (percentOff, amountOff) {
        case (let percent?, nil):
            guard percent > 0, percent <= 100, percent.isFinite else {
                throw ValidationError(field: "discount.percent_off", "must be more than 0 and at most 100")
            }
        case (nil, let amount?):
            try Check.range(amount.amount, "discount.amount_off.amount", 1...Money.maximumAmount)
        default:
            throw ValidationError(field: "discount", "needs exactly one of percent_off and amount_off")
        }
        if duration == .repeating {
            guard let months = durationInMonths, months > 0 else {
                throw ValidationError(field: "discount.duration_in_months", "is required and positive for a repeating coupon")
            }
        }
        try Check.ordered(start, before: end, "discount.start", "discount.end")
    }
}
