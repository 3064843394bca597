import Foundation
import Testing
import TenureTestSupport
import TenureCore
import TenureEngine
import TenureStore
@testable import TenureServer

@Suite("Dashboard view-models")
struct DashboardPageTests {
    /// One month's figures as the API encodes them (the type has no public memberwise initialiser).
    static func figures(_ label: String, mrrStart: Int64, mrrEnd: Int64, churn: Int64 = 0, expansion: Int64 = 0) -> RevenueFigures {
        let start = Double(mrrStart)
        let json: [String: Any] = [
            "period": label, "start": 0, "end": 0, "mrrStart": mrrStart, "mrrEnd": mrrEnd,
            "arr": mrrEnd * 12, "new": 0, "expansion": expansion, "contraction": 0, "churn": churn, "reactivation": 0,
            "netNewMRR": mrrEnd - mrrStart, "reconciles": true, "customersStart": 10, "customersEnd": 10, "newCustomers": 0,
            "reactivatedCustomers": 0, "churnedCustomers": churn > 0 ? 1 : 0, "logoChurnRate": 0.1,
            "nrr": (start + Double(expansion - churn)) / start, "grr": (start - Double(churn)) / start, "netNegativeChurn": false,
        ]
        return try! JSONDecoder().decode(RevenueFigures.self, from: JSONSerialization.data(withJSONObject: json))
    }

    static func build(_ periods: [RevenueFigures], hasRevenue: Bool = true,
                      nps: (NPSSummary, NPSSummary, String) = (NPSSummary(scoreCounts: [:]), NPSSummary(scoreCounts: [:]), "x/y")) -> OverviewPage {
        OverviewPage.build(periods: periods, currency: .usd, asOf: TestClock.now, nps: nps, health: nil, atRisk: nil, renewalWarnings: [],
                           ownerNames: [:], hasRevenue: hasRevenue)
    }

    @Test("the overview shows MRR now, rates of the last full month, and arrows that say whether the move is good")
    func overviewFigures() {
        let page = Self.build([
            Self.figures("2026-03", mrrStart: 100_000, mrrEnd: 100_000, churn: 1_000),
            Self.figures("2026-04", mrrStart: 100_000, mrrEnd: 104_000, churn: 5_000, expansion: 9_000),
            Self.figures("2026-05", mrrStart: 104_000, mrrEnd: 110_000, expansion: 6_000),
        ], nps: (NPSSummary(scoreCounts: [10: 3, 3: 1]), NPSSummary(scoreCounts: [10: 1, 3: 1]), "2026-02/2026-04"))
        let byKey = Dictionary(uniqueKeysWithValues: page.figures.map { ($0.key, $0) })
        #expect(byKey["mrr"]?.value == 110_000 && byKey["mrr"]?.period == "2026-05" && byKey["mrr"]?.text == "$1,100")
        #expect(byKey["mrr"]?.trend.direction == .up && byKey["mrr"]?.trend.good == true)
        #expect(byKey["arr"]?.value == 1_320_000)
        #expect(byKey["nrr"]?.period == "2026-04" && byKey["nrr"]?.value == 1.04)
        #expect(byKey["nrr"]?.trend.words == "up 5.0 pts from Mar 2026 (99.0%)")
        #expect(byKey["grr"]?.trend.direction == .down && byKey["grr"]?.trend.good == false)
        #expect(byKey["logo_churn_rate"]?.trend.direction == .flat)
        #expect(byKey["nps"]?.text == "+50" && byKey["nps"]?.trend.words == "up 50 pts from the 3 months before (0)")
        #expect(page.movementMonths == ["2026-03", "2026-04", "2026-05"])
        #expect(page.movements.first { $0.kind == .churn }?.values == [-1_000, -5_000, 0])
        let html = OverviewView.render(page).text
        #expect(html.contains("Health scores have not been computed yet: run <code>tenure health recompute</code>"))
        #expect(html.contains("Churn predictions appear after <code>tenure predict train</code>"))
    }

    @Test("without billing data the overview says how to connect Stripe")
    func overviewEmptyState() {
        let page = Self.build([], hasRevenue: false)
        #expect(OverviewView.render(page).text.contains("tenure sync stripe --api-key"))
    }

    @Test("a renewal's track comes from billing facts: warning signs first, then contract length")
    func renewalTracks() {
        #expect(RenewalTrack.classify(status: .active, cancelAt: TestClock.now, hasUnpaidInvoice: false, billingMonths: 12).track == .atRisk)
        #expect(RenewalTrack.classify(status: .pastDue, cancelAt: nil, hasUnpaidInvoice: false, billingMonths: 1).reasons == ["payment past due"])
        #expect(RenewalTrack.classify(status: .active, cancelAt: nil, hasUnpaidInvoice: true, billingMonths: 1).track == .atRisk)
        #expect(RenewalTrack.classify(status: .active, cancelAt: nil, hasUnpaidInvoice: false, billingMonths: 12).track == .standard)
        #expect(RenewalTrack.classify(status: .active, cancelAt: nil, hasUnpaidInvoice: false, billingMonths: 3).track == .standard)
        #expect(RenewalTrack.classify(status: .trialing, cancelAt: nil, hasUnpaidInvoice: false, billingMonths: 1).track == .autoRenew)
    }

