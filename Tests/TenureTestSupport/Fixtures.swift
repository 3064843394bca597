import Foundation
import TenureCore

/// Small hand-built facts whose numbers are easy to check by hand.
public enum Fixtures {
    /// 2026-01-15 00:00:00 UTC, the fixtures' "now".
    public static let now = UTCCalendar.date(2026, 1, 15)

    public static func day(_ offset: Double) -> Date { now.adding(days: offset) }

    /// A scheduled cancellation far enough ahead that tests evaluating "now" still count the subscription.
    public static let farFuture = UTCCalendar.date(2099, 1, 1)

    public static let growthMonthly = Price(
        id: "price_growth_m", productID: "prod_growth", nickname: "Growth monthly", unitAmount: 2_500,
        currency: .usd, interval: .month, pricingModel: .perSeat)
    public static let businessAnnual = Price(
        id: "price_business_y", productID: "prod_business", nickname: "Business annual", unitAmount: 45_000,
        currency: .usd, interval: .year, pricingModel: .perSeat, usageLimits: ["projects": 100])

    public static func account(_ id: String, name: String, segment: String? = "smb", owner: String? = "csm_1",
                               stage: LifecycleStage = .adoption, domain: String? = nil, created: Double = -100) -> Account {
        Account(
            id: id, name: name, domain: domain ?? "\(id).example.com", stripeCustomerID: "cus_\(id)",
            segmentGroupID: "grp_\(id)", industry: "Software", employeeCount: 40, ownerID: owner,
            lifecycleStage: stage, segment: segment, currency: .usd, tags: ["pilot"],
            traits: ["plan_tier": .string("growth"), "seats_requested": .number(12), "beta": .bool(true)],
            createdAt: day(created), updatedAt: day(-1))
    }

    /// Two accounts with every kind of fact. Account `a1` pays 10 Growth
    /// seats monthly (25,000 cents MRR) with 20% off for 3 months from
    /// day −10 (so 20,000 now); `a2` pays 3 Business seats annually
    /// (135,000 / 12 = 11,250 MRR), asked to cancel (at a far-future date).
    public static func batch() -> FactBatch {
        var batch = FactBatch()
        batch.csms = [CSM(id: "csm_1", name: "Ada Berg", email: "ada@cs.example.com")]
        batch.products = [Product(id: "prod_growth", name: "Growth"), Product(id: "prod_business", name: "Business")]
        batch.prices = [growthMonthly, businessAnnual]
        batch.accounts = [account("a1", name: "Acme Analytics"), account("a2", name: "Beacon Labs", segment: "mid_market", owner: nil)]
        batch.contacts = [
            Contact(id: "c1", accountID: "a1", name: "Maya Patel", email: "maya@a1.example.com", title: "COO",
                    role: .executiveSponsor, segmentUserID: "u1", createdAt: day(-90)),
        ]
        let discounted = Subscription(
            id: "sub_a1", accountID: "a1", status: .active,
            items: [SubscriptionItem(id: "si_a1", priceID: growthMonthly.id, quantity: 10)], currency: .usd,
            startedAt: day(-40), currentPeriodStart: day(-10), currentPeriodEnd: day(21),
            discount: Discount(couponID: "WELCOME20", percentOff: 20, duration: .repeating, durationInMonths: 3,
                               start: day(-10), end: day(80)))
        let annual = Subscription(
            id: "sub_a2", accountID: "a2", status: .active,
            items: [SubscriptionItem(id: "si_a2", priceID: businessAnnual.id, quantity: 3)], currency: .usd,
            startedAt: day(-200), currentPeriodStart: day(-200), currentPeriodEnd: day(165),
            cancelAt: farFuture, canceledAt: day(-5),
            cancellation: Cancellation(reason: .cancellationRequested, feedback: .tooExpensive, comment: "Budget cut"))
        batch.subscriptions = [discounted, annual]
        var beforeDiscount = discounted
        beforeDiscount.discount = nil
        batch.subscriptionChanges = [
            SubscriptionChange(effectiveAt: day(-40), state: beforeDiscount),
            SubscriptionChange(effectiveAt: day(-10), state: discounted),
            SubscriptionChange(effectiveAt: day(-200), state: annual),
        ]
        batch.invoices = [
            Invoice(id: "in_1", accountID: "a1", subscriptionID: "sub_a1", status: .paid, currency: .usd,
                    subtotal: 20_000, tax: 1_650, amountPaid: 21_650, periodStart: day(-10), periodEnd: day(21),
                    createdAt: day(-10), paidAt: day(-7)),
        ]
        batch.paymentAttempts = [
            PaymentAttempt(id: "py_1", invoiceID: "in_1", accountID: "a1", attemptedAt: day(-10),
                           amount: Money(21_650, .usd), succeeded: false, failureCode: "card_declined"),
            PaymentAttempt(id: "py_2", invoiceID: "in_1", accountID: "a1", attemptedAt: day(-7),
                           amount: Money(21_650, .usd), succeeded: true),
        ]
        batch.usageRollups = [
            UsageRollup(accountID: "a1", day: day(-7), event: "login", count: 42, users: 7, lastAt: day(-6.5)),
            UsageRollup(accountID: "a1", day: day(-7), event: "report_created", count: 5, users: 2, lastAt: day(-6)),
        ]
        batch.tickets = [
            Ticket(id: "t1", accountID: "a1", subject: "Export fails", priority: .high, status: .solved,
                   category: "bug", openedAt: day(-20), resolvedAt: day(-19)),
        ]
        batch.surveyResponses = [
            SurveyResponse(id: "s1", accountID: "a1", contactID: "c1", kind: .nps, score: 9, comment: "Great",
                           respondedAt: day(-3)),
        ]
        batch.touchpoints = [
            Touchpoint(id: "tp1", accountID: "a1", csmID: "csm_1", kind: .qbr, occurredAt: day(-30),
                       summary: "QBR", executiveSponsorPresent: true),
        ]
        batch.tasks = [
            SuccessTask(id: "task1", accountID: "a1", ownerID: "csm_1", title: "Renewal prep", status: .open,
                        priority: .high, dueAt: day(30), createdAt: day(-2)),
        ]
        return batch
    }
}
