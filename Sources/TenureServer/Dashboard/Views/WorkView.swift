import Foundation
import TenureCore
import TenureStore

/// Renders "My work", the team view, one task's page, and the new-task page a refused form comes back on.
enum WorkView {
    static func render(_ page: WorkPage) -> HTML {
        let heading: String, explanation: String
        switch page.scope {
        case .owner(let id, let name) where id == page.me?.id:
            (heading, explanation) = ("My work", "Your open tasks, \(name), by when they are due.")
        case .owner(_, let name): (heading, explanation) = ("Work of \(name)", "\(name)'s open tasks, by when they are due.")
        case .queue(let name): (heading, explanation) = ("Queue: \(name)", "Open tasks waiting in the \(name) queue, by when they are due.")
        case .everyone:
            (heading, explanation) = ("All open work", "No CSM has your email address, so this is everyone's open work; pick a CSM or a queue to narrow it.")
        }
        var parts: [HTML] = ["<h1>\(heading)</h1><p class=\"muted\">\(explanation) Due today and this week count in UTC.</p>",
                             TaskViews.notice(page.notice), picker(page)]
        let counts = page.groups.map { group, rows -> HTML in
            "<li class=\"card\" data-group=\"\(group.key)\"><p class=\"label\">\(group.label)</p><p class=\"value\">\(Format.count(rows.count))</p></li>"
        }
        parts.append("<ul class=\"cards\" aria-label=\"Open tasks by when they are due\">\(counts)</ul>")
        if page.groups.allSatisfy(\.rows.isEmpty) {
            parts.append(Layout.emptyState("Nothing open", "No open tasks here. Playbooks, touchpoints' next steps and the form below add tasks."))
        }
        for (group, rows) in page.groups where !rows.isEmpty {
            let single = if case .owner = page.scope { true } else { false }
            parts.append("""
                <section aria-labelledby="\(group.key)-h"><h2 id="\(group.key)-h">\(group.label) \
                <span class="badge">\(Format.count(rows.count))</span></h2>\
                \(TaskViews.table(rows, id: "tasks-\(group.key)", caption: "\(group.label): \(rows.count) task\(rows.count == 1 ? "" : "s")",
                                  forms: page.forms, now: page.horizon.now, showOwner: !single))</section>
                """)
        }
        let shown = page.groups.reduce(0) { $0 + $1.rows.count }
        if page.total > shown {
            parts.append("<p class=\"small muted\">The \(Format.count(shown)) soonest due of \(Format.count(page.total)) open tasks.</p>")
        }
        if let forms = page.forms {
            parts.append("""
                <section aria-labelledby="new-task-h"><h2 id="new-task-h">New task</h2>\
                \(TaskViews.newTaskForm(page.newTask, forms: forms, account: nil, accountNames: page.accountNames, error: nil))</section>
                """)
        }
        return HTML.join(parts)
    }

    /// Whose work to show: a CSM (a GET form) or a queue (links).
    static func picker(_ page: WorkPage) -> HTML {
        let current: String? = if case .owner(let id, _) = page.scope { id } else { nil }
        let options = page.csms.map { csm -> HTML in
            "<option value=\"\(csm.id)\"\(csm.id == current ? HTML(" selected") : .empty)>\(csm.name)\(csm.id == page.me?.id ? " (me)" : "")</option>"
        }
        let queues = page.queues.map { "<a href=\"\(WorkPage.path(.queue($0)))\">\($0)</a>" as HTML }
        return """
            <form method="get" action="/work" class="filters"><label>Show the work of<select id="work-owner" name="owner">\
            \(options)</select></label><button type="submit">Show</button>\
            \(queues.isEmpty ? HTML.empty : "<p class=\"small\">Queues: \(HTML.join(queues, separator: " · "))</p>")</form>
            """
    }

