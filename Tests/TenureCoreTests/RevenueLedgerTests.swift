import Foundation
import Testing
@testable import TenureCore

/// MRR movements and period figures on small histories computed by hand.
@Suite("Revenue ledger")
struct RevenueLedgerTests {
    static let seat = Price(id: "seat", productID: "p", unitAmount: 10_000, currency: .usd, interval: .month, pricingModel: .perSeat)
    static let annual = Price(id: "annual", productID: "p", unitAmount: 120_000, currency: .usd, interval: .year, pricingModel: .perSeat)
    static let euro = Price(id: "euro", productID: "p", unitAmount: 10_000, currency: .eur, interval: .month, pricingModel: .perSeat)
    static let prices = [seat, annual, euro]

    /// 2026-MM-DD at `hour`:00 UTC.
    static func at(_ month: Int, _ day: Int, hour: Int = 10) -> Date {
        UTCCalendar.date(2026, month, day).addingTimeInterval(Double(hour) * 3_600)
    }

    /// A change making subscription `id` of `account` hold `quantity` of `price` with `status`.
    static func change(_ id: String, _ account: String = "acct", at instant: Date, quantity: Int64, price: String = "seat",
                       status: SubscriptionStatus = .active, currency: Currency = .usd, discount: Discount? = nil,
                       endedAt: Date? = nil, cancelAt: Date? = nil, canceledAt: Date? = nil) -> SubscriptionChange {
        SubscriptionChange(effectiveAt: instant, state: Subscription(
            id: id, accountID: account, status: status, items: [SubscriptionItem(id: "\(id)_item", priceID: price, quantity: quantity)],
            currency: currency, startedAt: instant, currentPeriodStart: instant, currentPeriodEnd: instant.adding(days: 30),
            cancelAt: cancelAt, canceledAt: canceledAt, endedAt: endedAt, discount: discount))
    }

    static func ledger(_ changes: [SubscriptionChange], policy: MetricsPolicy = .standard, asOf: Date = at(12, 31)) -> RevenueLedger {
        RevenueLedger(changes: changes, prices: prices, policy: policy, asOf: asOf)
    }

    static let months = ReportingPeriod.covering(from: at(1, 1), to: at(6, 30), interval: .month, calendar: UTCCalendar.calendar)

    func kinds(_ ledger: RevenueLedger) -> [String] {
        ledger.movements.map { "\($0.kind.rawValue) \($0.amount)" }
    }

    @Test("new, then an upgrade and a downgrade in one month")
    func upgradeAndDowngrade() {
        let ledger = Self.ledger([
            Self.change("s", at: Self.at(1, 10), quantity: 1),
            Self.change("s", at: Self.at(2, 5), quantity: 3),
            Self.change("s", at: Self.at(2, 20), quantity: 2),
        ])
        #expect(kinds(ledger) == ["new 10000", "expansion 20000", "contraction -10000"])
        let february = ledger.report(Self.months)[1]
        #expect(february.mrrStart == 10_000)
        #expect(february.mrrEnd == 20_000)
        #expect(february.movements.expansion == 20_000)
        #expect(february.movements.contraction == 10_000)
        #expect(february.netRevenueRetention == 2.0)
        #expect(february.grossRevenueRetention == 0.0)
        #expect(february.reconciles)
    }

    @Test("changes on one day net into one movement; instant grouping keeps them apart")
    func sameDayGrouping() {
        let changes = [
            Self.change("s", at: Self.at(1, 10), quantity: 2),
            Self.change("s", at: Self.at(3, 3, hour: 9), quantity: 5),
            Self.change("s", at: Self.at(3, 3, hour: 15), quantity: 4),
        ]
        #expect(kinds(Self.ledger(changes)) == ["new 20000", "expansion 20000"])
        let instant = MetricsPolicy(grouping: .instant)
        #expect(kinds(Self.ledger(changes, policy: instant)) == ["new 20000", "expansion 30000", "contraction -10000"])
    }

    @Test("a plan migration on one day is no movement, not churn plus new")
    func planMigration() {
        let changes = [
            Self.change("monthly", at: Self.at(1, 10), quantity: 1),
            Self.change("monthly", at: Self.at(4, 1, hour: 9), quantity: 1, status: .canceled, endedAt: Self.at(4, 1, hour: 9)),
            Self.change("yearly", at: Self.at(4, 1, hour: 9), quantity: 1, price: "annual"),
        ]
        #expect(kinds(Self.ledger(changes)) == ["new 10000"])
        #expect(kinds(Self.ledger(changes, policy: MetricsPolicy(grouping: .instant))) == ["new 10000"])
    }

