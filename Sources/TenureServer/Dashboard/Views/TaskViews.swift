import Foundation
import TenureCore
import TenureStore

/// The pieces every page with tasks shares: the task table with its one-click actions (done with an outcome, snooze,
/// reassign), the new-task form, and the notice and error lines. Every form is a plain POST carrying the session's
/// CSRF token and the page to come back to; nothing needs JavaScript.
enum TaskViews {
    /// A table of tasks: the task and its account, due date, SLA, priority, source and, when `forms` is given, the actions.
    static func table(_ rows: [TaskRow], id: String, caption: String, forms: TaskForms?, now: Date, showAccount: Bool = true,
                      showOwner: Bool) -> HTML {
        let body = rows.map { row -> HTML in
            let task = row.task
            let account: HTML = showAccount ? task.accountID.map { accountID in
                "<div class=\"small\"><a href=\"\(Layout.accountPath(accountID))\">\(row.accountName ?? accountID)</a></div>"
            } ?? "<div class=\"small muted\">No account</div>" : .empty
            let owner: HTML = showOwner ? "<div class=\"small muted\">\(assignee(row))</div>" : .empty
            let actions: HTML = forms.map { "<td class=\"actions\">\(self.actions(task, forms: $0))</td>" } ?? .empty
            return """
                <tr data-task="\(task.id)"><th scope="row"><a href="\(TaskPaths.task(task.id))">\(task.title)</a>\(account)\(owner)</th>\
                <td>\(due(task, now: now))</td><td>\(sla(task, now: now))</td><td>\(priority(task.priority))</td><td>\(source(task))</td>\(actions)</tr>
                """
        }
        let actionsHeader: HTML = forms == nil ? .empty : "<th scope=\"col\">Actions</th>"
        return """
            \(Layout.scrollRegion(caption))<table id="\(id)"><caption>\(caption)</caption><thead><tr><th scope="col">Task</th>\
            <th scope="col">Due</th><th scope="col">SLA</th><th scope="col">Priority</th><th scope="col">Source</th>\(actionsHeader)</tr></thead>\
            <tbody>\(body)</tbody></table></div>
            """
    }

    /// Who the task is with: its owner's name, its queue, or nobody.
    static func assignee(_ row: TaskRow) -> String {
        row.ownerName ?? row.task.ownerID ?? row.task.queue.map { "Queue: \($0)" } ?? "Unassigned"
    }

    /// The due date with how far off it is.
    static func due(_ task: SuccessTask, now: Date) -> HTML {
        guard let due = task.dueAt else { return "<span class=\"muted\">No due date</span>" }
        let overdue: HTML = task.status.isOpen && due < now ? " <span class=\"badge red\">overdue</span>" : .empty
        return "\(Format.day(due))<div class=\"small muted\">\(Format.relativeDays(due, from: now))</div>\(overdue)"
    }

    /// The SLA deadline, marked when it has passed on an open task.
    static func sla(_ task: SuccessTask, now: Date) -> HTML {
        guard let sla = task.slaDueAt else { return "<span class=\"muted\">—</span>" }
        let breached: HTML = task.status.isOpen && sla < now ? " <span class=\"badge red\" data-sla=\"breached\">breached</span>" : .empty
        return "\(NotificationsView.time(sla)) UTC\(breached)"
    }

    static func priority(_ priority: Ticket.Priority) -> HTML {
        priority >= .high ? "<span class=\"badge red\">\(priority.rawValue)</span>" : HTML(text: priority.rawValue)
    }

    /// Where the task came from: by hand, a touchpoint's next step, or a playbook (linked to its page).
    static func source(_ task: SuccessTask) -> HTML {
        if task.source.hasPrefix("playbook:") {
            let name = String(task.source.dropFirst("playbook:".count))
            return "<a href=\"\(PlaybooksPaths.playbook(name))\">\(name)</a>"
        }
        if task.source.hasPrefix("touchpoint:") { return "Touchpoint" }
        return task.source == "manual" ? "Manual" : HTML(text: task.source)
    }

