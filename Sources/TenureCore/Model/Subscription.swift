import Foundation

/// An account's recurring agreement to pay (Stripe's `subscription`), in its
/// latest known state. Its history is kept as ``SubscriptionChange`` values.
public struct Subscription: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var accountID: String
    public var status: SubscriptionStatus
    public var items: [SubscriptionItem]
    public var currency: Currency
    public var startedAt: Date
    public var trialStart: Date?
    public var trialEnd: Date?
    public var currentPeriodStart: Date
    public var currentPeriodEnd: Date
    /// When a scheduled cancellation takes effect.
    public var cancelAt: Date?
    /// When the cancellation was requested.
    public var canceledAt: Date?
    /// When the subscription stopped for good.
    public var endedAt: Date?
    public var cancellation: Cancellation?
    public var discount: Discount?

    public init(
        id: String, accountID: String, status: SubscriptionStatus, items: [SubscriptionItem],
        currency: Currency, startedAt: Date, trialStart: Date? = nil, trialEnd: Date? = nil,
        currentPeriodStart: Date, currentPeriodEnd: Date, cancelAt: Date? = nil, canceledAt: Date? = nil,
        endedAt: Date? = nil, cancellation: Cancellation? = nil, discount: Discount? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.status = status
        self.items = items
        self.currency = currency
        self.startedAt = startedAt
        self.trialStart = trialStart
        self.trialEnd = trialEnd
        self.currentPeriodStart = currentPeriodStart
        self.currentPeriodEnd = currentPeriodEnd
        self.cancelAt = cancelAt
        self.canceledAt = canceledAt
        self.endedAt = endedAt
        self.cancellation = cancellation
        self.discount = discount
    }
}

/// One line of a subscription: a price and how many units of it.
public struct SubscriptionItem: Hashable, Sendable, Codable {
    public var id: String
    public var priceID: String
    /// Seats for per-seat prices, 1 for flat prices; for metered prices the
    /// units used in the current period.
    public var quantity: Int64

    public init(id: String, priceID: String, quantity: Int64 = 1) {
        self.id = id
        self.priceID = priceID
        self.quantity = quantity
    }
}

/// Stripe's subscription statuses that matter for revenue.
public enum SubscriptionStatus: String, StringEnum, Hashable {
    case trialing
    case active
    case pastDue = "past_due"
    case paused
    case canceled
    /// Stripe's `unpaid`: retries exhausted, invoices left open.
    case unpaid
    case incomplete
    case incompleteExpired = "incomplete_expired"
}

/// Why a subscription was cancelled, in Stripe's vocabulary.
public struct Cancellation: Hashable, Sendable, Codable {
    public var reason: CancellationReason
    public var feedback: CancellationFeedback?
    public var comment: String?

    public init(reason: CancellationReason, feedback: CancellationFeedback? = nil, comment: String? = nil) {
        self.reason = reason
        self.feedback = feedback
        self.comment = comment
    }

    /// Voluntary churn is the customer's choice; involuntary churn is a payment that never came.
    public var isVoluntary: Bool { reason == .cancellationRequested }
}

/// Stripe's `cancellation_details.reason`.
public enum CancellationReason: String, StringEnum, Hashable {
    case cancellationRequested = "cancellation_requested"
    case paymentFailed = "payment_failed"
    case paymentDisputed = "payment_disputed"
}

/// Stripe's `cancellation_details.feedback`: what the customer said.
public enum CancellationFeedback: String, StringEnum, Hashable {
    case customerService = "customer_service"
    case lowQuality = "low_quality"
    case missingFeatures = "missing_features"
    case other
    case switchedService = "switched_service"
    case tooComplex = "too_complex"
    case tooExpensive = "too_expensive"
    case unused
}

extension Subscription: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(accountID, "account_id", maxLength: 200)
        if items.count > 100 { throw ValidationError(field: "items", "must hold at most 100 items") }
        for (index, item) in items.enumerated() {
            try Check.nonEmpty(item.id, "items[\(index)].id", maxLength: 200)
            try Check.nonEmpty(item.priceID, "items[\(index)].price_id", maxLength: 200)
            try Check.range(item.quantity, "items[\(index)].quantity", 0...10_000_000)
        }
        try Check.ordered(currentPeriodStart, before: currentPeriodEnd, "current_period_start", "current_period_end")
        try Check.ordered(trialStart, before: trialEnd, "trial_start", "trial_end")
        try discount?.validate()
        if let amountOff = discount?.amountOff, amountOff.currency != currency {
            throw ValidationError(field: "discount.amount_off.currency", "must be the subscription's currency, \(currency.code)")
        }
    }
}
