import Foundation
import TenureCore

/// Table mappings of subscriptions and their history. A subscription's items
/// live in rows of their own (`subscription_items`, `subscription_change_items`);
/// these mappings read and write the state columns, and ``SubscriptionRows``
/// puts the two together.
extension Tables {
    static let stateColumns = [
        "status", "currency", "started_at", "trial_start", "trial_end", "current_period_start", "current_period_end",
        "cancel_at", "canceled_at", "ended_at", "cancellation_reason", "cancellation_feedback", "cancellation_comment",
        "coupon_id", "percent_off", "amount_off", "discount_duration", "discount_duration_in_months", "discount_start",
        "discount_end",
    ]

    static let subscriptions = Table<Subscription>(
        name: "subscriptions", columns: ["id", "account_id"] + stateColumns, key: ["id"],
        encode: { [SQLValue($0.id), SQLValue($0.accountID)] + encodeState($0) },
        decode: { row in try decodeState(id: try row.string(), accountID: try row.string(), &row) })

    static let subscriptionChanges = Table<SubscriptionChange>(
        name: "subscription_changes", columns: ["subscription_id", "effective_at", "account_id"] + stateColumns,
        key: ["subscription_id", "effective_at"],
        encode: { [SQLValue($0.state.id), SQLValue($0.effectiveAt), SQLValue($0.state.accountID)] + encodeState($0.state) },
        decode: { row in
            let id = try row.string()
            let effectiveAt = try row.date()
            return SubscriptionChange(effectiveAt: effectiveAt, state: try decodeState(id: id, accountID: try row.string(), &row))
        })

    /// One item of a subscription's current state.
    struct ItemRow: Sendable {
        var subscriptionID: String
        var position: Int
        var item: SubscriptionItem
    }

    static let subscriptionItems = Table<ItemRow>(
        name: "subscription_items", columns: ["subscription_id", "position", "item_id", "price_id", "quantity"],
        key: ["subscription_id", "position"],
        encode: { [SQLValue($0.subscriptionID), SQLValue($0.position), SQLValue($0.item.id), SQLValue($0.item.priceID), .integer($0.item.quantity)] },
        decode: { row in
            ItemRow(subscriptionID: try row.string(), position: try row.int(),
                    item: SubscriptionItem(id: try row.string(), priceID: try row.string(), quantity: try row.int64()))
        })

    /// One item of a subscription's state at one change.
    struct ChangeItemRow: Sendable {
        var subscriptionID: String
        var effectiveAt: Date
        var position: Int
        var item: SubscriptionItem
    }

    static let subscriptionChangeItems = Table<ChangeItemRow>(
        name: "subscription_change_items",
        columns: ["subscription_id", "effective_at", "position", "item_id", "price_id", "quantity"],
        key: ["subscription_id", "effective_at", "position"],
        encode: { row in
            [SQLValue(row.subscriptionID), SQLValue(row.effectiveAt), SQLValue(row.position), SQLValue(row.item.id),
             SQLValue(row.item.priceID), .integer(row.item.quantity)]
        },
        decode: { row in
            ChangeItemRow(subscriptionID: try row.string(), effectiveAt: try row.date(), position: try row.int(),
                          item: SubscriptionItem(id: try row.string(), priceID: try row.string(), quantity: try row.int64()))
        })

    private static func encodeState(_ subscription: Subscription) -> [SQLValue] {
        let discount = subscription.discount
        return [
            SQLValue(subscription.status), SQLValue(subscription.currency.code), SQLValue(subscription.startedAt),
            SQLValue(subscription.trialStart), SQLValue(subscription.trialEnd), SQLValue(subscription.currentPeriodStart),
            SQLValue(subscription.currentPeriodEnd), SQLValue(subscription.cancelAt), SQLValue(subscription.canceledAt),
            SQLValue(subscription.endedAt), SQLValue(subscription.cancellation?.reason),
            SQLValue(subscription.cancellation?.feedback), SQLValue(subscription.cancellation?.comment),
            SQLValue(discount?.couponID), discount?.percentOff.map { .real($0) } ?? .null, SQLValue(discount?.amountOff?.amount),
            SQLValue(discount?.duration), SQLValue(discount?.durationInMonths), SQLValue(discount?.start), SQLValue(discount?.end),
        ]
    }

    /// Reads the state columns after `id` and `account_id`; items are attached later.
    private static func decodeState(id: String, accountID: String, _ row: inout RowReader) throws -> Subscription {
        let status: SubscriptionStatus = try row.enumeration()
        let currency = try row.currency()
        var subscription = Subscription(
            id: id, accountID: accountID, status: status, items: [], currency: currency, startedAt: try row.date(),
            trialStart: try row.optionalDate(), trialEnd: try row.optionalDate(), currentPeriodStart: try row.date(),
            currentPeriodEnd: try row.date(), cancelAt: try row.optionalDate(), canceledAt: try row.optionalDate(),
            endedAt: try row.optionalDate())
        let reason: CancellationReason? = try row.optionalEnumeration()
        let feedback: CancellationFeedback? = try row.optionalEnumeration()
        let comment = try row.optionalString()
        subscription.cancellation = reason.map { Cancellation(reason: $0, feedback: feedback, comment: comment) }
        let couponID = try row.optionalString()
        let percentOff = try row.optionalDouble()
        let amountOff = try row.optionalInt64()
        let duration: Discount.Duration? = try row.optionalEnumeration()
        let months = try row.optionalInt()
        let start = try row.optionalDate()
        let end = try row.optionalDate()
        if let couponID, let duration, let start {
            subscription.discount = Discount(
                couponID: couponID, percentOff: percentOff, amountOff: amountOff.map { Money($0, currency) },
                duration: duration, durationInMonths: months, start: start, end: end)
        }
        return subscription
    }
}