    /// The session's CSRF token and the page to come back to, for every action form.
    static func hidden(_ forms: TaskForms) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(forms.csrf)\"><input type=\"hidden\" name=\"return_to\" value=\"\(forms.returnTo)\">"
    }

    /// The one-click actions on a task: done (outcome, note), snooze, reassign for an open one; reopen for a finished one.
    static func actions(_ task: SuccessTask, forms: TaskForms) -> HTML {
        let title = task.title
        guard task.status.isOpen else {
            return """
                <form method="post" action="\(TaskPaths.task(task.id, "reopen"))">\(hidden(forms))\
                <button type="submit">Reopen<span class="sr"> “\(title)”</span></button></form>
                """
        }
        let outcomes = SuccessTask.Outcome.allCases.map { "<option value=\"\($0.rawValue)\">\(Format.words($0.rawValue))</option>" as HTML }
        let snoozes = [(1, "1 day"), (3, "3 days"), (7, "1 week")].map { days, label -> HTML in
            "<button type=\"submit\" name=\"days\" value=\"\(days)\">\(label)<span class=\"sr\"> snooze of “\(title)”</span></button>"
        }
        return """
            <form method="post" action="\(TaskPaths.task(task.id, "complete"))" class="task-done">\(hidden(forms))\
            <label><span class="sr">Outcome of “\(title)”</span><select name="outcome">\(outcomes)</select></label> \
            <label><span class="sr">Note on the outcome of “\(title)” (optional)</span>\
            <input type="text" name="note" maxlength="2000" placeholder="Note (optional)" size="14"></label> \
            <button type="submit" class="primary">Done<span class="sr"> with “\(title)”</span></button></form>\
            <form method="post" action="\(TaskPaths.task(task.id, "snooze"))" class="task-snooze">\(hidden(forms))\
            <span class="small muted" aria-hidden="true">Snooze</span> \(HTML.join(snoozes, separator: " "))</form>\
            <form method="post" action="\(TaskPaths.task(task.id, "reassign"))" class="task-reassign">\(hidden(forms))\
            <label><span class="sr">New owner of “\(title)”</span><select name="owner">\
            \(ownerOptions(forms, selected: TaskOwnerChoice(task)))</select></label> \
            <button type="submit">Reassign<span class="sr"> “\(title)”</span></button></form>
            """
    }

    /// Options of an owner select: the active CSMs, then the queues; `selected` chosen (added when it is not among them).
    static func ownerOptions(_ forms: TaskForms, selected: TaskOwnerChoice?) -> HTML {
        var choices = forms.csms.map { (TaskOwnerChoice.csm($0.id), $0.name) } + forms.queues.map { (TaskOwnerChoice.queue($0), "Queue: \($0)") }
        if let selected, !choices.contains(where: { $0.0 == selected }) {
            choices.insert((selected, selected.formValue), at: 0)
        }
        return HTML.join(choices.map { choice, label in
            "<option value=\"\(choice.formValue)\"\(choice == selected ? HTML(" selected") : .empty)>\(label)</option>"
        })
    }

    /// The new-task form; with `account` the task is for that account, else the form asks for one (its name or id).
    static func newTaskForm(_ form: NewTaskForm, forms: TaskForms, account: Account?, accountNames: [String], error: ValidationError?) -> HTML {
        let field = error?.field
        func invalid(_ name: String) -> HTML { field == name ? " aria-invalid=\"true\" aria-describedby=\"task-form-error\"" : .empty }
        let accountField: HTML = account.map { "<input type=\"hidden\" name=\"account\" value=\"\($0.id)\">" } ?? """
            <label>Account (name or id)<input type="text" id="task-account" name="account" required maxlength="200" \
            value="\(form.account)"\(accountNames.isEmpty ? HTML.empty : " list=\"task-accounts\"")\(invalid("account"))></label>\
            \(accountNames.isEmpty ? HTML.empty : "<datalist id=\"task-accounts\">\(accountNames.map { "<option value=\"\($0)\">" as HTML })</datalist>")
            """
        let priorities = Ticket.Priority.allCases.map { priority -> HTML in
            let chosen = (form.priority ?? Ticket.Priority.normal.rawValue) == priority.rawValue
            return "<option value=\"\(priority.rawValue)\"\(chosen ? HTML(" selected") : .empty)>\(priority.rawValue)</option>"
        }
        return """
            \(formError(error, id: "task-form-error", labels: newTaskLabels))\
            <form method="post" action="/tasks" class="filters new-task">\(hidden(forms))\
            <label>Title<input type="text" id="task-title" name="title" required maxlength="1000" size="36" value="\(form.title)"\(invalid("title"))></label>\
            \(accountField)\
            <label>Owner or queue<select id="task-owner" name="owner"\(invalid("owner"))>\(ownerOptions(forms, selected: TaskOwnerChoice(formValue: form.owner)))</select></label>\
            <label>Due in days<input type="number" id="task-due" name="due_days" min="0" max="365" \
            value="\(form.dueDays ?? String(NewTaskForm.defaultDueDays))"\(invalid("due_days"))></label>\
            <label>Priority<select id="task-priority" name="priority"\(invalid("priority"))>\(priorities)</select></label>\
            <button type="submit" class="primary">Add task</button></form>
            """
    }

    static let newTaskLabels = ["title": "Title", "account": "Account", "owner": "Owner or queue", "due_days": "Due in days", "priority": "Priority"]

    /// The alert naming the field a form was refused for, labelled as the form labels it.
    static func formError(_ error: ValidationError?, id: String, labels: [String: String]) -> HTML {
        guard let error else { return .empty }
        let field = error.field.map { String($0.prefix { $0 != "[" }) }
        let label = field.flatMap { labels[$0] } ?? error.field ?? "The form"
        return "<div class=\"empty\" role=\"alert\" id=\"\(id)\"><p class=\"error\">\(label): \(error.message)</p></div>"
    }

    /// What the last action did, announced politely.
    static func notice(_ text: String?) -> HTML {
        text.map { "<div class=\"panel\" role=\"status\"><p>\($0)</p></div>" } ?? .empty
    }
}
