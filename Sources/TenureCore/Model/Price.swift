import Foundation

/// A recurring price of a product (Stripe's `price`/`plan`): how much, how often,
/// and per what unit. A plan in CS parlance.
public struct Price: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var productID: String
    /// Human name of the plan, e.g. `"Growth (annual)"`.
    public var nickname: String?
    /// Price of one unit for one billing interval, in minor units of `currency`.
    public var unitAmount: Int64
    public var currency: Currency
    public var interval: BillingInterval
    /// Number of `interval`s between bills (3 with `.month` = quarterly).
    public var intervalCount: Int
    public var pricingModel: PricingModel
    /// Entitlements of the plan, e.g. `["seats": 25, "projects": 100]`.
    public var usageLimits: [String: Int64]
    public var active: Bool

    public init(
        id: String, productID: String, nickname: String? = nil, unitAmount: Int64, currency: Currency,
        interval: BillingInterval, intervalCount: Int = 1, pricingModel: PricingModel = .flat,
        usageLimits: [String: Int64] = [:], active: Bool = true
    ) {
        self.id = id
        self.productID = productID
        self.nickname = nickname
        self.unitAmount = unitAmount
        self.currency = currency
        self.interval = interval
        self.intervalCount = intervalCount
        self.pricingModel = pricingModel
        self.usageLimits = usageLimits
        self.active = active
    }
}

/// The calendar unit of a recurring price.
public enum BillingInterval: String, StringEnum, Hashable {
    case day, week, month, year
}

/// How a price turns quantity into an amount.
public enum PricingModel: String, StringEnum, Hashable {
    /// One amount whatever the quantity (quantity is normally 1).
    case flat
    /// `unitAmount × quantity` (seats).
    case perSeat = "per_seat"
    /// Billed in arrears for measured usage; `unitAmount` is per unit used.
    case metered
}

extension Price: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(productID, "product_id", maxLength: 200)
        try Check.range(unitAmount, "unit_amount", 0...Money.maximumAmount)
        try Check.range(intervalCount, "interval_count", 1...365)
        for (key, limit) in usageLimits where limit < 0 {
            throw ValidationError(field: "usage_limits.\(key)", "must not be negative")
        }
    }
}