    /// The team view: a bar per CSM and queue, and the table behind it with links to each one's work; for an admin, a
    /// link to add or edit CSMs.
    static func team(_ page: TeamPage, managesCSMs: Bool) -> HTML {
        let manage: HTML = managesCSMs ? " <a href=\"\(CSMsPaths.settings)\">Add or edit CSMs</a>." : .empty
        var parts: [HTML] = ["""
            <h1>Team</h1><p class="muted">Each CSM's and each queue's open tasks: overdue, due today (UTC) and due in the next seven \
            days. Snoozed tasks count as open.\(manage)</p>
            """]
        guard !page.loads.isEmpty else {
            parts.append(Layout.emptyState("No open tasks", "Tasks from playbooks, touchpoints and the My work page appear here by owner."))
            return HTML.join(parts)
        }
        let chart = HorizontalBarChart(
            id: "team-load", title: "Open tasks per CSM and queue",
            categories: page.loads.map(TeamPage.name),
            series: [.init(name: "Overdue", values: page.loads.map { Double($0.overdue) }, colour: ChartPalette.vermillion),
                     .init(name: "Due today", values: page.loads.map { Double($0.dueToday) }, colour: ChartPalette.orange),
                     .init(name: "Rest of the week", values: page.loads.map { Double($0.dueThisWeek - $0.dueToday) }, colour: ChartPalette.blue),
                     .init(name: "Later or snoozed", values: page.loads.map { Double($0.open - $0.overdue - $0.dueThisWeek) }, colour: ChartPalette.grey)],
            format: { Format.count(Int($0.rounded())) })
        parts.append("<section class=\"panel\" aria-labelledby=\"load-h\"><h2 id=\"load-h\">Load</h2>\(chart.svg())</section>")
        let rows = page.loads.map { load -> HTML in
            let name = TeamPage.name(load)
            let cell: HTML = TeamPage.link(load).map { "<a href=\"\($0)\">\(name)</a>" } ?? HTML(text: name)
            return """
                <tr data-owner="\(load.ownerID ?? load.queue ?? "")"><th scope="row">\(cell)</th><td class="num">\(Format.count(load.open))</td>\
                <td class="num">\(Format.count(load.overdue))</td><td class="num">\(Format.count(load.dueToday))</td>\
                <td class="num">\(Format.count(load.dueThisWeek))</td></tr>
                """
        }
        parts.append("""
            \(Layout.scrollRegion("Team load table"))<table id="team-table"><caption>Open work per CSM and queue</caption><thead><tr>\
            <th scope="col">CSM or queue</th><th scope="col" class="num">Open</th><th scope="col" class="num">Overdue</th>\
            <th scope="col" class="num">Due today</th><th scope="col" class="num">Due in 7 days</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """)
        return HTML.join(parts)
    }

