import Foundation
import TenureCore

/// Maps Stripe objects to Tenure's domain values. Amounts stay in Stripe's
/// minor units; timestamps become instants; anything Tenure cannot represent
/// faithfully is a ``StripeMappingError`` naming the field.
enum StripeMapping {
    /// `value` once it passes its own checks; a failure names the field under `object`.
    static func checked<Value: Validatable>(_ value: Value, as object: String) throws(StripeMappingError) -> Value {
        do {
            try value.validate()
        } catch {
            throw StripeMappingError(field: error.field.map { "\(object).\($0)" } ?? object, error.message)
        }
        return value
    }

    static func currency(_ code: String?, field: String) throws -> Currency {
        guard let code, let currency = Currency(code: code) else {
            throw StripeMappingError(field: field, "unknown currency '\(code ?? "")'")
        }
        return currency
    }

    static func product(_ product: StripeProduct) -> Product {
        Product(id: product.id, name: product.name ?? product.id, active: (product.active ?? true) && product.deleted != true)
    }

    static func price(_ price: StripePrice) throws -> Price {
        let interval = price.recurring?.interval ?? price.interval
        guard let interval, let billingInterval = BillingInterval(rawValue: interval) else {
            throw StripeMappingError(field: "price.recurring.interval", "price \(price.id) is not recurring")
        }
        let usage = price.recurring?.usageType ?? price.usageType
        return try checked(Price(
            id: price.id, productID: price.product?.id ?? "unknown", nickname: price.nickname,
            unitAmount: price.unitAmount ?? price.amount ?? 0, currency: try currency(price.currency, field: "price.currency"),
            interval: billingInterval, intervalCount: price.recurring?.intervalCount ?? price.intervalCount ?? 1,
            pricingModel: usage == "metered" ? .metered : .perSeat,
            active: (price.active ?? true) && price.deleted != true), as: "price")
    }

    /// The subscription's state as the snapshot shows it, owned by `accountID`.
    static func subscription(_ stripe: StripeSubscription, accountID: String) throws -> Subscription {
        let status: SubscriptionStatus
        if stripe.pauseCollection != nil && stripe.status == "active" {
            status = .paused
        } else if let known = SubscriptionStatus(rawValue: stripe.status) {
            status = known
        } else {
            throw StripeMappingError(field: "subscription.status", "unknown status '\(stripe.status)'")
        }
        let items = stripe.items.data.compactMap { item -> SubscriptionItem? in
            guard let price = item.price ?? item.plan else { return nil }
            return SubscriptionItem(id: item.id, priceID: price.id, quantity: price.recurring?.usageType == "metered" ? 0 : item.quantity ?? 1)
        }
        let firstItem = stripe.items.data.first
        let currencyCode = stripe.currency ?? firstItem?.price?.currency ?? firstItem?.plan?.currency
        let currency = try currency(currencyCode, field: "subscription.currency")
        let start = stripe.startDate ?? stripe.created ?? 0
        let periodStart = stripe.currentPeriodStart ?? firstItem?.currentPeriodStart ?? start
        var periodEnd = stripe.currentPeriodEnd ?? firstItem?.currentPeriodEnd ?? periodStart
        if periodEnd < periodStart { periodEnd = periodStart }
        var cancellation: Cancellation?
        if let details = stripe.cancellationDetails, let reason = details.reason.flatMap(CancellationReason.init(rawValue:)) {
            cancellation = Cancellation(
                reason: reason, feedback: details.feedback.flatMap(CancellationFeedback.init(rawValue:)), comment: details.comment)
        }
        func instant(_ seconds: Int64?, _ field: String) throws -> Date? {
            try seconds.map { try Date(stripeSeconds: $0, field: "subscription.\(field)") }
        }
        return try checked(Subscription(
            id: stripe.id, accountID: accountID, status: status, items: items, currency: currency,
            startedAt: try Date(stripeSeconds: start, field: stripe.startDate == nil ? "subscription.created" : "subscription.start_date"),
            trialStart: try instant(stripe.trialStart, "trial_start"), trialEnd: try instant(stripe.trialEnd, "trial_end"),
            currentPeriodStart: try Date(stripeSeconds: periodStart, field: "subscription.current_period_start"),
            currentPeriodEnd: try Date(stripeSeconds: periodEnd, field: "subscription.current_period_end"),
            cancelAt: try instant(stripe.cancelAt ?? (stripe.cancelAtPeriodEnd == true ? periodEnd : nil), "cancel_at"),
            canceledAt: try instant(stripe.canceledAt, "canceled_at"), endedAt: try instant(stripe.endedAt, "ended_at"),
            cancellation: cancellation,
            discount: try discount(stripe.discount ?? stripe.discounts?.compactMap(\.discount).first, currency: currency)),
            as: "subscription")
    }

    static func discount(_ stripe: StripeDiscount?, currency: Currency) throws -> Discount? {
        guard let stripe, let coupon = stripe.resolvedCoupon, let duration = Discount.Duration(rawValue: coupon.duration),
              let start = stripe.start
        else { return nil }
        return Discount(
            couponID: coupon.id, percentOff: coupon.percentOff, amountOff: coupon.amountOff.map { Money($0, currency) },
            duration: duration, durationInMonths: coupon.durationInMonths,
            start: try Date(stripeSeconds: start, field: "subscription.discount.start"),
            end: try stripe.end.map { try Date(stripeSeconds: $0, field: "subscription.discount.end") })
    }

    static func invoice(_ stripe: StripeInvoice, accountID: String, refunded: Int64) throws -> Invoice {
        // Checked before the arithmetic below, which absurd amounts would overflow.
        let amounts = -Money.maximumAmount...Money.maximumAmount
        for (field, amount) in [("total", stripe.total), ("total_excluding_tax", stripe.totalExcludingTax), ("tax", stripe.tax)] {
            if let amount, !amounts.contains(amount) { throw StripeMappingError(field: "invoice.\(field)", "\(amount) is out of range") }
        }
        let tax = stripe.tax ?? stripe.totalExcludingTax.map { stripe.total - $0 } ?? 0
        let status = stripe.status.flatMap(InvoiceStatus.init(rawValue:)) ?? .draft
        let periodStart = stripe.periodStart ?? stripe.created
        func instant(_ seconds: Int64, _ field: String) throws -> Date { try Date(stripeSeconds: seconds, field: "invoice.\(field)") }
        return try checked(Invoice(
            id: stripe.id, accountID: accountID,
            subscriptionID: stripe.subscription?.id ?? stripe.parent?.subscriptionDetails?.subscription?.id,
            status: status, currency: try currency(stripe.currency, field: "invoice.currency"), subtotal: stripe.total - tax,
            tax: tax, amountPaid: stripe.amountPaid ?? 0, amountRefunded: min(refunded, stripe.amountPaid ?? 0),
            periodStart: try instant(periodStart, stripe.periodStart == nil ? "created" : "period_start"),
            periodEnd: try instant(max(stripe.periodEnd ?? periodStart, periodStart), "period_end"),
            createdAt: try instant(stripe.created, "created"),
            paidAt: try stripe.statusTransitions?.paidAt.map { try instant($0, "status_transitions.paid_at") }), as: "invoice")
    }
}

/// A Stripe object Tenure cannot take in as it is.
public struct StripeMappingError: Error, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