    @Test("with a health score, red puts a renewal at risk, green renews by itself and yellow is standard")
    func renewalTracksWithHealth() {
        func track(_ score: Double, _ colour: HealthColour, months: Int = 12, unpaid: Bool = false) -> (RenewalTrack, [String]) {
            let result = RenewalTrack.classify(status: .active, cancelAt: nil, hasUnpaidInvoice: unpaid, billingMonths: months,
                                               health: CurrentHealth(score: score, colour: colour))
            return (result.track, result.reasons)
        }
        #expect(track(31.6, .red).0 == .atRisk && track(31.6, .red).1 == ["health 32 (red)"])
        #expect(track(88, .green).0 == .autoRenew)
        #expect(track(60, .yellow, months: 1).0 == .standard)
        #expect(track(88, .green, unpaid: true).1 == ["unpaid invoice"])
    }

    @Test("the accounts table reads its state from the URL and writes it back into its links")
    func accountFilters() {
        let filters = AccountsPage.Filters(query: ["segment": "smb", "q": "acme & co", "sort": "renewal", "dir": "asc", "offset": "50", "stage": "bogus"])
        #expect(filters.segment == "smb" && filters.search == "acme & co" && filters.sort == .renewal && !filters.descending)
        #expect(filters.offset == 50 && filters.stage == nil)
        #expect(filters.query == AccountListQuery(segment: "smb", search: "acme & co", sort: .renewal, descending: false, limit: 50, offset: 50))
        #expect(filters.link(sort: .mrr, descending: true) == "/accounts?q=acme%20%26%20co&segment=smb&sort=mrr&dir=desc")
        #expect(AccountsPage.Filters(query: ["sort": "name"]).descending == false)
        #expect(AccountsPage.Filters(query: [:]).sort == .mrr && AccountsPage.Filters(query: [:]).descending)
        #expect(AccountsPage.Filters(query: ["offset": "-5"]).offset == 0)
    }

    @Test("the timeline merges every kind of fact, newest first, and flags bad news")
    func timeline() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        var activity = AccountRecords()
        activity.tickets = [Ticket(id: "t", accountID: "a", subject: "Export broken", priority: .urgent, openedAt: now.adding(days: -1))]
        activity.paymentAttempts = [PaymentAttempt(id: "p", invoiceID: "i", accountID: "a", attemptedAt: now.adding(days: -3),
                                                   amount: Money(4_900, .usd), succeeded: false, failureCode: "card_declined")]
        activity.surveyResponses = [SurveyResponse(id: "s", accountID: "a", kind: .nps, score: 9, comment: "Love it", respondedAt: now.adding(days: -2))]
        let entries = AccountPage.timeline(activity, csms: [:])
        #expect(entries.map(\.kind) == [.ticket, .survey, .payment])
        #expect(entries.map(\.warning) == [true, false, true])
        #expect(entries[2].title == "Payment of $49.00 failed" && entries[2].detail == "decline code: card_declined")
    }

    @Test("session tokens are 256-bit, stored hashed, and their CSRF tokens differ per session and verify in constant time")
    func sessionTokens() {
        let issued = SessionTokens.issue(userID: "u1", at: Date(timeIntervalSince1970: 0))
        #expect(SessionTokens.isWellFormed(issued.token) && issued.token.count == 43)
        #expect(issued.record.tokenHash == SessionTokens.hash(issued.token) && issued.record.tokenHash != issued.token)
        #expect(issued.record.expiresAt.timeIntervalSince1970 == SessionTokens.lifetime)
        let other = SessionTokens.issue(userID: "u1", at: TestClock.now)
        let csrf = SessionTokens.csrfToken(forSession: issued.token)
        #expect(csrf != SessionTokens.csrfToken(forSession: other.token))
        #expect(SessionTokens.verifyCSRF(csrf, sessionToken: issued.token))
        #expect(!SessionTokens.verifyCSRF(csrf, sessionToken: other.token))
        #expect(!SessionTokens.verifyCSRF(nil, sessionToken: issued.token) && !SessionTokens.verifyCSRF("", sessionToken: issued.token))
        #expect(!SessionTokens.isWellFormed("short") && !SessionTokens.isWellFormed(String(repeating: "a", count: 42) + "="))
    }

    @Test("five failed sign-ins for one address lock it for the window; other addresses are unaffected")
    func throttle() async {
        let throttle = SignInThrottle(limit: 5, window: 60)
        let start = Date(timeIntervalSince1970: 1_000)
        for second in 0..<5 { await throttle.recordFailure("Ana@x.com", now: start.addingTimeInterval(Double(second))) }
        #expect(await throttle.retryAfter("ana@x.com", now: start.addingTimeInterval(10)) == start.addingTimeInterval(60))
        #expect(await throttle.retryAfter("bob@x.com", now: start.addingTimeInterval(10)) == nil)
        #expect(await throttle.retryAfter("ana@x.com", now: start.addingTimeInterval(61)) == nil)
    }

    @Test("after sign-in only local paths are followed")
    func safeRedirects() {
        #expect(SignInController.safeNext("/accounts?sort=mrr") == "/accounts?sort=mrr")
        for hostile in ["//evil.example", "https://evil.example", "/\\evil", "evil", nil, "/\t/evil.example", "/\n/evil.example",
                        "/\r\nSet-Cookie: x=1", "/\u{0B}/evil.example", "/\u{00A0}/evil.example", "/ /evil.example", "/a\u{7F}"] {
            #expect(SignInController.safeNext(hostile) == "/")
        }
    }

    @Test("money, rates and counts read the same everywhere")
    func formatting() {
        #expect(Format.money(123_456_789, .usd) == "$1,234,568")
        #expect(Format.exactMoney(-1_250, .eur) == "-€12.50")
        #expect(Format.money(5_000, Currency(code: "SEK")!) == "50 SEK")
        #expect(Format.percent(0.97314) == "97.3%" && Format.percent(nil) == "—")
        #expect(Format.nps(31.6) == "+32" && Format.nps(-4.2) == "-4")
        #expect(Format.month("2026-05") == "May 2026")
    }
}
