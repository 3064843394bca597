import Foundation
import Testing
import TenureCore
@testable import TenureIngest

/// Stripe's own example of every resource Tenure reads (Tests/Fixtures/stripe/fixtures3.json) decodes.
@Suite("Stripe object shapes")
struct StripeFixtureTests {
    nonisolated(unsafe) static let resources: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/stripe/fixtures3.json").standardized
        let data = try! Data(contentsOf: url)
        return (try! JSONSerialization.jsonObject(with: data) as! [String: Any])["resources"] as! [String: Any]
    }()

    static func data(_ name: String) -> Data {
        try! JSONSerialization.data(withJSONObject: resources[name]!)
    }

    @Test("customers, products, prices, plans, subscriptions, invoices, charges, coupons and discounts decode")
    func decodes() throws {
        let decoder = JSONCoding.decoder
        let customer = try decoder.decode(StripeCustomer.self, from: Self.data("customer"))
        #expect(customer.id.hasPrefix("cus_"))
        let subscription = try decoder.decode(StripeSubscription.self, from: Self.data("subscription"))
        #expect(subscription.items.data.first?.price?.recurring?.interval == "month")
        #expect(subscription.customer.id == customer.id)
        #expect(subscription.pauseCollection != nil)
        let price = try decoder.decode(StripePrice.self, from: Self.data("price"))
        #expect(try StripeMapping.price(price).unitAmount == 2_000)
        let plan = try decoder.decode(StripePrice.self, from: Self.data("plan"))
        #expect(try StripeMapping.price(plan).interval == .month)
        _ = try decoder.decode(StripeProduct.self, from: Self.data("product"))
        let invoice = try decoder.decode(StripeInvoice.self, from: Self.data("invoice"))
        #expect(invoice.parent?.subscriptionDetails?.subscription?.id == "subscription")
        _ = try decoder.decode(StripeCharge.self, from: Self.data("charge"))
        let coupon = try decoder.decode(StripeCoupon.self, from: Self.data("coupon"))
        #expect(coupon.percentOff == 25.5)
        _ = try decoder.decode(StripeDiscount.self, from: Self.data("discount"))
        let event = try StripeIngestor.record(fromEvent: Self.data("event"), receivedAt: Date())
        #expect(event.type == "plan.created" && event.objectType == "plan")
    }

    @Test("the example subscription maps to a paused subscription with its item")
    func subscriptionMapping() throws {
        let stripe = try JSONCoding.decoder.decode(StripeSubscription.self, from: Self.data("subscription"))
        let mapped = try StripeMapping.subscription(stripe, accountID: "acct")
        #expect(mapped.status == .paused)
        #expect(mapped.items.map(\.priceID) == ["price_1PgafmB7WZ01zgkW6dKueIc5"])
        #expect(mapped.currency == .usd)
        #expect(mapped.cancelAt != nil)
    }
}