    @Test("cancel, then come back: churn then reactivation; logo churn counts the month's leavers")
    func churnAndReactivation() {
        let ledger = Self.ledger([
            Self.change("a", at: Self.at(1, 10), quantity: 1),
            Self.change("a", at: Self.at(3, 10), quantity: 1, status: .canceled, endedAt: Self.at(3, 10)),
            Self.change("b", at: Self.at(5, 2), quantity: 2),
        ])
        #expect(kinds(ledger) == ["new 10000", "churn -10000", "reactivation 20000"])
        let report = ledger.report(Self.months)
        #expect(report[2].churnedCustomers == 1)
        #expect(report[2].logoChurnRate == 1.0)
        #expect(report[2].grossMRRChurnRate == 1.0)
        #expect(report[4].movements.reactivation == 20_000)
        #expect(report[4].reactivatedCustomers == 1)
        #expect(report.allSatisfy { $0.reconciles })
    }

    @Test("leaving and coming back within a month is not logo churn")
    func churnAndReturnInOneMonth() {
        let ledger = Self.ledger([
            Self.change("a", at: Self.at(1, 10), quantity: 1),
            Self.change("a", at: Self.at(3, 5), quantity: 1, status: .canceled, endedAt: Self.at(3, 5)),
            Self.change("b", at: Self.at(3, 20), quantity: 1),
        ])
        let march = ledger.report(Self.months)[2]
        #expect(march.churnEvents == 1)
        #expect(march.churnedCustomers == 0)
        #expect(march.movements.churn == 10_000 && march.movements.reactivation == 10_000)
    }

    @Test("an annual plan counts a twelfth per month")
    func annualPlan() {
        let ledger = Self.ledger([Self.change("s", at: Self.at(1, 10), quantity: 3, price: "annual")])
        #expect(kinds(ledger) == ["new 30000"])
    }

    @Test("a coupon ending is an expansion on the day it ends, explained as such")
    func couponEnding() throws {
        let coupon = Discount(couponID: "HALF", percentOff: 50, duration: .repeating, durationInMonths: 3,
                              start: Self.at(1, 1), end: Self.at(4, 1, hour: 0))
        let ledger = Self.ledger([Self.change("s", at: Self.at(1, 1), quantity: 2, discount: coupon)])
        #expect(kinds(ledger) == ["new 10000", "expansion 10000"])
        #expect(ledger.movements[1].at == Self.at(4, 1, hour: 0))
        let april = Self.months[3]
        let explained = ledger.explainMovements([.expansion], in: april)
        let cause = try #require(explained.first?.causes.first)
        #expect(cause.description.contains("coupon HALF ended"))
        #expect(cause.mrrBefore == 10_000 && cause.mrrAfter == 20_000)
    }

