import Foundation
import TenureCore

/// Renders Account 360.
enum AccountView {
    static func render(_ page: AccountPage) -> HTML {
        let account = page.account
        var parts: [HTML] = [
            "<p class=\"small\"><a href=\"/accounts\">← Accounts</a></p>",
            "<h1>\(account.name)</h1>",
        ]
        // One <dl> a fact: a grid cell each, with the term and its value as the dl's own children (no <div> between).
        func fact(_ term: String, _ value: HTML, _ key: String? = nil) -> HTML {
            "<dl\(key.map { HTML(unsafeRaw: " data-fact=\"\(HTML.escape($0))\"") })><dt>\(term)</dt><dd>\(value)</dd></dl>"
        }
        parts.append("""
            <section class="panel" aria-label="Key facts"><div class="facts">\
            \(fact("MRR", "<span data-value=\"\(page.mrr)\">\(Format.exactMoney(page.mrr, account.currency))</span>", "mrr"))\
            \(fact("ARR", HTML(text: Format.money(page.mrr * 12, account.currency)), "arr"))\
            \(fact("Next renewal", HTML(text: page.renewsAt.map { "\(Format.day($0)) (\(Format.relativeDays($0, from: page.now)))" } ?? "—"), "renewal"))\
            \(fact("Owner", HTML(text: page.ownerName ?? "No owner"), "owner"))\
            \(fact("Segment", HTML(text: Format.words(account.segment))))\
            \(fact("Stage", HTML(text: Format.words(account.lifecycleStage.rawValue))))\
            \(fact("Customer since", HTML(text: Format.day(page.firstPaidAt ?? account.createdAt))))\
            \(fact("Industry", HTML(text: account.industry ?? "—")))\
            \(fact("Employees", HTML(text: account.employeeCount.map { Format.count($0) } ?? "—")))\
            \(fact("Domain", HTML(text: account.domain ?? "—")))\
            </div></section>
            """)
        parts.append("<div class=\"grid\">")
        parts.append(healthSection(page.health))
        parts.append(riskSection(page.risk))
        parts.append("</div>")
        if let work = page.work { parts.append(AccountWorkView.render(page, work)) }
        let mrrChart = LineChart(
            id: "account-mrr", title: "\(account.name): MRR at each month's end",
            categories: page.mrrMonths.map(Format.shortMonth),
            series: [.init(name: "MRR", values: page.mrrHistory.map { Optional($0) })],
            format: { Format.money(Int64($0.rounded()), page.reportingCurrency) })
        let weekly = page.weeklyUsage.map { Double($0.events) }
        let usageChart = LineChart(
            id: "account-usage", title: "\(account.name): product events per week",
            categories: page.weeklyUsage.map { Format.day($0.week).dropFirst(5).description },
            series: [.init(name: "Events", values: weekly.map { Optional($0) }, colour: ChartPalette.green)],
            format: { Format.count(Int64($0.rounded())) })
        let sparkline = Sparkline(id: "usage-spark", title: "Weekly events, last \(AccountPage.usageWeeks) weeks", values: weekly,
                                  format: { Format.count(Int64($0.rounded())) })
        let lastFour = weekly.suffix(4).reduce(0, +), previousFour = weekly.dropLast(4).suffix(4).reduce(0, +)
        let usageTrend = previousFour > 0 ? Format.percent((lastFour - previousFour) / previousFour, digits: 0) : "—"
        let events = page.topEvents.map { "<li><code>\($0.event)</code> \(Format.count($0.count))</li>" as HTML }
        parts.append("""
            <div class="grid"><section class="panel" aria-labelledby="mrr-h"><h2 id="mrr-h">MRR history</h2>\(mrrChart.svg())</section>
            <section class="panel" aria-labelledby="usage-h"><h2 id="usage-h">Usage</h2>\
            <p>\(sparkline.svg()) <span class="small">last 4 weeks vs the 4 before: <strong>\(usageTrend)</strong></span></p>\
            \(weekly.allSatisfy { $0 == 0 } ? Layout.emptyState("No product usage recorded", "Send Segment <code>track</code> calls with this account's group id to <code>/v1/track</code>.") : usageChart.svg())\
            \(events.isEmpty ? HTML.empty : "<h3 class=\"small\">Most used in the last 30 days</h3><ul class=\"small\">\(events)</ul>")</section></div>
            """)
        parts.append("<section aria-labelledby=\"subs-h\"><h2 id=\"subs-h\">Subscriptions</h2>")
        if page.subscriptions.isEmpty {
            parts.append(Layout.emptyState("No subscriptions", "Link this account to its Stripe customer (<code>stripe_customer_id</code>) and run <code>tenure sync stripe</code>."))
        } else {
            let rows = page.subscriptions.map { line -> HTML in
                """
                <tr><th scope="row">\(line.plan)<div class="small muted">\(line.id)</div></th><td>\(Format.words(line.status.rawValue))</td>\
                <td class="num" data-mrr="\(line.mrr.amount)">\(Format.exactMoney(line.mrr.amount, line.mrr.currency))</td>\
                <td>\(Format.day(line.startedAt))</td><td>\(Format.day(line.currentPeriodEnd))</td>\
                <td>\(line.cancelAt.map { "cancels \(Format.day($0))" } ?? "—")</td><td>\(line.discount ?? "—")</td></tr>
                """
            }
            parts.append("""
                \(Layout.scrollRegion("Subscriptions table"))<table><caption>Subscriptions and the MRR each contributes now</caption><thead><tr>\
                <th scope="col">Plan</th><th scope="col">Status</th><th scope="col" class="num">MRR</th><th scope="col">Started</th>\
                <th scope="col">Period ends</th><th scope="col">Cancellation</th><th scope="col">Discount</th></tr></thead>\
                <tbody>\(rows)</tbody></table></div>
                """)
        }
        parts.append("</section>")
        parts.append("<section aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">Timeline</h2>")
        if page.timeline.isEmpty {
            parts.append(Layout.emptyState("Nothing recorded yet", "Billing changes, invoices, tickets, survey answers, touchpoints and tasks appear here as they arrive."))
        } else {
            let items = page.timeline.map { entry -> HTML in
                """
                <li\(entry.warning ? HTML(" class=\"warn\"") : .empty)><span class="when">\(Format.day(entry.at))</span>\
                <span class="kind">\(entry.kind.rawValue)\(entry.warning ? HTML(" <span class=\"badge red\">attention</span>") : .empty)</span>\
                <span>\(entry.title)\(entry.detail.map { "<div class=\"small muted\">\($0)</div>" as HTML })</span></li>
                """
            }
            parts.append("<ol class=\"timeline\" reversed>\(items)</ol><p class=\"small muted\">The latest \(AccountPage.timelineLength) events.</p>")
        }
        parts.append("</section><section aria-labelledby=\"contacts-h\"><h2 id=\"contacts-h\">Contacts</h2>")
        if page.contacts.isEmpty {
            parts.append(Layout.emptyState("No contacts", "People join the account when Segment <code>identify</code> and <code>group</code> calls link them to it."))
        } else {
            let rows = page.contacts.map { contact -> HTML in
                let email: HTML = contact.email.map { "<a href=\"mailto:\($0)\">\($0)</a>" } ?? "—"
                return "<tr><th scope=\"row\">\(contact.name ?? "—")</th><td>\(contact.title ?? "—")</td><td>\(Format.words(contact.role.rawValue))</td><td>\(email)</td></tr>"
            }
            parts.append("""
                \(Layout.scrollRegion("Contacts table"))<table><caption>People at \(account.name)</caption><thead><tr><th scope="col">Name</th>\
                <th scope="col">Title</th><th scope="col">Role</th><th scope="col">Email</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """)
        }
        parts.append("</section>")
        return HTML.join(parts)
    }

    static func healthSection(_ health: AccountHealthSection?) -> HTML {
        guard let health else {
            return "<section class=\"panel\" aria-labelledby=\"health-h\"><h2 id=\"health-h\">Health</h2>\(Layout.emptyState("No health score yet", HealthRiskSource.healthHint))</section>"
        }
        let chart = LineChart(id: "health-trend", title: "Health score over time", categories: health.trend.map(\.label),
                              series: [.init(name: "Health", values: health.trend.map { Optional($0.score) })],
                              format: { HTML.number($0) })
        let signals = health.signals.map {
            "<tr><th scope=\"row\">\($0.name)</th><td>\($0.value)</td><td class=\"num\">\(Format.decimal($0.weight))</td><td class=\"num\">\(Format.decimal($0.contribution, digits: 1))</td></tr>" as HTML
        }
        return """
            <section class="panel" aria-labelledby="health-h"><h2 id="health-h">Health \
            <span class="badge \(health.colour.rawValue)">\(health.colour.label) · \(HTML.number(health.score))</span></h2>\
            <p class="small muted">\(health.validation)</p>\(chart.svg())\
            \(Layout.scrollRegion("Health signals table"))<table><caption>Signals behind the score</caption><thead><tr><th scope="col">Signal</th>\
            <th scope="col">Value</th><th scope="col" class="num">Weight</th><th scope="col" class="num">Points</th></tr></thead>\
            <tbody>\(signals)</tbody></table></div></section>
            """
    }

    static func riskSection(_ risk: AccountRiskSection?) -> HTML {
        guard let risk else {
            return "<section class=\"panel\" aria-labelledby=\"risk-h\"><h2 id=\"risk-h\">Churn risk</h2>\(Layout.emptyState("No churn prediction yet", HealthRiskSource.riskHint))</section>"
        }
        let factors = risk.factors.map { "<li><strong>\($0.name)</strong> \($0.effect) <span class=\"muted\">\($0.detail)</span></li>" as HTML }
        return """
            <section class="panel" aria-labelledby="risk-h"><h2 id="risk-h">Churn risk</h2>\
            <p><strong>\(Format.percent(risk.probability, digits: 0))</strong> chance of churning in the \(risk.horizon); \
            \(Format.money(risk.mrrAtRisk, risk.currency)) MRR at risk.</p><p class="small muted">\(risk.model)</p>\
            <h3 class="small">Top factors</h3><ol>\(factors)</ol></section>
            """
    }
}
