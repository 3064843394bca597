import Foundation
import TenureCore
import TenureEngine
import TenureStore

/// Renders the playbooks list: every definition with its trigger, runs and churn effect, the dry-run form with what a
/// dry run found, and the "Add a playbook" form. Forms are plain POSTs with the session's CSRF token; viewers get none.
enum PlaybooksView {
    static func render(_ page: PlaybooksPage) -> HTML {
        var parts: [HTML] = ["""
            <h1>Playbooks</h1><p class="muted">When something happens to an account like the ones a playbook names, it creates \
            tasks, sends messages and changes the account — and holds out a share of accounts so that its effect can be measured. \
            See <code>docs/playbooks.md</code> for the language.</p>
            """]
        if page.rows.isEmpty {
            parts.append(Layout.emptyState("No playbooks yet", page.role.allows(.admin)
                ? "Paste one into “Add a playbook” below, or add one with <code>tenure playbooks add FILE</code>."
                : "An admin adds them here or with <code>tenure playbooks add FILE</code>."))
        } else {
            parts.append(table(page.rows))
        }
        if page.role.allows(.member) {
            parts.append(dryRunForm(page))
            if let result = page.dryRun { parts.append(dryRun(result, ownerNames: page.ownerNames)) }
        }
        if page.role.allows(.admin) { parts.append(addForm(page)) }
        return HTML.join(parts)
    }

    static func table(_ rows: [PlaybooksPage.Row]) -> HTML {
        let lines = rows.map { row -> HTML in
            let summary = row.summary
            let version: HTML = summary.activeVersion.map { "v\($0)" }
                ?? "<span class=\"muted\">inactive</span> <span class=\"small muted\">(latest v\(summary.latestVersion))</span>"
            let description: HTML = row.playbook?.description.map { "<br><span class=\"small muted\">\($0)</span>" } ?? .empty
            return """
                <tr><th scope="row"><a href="\(PlaybooksPaths.playbook(summary.name))">\(summary.name)</a>\(description)</th>\
                <td>\(version)</td><td>\(row.playbook.map { PlaybookOutline.text($0.trigger) } ?? "—")</td>\
                <td class="num">\(Format.count(summary.runs[.active] ?? 0))</td><td class="num">\(Format.count(summary.runs[.completed] ?? 0))</td>\
                <td class="num">\(Format.count(summary.runs[.heldOut] ?? 0))</td><td>\(churn(row.churn))</td></tr>
                """
        }
        return """
            \(Layout.scrollRegion("Playbooks table"))<table id="playbooks-table"><caption>\(Format.count(rows.count)) \
            playbook\(rows.count == 1 ? "" : "s")</caption><thead><tr><th scope="col">Playbook</th><th scope="col">Active version</th>\
            <th scope="col">Trigger</th><th scope="col" class="num">Active runs</th><th scope="col" class="num">Completed</th>\
            <th scope="col" class="num">Held out</th><th scope="col">Churn effect (enrolled − held out, 90 days)</th></tr></thead>\
            <tbody>\(lines)</tbody></table></div>
            """
    }

    /// The churn difference with its interval and verdict, or why there is none.
    static func churn(_ estimate: EffectEstimate?) -> HTML {
        guard let estimate else { return "—" }
        guard let difference = estimate.difference, let low = estimate.low, let high = estimate.high else {
            return "<span class=\"small muted\">\(estimate.note ?? "not measured yet")</span>"
        }
        return """
            \(EffectIntervalChart.points(difference)) <span class="small muted">(95% interval \(EffectIntervalChart.points(low)) \
            to \(EffectIntervalChart.points(high)); \(estimate.significant ? "significant" : "not significant"))</span>
            """
    }

    /// Labels of the form inputs an error may name; any other field is a path into the document.
    static let inputLabels = ["note": "Note", "format": "Format", "days": "Days", "account_id": "Account id"]

    /// Which input of a form `error` is about: the one it names among `inputs`, else the document's textarea (`source`).
    static func input(of error: ValidationError?, among inputs: [String]) -> String? {
        guard let error else { return nil }
        if let field = error.field, inputs.contains(field) { return field }
        return "source"
    }

    /// An alert naming the field `error` is about, with the id the invalid input points at.
    static func alert(_ error: ValidationError?, id: String) -> HTML {
        guard let error else { return .empty }
        let text: HTML = switch error.field {
        case nil, "source"?: "Document: \(error.message)"
        case let field? where inputLabels[field] != nil: "\(inputLabels[field]!): \(error.message)"
        case let path?: "Document, field <code>\(path)</code>: \(error.message)"
        }
        return "<div class=\"empty\" role=\"alert\" id=\"\(id)\"><p class=\"error\">\(text)</p></div>"
    }

