import Foundation
import TenureCore
import TenureStore

/// Renders the renewals page and the renewal tables of other pages.
enum RenewalsView {
    static func render(_ page: RenewalsPage) -> HTML {
        let filters = page.filters
        let names = Dictionary(page.owners.map { ($0.id, $0.name) }) { first, _ in first }
        let segments = [Layout.option("", "All segments", selected: filters.segment)] + page.segments.map { Layout.option($0, Format.words($0), selected: filters.segment) }
        let owners = [Layout.option("", "Everyone", selected: filters.owner), Layout.option(AccountQuery.unowned, "No owner", selected: filters.owner)]
            + page.owners.map { Layout.option($0.id, $0.name, selected: filters.owner) }
        var parts: [HTML] = ["""
            <h1>Renewals</h1><p class="muted">Live subscriptions whose current period ends in the next \(RenewalsPage.horizonDays) days, soonest first. \
            Track: <span class="badge at-risk">At risk</span> has a warning sign in billing (scheduled cancellation, past due, unpaid invoice) \
            or a red health score; <span class="badge standard">Standard</span> has a yellow score (confirm the value delivered) or, unscored, \
            a quarterly or annual contract; <span class="badge auto-renew">Auto-renew</span> is healthy (green) or, unscored, billed monthly.</p>
            <form class="filters" method="get" action="/renewals" aria-label="Filter renewals">
            <label>Segment <select name="segment">\(segments)</select></label>
            <label>Owner <select name="owner">\(owners)</select></label>
            <label><span><input type="checkbox" name="contracts" value="1"\(filters.contracts ? HTML(" checked") : .empty)> Quarterly and annual only</span></label>
            <label><span><input type="checkbox" name="warnings" value="1"\(filters.warnings ? HTML(" checked") : .empty)> Warning signs only</span></label>
            <button type="submit" class="primary">Apply</button></form>
            """]
        if page.lines.isEmpty {
            parts.append(Layout.emptyState("No renewals in this window", """
                Renewals come from subscriptions' current periods. Connect billing with <code>tenure sync stripe --api-key rk_…</code>, \
                or widen the filters.
                """))
        } else {
            parts.append(table(page.lines, ownerNames: names, now: page.now, caption: "\(Format.count(page.total)) renewals in the next \(RenewalsPage.horizonDays) days"))
            parts.append(Layout.pager(total: page.total, offset: filters.offset, limit: RenewalsPage.pageSize) { filters.link(offset: $0) })
        }
        return HTML.join(parts)
    }

    static func table(_ lines: [RenewalLine], ownerNames: [String: String], now: Date, caption: String) -> HTML {
        let rows = lines.map { line -> HTML in
            let term = switch line.billingMonths {
            case 12: "annual"
            case 1: "monthly"
            case 0: "short"
            default: "\(line.billingMonths) months"
            }
            return """
                <tr><th scope="row"><a href="\(Layout.accountPath(line.accountID))">\(line.accountName)</a></th>\
                <td>\(Format.day(line.renewsAt)) <span class="small muted">\(Format.relativeDays(line.renewsAt, from: now))</span></td>\
                <td class="num">\(Format.money(line.mrr, line.currency))</td><td>\(term)</td><td>\(Format.words(line.segment))</td>\
                <td>\(line.ownerID.map { ownerNames[$0] ?? $0 } ?? "—")</td>\
                <td><span class="badge \(line.track.rawValue)">\(line.track.label)</span> <span class="small muted">\(line.reasons.joined(separator: "; "))</span></td></tr>
                """
        }
        return """
            \(Layout.scrollRegion("Renewals table"))<table id="renewals-table"><caption>\(caption)</caption><thead><tr><th scope="col">Account</th>\
            <th scope="col">Renews</th><th scope="col" class="num">MRR</th><th scope="col">Term</th><th scope="col">Segment</th>\
            <th scope="col">Owner</th><th scope="col">Track</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }
}

/// Renders the cohorts heatmap.
enum CohortsView {
    static func render(_ page: CohortsPage) -> HTML {
        let tabs = CohortsPage.Kind.allCases.map { kind -> HTML in
            let current: HTML = kind == page.kind ? " aria-current=\"page\"" : ""
            return "<a class=\"button\" href=\"/cohorts\(Layout.query([("kind", kind.rawValue), ("from", page.from), ("to", page.to)]))\"\(current)>\(kind == .logo ? "Logo retention" : "Revenue retention")</a>"
        }
        var parts: [HTML] = ["""
            <h1>Cohorts</h1><p class="muted">Accounts grouped by the month they first paid (cohort size in brackets). \
            Each cell is the share of the cohort's \(page.kind == .logo ? "accounts still paying" : "first-month MRR still billed") \
            at the end of month M0, M1, … after it started.</p><p>\(tabs)</p>
            """]
        if page.rows.isEmpty {
            parts.append(Layout.emptyState("No cohorts yet", "Cohorts form when accounts start paying. Connect Stripe with <code>tenure sync stripe --api-key rk_…</code>."))
        } else {
            let heatmap = Heatmap(id: "cohorts", title: "\(page.kind == .logo ? "Logo" : "Revenue") retention by cohort",
                                  columns: page.columns, rows: page.heatmapRows, format: { Format.percent($0, digits: 0) })
            parts.append("\(Layout.scrollRegion("Retention heatmap", class: "panel table-wrap"))\(heatmap.svg())</div>")
            let header = page.columns.map { "<th scope=\"col\" class=\"num\">\($0)</th>" as HTML }
            let rows = page.heatmapRows.map { row -> HTML in
                "<tr><th scope=\"row\">\(row.label) \(row.note)</th>\(row.values.map { "<td class=\"num\">\(Format.percent($0, digits: 0))</td>" as HTML })</tr>"
            }
            parts.append("""
                <details><summary>The same figures as a table</summary>\(Layout.scrollRegion("Retention table"))<table><caption>Retention by cohort</caption>\
                <thead><tr><th scope="col">Cohort</th>\(header)</tr></thead><tbody>\(rows)</tbody></table></div></details>
                """)
        }
        return HTML.join(parts)
    }
}
