import Foundation

/// A bill sent to an account (Stripe's `invoice`). Amounts are minor units of `currency`.
public struct Invoice: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var accountID: String
    public var subscriptionID: String?
    public var status: InvoiceStatus
    public var currency: Currency
    /// Amount before tax, after discounts.
    public var subtotal: Int64
    public var tax: Int64
    /// `subtotal + tax`: what the customer owes.
    public var total: Int64
    public var amountPaid: Int64
    public var amountRefunded: Int64
    public var periodStart: Date
    public var periodEnd: Date
    public var createdAt: Date
    public var paidAt: Date?

    public init(
        id: String, accountID: String, subscriptionID: String?, status: InvoiceStatus, currency: Currency,
        subtotal: Int64, tax: Int64 = 0, amountPaid: Int64 = 0, amountRefunded: Int64 = 0,
        periodStart: Date, periodEnd: Date, createdAt: Date, paidAt: Date? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.subscriptionID = subscriptionID
        self.status = status
        self.currency = currency
        self.subtotal = subtotal
        self.tax = tax
        self.total = subtotal + tax
        self.amountPaid = amountPaid
        self.amountRefunded = amountRefunded
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.createdAt = createdAt
        self.paidAt = paidAt
    }
}

/// Stripe's invoice statuses.
public enum InvoiceStatus: String, StringEnum, Hashable {
    case draft, open, paid, void, uncollectible
}

extension Invoice: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(accountID, "account_id", maxLength: 200)
        try Check.range(subtotal, "subtotal", -Money.maximumAmount...Money.maximumAmount)
        try Check.range(tax, "tax", 0...Money.maximumAmount)
        try Check.range(amountPaid, "amount_paid", 0...Money.maximumAmount)
        try Check.range(amountRefunded, "amount_refunded", 0...amountPaid)
        guard total == subtotal + tax else { throw ValidationError(field: "total", "must equal subtotal + tax") }
        try Check.ordered(periodStart, before: periodEnd, "period_start", "period_end")
    }
}

/// One try at collecting an invoice: the first charge or a dunning retry.
public struct PaymentAttempt: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var invoiceID: String
    public var accountID: String
    public var attemptedAt: Date
    public var amount: Money
    public var succeeded: Bool
    /// Card network or Stripe decline code when the attempt failed, e.g. `"insufficient_funds"`.
    public var failureCode: String?

    public init(
        id: String, invoiceID: String, accountID: String, attemptedAt: Date, amount: Money,
        succeeded: Bool, failureCode: String? = nil
    ) {
        self.id = id
        self.invoiceID = invoiceID
        self.accountID = accountID
        self.attemptedAt = attemptedAt
        self.amount = amount
        self.succeeded = succeeded
        self.failureCode = failureCode
    }
}
