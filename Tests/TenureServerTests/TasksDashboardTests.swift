import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureStore
import TenureTestSupport
@testable import TenureServer

/// The CSM's day through the router: My work grouped by when tasks are due, the one-click actions as form POSTs
/// (complete, snooze, reassign, comment, reopen, cancel), a new task, a touchpoint logged from Account 360 with its
/// next step, the team view; CSRF and roles on every POST, and what people typed escaped.
@Suite("Dashboard tasks and touchpoints")
struct TasksDashboardTests {
    /// Sign-in, GET and form POST helpers.
    typealias Dashboard = NotificationsDashboardTests
    /// Ada Berg's email: the fixtures' CSM `csm_1`, signed in as a member.
    static let csm = "ada@cs.example.com"
    static let admin = "root@example.com"
    static let viewer = "vic@example.com"
    static let now = TestClock.now
    /// 2026-06-15 12:00 UTC (a Monday) moved by `hours`.
    static func at(hours: Double) -> Date { now.addingTimeInterval(hours * 3600) }

    /// Tasks planted around ``now``: for csm_1, one per group and the boundaries between them; one for csm_2 and one in
    /// the onboarding queue. The fixtures add `task1` for csm_1, due 2026-02-14 (overdue).
    static func plantedTasks() -> [SuccessTask] {
        let created = at(hours: -72)
        func task(_ id: String, _ title: String, owner: String? = "csm_1", queue: String? = nil, due: Date?, sla: Date? = nil,
                  status: SuccessTask.Status = .open, snoozedUntil: Date? = nil, source: String = "manual") -> SuccessTask {
            SuccessTask(id: id, accountID: "a1", ownerID: owner, queue: queue, title: title, status: status, dueAt: due, slaDueAt: sla,
                        snoozedUntil: snoozedUntil, createdAt: created, source: source)
        }
        return [
            task("t_over", "Call Acme back", due: at(hours: -24)),
            task("t_sla", "Answer the escalation", due: at(hours: 5 * 24), sla: at(hours: -1), source: "playbook:Detractor follow-up"),
            task("t_today", "Send the QBR deck", due: at(hours: 6)),
            task("t_week", "Check seat usage", due: at(hours: 3 * 24)),
            task("t_edge", "Plan the renewal", due: UTCCalendar.date(2026, 6, 22)),
            task("t_later", "Quarterly review", due: at(hours: 16 * 24)),
            task("t_nodue", "Read the contract", due: nil),
            task("t_snoozed", "Chase the invoice", due: at(hours: 24), status: .snoozed, snoozedUntil: at(hours: 48)),
            task("t_other", "Ben's call", owner: "csm_2", due: at(hours: 2)),
            task("t_queue", "Onboard the new team", owner: nil, queue: "onboarding", due: at(hours: 24)),
        ]
    }

    /// A router over the fixtures, a second CSM, the planted tasks, and three people: Ada (member, a CSM), an admin
    /// with no CSM record, and a viewer.
    static func run(_ body: @escaping @Sendable (any Store, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            var batch = Fixtures.batch()
            batch.csms.append(CSM(id: "csm_2", name: "Ben Ortiz", email: "ben@cs.example.com"))
            try await store.write(batch, asOf: now)
            for task in plantedTasks() { try await store.createTask(task, actor: "test", at: task.createdAt) }
            let hash = try await Passwords.hash(Dashboard.password, cost: 4)
            for (id, email, name, role) in [("usr_ada", csm, "Ada Berg", Role.member), ("usr_root", admin, "Rita Root", .admin),
                                            ("usr_vic", viewer, "Vic Viewer", .viewer)] {
                try await store.insertUser(UserRecord(id: id, email: email, name: name, role: role, passwordHash: hash, createdAt: now))
            }
            let app = Application(router: buildRouter(store: store, configuration: ServerConfiguration(clock: TestClock.clock)))
            try await app.test(.router) { client in try await body(store, client) }
        }
    }

