import Foundation
import TenureCore
import TenureStore

/// Renders the overview.
enum OverviewView {
    static let movementColours: [MRRMovement.Kind: String] = [
        .new: ChartPalette.blue, .expansion: ChartPalette.green, .reactivation: ChartPalette.sky,
        .contraction: ChartPalette.orange, .churn: ChartPalette.vermillion,
    ]

    static func render(_ page: OverviewPage) -> HTML {
        var parts: [HTML] = ["<h1>Overview</h1>"]
        if !page.hasRevenue {
            parts.append(Layout.emptyState("No billing data yet", """
                Connect Stripe to see MRR and retention: run <code>tenure sync stripe --api-key rk_live_…</code> \
                (read-only key), and point a Stripe webhook at <code>/webhooks/stripe</code> with \
                <code>TENURE_STRIPE_WEBHOOK_SECRET=whsec_… tenure serve</code>. Or import history with \
                <code>tenure import csv --kind subscriptions FILE</code>.
                """))
        }
        parts.append("<h2 id=\"figures\">Headline figures</h2><ul class=\"cards\" aria-labelledby=\"figures\">")
        for figure in page.figures {
            let arrow: HTML = switch figure.trend.direction {
            case .up: "<span aria-hidden=\"true\">▲</span> "
            case .down: "<span aria-hidden=\"true\">▼</span> "
            case .flat: "<span aria-hidden=\"true\">▶</span> "
            case .unknown: ""
            }
            let tone = figure.trend.direction == .flat || figure.trend.direction == .unknown
                ? "flat" : "\(figure.trend.direction.rawValue)-\(figure.trend.good ? "good" : "bad")"
            let explain: HTML = figure.explain.map {
                " · <a href=\"/metrics/explain\(Layout.query([("metric", $0.rawValue), ("period", figure.period)]))\">explain<span class=\"sr\"> \(figure.label)</span></a>"
            } ?? ""
            parts.append("""
                <li class="card" data-metric="\(figure.key)" data-period="\(figure.period)" data-value="\(figure.value.map { String($0) } ?? "")">\
                <p class="label">\(figure.label)</p><p class="value">\(figure.text)</p>\
                <p class="delta \(tone)">\(arrow)\(figure.trend.words)</p><p class="small muted">\(figure.note)\(explain)</p></li>
                """)
        }
        parts.append("</ul>")
        let chart = StackedBarChart(
            id: "mrr-movements", title: "MRR movements per month",
            categories: page.movementMonths.map(Format.shortMonth),
            series: page.movements.map { .init(name: $0.kind.rawValue.capitalized, values: $0.values, colour: movementColours[$0.kind]!) },
            format: { Format.money(Int64($0.rounded()), page.currency) })
        parts.append("""
            <div class="grid"><section class="panel" aria-labelledby="movements-h"><h2 id="movements-h">MRR movements</h2>\
            \(chart.svg())<p class="small muted">New, expansion and reactivation above the line; contraction and churn below. \
            <a href="/metrics">All metrics</a></p></section>
            """)
        parts.append("<section class=\"panel\" aria-labelledby=\"health-h\"><h2 id=\"health-h\">Health distribution</h2>")
        if let health = page.health {
            let total = max(1, health.accounts.values.reduce(0, +))
            parts.append("<ul class=\"bar-list\">")
            for colour in HealthColour.allCases {
                let count = health.accounts[colour] ?? 0
                parts.append("""
                    <li><span class="badge \(colour.rawValue)">\(colour.label)</span> \(Format.count(count)) accounts \
                    (\(Format.percent(Double(count) / Double(total), digits: 0))), \(Format.money(health.mrr[colour] ?? 0, page.currency)) MRR</li>
                    """)
            }
            parts.append("</ul>")
        } else {
            parts.append(Layout.emptyState("No health scores yet", HealthRiskSource.healthHint))
        }
        parts.append("</section></div>")
        parts.append("<section aria-labelledby=\"call-h\"><h2 id=\"call-h\">Who to call first: top 10 by MRR at risk</h2>")
        if let atRisk = page.atRisk {
            parts.append(AtRiskView.table(atRisk, currency: page.currency, ownerNames: page.ownerNames, caption: "Top accounts by MRR at risk"))
        } else {
            parts.append(Layout.emptyState("No churn predictions yet", HealthRiskSource.riskHint))
        }
        parts.append("</section>")
        parts.append("<section aria-labelledby=\"warn-h\"><h2 id=\"warn-h\">Renewals in the next 30 days with warning signs</h2>")
        if page.renewalWarnings.isEmpty {
            parts.append("<p class=\"muted\">No renewal in the next 30 days is past due, scheduled to cancel or has an unpaid invoice.</p>")
        } else {
            parts.append(RenewalsView.table(page.renewalWarnings, ownerNames: page.ownerNames, now: page.asOf,
                                            caption: "Largest renewals with a scheduled cancellation, a past-due payment or an unpaid invoice"))
            parts.append("<p><a href=\"/renewals?warnings=1\">All renewals with warning signs</a></p>")
        }
        parts.append("</section>")
        return HTML.join(parts)
    }
}

/// Renders the at-risk list.
enum AtRiskView {
    static func render(_ rows: Page<AtRiskAccount>?, model: String?, currency: Currency, ownerNames: [String: String]) -> HTML {
        var parts: [HTML] = ["<h1>At risk</h1><p class=\"muted\">Accounts ranked by MRR at risk: churn probability × MRR.</p>"]
        if let model { parts.append("<p class=\"small muted\" id=\"model-note\">\(model)</p>") }
        if let rows {
            parts.append(table(rows.items, currency: currency, ownerNames: ownerNames, caption: "Accounts by MRR at risk"))
            parts.append(Layout.pager(total: rows.total, offset: rows.offset, limit: rows.limit) { "/at-risk" + Layout.query([("offset", String($0))]) })
        } else {
            parts.append(Layout.emptyState("No churn predictions yet", HealthRiskSource.riskHint))
            parts.append("""
                <p>Meanwhile, the <a href="/renewals?warnings=1">renewals with warning signs</a> list subscriptions that are past due, \
                scheduled to cancel or have unpaid invoices.</p>
                """)
        }
        return HTML.join(parts)
    }

    static func table(_ rows: [AtRiskAccount], currency: Currency, ownerNames: [String: String], caption: String) -> HTML {
        let body = rows.map { row -> HTML in
            """
            <tr data-account="\(row.accountID)"><th scope="row"><a href="\(Layout.accountPath(row.accountID))">\(row.name)</a></th>\
            <td>\(row.ownerID.map { ownerNames[$0] ?? $0 } ?? "—")</td><td class="num">\(Format.money(row.mrr, currency))</td>\
            <td class="num">\(Format.percent(row.probability, digits: 0))</td>\
            <td class="num" data-loss="\(String(row.mrrAtRisk))">\(Format.money(row.mrrAtRisk, currency))</td>\
            <td class="num">\(row.daysToRenewal.map { "\($0) days" } ?? "—")</td><td>\(row.topFactor)</td></tr>
            """
        }
        return """
            \(Layout.scrollRegion("At-risk accounts table"))<table><caption>\(caption)</caption><thead><tr><th scope="col">Account</th><th scope="col">Owner</th>\
            <th scope="col" class="num">MRR</th><th scope="col" class="num">Churn risk</th><th scope="col" class="num">MRR at risk</th>\
            <th scope="col" class="num">Renews in</th><th scope="col">Why</th></tr></thead><tbody>\(body)</tbody></table></div>
            """
    }
}
