import Foundation
import TenureCore
import TenureEngine
import TenureStore

/// Renders one playbook (its source, versions, runs, the start form and the effect report) and one run (its trace, step
/// log and tasks). Members see the start and cancel forms, admins the version actions too; viewers read.
enum PlaybookView {
    static func render(_ page: PlaybookPage) -> HTML {
        let shown = page.shown
        func fact(_ term: String, _ value: HTML) -> HTML { "<dl><dt>\(term)</dt><dd>\(value)</dd></dl>" }
        let facts: [HTML] = [
            fact("Active version", shown.active ? "v\(shown.version)" : "none (inactive)"),
            fact("Trigger", HTML(text: page.playbook.map { PlaybookOutline.text($0.trigger) } ?? "—")),
            fact("Holdout", HTML(text: page.playbook.map { Format.percent($0.holdout, digits: 0) } ?? "—")),
            fact("Steps", HTML(text: page.playbook.map { String($0.steps.count) } ?? "—")),
        ]
        let unparsed: HTML = page.playbook == nil
            ? "<div class=\"empty\" role=\"note\"><p>Version \(shown.version) no longer parses; its runs fail until another version is active.</p></div>"
            : .empty
        var parts: [HTML] = ["""
            <h1>\(page.name)</h1><p><a href="\(PlaybooksPaths.list)">← All playbooks</a></p>
            \(notice(page.notice, playbook: page.name))\(actionError(page.actionError))\
            \(page.playbook?.description.map { "<p>\($0)</p>" as HTML })<div class="panel facts">\(facts)</div>\(unparsed)
            <h2 id="source-h">Source of version \(shown.version)\(shown.active ? " (active)" : " (latest)")</h2>\
            \(Layout.scrollRegion("Source of version \(shown.version)"))<pre>\(shown.source)</pre></div>
            """]
        parts.append(versions(page))
        if page.role.allows(.member) && shown.active { parts.append(startForm(page)) }
        parts.append(runs(page))
        parts.append(effect(page.effect))
        return HTML.join(parts)
    }

    static func notice(_ notice: PlaybooksNotice?, playbook: String) -> HTML {
        guard let notice else { return .empty }
        return "<div class=\"panel\" role=\"status\"><p>\(notice.message(playbook: playbook))</p></div>"
    }

    static func actionError(_ error: String?) -> HTML {
        error.map { "<div class=\"empty\" role=\"alert\"><p class=\"error\">\($0)</p></div>" } ?? .empty
    }