    /// One task: its facts, its actions, its comments with the form that adds one, and its history.
    static func task(_ page: TaskPage) -> HTML {
        let task = page.row.task
        func fact(_ term: String, _ value: HTML) -> HTML { "<dl><dt>\(term)</dt><dd>\(value)</dd></dl>" }
        let account: HTML = task.accountID.map { "<a href=\"\(Layout.accountPath($0))\">\(page.row.accountName ?? $0)</a>" } ?? "—"
        let outcome: HTML = task.status == .done
            ? fact("Outcome", "\(Format.words(task.outcome?.rawValue))\(task.outcomeNote.map { "<div class=\"small\">\($0)</div>" as HTML })")
            : .empty
        var parts: [HTML] = [
            "<p class=\"small\"><a href=\"/work\">← My work</a></p><h1>\(task.title)</h1>",
            TaskViews.notice(page.notice),
            page.actionError.map { "<div class=\"empty\" role=\"alert\" id=\"action-error\"><p class=\"error\">\($0)</p></div>" } ?? .empty,
            """
            <section class="panel" aria-label="Task facts"><div class="facts">\
            \(fact("Status", "<span data-status=\"\(task.status.rawValue)\">\(Format.words(task.status.rawValue))</span>\(task.snoozedUntil.map { " until \(NotificationsView.time($0))" })"))\
            \(fact("Account", account))\(fact("Owner", HTML(text: TaskViews.assignee(page.row))))\
            \(fact("Due", TaskViews.due(task, now: page.now)))\(fact("SLA", TaskViews.sla(task, now: page.now)))\
            \(fact("Priority", TaskViews.priority(task.priority)))\(fact("Source", TaskViews.source(task)))\
            \(fact("Created", HTML(text: NotificationsView.time(task.createdAt))))\(outcome)\
            \(run(task).map { fact("Playbook run", $0) })\
            \(task.escalationTier > 0 ? fact("Escalation", "tier \(task.escalationTier)") : .empty)\
            </div>\(task.details.map { "<p>\($0)</p>" as HTML })</section>
            """,
        ]
        if let forms = page.forms {
            let cancel: HTML = task.status.isOpen ? """
                <form method="post" action="\(TaskPaths.task(task.id, "cancel"))" class="filters">\(TaskViews.hidden(forms))\
                <label>Reason for canceling (optional)<input type="text" id="cancel-reason" name="reason" maxlength="1000"></label>\
                <button type="submit">Cancel the task</button></form>
                """ : .empty
            parts.append("""
                <section aria-labelledby="actions-h"><h2 id="actions-h">Actions</h2>\
                <div class="panel task-actions">\(TaskViews.actions(task, forms: forms))\(cancel)</div></section>
                """)
        }
        let comments = page.comments.map { comment -> HTML in
            "<li><span class=\"when\">\(NotificationsView.time(comment.createdAt))</span> <strong>\(comment.author)</strong><p>\(comment.body)</p></li>"
        }
        parts.append("<section aria-labelledby=\"comments-h\"><h2 id=\"comments-h\">Comments</h2>")
        parts.append(comments.isEmpty ? "<p class=\"muted\">No comments yet.</p>" : "<ol class=\"comments\">\(comments)</ol>")
        if let forms = page.forms {
            parts.append("""
                <form method="post" action="\(TaskPaths.task(task.id, "comment"))">\(TaskViews.hidden(forms))\
                <p><label for="comment-body">Add a comment</label><br><textarea id="comment-body" name="body" rows="3" cols="60" \
                maxlength="10000" required></textarea></p><button type="submit" class="primary">Comment</button></form>
                """)
        }
        parts.append("</section>")
        let history = page.history.map { change -> HTML in
            """
            <li><span class="when">\(NotificationsView.time(change.at))</span><span class="kind">\(change.action.rawValue)</span>\
            <span>\(change.detail.isEmpty ? "—" : change.detail) <span class="small muted">by \(change.actor)</span></span></li>
            """
        }
        parts.append("""
            <section aria-labelledby="history-h"><h2 id="history-h">History</h2>\
            \(history.isEmpty ? HTML("<p class=\"muted\">No history recorded.</p>") : "<ol class=\"timeline\" id=\"task-history\">\(history)</ol>")</section>
            """)
        return HTML.join(parts)
    }

    /// A link to the playbook run (and step) that created the task; `nil` for other tasks.
    static func run(_ task: SuccessTask) -> HTML? {
        guard let runID = task.playbookRunID, task.source.hasPrefix("playbook:") else { return nil }
        let step: HTML = task.playbookStep.map { " <span class=\"small muted\">step \($0 + 1)</span>" } ?? .empty
        return "<a href=\"\(PlaybooksPaths.run(String(task.source.dropFirst("playbook:".count)), runID))\">\(runID)</a>\(step)"
    }

    /// The new-task form on a page of its own, after it was refused: the field named, the values kept.
    static func newTask(_ form: NewTaskForm, forms: TaskForms, error: ValidationError) -> HTML {
        """
        <p class="small"><a href="\(forms.returnTo)">← Back</a></p><h1>New task</h1>\
        \(TaskViews.newTaskForm(form, forms: forms, account: nil, accountNames: [], error: error))
        """
    }
}