    @Test("explanations say what changed: seats, plans, statuses, coupons")
    func describedChanges() {
        let ledger = Self.ledger([
            Self.change("s", at: Self.at(1, 10), quantity: 2),
            Self.change("s", at: Self.at(2, 10), quantity: 5),
            Self.change("s", at: Self.at(3, 10), quantity: 6, price: "annual"),
            Self.change("s", at: Self.at(4, 10), quantity: 6, price: "annual",
                        discount: Discount(couponID: "SAVE30", percentOff: 30, duration: .forever, start: Self.at(4, 10))),
            Self.change("s", at: Self.at(5, 10), quantity: 6, price: "annual", status: .canceled, endedAt: Self.at(5, 10)),
        ])
        let words = Self.months.map { month in
            ledger.explainMovements(Set(MRRMovement.Kind.allCases), in: month).flatMap(\.causes).map(\.description)
        }
        #expect(words == [
            ["started (active, 2 × seat)"], ["seat 2 → 5"], ["seat → 6 × annual"], ["coupon SAVE30 added"],
            ["active → canceled, coupon SAVE30 removed"], [],
        ])
    }

    @Test("a trial is not MRR; converting is the new movement")
    func trialConverting() {
        let ledger = Self.ledger([
            Self.change("s", at: Self.at(1, 1), quantity: 5, status: .trialing),
            Self.change("s", at: Self.at(1, 15), quantity: 5),
        ])
        #expect(ledger.movements.map(\.at) == [UTCCalendar.startOfDay(Self.at(1, 15))])
        #expect(kinds(ledger) == ["new 50000"])
    }

    @Test("other currencies convert at fixed rates; without a rate the account is set aside")
    func currencies() {
        let changes = [
            Self.change("eu", "euro_account", at: Self.at(1, 5), quantity: 1, price: "euro", currency: .eur),
            Self.change("us", "usd_account", at: Self.at(1, 5), quantity: 1),
        ]
        let withRate = MetricsPolicy(exchangeRates: ExchangeRates(partsPerBillion: ["EUR": 1_100_000_000]))
        #expect(Self.ledger(changes, policy: withRate).report(Self.months)[0].mrrEnd == 21_000)
        let without = Self.ledger(changes)
        #expect(without.unconverted == ["euro_account": .eur])
        #expect(without.report(Self.months)[0].mrrEnd == 10_000)
    }

    @Test("an account that switches currency moves by the converted difference, never by the rate")
    func currencyChange() {
        let policy = MetricsPolicy(exchangeRates: ExchangeRates(partsPerBillion: ["EUR": 1_100_000_000]))
        let ledger = Self.ledger([
            Self.change("usd", at: Self.at(1, 5), quantity: 2),
            Self.change("usd", at: Self.at(3, 1, hour: 9), quantity: 2, status: .canceled, endedAt: Self.at(3, 1, hour: 9)),
            Self.change("eur", at: Self.at(3, 1, hour: 11), quantity: 2, price: "euro", currency: .eur),
        ], policy: policy)
        // 2 × 100.00 USD, then 2 × 100.00 EUR = 220.00 USD on the same day: one expansion of 20.00.
        #expect(kinds(ledger) == ["new 20000", "expansion 2000"])
        #expect(ledger.report(Self.months).allSatisfy { $0.reconciles })
    }

    @Test("churn is recognised at the period end by default, at the request under at_cancellation")
    func churnRecognition() {
        let changes = [
            Self.change("s", at: Self.at(1, 10), quantity: 1),
            Self.change("s", at: Self.at(2, 3), quantity: 1, cancelAt: Self.at(3, 10), canceledAt: Self.at(2, 3)),
        ]
        #expect(Self.ledger(changes).movements.last?.at == UTCCalendar.startOfDay(Self.at(3, 10)))
        let early = MetricsPolicy(mrr: MRRPolicy(churnRecognition: .atCancellation))
        #expect(Self.ledger(changes, policy: early).movements.last?.at == UTCCalendar.startOfDay(Self.at(2, 3)))
        #expect(Self.ledger(changes).movements.last?.kind == .churn)
    }

    @Test("nothing after as-of counts")
    func asOf() {
        let changes = [Self.change("s", at: Self.at(1, 10), quantity: 1), Self.change("s", at: Self.at(5, 10), quantity: 4)]
        #expect(kinds(Self.ledger(changes, asOf: Self.at(4, 1))) == ["new 10000"])
    }

    @Test("trailing twelve-month retention and LTV use the right windows")
    func trailingFigures() throws {
        // Ten accounts pay from January 2025; one churns each month from February 2025 to June 2025.
        var changes: [SubscriptionChange] = []
        for index in 0..<10 {
            let start = UTCCalendar.date(2025, 1, 5)
            changes.append(Self.change("s\(index)", "a\(index)", at: start, quantity: 1))
            if index < 5 {
                let end = UTCCalendar.date(2025, 2 + index, 10)
                changes.append(Self.change("s\(index)", "a\(index)", at: end, quantity: 1, status: .canceled, endedAt: end))
            }
        }
        let months = ReportingPeriod.covering(from: UTCCalendar.date(2025, 1, 1), to: UTCCalendar.date(2026, 1, 31),
                                              interval: .month, calendar: UTCCalendar.calendar)
        let report = Self.ledger(changes).report(months)
        // January 2025 starts with no customers, so July has no six-month average yet.
        #expect(report[6].trailingCustomerChurnRate == nil)
        // The same figures come out when the report starts later: the history before it is read too.
        let late = Self.ledger(changes).report(Array(months[7...]))
        #expect(late[0].trailingCustomerChurnRate == report[7].trailingCustomerChurnRate)
        // August 2025: churn rates of Feb–Jul 2025 are 1/10, 1/9, 1/8, 1/7, 1/6 and 0.
        let expected = (1.0 / 10 + 1.0 / 9 + 1.0 / 8 + 1.0 / 7 + 1.0 / 6 + 0) / 6
        let august = report[7]
        #expect(abs((august.trailingCustomerChurnRate ?? 0) - expected) < 1e-12)
        #expect(abs((august.lifetimeValue ?? 0) - 10_000 / expected) < 1e-6)
        // January 2026: the cohort paying at the end of January 2025 (10 accounts) kept 5.
        let january = try #require(report[12].trailingTwelveMonths)
        #expect(january.accounts == 10)
        #expect(january.mrrStart == 100_000)
        #expect(january.netRevenueRetention == 0.5)
        #expect(january.grossRevenueRetention == 0.5)
    }

    @Test("cohorts follow the accounts that first paid each month")
    func cohorts() {
        let ledger = Self.ledger([
            Self.change("a", "a", at: Self.at(1, 10), quantity: 1),
            Self.change("b", "b", at: Self.at(1, 20), quantity: 2),
            Self.change("b", "b", at: Self.at(3, 1), quantity: 2, status: .canceled, endedAt: Self.at(3, 1)),
            Self.change("c", "c", at: Self.at(2, 2), quantity: 1),
            Self.change("a", "a", at: Self.at(4, 2), quantity: 3),
        ])
        let rows = ledger.cohorts(Self.months)
        #expect(rows.map(\.cohort) == ["2026-01", "2026-02"])
        #expect(rows[0].paying == [2, 2, 1, 1, 1, 1])
        #expect(rows[0].mrr == [30_000, 30_000, 10_000, 30_000, 30_000, 30_000])
        #expect(rows[0].revenueRetention[3] == 1.0)
        #expect(rows[1].accounts == 1)
    }

    @Test("month 0 is counted at the end of the cohort month: an account that joins and leaves within it is lost")
    func cohortMonthZero() {
        let ledger = Self.ledger([
            Self.change("a", "a", at: Self.at(1, 5), quantity: 1),
            Self.change("b", "b", at: Self.at(1, 6), quantity: 2),
            Self.change("b", "b", at: Self.at(1, 20), quantity: 2, status: .canceled, endedAt: Self.at(1, 20)),
        ])
        let row = ledger.cohorts(Self.months)[0]
        #expect(row.accounts == 2)
        #expect(row.paying[0] == 1)
        #expect(row.logoRetention[0] == 0.5, "not 100 % by definition")
        #expect(row.mrr[0] == 10_000)
        #expect(row.revenueRetention[0] == 1.0, "revenue retention is relative to the MRR at the end of month 0")
    }

    @Test("random histories always reconcile, and movements sum to the final MRR", arguments: 1...25)
    func reconciliationProperty(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        var changes: [SubscriptionChange] = []
        for account in 0..<8 {
            for subscription in 0..<rng.int(in: 1...3) {
                var instant = Self.at(1, 1).adding(days: Double(rng.int(in: 0...60)) + rng.unit())
                for _ in 0..<rng.int(in: 1...8) {
                    let status = rng.pick([(SubscriptionStatus.active, 5.0), (.trialing, 1), (.pastDue, 1), (.paused, 1), (.canceled, 1)])
                    let discount = rng.chance(0.3) ? Discount(couponID: "R", percentOff: Double(rng.int(in: 5...60)), duration: .repeating,
                                                              durationInMonths: 2, start: instant, end: instant.adding(days: Double(rng.int(in: 1...90)))) : nil
                    changes.append(Self.change("s\(account)_\(subscription)", "a\(account)", at: instant, quantity: Int64(rng.int(in: 0...9)),
                                               price: rng.pick(["seat", "annual"]), status: status, discount: discount,
                                               endedAt: status == .canceled ? instant : nil))
                    instant = instant.adding(days: Double(rng.int(in: 0...40)) + rng.unit())
                }
            }
        }
        let policy = rng.pick([MetricsPolicy.standard, MetricsPolicy(grouping: .instant), MetricsPolicy(grouping: .hour)])
        let ledger = Self.ledger(changes, policy: policy, asOf: Self.at(9, 1))
        let months = ReportingPeriod.covering(from: Self.at(1, 1), to: Self.at(9, 1), interval: .month, calendar: UTCCalendar.calendar)
        let report = ledger.report(months)
        #expect(report.allSatisfy { $0.reconciles })
        for index in report.indices.dropFirst() { #expect(report[index].mrrStart == report[index - 1].mrrEnd) }
        let total = ledger.movements.reduce(0) { $0 + $1.amount }
        #expect(total == ledger.mrr(before: Self.at(12, 31)))
        // Every movement's kind agrees with its before/after values.
        for movement in ledger.movements {
            switch movement.kind {
            case .new, .reactivation: #expect(movement.mrrBefore == 0 && movement.mrrAfter > 0)
            case .churn: #expect(movement.mrrBefore > 0 && movement.mrrAfter == 0)
            case .expansion: #expect(movement.mrrBefore > 0 && movement.mrrAfter > movement.mrrBefore)
            case .contraction: #expect(movement.mrrAfter > 0 && movement.mrrAfter < movement.mrrBefore)
            }
        }
    }
}
