import Foundation
import TenureCore
import TenureStore

/// Renders the metrics page and the explain page.
enum MetricsView {
    static func render(_ page: MetricsPage) -> HTML {
        var parts: [HTML] = ["""
            <h1>Metrics</h1>
            <form class="filters" method="get" action="/metrics" aria-label="Range">
            <label>From <input name="from" value="\(page.from)" placeholder="2025-06" pattern="[0-9]{4}-[0-9]{2}" size="8"></label>
            <label>To <input name="to" value="\(page.to)" placeholder="2026-05" pattern="[0-9]{4}-[0-9]{2}" size="8"></label>
            <button type="submit" class="primary">Show</button></form>
            <p class="muted small">Monthly figures in \(page.currency.code); the current month is to date. Each "explain" link lists the \
            movements or accounts behind the figure for \(page.explainPeriod.map(Format.month) ?? "the period").</p>
            <div class="grid">
            """]
        for (index, metric) in page.metrics.enumerated() {
            let chart = LineChart(
                id: "metric-\(metric.metric.rawValue)", title: "\(metric.label) per month",
                categories: page.periods.map(Format.shortMonth), series: [.init(name: metric.label, values: metric.values)],
                includeZero: metric.kind != .rate, format: { metric.format($0, currency: page.currency) })
            let latest = metric.values.last.flatMap { $0 }.map { metric.format($0, currency: page.currency) } ?? "—"
            let explain: HTML = page.explainPeriod.map {
                "<a href=\"/metrics/explain\(Layout.query([("metric", metric.metric.rawValue), ("period", $0)]))\">explain \(metric.label) for \(Format.month($0))</a>"
            } ?? ""
            parts.append("""
                <section class="panel" aria-labelledby="m\(index)" data-metric="\(metric.metric.rawValue)"><h2 id="m\(index)">\(metric.label) \
                <span class="muted small">latest \(latest)</span></h2>\(chart.svg())<p class="small">\(explain) · \
                <span class="muted">\(metric.metric.formula)</span></p></section>
                """)
        }
        parts.append("</div>")
        return HTML.join(parts)
    }

    static func explain(_ page: ExplainPage) -> HTML {
        let explanation = page.explanation
        let inputs = explanation.inputs.sorted { $0.key < $1.key }.map { key, value -> HTML in
            let text = key.hasPrefix("customers") || key.hasSuffix("customers") ? Format.count(value) : Format.money(value, page.currency)
            return "<tr><th scope=\"row\"><code>\(key)</code></th><td class=\"num\">\(text)</td></tr>"
        }
        var parts: [HTML] = ["""
            <p class="small"><a href="/metrics">← Metrics</a></p>
            <h1>\(MetricsPage.label(of: explanation.metric)) \
            in \(Format.month(explanation.period.label)): <span data-value="\(explanation.value.map { String($0) } ?? "")">\(page.valueText)</span></h1>
            <p><strong>Formula:</strong> \(explanation.metric.formula)</p>
            \(Layout.scrollRegion("Inputs table"))<table><caption>Inputs for \(Format.month(explanation.period.label))</caption><thead><tr>\
            <th scope="col">Input</th><th scope="col" class="num">Value</th></tr></thead><tbody>\(inputs)</tbody></table></div>
            """]
        if !explanation.movements.isEmpty {
            let rows = explanation.movements.map { item -> HTML in
                let movement = item.movement
                let causes = item.causes.map { "<li>\($0.description)</li>" as HTML }
                return """
                    <tr><th scope="row"><a href="\(Layout.accountPath(movement.accountID))">\(item.accountName ?? movement.accountID)</a></th>\
                    <td>\(movement.kind.rawValue)</td><td>\(Format.day(movement.at))</td>\
                    <td class="num">\(Format.money(movement.mrrBefore, page.currency))</td><td class="num">\(Format.money(movement.mrrAfter, page.currency))</td>\
                    <td class="num">\(Format.money(movement.amount, page.currency))</td><td><ul class="small">\(causes)</ul></td></tr>
                    """
            }
            parts.append("""
                <h2>Movements behind the figure</h2>\(Layout.scrollRegion("Movements table"))<table><caption>Largest first\
                \(explanation.omitted > 0 ? HTML(text: "; \(Format.count(explanation.omitted)) more not shown") : .empty)</caption><thead><tr>\
                <th scope="col">Account</th><th scope="col">Kind</th><th scope="col">When</th><th scope="col" class="num">MRR before</th>\
                <th scope="col" class="num">MRR after</th><th scope="col" class="num">Change</th><th scope="col">Subscription changes</th></tr></thead>\
                <tbody>\(rows)</tbody></table></div>
                """)
        }
        if !explanation.accounts.isEmpty {
            let rows = explanation.accounts.map { item -> HTML in
                "<tr><th scope=\"row\"><a href=\"\(Layout.accountPath(item.accountID))\">\(item.accountName ?? item.accountID)</a></th><td class=\"num\">\(Format.money(item.amount, page.currency))</td></tr>"
            }
            parts.append("""
                <h2>Accounts behind the figure</h2>\(Layout.scrollRegion("Accounts table"))<table><caption>Largest first\
                \(explanation.omitted > 0 ? HTML(text: "; \(Format.count(explanation.omitted)) more not shown") : .empty)</caption><thead><tr>\
                <th scope="col">Account</th><th scope="col" class="num">MRR</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """)
        }
        if explanation.movements.isEmpty && explanation.accounts.isEmpty {
            parts.append("<p class=\"muted\">No movement or account is behind this figure in this period.</p>")
        }
        parts.append("<p class=\"small muted\">The same data as JSON: <code>GET /api/v1/metrics/explain?metric=\(explanation.metric.rawValue)&amp;period=\(explanation.period.label)</code></p>")
        return HTML.join(parts)
    }
}

/// Renders the sign-in page.
enum SignInView {
    static func render(csrf: String, next: String?, email: String?, error: String?) -> HTML {
        Layout.document(title: "Sign in", body: """
            <main id="main" class="narrow signin"><h1>Sign in to Tenure</h1>
            \(error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML })
            <form method="post" action="/login">
            <input type="hidden" name="csrf" value="\(csrf)">
            <input type="hidden" name="next" value="\(next)">
            <label>Email <input type="email" name="email" value="\(email)" autocomplete="email" required autofocus></label>
            <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
            <button type="submit" class="primary">Sign in</button>
            </form>
            <p class="small muted">No account? An admin creates one with <code>tenure users create --email you@example.com --name "Your Name" --role member</code>; \
            <code>tenure demo</code> prints a demo sign-in.</p>
            </main>
            """)
    }
}
