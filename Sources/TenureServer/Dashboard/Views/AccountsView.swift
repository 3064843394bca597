import Foundation
import TenureCore
import TenureStore

/// Renders the accounts table with its filter form and sort links.
enum AccountsView {
    static func render(_ page: AccountsPage) -> HTML {
        let filters = page.filters
        let segmentOptions = [Layout.option("", "All segments", selected: filters.segment)] + page.segments.map { Layout.option($0, Format.words($0), selected: filters.segment) }
        let ownerOptions = [Layout.option("", "Everyone", selected: filters.owner), Layout.option(AccountQuery.unowned, "No owner", selected: filters.owner)]
            + page.owners.map { Layout.option($0.id, $0.name, selected: filters.owner) }
        let stageOptions = [Layout.option("", "All stages", selected: filters.stage?.rawValue)]
            + LifecycleStage.allCases.map { Layout.option($0.rawValue, Format.words($0.rawValue), selected: filters.stage?.rawValue) }
        var parts: [HTML] = ["<h1>Accounts</h1>"]
        parts.append("""
            <form class="filters" method="get" action="/accounts" role="search" aria-label="Filter accounts">
            <label>Search <input type="search" name="q" value="\(filters.search)" placeholder="Name or domain"></label>
            <label>Segment <select name="segment">\(segmentOptions)</select></label>
            <label>Owner <select name="owner">\(ownerOptions)</select></label>
            <label>Stage <select name="stage">\(stageOptions)</select></label>
            <input type="hidden" name="sort" value="\(filters.sort.rawValue)"><input type="hidden" name="dir" value="\(filters.descending ? "desc" : "asc")">
            <button type="submit" class="primary">Apply</button> \(filters.narrowed ? HTML("<a class=\"button\" href=\"/accounts\">Clear</a>") : .empty)
            </form>
            """)
        if page.rows.isEmpty {
            parts.append(filters.narrowed
                ? Layout.emptyState("No account matches", "Try a shorter search or <a href=\"/accounts\">clear the filters</a>.")
                : Layout.emptyState("No accounts yet", """
                    Accounts arrive with billing and product data: run <code>tenure sync stripe --api-key rk_…</code>, send Segment \
                    <code>group</code> calls to <code>/v1/group</code>, or import a file with <code>tenure import csv --kind accounts FILE</code>.
                    """))
            return HTML.join(parts)
        }
        func header(_ label: String, _ sort: AccountListQuery.Sort, numeric: Bool = false) -> HTML {
            let active = filters.sort == sort
            let next = active ? !filters.descending : (sort == .mrr)
            let state: HTML = active ? " aria-sort=\"\(filters.descending ? "descending" : "ascending")\"" : ""
            let arrow = active ? (filters.descending ? " ↓" : " ↑") : ""
            return """
                <th scope="col"\(state)\(numeric ? HTML(" class=\"num\"") : .empty)><a href="\(filters.link(sort: sort, descending: next))">\(label)\(arrow)\
                <span class="sr">, sort \(next ? "descending" : "ascending")</span></a></th>
                """
        }
        let healthHeader: HTML = page.hasHealth ? "<th scope=\"col\">Health</th>" : "<th scope=\"col\" class=\"hide-narrow\"><abbr title=\"Health scores have not been computed yet: run tenure health recompute\">Health</abbr></th>"
        let riskHeader: HTML = page.hasRisk ? "<th scope=\"col\" class=\"num\">Risk</th>" : "<th scope=\"col\" class=\"num hide-narrow\"><abbr title=\"Churn predictions appear after tenure predict train\">Risk</abbr></th>"
        let rows = page.rows.map { row -> HTML in
            let health: HTML = row.health.map { "<span class=\"badge \($0.rawValue)\">\($0.label)</span>" } ?? "<span class=\"muted\">—</span>"
            return """
                <tr data-account="\(row.id)"><th scope="row"><a href="\(Layout.accountPath(row.id))">\(row.name)</a>\
                <div class="small muted">\(row.domain)</div></th>\
                <td>\(Format.words(row.segment))</td><td\(page.hasHealth ? HTML.empty : " class=\"hide-narrow\"")>\(health)</td>\
                <td class="num\(page.hasRisk ? "" : " hide-narrow")">\(Format.percent(row.risk, digits: 0))</td>\
                <td class="num" data-mrr="\(row.mrr)">\(Format.money(row.mrr, row.currency))</td>\
                <td>\(Format.day(row.renewsAt))</td><td>\(row.ownerName ?? "—")</td></tr>
                """
        }
        parts.append("""
            \(Layout.scrollRegion("Accounts table"))<table id="accounts-table"><caption>\(Format.count(page.total)) accounts\
            \(filters.narrowed ? HTML(" match") : .empty)</caption><thead><tr>\(header("Account", .name))\(header("Segment", .segment))\
            \(healthHeader)\(riskHeader)\(header("MRR", .mrr, numeric: true))\(header("Renewal", .renewal))\(header("Owner", .owner))</tr></thead>\
            <tbody>\(rows)</tbody></table>\
            \(Layout.pager(total: page.total, offset: filters.offset, limit: AccountsPage.pageSize) { filters.link(offset: $0) })</div>
            """)
        return HTML.join(parts)
    }
}
