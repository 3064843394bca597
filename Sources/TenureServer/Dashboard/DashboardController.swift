import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureNotify
import TenureStore

/// The web dashboard's pages. Thin: each handler reads the request, loads a
/// page's view-model from the store and the shared metrics snapshot, and
/// renders it. Everything but the sign-in page and the stylesheet needs a
/// session (``SessionAuthenticator``).
struct DashboardController {
    let store: any Store
    let clock: WallClock
    let cache: MetricsCache
    let reads: ReadCache
    let insights: HealthRiskSource
    let notifier: Notifier
    let playbooks: PlaybookEngine

    func register(on router: Router<TenureRequestContext>, signIn: SignInController) {
        router.get("static/tenure.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: Stylesheet.css + "\n" + Stylesheet.screenReaderOnly)))
        }
        signIn.register(on: router)
        let pages = router.group().add(middleware: SessionAuthenticator(store: store, clock: clock))
        pages.get("/", use: overview)
        pages.get("accounts", use: accounts)
        pages.get("accounts/:id", use: account)
        pages.get("at-risk", use: atRisk)
        pages.get("renewals", use: renewals)
        pages.get("cohorts", use: cohorts)
        pages.get("metrics", use: metrics)
        pages.get("metrics/explain", use: explain)
        pages.post("logout", use: signIn.signOut)
        NotificationsSettingsController(store: store, notifier: notifier, clock: clock).register(on: pages)
        CSMsSettingsController(store: store).register(on: pages)
        TasksDashboardController(store: store, clock: clock).register(on: pages)
        PlaybooksDashboardController(engine: playbooks).register(on: pages)
    }

    /// The query parameters of a request; none when they do not decode (a parameter given twice).
    static func query(_ request: Request) -> [String: String] {
        URLEncodedFormDecoder.form([String: String].self, from: request.uri.query ?? "") ?? [:]
    }

    private func page(_ title: String, _ section: DashboardSection?, _ context: TenureRequestContext, _ content: HTML) -> Response {
        Self.page(title, section, context, content)
    }

    /// A signed-in page in the dashboard's frame.
    static func page(_ title: String, _ section: DashboardSection?, _ context: TenureRequestContext, _ content: HTML,
                     status: HTTPResponse.Status = .ok) -> Response {
        DashboardResponses.html(Layout.page(title: title, section: section, user: context.dashboardUser!, content: content), status: status)
    }

    private func ownerNames() async throws -> [String: String] {
        Dictionary(try await store.csms().map { ($0.id, $0.name) }) { first, _ in first }
    }

    @Sendable func overview(_ request: Request, context: TenureRequestContext) async throws -> Response {
        // The page's content is the same for every viewer: it is rendered once per data version, framed per user.
        let content = try await reads.value("dashboard.overview") { OverviewView.render(try await overviewPage()) }
        return self.page("Overview", .overview, context, content)
    }

    private func overviewPage() async throws -> OverviewPage {
        let snapshot = try await cache.current()
        let calendar = snapshot.policy.calendar
        let range = try ReportRange(from: nil, to: nil, interval: .month, calendar: calendar, now: snapshot.asOf)
        let report = snapshot.revenueReport(range)
        let thisMonth = range.periods(calendar).last!.start
        let npsStart = calendar.date(byAdding: .month, value: -3, to: thisMonth)!
        let previousStart = calendar.date(byAdding: .month, value: -6, to: thisMonth)!
        async let current = store.surveyScoreCounts(.nps, from: npsStart, to: thisMonth, groupedBy: nil)
        async let previous = store.surveyScoreCounts(.nps, from: previousStart, to: npsStart, groupedBy: nil)
        func merged(_ counts: [String: [Int: Int]]) -> NPSSummary {
            NPSSummary(scoreCounts: counts.values.reduce(into: [:]) { total, group in total.merge(group, uniquingKeysWith: +) })
        }
        let lastMonth = calendar.date(byAdding: .month, value: -1, to: thisMonth)!
        let label = "\(Self.monthLabel(npsStart, calendar))/\(Self.monthLabel(lastMonth, calendar))"
        let now = clock.now()
        let prices = Dictionary(try await store.prices().map { ($0.id, $0) }) { first, _ in first }
        let warnings = try await store.renewals(RenewalQuery(from: now, to: now.adding(days: 30), warningsOnly: true, largestFirst: true, limit: 10))
        let calculator = MRRCalculator(prices: prices)
        let health = try await store.currentHealth(ofAccounts: warnings.items.map(\.subscription.accountID))
        return OverviewPage.build(
            periods: report.periods, currency: report.currency, asOf: report.asOf, nps: (merged(try await current), merged(try await previous), label),
            health: try await insights.healthDistribution(), atRisk: try await insights.accountsAtRisk(limit: 10, offset: 0)?.items,
            renewalWarnings: warnings.items.map { RenewalLine.make($0, calculator: calculator, prices: prices, health: health, now: now) },
            ownerNames: try await ownerNames(), hasRevenue: !snapshot.ledger.accounts.isEmpty)
    }

    static func monthLabel(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }

    @Sendable func accounts(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let filters = AccountsPage.Filters(query: Self.query(request))
        let store = self.store, insights = self.insights
        let content = try await reads.value("dashboard.accounts \(filters)") {
            AccountsView.render(try await AccountsPage.load(store: store, insights: insights, filters: filters))
        }
        return self.page("Accounts", .accounts, context, content)
    }