    /// `aria-invalid` and the alert's id when `name` is the input the error is about.
    static func invalid(_ name: String, _ erring: String?, alert: String) -> HTML {
        erring == name ? " aria-invalid=\"true\" aria-describedby=\"\(alert)\"" : .empty
    }

    /// The textarea and format choice both document forms share; `prefix` keeps their ids apart.
    static func documentFields(_ form: PlaybookForm, prefix: String, erring: String?, alert: String) -> HTML {
        let formats = DefinitionFormat.allCases.map { format -> HTML in
            let selected: HTML = (form.format ?? "yaml") == format.rawValue ? " selected" : .empty
            return "<option value=\"\(format.rawValue)\"\(selected)>\(format.rawValue.uppercased())</option>"
        }
        return """
            <p><label for="\(prefix)-source">Playbook document</label><br>\
            <textarea id="\(prefix)-source" name="source" rows="16" cols="90" spellcheck="false"\(invalid("source", erring, alert: alert))>\
            \(form.source)</textarea></p>
            <p class="filters"><label for="\(prefix)-format">Format <select id="\(prefix)-format" name="format"\
            \(invalid("format", erring, alert: alert))>\(formats)</select></label>
            """
    }

    static func dryRunForm(_ page: PlaybooksPage) -> HTML {
        let erring = input(of: page.dryRunError, among: ["format", "days"])
        return """
            <h2 id="dry-h">Dry run</h2><p class="muted">Replays a document over the stored history of the last days and writes \
            nothing: how many accounts it would have enrolled or held out, why others were skipped, the tasks it would have \
            given each owner per week, and each enrollment with its trace.</p>
            \(alert(page.dryRunError, id: "dry-error"))<form class="panel" method="post" action="\(PlaybooksPaths.dryRun)#dry-result-h" \
            aria-labelledby="dry-h"><input type="hidden" name="csrf" value="\(page.csrf)">
            \(documentFields(page.dryRunForm, prefix: "dry", erring: erring, alert: "dry-error"))\
            <label for="dry-days">Days of history <input id="dry-days" name="days" type="number" min="1" max="\(PlaybookForm.maximumDays)" \
            value="\(page.dryRunForm.days)"\(invalid("days", erring, alert: "dry-error"))></label></p>
            <p><button type="submit" class="primary">Dry run</button></p></form>
            """
    }

    static func addForm(_ page: PlaybooksPage) -> HTML {
        let erring = input(of: page.addError, among: ["format", "note"])
        let checked: HTML = page.addForm.activates ? " checked" : .empty
        return """
            <h2 id="add-h">Add a playbook</h2><p class="muted">A document whose name is already taken is stored as that \
            playbook's next version. Mistakes are refused with the field named.</p>
            \(alert(page.addError, id: "add-error"))<form class="panel" method="post" action="\(PlaybooksPaths.list)" aria-labelledby="add-h">\
            <input type="hidden" name="csrf" value="\(page.csrf)">
            \(documentFields(page.addForm, prefix: "add", erring: erring, alert: "add-error"))\
            <label for="add-note">Note (optional) <input id="add-note" name="note" type="text" size="50" maxlength="1000" \
            value="\(page.addForm.note)"\(invalid("note", erring, alert: "add-error"))></label>\
            <label for="add-activate"><span><input id="add-activate" name="activate" type="checkbox" value="1"\(checked)> \
            Activate this version now</span></label></p>
            <p><button type="submit" class="primary">Add playbook</button></p></form>
            """
    }

    /// Who a dry run's tasks would have gone to: a CSM's name, or the queue.
    static func owner(_ id: String, _ names: [String: String]) -> String {
        id.hasPrefix("queue:") ? "queue \(id.dropFirst(6))" : names[id] ?? id
    }