    static func versions(_ page: PlaybookPage) -> HTML {
        let admin = page.role.allows(.admin)
        let rows = page.versions.map { version -> HTML in
            let status: HTML = version.active ? "<span class=\"badge green\">active</span>" : "—"
            let action: HTML = !admin ? .empty
                : version.active
                ? NotificationsView.button("Deactivate", hidden: "\(page.name)", action: PlaybooksPaths.playbook(page.name, "deactivate"), csrf: page.csrf)
                : NotificationsView.button("Activate", hidden: "version \(version.version)", action: PlaybooksPaths.activate(page.name, version: version.version),
                                           csrf: page.csrf)
            return """
                <tr data-version="\(version.version)"><th scope="row">v\(version.version)</th><td>\(NotificationsView.time(version.createdAt))</td>\
                <td>\(version.author ?? "—")</td><td>\(version.note ?? "—")</td><td>\(status)</td>\(admin ? "<td>\(action)</td>" as HTML : .empty)</tr>
                """
        }
        return """
            <h2 id="versions-h">Versions</h2>\(Layout.scrollRegion("Versions table"))<table id="versions-table"><caption>\
            \(Format.count(page.versions.count)) version\(page.versions.count == 1 ? "" : "s"), newest first</caption><thead><tr>\
            <th scope="col">Version</th><th scope="col">Added (UTC)</th><th scope="col">Author</th><th scope="col">Note</th>\
            <th scope="col">Status</th>\(admin ? "<th scope=\"col\">Actions</th>" as HTML : .empty)</tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    static func startForm(_ page: PlaybookPage) -> HTML {
        let erring = PlaybooksView.input(of: page.startError, among: ["account_id"])
        return """
            <h2 id="start-h">Start for an account</h2>\(PlaybooksView.alert(page.startError, id: "start-error"))\
            <form class="panel filters" method="post" action="\(PlaybooksPaths.playbook(page.name, "start"))" aria-labelledby="start-h">\
            <input type="hidden" name="csrf" value="\(page.csrf)"><label for="start-account">Account id \
            <input id="start-account" name="account_id" type="text" size="30" maxlength="200" value="\(page.startForm.accountID)"\
            \(PlaybooksView.invalid("account_id", erring, alert: "start-error"))></label>\
            <button type="submit" class="primary">Start playbook</button>\
            <span class="small muted">Conditions are checked and shown in the trace, but a run you start goes ahead either way.</span></form>
            """
    }

    static func statusBadge(_ status: PlaybookRun.Status) -> HTML {
        let colour = switch status {
        case .active: "yellow"
        case .completed: "green"
        case .failed: "red"
        case .heldOut, .canceled: "muted"
        }
        return "<span class=\"badge \(colour)\">\(Format.words(status.rawValue))</span>"
    }

    static func runs(_ page: PlaybookPage) -> HTML {
        let filters = page.filters
        let options = [("", "Any status")] + PlaybookRun.Status.allCases.map { ($0.rawValue, Format.words($0.rawValue)) }
        let statuses = options.map { value, label -> HTML in
            "<option value=\"\(value)\"\(value == (filters.status?.rawValue ?? "") ? HTML(" selected") : .empty)>\(label)</option>"
        }
        var parts: [HTML] = ["""
            <h2 id="runs-h">Runs</h2><form class="filters" method="get" action="\(PlaybooksPaths.playbook(page.name))" aria-label="Filter runs">\
            <label for="runs-status">Status <select id="runs-status" name="status">\(statuses)</select></label>\
            <button type="submit" class="primary">Apply</button></form>
            """]
        guard !page.runs.items.isEmpty else {
            parts.append(Layout.emptyState("No runs", filters.status == nil
                ? "Runs start when the trigger fires for an account that meets the conditions, or when someone starts one."
                : "No run has this status; choose another."))
            return HTML.join(parts)
        }
        let rows = page.runs.items.map { run -> HTML in
            """
            <tr data-run="\(run.id)"><th scope="row"><a href="\(PlaybooksPaths.run(page.name, run.id))">\(run.id)</a></th>\
            <td><a href="\(Layout.accountPath(run.accountID))">\(page.accountNames[run.accountID] ?? run.accountID)</a></td>\
            <td>\(NotificationsView.time(run.startedAt))</td><td>\(statusBadge(run.status))</td><td class="num">v\(run.version)</td>\
            <td>\(run.trace)</td></tr>
            """
        }
        parts.append("""
            \(Layout.scrollRegion("Runs table"))<table id="runs-table"><caption>\(Format.count(page.runs.total)) \
            run\(page.runs.total == 1 ? "" : "s"), newest first</caption><thead><tr><th scope="col">Run</th><th scope="col">Account</th>\
            <th scope="col">Started (UTC)</th><th scope="col">Status</th><th scope="col" class="num">Version</th>\
            <th scope="col">Why it fired</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """)
        parts.append(Layout.pager(total: page.runs.total, offset: filters.offset, limit: PlaybookPage.pageSize) { filters.link(page.name, offset: $0) })
        return HTML.join(parts)
    }

    /// The effect report: runs by arm, and churn, renewal and expansion each with both rates and the difference.
    static func effect(_ effect: PlaybookEffect?) -> HTML {
        let heading: HTML = "<h2 id=\"effect-h\">Did it work?</h2>"
        guard let effect else {
            let empty = Layout.emptyState("No runs yet", """
                The report compares enrolled accounts with held-out ones (set <code>holdout</code> in the document) once runs are \
                90 days old.
                """)
            return "\(heading)\(empty)"
        }
        func fact(_ term: String, _ value: Int) -> HTML { "<dl><dt>\(term)</dt><dd>\(Format.count(value))</dd></dl>" }
        let facts: [HTML] = [fact("Enrolled accounts", effect.enrolled), fact("Held-out accounts", effect.heldOut),
                             fact("Enrolled, \(effect.horizonDays) days over", effect.maturedEnrolled),
                             fact("Held out, \(effect.horizonDays) days over", effect.maturedHeldOut)]
        let days = effect.horizonDays
        let outcomes: [HTML] = [
            outcome("Churn", id: "churn", effect.churn,
                    definition: "of accounts paying at the start, the share paying nothing \(days) days later; lower is better"),
            outcome("Renewal", id: "renewal", effect.renewal,
                    definition: "of accounts with a renewal due in the \(days) days, the share still paying at the end; higher is better"),
            outcome("Expansion", id: "expansion", effect.expansion,
                    definition: "of accounts paying at the start, the share paying more \(days) days later; higher is better"),
        ]
        return """
            \(heading)<p class="muted">Enrolled accounts against held-out ones over the \(effect.horizonDays) days after each start, as of \
            \(Format.day(effect.asOf)); only runs whose \(effect.horizonDays) days are over count, every enrolled run whether finished or not. \
            Intervals are 95% (Newcombe's hybrid score method).</p><div class="panel facts">\(facts)</div>\(outcomes)
            """
    }

    static func outcome(_ title: String, id: String, _ estimate: EffectEstimate, definition: String) -> HTML {
        func arm(_ name: String, _ group: EffectEstimate.Group) -> HTML {
            "<dl><dt>\(name)</dt><dd>\(Format.count(group.events)) of \(Format.count(group.count)) (\(Format.percent(group.rate)))</dd></dl>"
        }
        var body: [HTML] = ["<div class=\"facts\">\(arm("Enrolled", estimate.treated))\(arm("Held out", estimate.control))"]
        if let difference = estimate.difference, let low = estimate.low, let high = estimate.high {
            body.append("""
                <dl><dt>Difference</dt><dd>\(EffectIntervalChart.points(difference)) (95% interval \(EffectIntervalChart.points(low)) \
                to \(EffectIntervalChart.points(high)))</dd></dl></div>\
                \(EffectIntervalChart(id: "effect-\(id)", outcome: title, difference: difference, low: low, high: high).svg())
                """)
            let minimum = EffectEstimate.minimumForSignificance
            let why = low <= 0 && high >= 0 ? "the interval includes zero" : "a group has fewer than \(minimum) accounts"
            body.append(estimate.significant
                ? "<p class=\"verdict\"><strong>Significant</strong>: the interval leaves out zero and each group has at least \(minimum) accounts.</p>"
                : "<p class=\"verdict\"><strong>Not significant</strong>: \(why).</p>")
        } else {
            body.append("</div>")
        }
        if let note = estimate.note { body.append("<p class=\"small muted\">Sample: \(note).</p>") }
        return """
            <section class="panel" aria-labelledby="effect-\(id)-h"><h3 id="effect-\(id)-h">\(title)</h3>\
            <p class="small muted">\(definition).</p>\(body)</section>
            """
    }

    static func run(_ page: PlaybookRunPage) -> HTML {
        let run = page.run
        func fact(_ term: String, _ value: HTML) -> HTML { "<dl><dt>\(term)</dt><dd>\(value)</dd></dl>" }
        let next: String = run.status == .active
            ? "step \(run.nextStep + 1)\(page.stepCount.map { " of \($0)" } ?? "") at \(NotificationsView.time(run.nextStepAt))" : "—"
        let facts: [HTML] = [
            fact("Playbook", "<a href=\"\(PlaybooksPaths.playbook(run.playbook))\">\(run.playbook)</a> v\(run.version)"),
            fact("Account", "<a href=\"\(Layout.accountPath(run.accountID))\">\(page.accountName ?? run.accountID)</a>"),
            fact("Status", statusBadge(run.status)), fact("Started (UTC)", HTML(text: NotificationsView.time(run.startedAt))),
            fact("Next step", HTML(text: next)), fact("Finished (UTC)", HTML(text: NotificationsView.time(run.finishedAt))),
        ]
        let cancel: HTML = page.role.allows(.member) && run.status == .active
            ? "<p>\(NotificationsView.button("Cancel this run", action: PlaybooksPaths.run(run.playbook, run.id, "cancel"), csrf: page.csrf))</p>"
            : .empty
        let lines = page.steps.map { step -> HTML in
            """
            <li><span class="when">\(NotificationsView.time(step.at))</span><span class="kind">Step \(step.index + 1)</span>\
            <span>\(step.outcome)</span></li>
            """
        }
        let steps: HTML = page.steps.isEmpty ? "<p class=\"muted\">No step has run yet.</p>" : "<ol class=\"timeline\">\(lines)</ol>"
        return """
            <h1>Run \(run.id)</h1><p><a href="\(PlaybooksPaths.playbook(run.playbook))">← \(run.playbook)</a></p>
            \(notice(page.notice, playbook: run.playbook))\(actionError(page.actionError))<div class="panel facts">\(facts)</div>\
            \(run.reason.map { "<p><strong>Reason it ended:</strong> \($0)</p>" as HTML })\(cancel)
            <h2 id="trace-h">Why it fired</h2><p class="panel trace">\(run.trace)</p>
            <h2 id="steps-h">Step log</h2>\(steps)
            <h2 id="tasks-h">Tasks it created</h2>\(tasks(page.tasks))
            """
    }

    static func tasks(_ rows: [TaskRow]) -> HTML {
        guard !rows.isEmpty else { return "<p class=\"muted\">None yet.</p>" }
        let lines = rows.map { row -> HTML in
            let task = row.task
            let owner = row.ownerName ?? task.ownerID ?? task.queue.map { "queue \($0)" } ?? "—"
            return """
                <tr><th scope="row"><a href="\(PlaybooksPaths.task(task.id))">\(task.title)</a></th><td>\(owner)</td>\
                <td>\(Format.words(task.status.rawValue))</td><td>\(NotificationsView.time(task.dueAt))</td>\
                <td>\(task.playbookStep.map { "step \($0 + 1)" } ?? "—")</td></tr>
                """
        }
        return """
            \(Layout.scrollRegion("Tasks of the run"))<table id="run-tasks"><caption>\(Format.count(rows.count)) \
            task\(rows.count == 1 ? "" : "s")</caption><thead><tr><th scope="col">Task</th><th scope="col">Owner</th>\
            <th scope="col">Status</th><th scope="col">Due (UTC)</th><th scope="col">From</th></tr></thead><tbody>\(lines)</tbody></table></div>
            """
    }
}