    @Sendable func account(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let id = try context.parameters.decoded("id")
        let now = clock.now()
        guard let detail = try await AccountDetail.load(store: store, id: id, now: now) else {
            return DashboardResponses.html(
                Layout.page(title: "Not found", section: .accounts, user: context.dashboardUser!,
                            content: "<h1>No such account</h1><p>There is no account with id <code>\(id)</code>. <a href=\"/accounts\">Search the accounts</a>.</p>"),
                status: .notFound)
        }
        let snapshot = try await cache.current()
        let calendar = snapshot.policy.calendar
        let months = ReportingPeriod.covering(
            from: calendar.date(byAdding: .month, value: -23, to: now)!, to: now, interval: .month, calendar: calendar)
        let today = UTCCalendar.startOfDay(now)
        async let activity = store.accountRecords(ofAccount: id, limit: 40)
        async let usage = store.dailyUsage(ofAccount: id, from: today.adding(days: Double(-7 * AccountPage.usageWeeks)), to: today.adding(days: 1))
        async let events = store.eventCounts(ofAccount: id, from: today.adding(days: -29), to: today.adding(days: 1))
        async let prices = store.prices()
        async let products = store.products()
        async let health = insights.accountHealth(accountID: id)
        async let risk = insights.accountRisk(accountID: id)
        async let work = AccountWork.load(store: store, account: detail.summary.account, user: context.dashboardUser!,
                                          query: Self.query(request), now: now)
        var page = AccountPage.build(
            detail: (detail.summary, detail.subscriptions), activity: try await activity, usage: try await usage, events: try await events,
            prices: Dictionary(try await prices.map { ($0.id, $0) }) { first, _ in first },
            productNames: Dictionary(try await products.map { ($0.id, $0.name) }) { first, _ in first },
            csms: try await ownerNames(), revenue: snapshot.ledger.accounts[id], months: months,
            reportingCurrency: snapshot.policy.reportingCurrency, health: try await health, risk: try await risk, now: now)
        page.work = try await work
        return self.page(detail.summary.account.name, .accounts, context, AccountView.render(page))
    }

    @Sendable func atRisk(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let offset = max(0, Int(Self.query(request)["offset"] ?? "") ?? 0)
        let content = try await reads.value("dashboard.at-risk \(offset)") {
            AtRiskView.render(try await insights.accountsAtRisk(limit: 50, offset: offset), model: try await insights.modelNote(),
                              currency: try await cache.current().policy.reportingCurrency, ownerNames: try await ownerNames())
        }
        return page("At risk", .atRisk, context, content)
    }

    @Sendable func renewals(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let page = try await RenewalsPage.load(store: store, filters: RenewalsPage.Filters(query: Self.query(request)), now: clock.now())
        return self.page("Renewals", .renewals, context, RenewalsView.render(page))
    }

    /// The range a page asks for (`from`, `to` months), falling back to the last twelve months on anything unreadable.
    private func range(_ query: [String: String], _ calendar: Calendar, now: Date) -> (ReportRange, String, String) {
        let from = query["from"].flatMap { $0.isEmpty ? nil : $0 }, to = query["to"].flatMap { $0.isEmpty ? nil : $0 }
        let range = (try? ReportRange(from: from, to: to, interval: .month, calendar: calendar, now: now))
            ?? (try! ReportRange(from: nil, to: nil, interval: .month, calendar: calendar, now: now))
        let periods = range.periods(calendar)
        return (range, periods.first!.label, periods.last!.label)
    }

    @Sendable func cohorts(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let query = Self.query(request)
        let snapshot = try await cache.current()
        let (range, from, to) = self.range(query, snapshot.policy.calendar, now: snapshot.asOf)
        let rows = snapshot.ledger.cohorts(range.periods(snapshot.policy.calendar))
        let page = CohortsPage(kind: query["kind"].flatMap(CohortsPage.Kind.init(rawValue:)) ?? .logo, rows: rows, from: from, to: to)
        return self.page("Cohorts", .cohorts, context, CohortsView.render(page))
    }

    @Sendable func metrics(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let snapshot = try await cache.current()
        let (range, from, to) = self.range(Self.query(request), snapshot.policy.calendar, now: snapshot.asOf)
        let page = MetricsPage.build(report: snapshot.revenueReport(range), from: from, to: to, now: clock.now())
        return self.page("Metrics", .metrics, context, MetricsView.render(page))
    }

    @Sendable func explain(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let query = Self.query(request)
        let snapshot = try await cache.current()
        guard let metric = query["metric"].flatMap(RevenueMetric.init(rawValue:)),
              let period = query["period"].flatMap({ ReportingPeriod.parse($0, calendar: snapshot.policy.calendar) })
        else {
            return DashboardResponses.html(
                Layout.page(title: "Explain", section: .metrics, user: context.dashboardUser!,
                            content: "<h1>Which figure?</h1><p>Pick a figure to explain on the <a href=\"/metrics\">metrics page</a>.</p>"),
                status: .badRequest)
        }
        let page = ExplainPage(explanation: snapshot.explain(metric, in: period, limit: 200),
                               currency: snapshot.policy.reportingCurrency, isMoney: false)
        return self.page("Explain \(MetricsPage.label(of: metric))", .metrics, context, MetricsView.explain(page))
    }
}
