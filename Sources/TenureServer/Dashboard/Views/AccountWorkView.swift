import Foundation
import TenureCore
import TenureStore

/// Account 360's work sections: the account's open tasks (with the same actions as My work and a new-task form), its
/// playbook runs with their traces, its recent touchpoints, and the "Log a touchpoint" form.
enum AccountWorkView {
    static func render(_ page: AccountPage, _ work: AccountWork) -> HTML {
        let account = page.account
        var parts: [HTML] = [TaskViews.notice(work.notice), "<section aria-labelledby=\"tasks-h\"><h2 id=\"tasks-h\">Open tasks</h2>"]
        if work.tasks.isEmpty {
            parts.append("<p class=\"muted\">No open tasks for \(account.name).</p>")
        } else {
            parts.append(TaskViews.table(work.tasks, id: "account-tasks", caption: "Open tasks for \(account.name)", forms: work.forms,
                                         now: page.now, showAccount: false, showOwner: true))
        }
        if let forms = work.forms {
            let owner = account.ownerID.map { TaskOwnerChoice.csm($0).formValue }
            parts.append("""
                <details class="panel"><summary>New task for \(account.name)</summary>\
                \(TaskViews.newTaskForm(NewTaskForm(owner: owner), forms: forms, account: account, accountNames: [], error: nil))</details>
                """)
        }
        parts.append("</section>")
        parts.append(runs(work.runs, now: page.now))
        parts.append(touchpoints(page))
        if let forms = work.forms {
            parts.append("""
                <section class="panel" aria-labelledby="log-touchpoint-h"><h2 id="log-touchpoint-h">Log a touchpoint</h2>\
                \(touchpointForm(TouchpointForm(kind: Touchpoint.Kind.call.rawValue), account: account, contacts: page.contacts,
                                 forms: forms, today: page.now, error: nil))</section>
                """)
        }
        return HTML.join(parts)
    }

    /// The account's playbook runs, newest first, each with its trace and a link to it on its playbook's page.
    static func runs(_ runs: [PlaybookRun], now: Date) -> HTML {
        guard !runs.isEmpty else {
            return "<section aria-labelledby=\"runs-h\"><h2 id=\"runs-h\">Playbook runs</h2><p class=\"muted\">No playbook has run for this account.</p></section>"
        }
        let rows = runs.map { run -> HTML in
            return """
                <tr data-run="\(run.id)"><th scope="row"><a href="\(PlaybooksPaths.playbook(run.playbook))">\(run.playbook)</a> \
                <span class="small muted">v\(run.version)</span></th><td>\(PlaybookView.statusBadge(run.status))\(run.reason.map { "<div class=\"small muted\">\($0)</div>" as HTML })</td>\
                <td>\(Format.day(run.startedAt))</td><td class="small">\(run.trace)</td>\
                <td><a href="\(PlaybooksPaths.run(run.playbook, run.id))">Run<span class="sr"> of \(run.playbook) started \(Format.day(run.startedAt))</span></a></td></tr>
                """
        }
        return """
            <section aria-labelledby="runs-h"><h2 id="runs-h">Playbook runs</h2>\
            \(Layout.scrollRegion("Playbook runs table"))<table id="account-runs"><caption>Playbook runs, newest first</caption><thead><tr>\
            <th scope="col">Playbook</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Why it fired</th>\
            <th scope="col">Details</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
            """
    }

    /// The latest touchpoints: kind, date, who took part, summary and next step.
    static func touchpoints(_ page: AccountPage) -> HTML {
        guard !page.touchpoints.isEmpty else {
            return "<section aria-labelledby=\"touchpoints-h\"><h2 id=\"touchpoints-h\">Touchpoints</h2><p class=\"muted\">No touchpoints logged yet.</p></section>"
        }
        let names = Dictionary(page.contacts.map { ($0.id, $0.name ?? $0.email ?? $0.id) }) { first, _ in first }
        let rows = page.touchpoints.map { touchpoint -> HTML in
            let attendees = touchpoint.attendees.map { names[$0] ?? $0 }.joined(separator: ", ")
            return """
                <tr data-touchpoint="\(touchpoint.id)"><th scope="row">\(touchpoint.kind == .qbr ? "QBR" : touchpoint.kind.rawValue.capitalized)</th>\
                <td>\(Format.day(touchpoint.occurredAt))</td><td>\(attendees.isEmpty ? "—" : attendees)</td><td>\(touchpoint.summary)</td>\
                <td>\(touchpoint.nextStep ?? "—")</td></tr>
                """
        }
        return """
            <section aria-labelledby="touchpoints-h"><h2 id="touchpoints-h">Touchpoints</h2>\
            \(Layout.scrollRegion("Touchpoints table"))<table id="account-touchpoints"><caption>The latest \(page.touchpoints.count) \
            touchpoints</caption><thead><tr><th scope="col">Kind</th><th scope="col">Date</th><th scope="col">Attendees</th>\
            <th scope="col">Summary</th><th scope="col">Next step</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
            """
    }