    static func dryRun(_ result: PlaybookDryRun, ownerNames: [String: String]) -> HTML {
        let days = Int((result.to.timeIntervalSince(result.from) / 86_400).rounded())
        func fact(_ term: String, _ value: Int) -> HTML { "<dl><dt>\(term)</dt><dd>\(Format.count(value))</dd></dl>" }
        let facts: [HTML] = [fact("Trigger occurrences", result.occurrences), fact("Enrolled", result.enrolled),
                             fact("Held out", result.heldOut), fact("Skipped", result.skipped), fact("Tasks", result.tasks),
                             fact("Notifications", result.notifications)]
        let reasons: HTML = result.skipReasons.isEmpty ? "<p class=\"muted\">None skipped.</p>" : """
            <ul>\(result.skipReasons.map { reason -> HTML in "<li>\(reason.reason): \(Format.count(reason.count))</li>" })</ul>
            """
        var parts: [HTML] = ["""
            <section aria-labelledby="dry-result-h"><h2 id="dry-result-h">Dry run of \(result.playbook): the last \(days) days</h2>\
            <p class="muted">\(Format.day(result.from)) to \(Format.day(result.to)) (UTC). Nothing was written; conditions were checked \
            against the accounts as they are now, and tasks are taken to stay open.</p><div class="panel facts">\(facts)</div>\
            <h3>Why occurrences were skipped</h3>\(reasons)<h3 id="dry-load-h">Tasks per owner per week</h3>
            """]
        parts.append(result.load.isEmpty ? "<p class=\"muted\">No tasks.</p>" : load(result.load, ownerNames: ownerNames))
        parts.append("<h3>Enrollments</h3>")
        if result.entries.isEmpty {
            parts.append("<p class=\"muted\">No account would have been enrolled or held out.</p>")
        } else {
            let shown = result.entries.prefix(PlaybooksPage.entriesShown)
            let rows = shown.map { entry -> HTML in
                """
                <tr><td>\(NotificationsView.time(entry.at))</td><th scope="row"><a href="\(Layout.accountPath(entry.accountID))">\
                \(entry.accountName)</a></th><td>\(entry.heldOut ? "held out" : "enrolled")</td><td>\(entry.trace)</td>\
                <td>\(entry.tasks.isEmpty ? "—" : entry.tasks.joined(separator: "; "))</td></tr>
                """
            }
            let caption = result.entries.count > shown.count
                ? "The first \(shown.count) of \(Format.count(result.entries.count)) enrollments and hold-outs"
                : "\(Format.count(result.entries.count)) enrollments and hold-outs, oldest first"
            parts.append("""
                \(Layout.scrollRegion("Dry-run enrollments"))<table id="dry-run-entries"><caption>\(caption)</caption><thead><tr>\
                <th scope="col">When (UTC)</th><th scope="col">Account</th><th scope="col">Decision</th><th scope="col">Trace</th>\
                <th scope="col">Tasks</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """)
        }
        parts.append("</section>")
        return HTML.join(parts)
    }

    /// The tasks per owner (rows) and ISO week (columns), with totals, and the same as a stacked bar chart.
    static func load(_ load: [PlaybookDryRun.OwnerWeek], ownerNames: [String: String]) -> HTML {
        let weeks = Array(Set(load.map(\.week))).sorted()
        let owners = Array(Set(load.map(\.owner))).sorted { owner($0, ownerNames) < owner($1, ownerNames) }
        let counts = Dictionary(load.map { ("\($0.owner)\u{1F}\($0.week)", $0.tasks) }, uniquingKeysWith: +)
        func count(_ owner: String, _ week: String) -> Int { counts["\(owner)\u{1F}\(week)"] ?? 0 }
        let header = weeks.map { week -> HTML in "<th scope=\"col\" class=\"num\">\(week)</th>" }
        let rows = owners.map { id -> HTML in
            let cells = weeks.map { week -> HTML in "<td class=\"num\">\(count(id, week))</td>" }
            return "<tr><th scope=\"row\">\(owner(id, ownerNames))</th>\(cells)<td class=\"num\">\(weeks.reduce(0) { $0 + count(id, $1) })</td></tr>"
        }
        var chart = StackedBarChart(
            id: "dry-run-load", title: "Tasks per week by owner", categories: weeks,
            series: owners.enumerated().map { index, id in
                StackedBarChart.Series(name: owner(id, ownerNames), values: weeks.map { Double(count(id, $0)) },
                                       colour: ChartPalette.series[index % ChartPalette.series.count])
            },
            format: { HTML.number($0) })
        chart.height = 200
        return """
            \(Layout.scrollRegion("Tasks per owner per week"))<table id="dry-run-load-table"><caption>Tasks the playbook would have \
            created, by owner and ISO week</caption><thead><tr><th scope="col">Owner</th>\(header)<th scope="col" class="num">Total</th>\
            </tr></thead><tbody>\(rows)</tbody></table></div><div class="panel">\(chart.svg())</div>
            """
    }
}