    /// The `data-task` ids of the rows of the table `id` in `html`, in order.
    static func taskIDs(in html: String, table id: String) -> [String] {
        guard let start = html.range(of: "<table id=\"\(id)\""), let end = html[start.upperBound...].range(of: "</table>") else { return [] }
        return html[start.upperBound..<end.lowerBound].matches(of: /<tr data-task="([^"]+)"/).map { String($0.output.1) }
    }

    @Test("the horizon puts a task in one group by the earlier of its due date and SLA, snoozed ones apart")
    func horizon() {
        let horizon = WorkHorizon(now: Self.now)
        #expect(horizon.dayEnd == UTCCalendar.date(2026, 6, 16) && horizon.weekEnd == UTCCalendar.date(2026, 6, 22))
        let groups = Dictionary(uniqueKeysWithValues: Self.plantedTasks().map { ($0.id, horizon.group(of: $0)) })
        #expect(groups == ["t_over": .overdue, "t_sla": .overdue, "t_today": .dueToday, "t_week": .thisWeek, "t_edge": .later,
                           "t_later": .later, "t_nodue": .later, "t_snoozed": .snoozed, "t_other": .dueToday, "t_queue": .thisWeek])
    }

    @Test("My work lists the signed-in CSM's open tasks grouped by due date, soonest first, with the SLA breach marked")
    func myWork() async throws {
        try await Self.run { _, client in
            let ada = try await Dashboard.signIn(client, as: Self.csm)
            let page = try await Dashboard.get(client, "/work", ada)
            #expect(page.status == .ok && page.body.contains("<h1>My work</h1>"))
            #expect(page.body.contains("<a href=\"/work\" aria-current=\"page\">My work</a>") && page.body.contains("href=\"/team\"")
                    && page.body.contains("href=\"/playbooks\""))
            #expect(Self.taskIDs(in: page.body, table: "tasks-overdue") == ["task1", "t_over", "t_sla"])
            #expect(Self.taskIDs(in: page.body, table: "tasks-due-today") == ["t_today"])
            #expect(Self.taskIDs(in: page.body, table: "tasks-this-week") == ["t_week"])
            #expect(Self.taskIDs(in: page.body, table: "tasks-later") == ["t_edge", "t_later", "t_nodue"])
            #expect(Self.taskIDs(in: page.body, table: "tasks-snoozed") == ["t_snoozed"])
            #expect(!page.body.contains("t_other") && !page.body.contains("t_queue"))
            #expect(page.body.components(separatedBy: "data-sla=\"breached\"").count - 1 == 1)
            #expect(page.body.contains("<a href=\"/playbooks/Detractor%20follow-up\">Detractor follow-up</a>"))
            #expect(page.body.contains("<a href=\"/accounts/a1\">Acme Analytics</a>") && page.body.contains("action=\"/tasks/t_over/complete\""))

            // Another CSM's work and a queue, by query; an admin without a CSM record sees everyone's.
            let ben = try await Dashboard.get(client, "/work?owner=csm_2", ada)
            #expect(ben.body.contains("<h1>Work of Ben Ortiz</h1>") && Self.taskIDs(in: ben.body, table: "tasks-due-today") == ["t_other"])
            let queue = try await Dashboard.get(client, "/work?queue=onboarding", ada)
            #expect(queue.body.contains("<h1>Queue: onboarding</h1>") && Self.taskIDs(in: queue.body, table: "tasks-this-week") == ["t_queue"])
            let admin = try await Dashboard.signIn(client, as: Self.admin)
            let everyone = try await Dashboard.get(client, "/work", admin)
            #expect(everyone.body.contains("<h1>All open work</h1>"))
            #expect(Self.taskIDs(in: everyone.body, table: "tasks-due-today") == ["t_other", "t_today"])
        }
    }

    @Test("done with an outcome, snooze, reassign, comment, reopen and cancel change the task and redirect back with a notice")
    func actions() async throws {
        try await Self.run { store, client in
            let ada = try await Dashboard.signIn(client, as: Self.csm)
            let done = try await Dashboard.post(client, "/tasks/t_over/complete", ada, [("outcome", "saved"), ("note", "Renewal agreed"), ("return_to", "/work")])
            #expect(done.status == .seeOther && done.headers[.location] == "/work?done=complete&task=t_over")
            let completed = try #require(try await store.task(id: "t_over"))
            #expect(completed.status == .done && completed.outcome == .saved && completed.outcomeNote == "Renewal agreed" && completed.completedAt == Self.now)
            let after = try await Dashboard.get(client, "/work?done=complete&task=t_over", ada).body
            #expect(after.contains("role=\"status\"><p>“Call Acme back” is done.</p>"))
            #expect(Self.taskIDs(in: after, table: "tasks-overdue") == ["task1", "t_sla"])

            let snoozed = try await Dashboard.post(client, "/tasks/t_today/snooze", ada, [("days", "3"), ("return_to", "/work?owner=csm_1")])
            #expect(snoozed.headers[.location] == "/work?owner=csm_1&done=snooze&task=t_today")
            let sleeping = try #require(try await store.task(id: "t_today"))
            #expect(sleeping.status == .snoozed && sleeping.snoozedUntil == Self.at(hours: 72))

            let toBen = try await Dashboard.post(client, "/tasks/t_week/reassign", ada, [("owner", "csm:csm_2"), ("return_to", "/work")])
            #expect(toBen.status == .seeOther)
            #expect(try await store.task(id: "t_week")?.ownerID == "csm_2")
            _ = try await Dashboard.post(client, "/tasks/t_week/reassign", ada, [("owner", "queue:onboarding")])
            let queued = try #require(try await store.task(id: "t_week"))
            #expect(queued.ownerID == nil && queued.queue == "onboarding")

            let commented = try await Dashboard.post(client, "/tasks/t_week/comment", ada, [("body", "Left a voicemail"), ("return_to", "/tasks/t_week")])
            #expect(commented.headers[.location] == "/tasks/t_week?done=comment&task=t_week")
            let comments = try await store.comments(taskID: "t_week")
            #expect(comments.map(\.body) == ["Left a voicemail"] && comments.first?.author == Self.csm)

            // Without a return_to, or with another site's, an action comes back to the task's page.
            let reopened = try await Dashboard.post(client, "/tasks/t_over/reopen", ada, [("return_to", "//evil.example/x")])
            #expect(reopened.headers[.location] == "/tasks/t_over?done=reopen&task=t_over")
            #expect(try await store.task(id: "t_over")?.status == .open)
            let canceled = try await Dashboard.post(client, "/tasks/t_over/cancel", ada, [("reason", "Duplicate")])
            #expect(canceled.headers[.location] == "/tasks/t_over?done=cancel&task=t_over")
            #expect(try await store.task(id: "t_over")?.status == .canceled)

            let history = try await store.taskHistory(taskID: "t_week").map(\.action)
            #expect(history == [.created, .reassigned, .reassigned, .commented])
            let page = try await Dashboard.get(client, "/tasks/t_week?done=comment&task=t_week", ada)
            #expect(page.status == .ok && page.body.contains("<h1>Check seat usage</h1>") && page.body.contains("Left a voicemail"))
            #expect(page.body.contains("owner csm_1 → csm_2") && page.body.contains("Your comment on “Check seat usage” is saved."))
            #expect(page.body.contains("id=\"comment-body\" name=\"body\"") && page.body.contains("Queue: onboarding"))
        }
    }

    @Test("a refused action answers 422 naming the field, a change the status forbids 409, and nothing changes")
    func refusals() async throws {
        try await Self.run { store, client in
            let ada = try await Dashboard.signIn(client, as: Self.csm)
            let zero = try await Dashboard.post(client, "/tasks/t_today/snooze", ada, [("days", "0")])
            #expect(zero.status == .unprocessableContent && String(buffer: zero.body).contains("Snooze: must be a whole number of days from 1 to 90"))
            let bogus = try await Dashboard.post(client, "/tasks/t_today/complete", ada, [("outcome", "bogus")])
            #expect(bogus.status == .unprocessableContent && String(buffer: bogus.body).contains("Outcome: choose one of resolved, saved"))
            let nobody = try await Dashboard.post(client, "/tasks/t_today/reassign", ada, [("owner", "csm:csm_9")])
            #expect(nobody.status == .unprocessableContent && String(buffer: nobody.body).contains("Owner: there is no CSM with the id csm_9"))
            let empty = try await Dashboard.post(client, "/tasks/t_today/comment", ada, [("body", "  ")])
            #expect(empty.status == .unprocessableContent && String(buffer: empty.body).contains("Comment: is required"))
            #expect(try await store.task(id: "t_today") == Self.plantedTasks().first { $0.id == "t_today" })

            _ = try await Dashboard.post(client, "/tasks/t_today/complete", ada, [("outcome", "resolved")])
            let again = try await Dashboard.post(client, "/tasks/t_today/complete", ada, [("outcome", "saved")])
            #expect(again.status == .conflict && String(buffer: again.body).contains("Not changed: the task is done: it cannot be completed."))
            #expect(try await store.task(id: "t_today")?.outcome == .resolved)
            #expect(try await store.taskHistory(taskID: "t_today").filter { $0.action == .completed }.count == 1)
            #expect(try await Dashboard.post(client, "/tasks/nope/complete", ada).status == .notFound)
            #expect(try await Dashboard.get(client, "/tasks/nope", ada).status == .notFound)
        }
    }

    @Test("a POST without the CSRF token, or with a wrong one, is refused and changes nothing; every form carries it")
    func csrf() async throws {
        try await Self.run { store, client in
            let ada = try await Dashboard.signIn(client, as: Self.csm)
            let missing = try await client.execute(uri: "/tasks/t_today/complete", method: .post, headers: ada.formHeaders,
                                                   body: Dashboard.form([("outcome", "saved")]))
            #expect(missing.status == .forbidden)
            for (path, fields) in [("/tasks/t_today/snooze", [("days", "1")]), ("/tasks/t_today/comment", [("body", "x")]),
                                   ("/tasks", [("title", "x"), ("account", "a1"), ("owner", "csm:csm_1")]),
                                   ("/accounts/a1/touchpoints", [("kind", "call"), ("summary", "x")])] {
                #expect(try await Dashboard.post(client, path, ada, fields, csrf: "forged").status == .forbidden, "\(path)")
            }
            #expect(try await store.task(id: "t_today") == Self.plantedTasks().first { $0.id == "t_today" })
            #expect(try await store.comments(taskID: "t_today").isEmpty)
            #expect(try await store.touchpoints(TouchpointQuery(accountID: "a1")).total == 1)
            for path in ["/work", "/tasks/t_today", "/accounts/a1"] {
                let page = try await Dashboard.get(client, path, ada).body
                let forms = page.matches(of: /<form [^>]*method="post"[^>]*>/).count
                #expect(forms >= 3 && page.components(separatedBy: "name=\"csrf\" value=\"\(ada.csrf)\"").count - 1 == forms, "\(path)")
            }
        }
    }

    @Test("a viewer sees the pages without forms and gets 403 on every POST")
    func viewer() async throws {
        try await Self.run { store, client in
            let vic = try await Dashboard.signIn(client, as: Self.viewer)
            for path in ["/work?owner=csm_1", "/tasks/t_today", "/accounts/a1", "/team"] {
                let page = try await Dashboard.get(client, path, vic)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.matches(of: /<form [^>]*method="post"/).count == 1, "\(path): only the sign-out form")
            }
            for (path, fields) in [("/tasks/t_today/complete", [("outcome", "saved")]), ("/tasks/t_today/comment", [("body", "x")]),
                                   ("/tasks", [("title", "x"), ("account", "a1"), ("owner", "csm:csm_1")]),
                                   ("/accounts/a1/touchpoints", [("kind", "call"), ("summary", "x")])] {
                let refused = try await Dashboard.post(client, path, vic, fields)
                #expect(refused.status == .forbidden && String(buffer: refused.body).contains("You need the member role"), "\(path)")
            }
            #expect(try await store.task(id: "t_today")?.status == .open)
            #expect(try await store.tasks(TaskQuery(accountID: "a1", limit: 100)).total == 11)
        }
    }

    @Test("what people typed is escaped: a script in a title, a comment or a notice stays text")
    func escaping() async throws {
        try await Self.run { store, client in
            let hostile = SuccessTask(id: "t_xss", accountID: "a1", ownerID: "csm_1", title: "<script>alert(1)</script>", dueAt: Self.at(hours: 2),
                                      createdAt: Self.now, source: "playbook:<b>bold</b>")
            try await store.createTask(hostile, actor: "test", at: Self.now)
            let ada = try await Dashboard.signIn(client, as: Self.csm)
            _ = try await Dashboard.post(client, "/tasks/t_xss/comment", ada, [("body", "<img src=x onerror=alert(2)>")])
            for path in ["/work?done=complete&task=t_xss", "/tasks/t_xss", "/accounts/a1", "/work?done=created&task=%3Cscript%3E"] {
                let page = try await Dashboard.get(client, path, ada).body
                #expect(!page.contains("<script>") && !page.contains("<img src=x") && !page.contains("<b>bold"), "\(path)")
            }
            let page = try await Dashboard.get(client, "/tasks/t_xss", ada).body
            #expect(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>") && page.contains("&lt;img src=x onerror=alert(2)&gt;"))
            #expect(page.contains("href=\"/playbooks/%3Cb%3Ebold%3C%2Fb%3E\""))
        }
    }

    @Test("logging a touchpoint with attendees and a next step stores both and shows them on Account 360")
    func touchpoint() async throws {
        try await Self.run { store, client in
            let ada = try await Dashboard.signIn(client, as: Self.csm)
            let account = try await Dashboard.get(client, "/accounts/a1", ada).body
            #expect(account.contains("action=\"/accounts/a1/touchpoints\"") && account.contains("name=\"attendees[]\" value=\"c1\""))
            #expect(Self.taskIDs(in: account, table: "account-tasks").count == 11)
            let logged = try await Dashboard.post(client, "/accounts/a1/touchpoints", ada, [
                ("kind", "call"), ("date", "2026-06-14"), ("summary", "Walked through the renewal"), ("attendees[]", "c1"),
                ("next_step", "Send the renewal quote"), ("create_task", "on"), ("due_days", "2"), ("return_to", "/accounts/a1"),
            ])
            #expect(logged.status == .seeOther)
            let touchpoint = try #require(try await store.touchpoints(TouchpointQuery(accountID: "a1")).items.first)
            #expect(touchpoint.kind == .call && touchpoint.occurredAt == UTCCalendar.date(2026, 6, 14) && touchpoint.csmID == "csm_1")
            #expect(touchpoint.attendees == ["c1"] && touchpoint.executiveSponsorPresent && touchpoint.nextStep == "Send the renewal quote")
            let task = try #require(try await store.tasks(TaskQuery(accountID: "a1", limit: 100)).items.first { $0.task.source == "touchpoint:\(touchpoint.id)" }?.task)
            #expect(task.title == "Send the renewal quote" && task.ownerID == "csm_1" && task.dueAt == Self.at(hours: 48) && task.status == .open)
            #expect(logged.headers[.location] == "/accounts/a1?done=touchpoint&task=\(task.id)")
            let page = try await Dashboard.get(client, try #require(logged.headers[.location]), ada).body
            #expect(page.contains("The touchpoint is logged, and its next step is a task: “Send the renewal quote”."))
            #expect(page.contains("data-touchpoint=\"\(touchpoint.id)\"") && page.contains("Walked through the renewal") && page.contains("Maya Patel"))
            #expect(Self.taskIDs(in: page, table: "account-tasks").contains(task.id))

            // Without a task: only the touchpoint, held today; refused forms name the field and keep the values.
            let plain = try await Dashboard.post(client, "/accounts/a1/touchpoints", ada, [("kind", "note"), ("summary", "Quick note")])
            #expect(plain.headers[.location] == "/accounts/a1?done=touchpoint")
            #expect(try await store.touchpoints(TouchpointQuery(accountID: "a1")).items.first?.occurredAt == Self.now)
            let stranger = try await Dashboard.post(client, "/accounts/a1/touchpoints", ada, [("kind", "call"), ("summary", "Kept text"), ("attendees[]", "c9")])
            let strangerBody = String(buffer: stranger.body)
            #expect(stranger.status == .unprocessableContent && strangerBody.contains("Attendees: ") && strangerBody.contains("is not a contact of Acme Analytics"))
            #expect(strangerBody.contains(">Kept text</textarea>"))
            let noStep = try await Dashboard.post(client, "/accounts/a1/touchpoints", ada, [("kind", "call"), ("summary", "x"), ("create_task", "on")])
            #expect(noStep.status == .unprocessableContent && String(buffer: noStep.body).contains("Next step: is required to create a task from it"))
            let future = try await Dashboard.post(client, "/accounts/a1/touchpoints", ada, [("kind", "call"), ("summary", "x"), ("date", "2026-06-16")])
            #expect(future.status == .unprocessableContent && String(buffer: future.body).contains("Date: must not be in the future"))
            #expect(try await store.touchpoints(TouchpointQuery(accountID: "a1")).total == 3)
            #expect(try await Dashboard.post(client, "/accounts/nope/touchpoints", ada, [("kind", "call"), ("summary", "x")]).status == .notFound)
        }
    }

    @Test("a new task from the form: the account by name, an owner, due days and priority; refused forms keep their values")
    func newTask() async throws {
        try await Self.run { store, client in
            let ada = try await Dashboard.signIn(client, as: Self.csm)
            let created = try await Dashboard.post(client, "/tasks", ada, [
                ("title", "Plan the QBR"), ("account", "beacon labs"), ("owner", "csm:csm_2"), ("due_days", "5"), ("priority", "high"),
                ("return_to", "/work"),
            ])
            #expect(created.status == .seeOther)
            let task = try #require(try await store.tasks(TaskQuery(accountID: "a2")).items.first?.task)
            #expect(task.title == "Plan the QBR" && task.ownerID == "csm_2" && task.priority == .high && task.dueAt == Self.at(hours: 120))
            #expect(task.source == "manual" && created.headers[.location] == "/work?done=created&task=\(task.id)")
            #expect(try await store.taskHistory(taskID: task.id).first?.actor == Self.csm)
            let unknown = try await Dashboard.post(client, "/tasks", ada, [("title", "Keep me"), ("account", "Nope Inc"), ("owner", "csm:csm_1")])
            let body = String(buffer: unknown.body)
            #expect(unknown.status == .unprocessableContent && body.contains("Account: no account has the id or name “Nope Inc”"))
            #expect(body.contains("value=\"Keep me\"") && body.contains("aria-invalid=\"true\""))
            let noTitle = try await Dashboard.post(client, "/tasks", ada, [("title", ""), ("account", "a1"), ("owner", "csm:csm_1")])
            #expect(noTitle.status == .unprocessableContent && String(buffer: noTitle.body).contains("Title: is required"))
            let badDays = try await Dashboard.post(client, "/tasks", ada, [("title", "x"), ("account", "a1"), ("owner", "csm:csm_1"), ("due_days", "-1")])
            #expect(badDays.status == .unprocessableContent && String(buffer: badDays.body).contains("Due in days: must be a whole number"))
            #expect(try await store.tasks(TaskQuery(accountID: "a2")).total == 1)
        }
    }

    @Test("the team view counts each CSM's and queue's open work by hand and links to their My work")
    func team() async throws {
        try await Self.run { store, client in
            let run = PlaybookRun(playbook: "Detractor follow-up", version: 1, accountID: "a1", status: .active, triggerKey: "k1",
                                  trace: "fired because NPS 4 on 2026-06-14", startedAt: Self.at(hours: -24))
            #expect(try await store.startRun(run, steps: []))
            let ada = try await Dashboard.signIn(client, as: Self.csm)
            let page = try await Dashboard.get(client, "/team", ada)
            #expect(page.status == .ok && page.body.contains("<a href=\"/team\" aria-current=\"page\">Team</a>"))
            // Ada: 9 open (snoozed included); overdue task1, t_over, t_sla; due today t_today; in 7 days t_today, t_week.
            #expect(page.body.contains("""
                <tr data-owner="csm_1"><th scope="row"><a href="/work?owner=csm_1">Ada Berg</a></th><td class="num">9</td>\
                <td class="num">3</td><td class="num">1</td><td class="num">2</td></tr>
                """))
            #expect(page.body.contains("<a href=\"/work?owner=csm_2\">Ben Ortiz</a></th><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td>"))
            #expect(page.body.contains("<a href=\"/work?queue=onboarding\">Queue: onboarding</a></th><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td>"))
            #expect(page.body.contains("<svg") && page.body.contains("id=\"team-load\"") && page.body.contains("Ada Berg · Overdue: 3"))
            // Account 360 lists the run with its trace and a link to it on its playbook's page.
            let account = try await Dashboard.get(client, "/accounts/a1", ada).body
            #expect(account.contains("data-run=\"\(run.id)\"") && account.contains("fired because NPS 4 on 2026-06-14"))
            #expect(account.contains("href=\"/playbooks/Detractor%20follow-up/runs/\(run.id)\""))
        }
    }
}
