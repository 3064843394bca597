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
        decode: { row in try decodeState(row) })

    static let subscriptionChanges = Table<SubscriptionChange>(
        name: "subscription_changes", columns: ["subscription_id", "effective_at", "account_id"] + stateColumns,
        key: ["subscription_id", "effective_at"],
        encode: { [SQLValue($0.state.id), SQLValue($0.effectiveAt), SQLValue($0.state.accountID)] + encodeState($0.state) },
        decode: { row in SubscriptionChange(effectiveAt: try row["effective_at"], state: try decodeState(row, id: "subscription_id")) })

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
            ItemRow(subscriptionID: try row["subscription_id"], position: try row["position"],
                    item: SubscriptionItem(id: try row["item_id"], priceID: try row["price_id"], quantity: try row["quantity"]))
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
            ChangeItemRow(subscriptionID: try row["subscription_id"], effectiveAt: try row["effective_at"], position: try row["position"],
                          item: SubscriptionItem(id: try row["item_id"], priceID: try row["price_id"], quantity: try row["quantity"]))
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

    /// Reads the subscription's id (from the column `id`), `account_id` and state columns; items are attached later.
    private static func decodeState(_ row: SQLRow, id: String = "id") throws -> Subscription {
        let currency: Currency = try row["currency"]
        var subscription = Subscription(
            id: try row[id], accountID: try row["account_id"], status: try row["status"], items: [], currency: currency,
            startedAt: try row["started_at"], trialStart: try row["trial_start"], trialEnd: try row["trial_end"],
            currentPeriodStart: try row["current_period_start"], currentPeriodEnd: try row["current_period_end"],
            cancelAt: try row["cancel_at"], canceledAt: try row["canceled_at"], endedAt: try row["ended_at"])
        let reason: CancellationReason? = try row["cancellation_reason"]
        let feedback: CancellationFeedback? = try row["cancellation_feedback"]
        let comment: String? = try row["cancellation_comment"]
        subscription.cancellation = reason.map { Cancellation(reason: $0, feedback: feedback, comment: comment) }
        let couponID: String? = try row["coupon_id"]
        let duration: Discount.Duration? = try row["discount_duration"]
        let percentOff: Double? = try row["percent_off"], amountOff: Int64? = try row["amount_off"]
        let months: Int? = try row["discount_duration_in_months"]
        let start: Date? = try row["discount_start"], end: Date? = try row["discount_end"]
        if let couponID, let duration, let start {
            subscription.discount = Discount(
                couponID: couponID, percentOff: percentOff, amountOff: amountOff.map { Money($0, currency) },
                duration: duration, durationInMonths: months, start: start, end: end)
        }
        return subscription
    }
}