    static let touchpointLabels = ["kind": "Kind", "date": "Date", "summary": "Summary", "attendees": "Attendees", "next_step": "Next step",
                                   "due_days": "Task due in days"]

    /// The "Log a touchpoint" form with `form`'s values; `error` names the field it was refused for.
    static func touchpointForm(_ form: TouchpointForm, account: Account, contacts: [Contact], forms: TaskForms, today: Date,
                               error: ValidationError?) -> HTML {
        let field = error?.field.map { String($0.prefix { $0 != "[" }) }
        func invalid(_ name: String) -> HTML { field == name ? " aria-invalid=\"true\" aria-describedby=\"touchpoint-error\"" : .empty }
        let kinds = Touchpoint.Kind.allCases.map { kind -> HTML in
            "<option value=\"\(kind.rawValue)\"\(form.kind == kind.rawValue ? HTML(" selected") : .empty)>\(kind == .qbr ? "QBR" : kind.rawValue.capitalized)</option>"
        }
        let chosen = Set(form.attendees ?? [])
        let people = contacts.map { contact -> HTML in
            let name = contact.name ?? contact.email ?? contact.id
            return """
                <label class="check"><input type="checkbox" name="attendees[]" value="\(contact.id)"\(chosen.contains(contact.id) ? HTML(" checked") : .empty)> \
                \(name)\(contact.title.map { " (\($0))" })</label>
                """
        }
        let attendees: HTML = contacts.isEmpty ? "<p class=\"small muted\">No contacts are linked to \(account.name) yet.</p>" : """
            <fieldset\(invalid("attendees"))><legend>Attendees</legend>\(HTML.join(people, separator: " "))</fieldset>
            """
        return """
            \(TaskViews.formError(error, id: "touchpoint-error", labels: touchpointLabels))\
            <form method="post" action="\(TaskPaths.touchpoints(ofAccount: account.id))" class="touchpoint-form">\(TaskViews.hidden(forms))\
            <p class="filters"><label>Kind<select id="tp-kind" name="kind"\(invalid("kind"))>\(kinds)</select></label>\
            <label>Date<input type="date" id="tp-date" name="date" max="\(Format.day(today))" value="\(form.date ?? Format.day(today))"\(invalid("date"))></label></p>\
            <p><label for="tp-summary">Summary</label><br><textarea id="tp-summary" name="summary" rows="3" cols="60" maxlength="10000" \
            required\(invalid("summary"))>\(form.summary)</textarea></p>\(attendees)\
            <p class="filters"><label>Next step (optional)<input type="text" id="tp-next" name="next_step" maxlength="1000" size="40" \
            value="\(form.nextStep)"\(invalid("next_step"))></label>\
            <label class="check"><input type="checkbox" id="tp-create-task" name="create_task" value="on"\(form.createTask != nil ? HTML(" checked") : .empty)> \
            Create a task from the next step</label>\
            <label>Task due in days<input type="number" id="tp-due" name="due_days" min="0" max="365" \
            value="\(form.dueDays ?? String(NewTaskForm.defaultDueDays))"\(invalid("due_days"))></label></p>\
            <button type="submit" class="primary">Log touchpoint</button></form>
            """
    }

    /// The touchpoint form on a page of its own, after it was refused: the field named, the values kept.
    static func refusedTouchpoint(_ form: TouchpointForm, account: Account, contacts: [Contact], forms: TaskForms, today: Date,
                                  error: ValidationError) -> HTML {
        """
        <p class="small"><a href="\(Layout.accountPath(account.id))">← \(account.name)</a></p><h1>Log a touchpoint with \(account.name)</h1>\
        \(touchpointForm(form, account: account, contacts: contacts, forms: forms, today: today, error: error))
        """
    }
}
