import Foundation

/// Builds Stripe event JSON the way Stripe sends it.
public enum StripeEventFixtures {
    public static let base: Int64 = 1_767_225_600 // 2026-01-01

    public static func event(_ id: String, _ type: String, _ created: Int64, _ object: String) -> Data {
        Data(#"{"id":"\#(id)","object":"event","type":"\#(type)","created":\#(created),"livemode":false,"data":{"object":\#(object)}}"#.utf8)
    }

    public static func price(_ id: String, amount: Int, interval: String = "month") -> String {
        #"{"id":"\#(id)","object":"price","active":true,"currency":"usd","unit_amount":\#(amount),"product":"prod_app","recurring":{"interval":"\#(interval)","interval_count":1,"usage_type":"licensed"}}"#
    }

    public static func customer(_ id: String, name: String, email: String) -> String {
        #"{"id":"\#(id)","object":"customer","name":"\#(name)","email":"\#(email)","currency":"usd","metadata":{"plan":"growth"}}"#
    }

    public static func subscription(_ id: String, customer: String, status: String, quantity: Int, price: String = price("price_seat", amount: 2_500),
                             start: Int64, couponPercent: Double? = nil, canceledAt: Int64? = nil, endedAt: Int64? = nil) -> String {
        let discount = couponPercent.map { #"{"object":"discount","coupon":{"id":"SAVE","percent_off":\#($0),"duration":"forever"},"start":\#(start)}"# } ?? "null"
        return #"""
        {"id":"\#(id)","object":"subscription","customer":"\#(customer)","status":"\#(status)","currency":"usd","start_date":\#(start),
         "created":\#(start),"current_period_start":\#(start),"current_period_end":\#(start + 2_592_000),"cancel_at":null,
         "canceled_at":\#(canceledAt.map(String.init) ?? "null"),"ended_at":\#(endedAt.map(String.init) ?? "null"),
         "cancellation_details":{"reason":\#(canceledAt == nil ? "null" : "\"cancellation_requested\""),"feedback":null,"comment":null},
         "pause_collection":null,"discount":\#(discount),
         "items":{"object":"list","data":[{"id":"si_\#(id)","object":"subscription_item","quantity":\#(quantity),"price":\#(price)}]}}
        """#
    }

    public static func invoice(_ id: String, customer: String, subscription: String, status: String, amount: Int, created: Int64) -> String {
        #"{"id":"\#(id)","object":"invoice","customer":"\#(customer)","subscription":"\#(subscription)","status":"\#(status)","currency":"usd","subtotal":\#(amount),"total":\#(amount),"total_excluding_tax":\#(amount),"amount_due":\#(amount),"amount_paid":\#(status == "paid" ? amount : 0),"period_start":\#(created),"period_end":\#(created + 2_592_000),"created":\#(created),"status_transitions":{"paid_at":\#(status == "paid" ? String(created) : "null")}}"#
    }

    public static func charge(_ id: String, invoice: String, refunded: Int) -> String {
        #"{"id":"\#(id)","object":"charge","amount":5000,"amount_refunded":\#(refunded),"currency":"usd","invoice":"\#(invoice)","refunded":true}"#
    }

    /// A month of a small Stripe account: three customers; upgrades, a coupon, a failed and recovered
    /// payment, a cancellation, a refund, and two events in the same second.
    public static func stream() -> [Data] {
        let day: Int64 = 86_400
        var events: [Data] = []
        var counter = 0
        func add(_ type: String, _ created: Int64, _ object: String) {
            counter += 1
            events.append(event("evt_\(String(format: "%03d", counter))", type, created, object))
        }
        add("product.created", base, #"{"id":"prod_app","object":"product","name":"App","active":true}"#)
        add("price.created", base, price("price_seat", amount: 2_500))
        for (index, name) in ["Acme", "Beacon", "Cobalt"].enumerated() {
            let customerID = "cus_\(name.lowercased())", subscriptionID = "sub_\(name.lowercased())"
            let start = base + Int64(index) * day
            add("customer.created", start, customer(customerID, name: name, email: "billing@\(name.lowercased()).com"))
            add("customer.subscription.created", start, subscription(subscriptionID, customer: customerID, status: "active", quantity: 5 + index, start: start))
            add("invoice.paid", start + 60, invoice("in_\(name)_1", customer: customerID, subscription: subscriptionID, status: "paid", amount: 2_500 * (5 + index), created: start))
        }
        add("customer.subscription.updated", base + 5 * day, subscription("sub_acme", customer: "cus_acme", status: "active", quantity: 8, start: base))
        add("customer.subscription.updated", base + 5 * day, subscription("sub_acme", customer: "cus_acme", status: "active", quantity: 9, start: base))
        add("customer.subscription.updated", base + 7 * day, subscription("sub_beacon", customer: "cus_beacon", status: "active", quantity: 6, start: base + day, couponPercent: 20))
        add("invoice.payment_failed", base + 9 * day, invoice("in_Cobalt_2", customer: "cus_cobalt", subscription: "sub_cobalt", status: "open", amount: 17_500, created: base + 9 * day))
        add("customer.subscription.updated", base + 9 * day, subscription("sub_cobalt", customer: "cus_cobalt", status: "past_due", quantity: 7, start: base + 2 * day))
        add("invoice.paid", base + 12 * day, invoice("in_Cobalt_2", customer: "cus_cobalt", subscription: "sub_cobalt", status: "paid", amount: 17_500, created: base + 9 * day))
        add("customer.subscription.updated", base + 12 * day, subscription("sub_cobalt", customer: "cus_cobalt", status: "active", quantity: 7, start: base + 2 * day))
        add("customer.subscription.deleted", base + 20 * day, subscription("sub_beacon", customer: "cus_beacon", status: "canceled", quantity: 6, start: base + day,
                                                                          couponPercent: 20, canceledAt: base + 20 * day, endedAt: base + 20 * day))
        add("charge.refunded", base + 21 * day, charge("ch_1", invoice: "in_Beacon_1", refunded: 1_000))
        add("customer.updated", base + 22 * day, customer("cus_acme", name: "Acme Corp", email: "billing@acme.com"))
        return events
    }
}

