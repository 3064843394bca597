import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureEngine
import TenureStore
import TenureTestSupport
@testable import TenureServer

/// The playbooks pages through the router: adding, activating and deactivating versions (admins), the dry run and
/// manual starts (members), a run's trace, step log and tasks, the effect report, roles, CSRF, and escaping.
@Suite("Dashboard playbooks")
struct PlaybooksDashboardTests {
    typealias Session = NotificationsDashboardTests.Session
    static let admin = "root@example.com"
    static let member = "mo@example.com"
    static let viewer = "vic@example.com"
    static let now = TestClock.now

    static let detractor = """
        name: Detractor follow-up
        description: Call detractors within two days
        trigger: {event: survey.response.created, where: {kind: nps, score: {lte: 6}}}
        steps:
          - task: {title: "Call {{account.name}} about their NPS {{response.score}}", owner: account_owner, due_days: 2}
          - wait_days: 7
          - notify: {channel: slack, text: "Detractor follow-up for {{account.name}} still open"}
            if: {task_open: true}
        """

    static let onboarding = """
        name: Onboarding call
        trigger: manual
        steps:
          - task: {title: "Welcome call with {{account.name}}", owner: account_owner, due_days: 3}
          - wait_days: 7
          - task: {title: "Check in with {{account.name}}", owner: account_owner}
        """

    /// A router over the fixtures with an admin, a member and a viewer.
    static func run(_ body: @escaping @Sendable (any Store, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            try await store.write(Fixtures.batch(), asOf: now)
            let hash = try await Passwords.hash(NotificationsDashboardTests.password, cost: 4)
            for (id, email, name, role) in [("usr_root", admin, "Rita Root", Role.admin), ("usr_mo", member, "Mo Member", .member),
                                            ("usr_vic", viewer, "Vic Viewer", .viewer)] {
                try await store.insertUser(UserRecord(id: id, email: email, name: name, role: role, passwordHash: hash, createdAt: now))
            }
            let app = Application(router: buildRouter(store: store, configuration: ServerConfiguration(clock: TestClock.clock)))
            try await app.test(.router) { client in try await body(store, client) }
        }
    }

    static func signIn(_ client: any TestClientProtocol, as email: String) async throws -> Session {
        try await NotificationsDashboardTests.signIn(client, as: email)
    }

    static func get(_ client: any TestClientProtocol, _ path: String, _ session: Session) async throws -> (status: HTTPResponse.Status, body: String) {
        try await NotificationsDashboardTests.get(client, path, session)
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ session: Session, _ fields: [(String, String)] = [],
                     csrf: String? = nil) async throws -> TestResponse {
        try await NotificationsDashboardTests.post(client, path, session, fields, csrf: csrf)
    }

    /// Adds `source` through the form as `session`.
    static func add(_ client: any TestClientProtocol, _ session: Session, _ source: String, note: String = "",
                    activate: Bool = true) async throws -> TestResponse {
        try await post(client, "/playbooks", session, [("source", source), ("format", "yaml"), ("note", note)] + (activate ? [("activate", "1")] : []))
    }

    @Test("an admin adds a playbook through the form and it is listed; a refused one comes back 422 naming the field, its text kept")
    func add() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let added = try await Self.add(client, admin, Self.detractor, note: "first cut")
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/playbooks/Detractor%20follow-up?done=activated&version=1")
            let stored = try #require(try await store.playbook(name: "Detractor follow-up", version: nil))
            #expect(stored.version == 1 && stored.active && stored.note == "first cut" && stored.author == Self.admin)
            #expect(stored.source == Self.detractor)

            let list = try await Self.get(client, "/playbooks", admin)
            #expect(list.status == .ok)
            #expect(list.body.contains("<a href=\"/playbooks/Detractor%20follow-up\">Detractor follow-up</a>"))
            #expect(list.body.contains("<td>v1</td>") && list.body.contains("Call detractors within two days"))
            #expect(list.body.contains("event survey.response.created where kind = nps and score ≤ 6"))
            #expect(list.body.contains("Add a playbook") && list.body.contains("action=\"/playbooks/dry-run#dry-result-h\""))

            let page = try await Self.get(client, try #require(added.headers[.location]), admin).body
            #expect(page.contains("Version 1 of Detractor follow-up is active"))
            #expect(page.contains("<pre>name: Detractor follow-up") && page.contains("{{account.name}}"))
            #expect(page.contains("first cut") && page.contains(Self.admin))

            // due_days above 3,650: refused, the field named, the document and note kept, nothing stored.
            let wrong = Self.detractor.replacingOccurrences(of: "due_days: 2", with: "due_days: 5000")
            let refused = try await Self.add(client, admin, wrong, note: "second")
            #expect(refused.status == .unprocessableContent)
            let body = String(buffer: refused.body)
            #expect(body.contains("Document, field <code>steps[0].task.due_days</code>: must be"), "\(body)")
            #expect(body.contains("role=\"alert\" id=\"add-error\""))
            #expect(body.contains("name=\"source\" rows=\"16\" cols=\"90\" spellcheck=\"false\" aria-invalid=\"true\" aria-describedby=\"add-error\">"))
            #expect(body.contains("due_days: 5000") && body.contains("value=\"second\""))
            #expect(try await store.playbookVersions(name: "Detractor follow-up").count == 1)

            // An empty document names the textarea; a note with a line break names the note.
            let empty = try await Self.add(client, admin, "  ")
            #expect(empty.status == .unprocessableContent && String(buffer: empty.body).contains("Document: paste a playbook document"))
            let badNote = try await Self.add(client, admin, Self.onboarding, note: "two\nlines")
            #expect(badNote.status == .unprocessableContent)
            #expect(String(buffer: badNote.body).contains("Note: must not contain the control character U+000A"))
            #expect(String(buffer: badNote.body).contains("id=\"add-note\" name=\"note\" type=\"text\" size=\"50\" maxlength=\"1000\" value=\"two\nlines\" aria-invalid=\"true\""))
        }
    }

    @Test("an admin activates an older version and deactivates the playbook; deactivating twice is refused")
    func activate() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            _ = try await Self.add(client, admin, Self.onboarding)
            let second = try await Self.add(client, admin, Self.onboarding.replacingOccurrences(of: "due_days: 3", with: "due_days: 5"),
                                             note: "slower", activate: false)
            #expect(second.headers[.location] == "/playbooks/Onboarding%20call?done=added&version=2")
            let page = try await Self.get(client, try #require(second.headers[.location]), admin).body
            #expect(page.contains("Version 2 of Onboarding call was added."))
            #expect(page.contains("Source of version 1 (active)") && page.contains("due_days: 3"))
            #expect(page.contains("action=\"/playbooks/Onboarding%20call/versions/2/activate\""))
            #expect(page.contains("action=\"/playbooks/Onboarding%20call/deactivate\""))

            let activated = try await Self.post(client, "/playbooks/Onboarding%20call/versions/2/activate", admin)
            #expect(activated.status == .seeOther)
            #expect(activated.headers[.location] == "/playbooks/Onboarding%20call?done=activated&version=2")
            #expect(try await store.playbook(name: "Onboarding call", version: nil)?.version == 2)
            let after = try await Self.get(client, "/playbooks/Onboarding%20call", admin).body
            #expect(after.contains("Source of version 2 (active)") && after.contains("due_days: 5"))
            #expect(after.contains("action=\"/playbooks/Onboarding%20call/versions/1/activate\""))

            let missing = try await Self.post(client, "/playbooks/Onboarding%20call/versions/9/activate", admin)
            #expect(missing.status == .notFound)

            let deactivated = try await Self.post(client, "/playbooks/Onboarding%20call/deactivate", admin)
            #expect(deactivated.headers[.location] == "/playbooks/Onboarding%20call?done=deactivated")
            #expect(try await store.activePlaybooks().isEmpty)
            let list = try await Self.get(client, "/playbooks", admin).body
            #expect(list.contains("<span class=\"muted\">inactive</span> <span class=\"small muted\">(latest v2)</span>"))
            let again = try await Self.post(client, "/playbooks/Onboarding%20call/deactivate", admin)
            #expect(again.status == .unprocessableContent)
            #expect(String(buffer: again.body).contains("Onboarding call has no active version to deactivate."))
        }
    }

    @Test("the dry-run form shows what the document would have done with planted survey answers, writing nothing")
    func dryRun() async throws {
        try await Self.run { store, client in
            // a1 (owner Ada Berg) and a2 (no owner) answer in the last 30 days. Detractors (≤ 6): a2 on day −20
            // (2026-05-26, ISO week 22), a1 on day −10 (2026-06-05, week 23) and again on day −8, while the run that
            // started on day −10 is still active (a task, then a 7-day wait, until day −3): skipped. a1's 9 on day −6
            // does not match the trigger. So 3 occurrences, 2 enrolled, 1 skipped, 2 tasks (one per owner and week)
            // and 2 notifications (each run's follow-up after its wait, both before now).
            var answers = FactBatch()
            answers.surveyResponses = [
                SurveyResponse(id: "s_d2", accountID: "a2", kind: .nps, score: 5, respondedAt: Self.now.adding(days: -20)),
                SurveyResponse(id: "s_d1", accountID: "a1", kind: .nps, score: 3, respondedAt: Self.now.adding(days: -10)),
                SurveyResponse(id: "s_d3", accountID: "a1", kind: .nps, score: 2, respondedAt: Self.now.adding(days: -8)),
                SurveyResponse(id: "s_p", accountID: "a1", kind: .nps, score: 9, respondedAt: Self.now.adding(days: -6)),
            ]
            try await store.write(answers, asOf: Self.now)
            let member = try await Self.signIn(client, as: Self.member)
            let list = try await Self.get(client, "/playbooks", member).body
            #expect(list.contains("<h2 id=\"dry-h\">Dry run</h2>") && !list.contains("Add a playbook"))

            let response = try await Self.post(client, "/playbooks/dry-run", member,
                                               [("source", Self.detractor.replacingOccurrences(of: "\n", with: "\r\n")), ("format", "yaml"), ("days", "30")])
            #expect(response.status == .ok)
            let body = String(buffer: response.body)
            #expect(body.contains("Dry run of Detractor follow-up: the last 30 days"))
            #expect(body.contains("2026-05-16 to 2026-06-15 (UTC)"))
            for (term, value) in [("Trigger occurrences", 3), ("Enrolled", 2), ("Held out", 0), ("Skipped", 1), ("Tasks", 2), ("Notifications", 2)] {
                #expect(body.contains("<dt>\(term)</dt><dd>\(value)</dd>"), "\(term)")
            }
            #expect(body.contains("<li>already in an active run: 1</li>"))
            #expect(body.contains("<th scope=\"col\" class=\"num\">2026-W22</th><th scope=\"col\" class=\"num\">2026-W23</th>"))
            #expect(body.contains("<tr><th scope=\"row\">Ada Berg</th><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>"))
            #expect(body.contains("<tr><th scope=\"row\">queue unassigned</th><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>"))
            #expect(body.contains("<svg") && body.contains("id=\"dry-run-load\""))
            #expect(body.contains("2 enrollments and hold-outs, oldest first"))
            #expect(body.contains("<a href=\"/accounts/a2\">Beacon Labs</a></th><td>enrolled</td><td>fired because"))
            #expect(body.contains("Call Acme Analytics about their NPS 3"))
            // The document stays in the form (its line breaks as \n); nothing is stored.
            #expect(body.contains("name: Detractor follow-up\ndescription:"))
            #expect(try await store.playbooks().isEmpty)
            #expect(try await store.runs(RunQuery()).total == 0)

            let refused = try await Self.post(client, "/playbooks/dry-run", member, [("source", Self.detractor), ("days", "400")])
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("Days: must be a whole number of days from 1 to 365"))
            let broken = try await Self.post(client, "/playbooks/dry-run", member, [("source", "name: x\ntrigger: sometimes\nsteps: []")])
            #expect(broken.status == .unprocessableContent)
            #expect(String(buffer: broken.body).contains("Document, field <code>trigger</code>: must be manual"))
        }
    }

    @Test("a member starts a run for an account: its page shows the trace, then the step log and the task it created; cancel")
    func start() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            _ = try await Self.add(client, admin, Self.onboarding)
            let member = try await Self.signIn(client, as: Self.member)
            let page = try await Self.get(client, "/playbooks/Onboarding%20call", member).body
            #expect(page.contains("Start for an account") && !page.contains("/activate\"") && !page.contains("/deactivate\""))

            let started = try await Self.post(client, "/playbooks/Onboarding%20call/start", member, [("account_id", "a1")])
            #expect(started.status == .seeOther)
            let run = try #require(try await store.runs(RunQuery(playbook: "Onboarding call")).items.first)
            #expect(run.accountID == "a1" && run.status == .active)
            #expect(started.headers[.location] == "/playbooks/Onboarding%20call/runs/\(run.id)?done=started&run=\(run.id)")
            let fresh = try await Self.get(client, try #require(started.headers[.location]), member).body
            #expect(fresh.contains("Run \(run.id) started"))
            #expect(fresh.contains("<p class=\"panel trace\">fired because started by \(Self.member)"))
            #expect(fresh.contains("No step has run yet.") && fresh.contains("Cancel this run"))

            // The engine's pass executes the first step: a task for a1's owner; then the run waits 7 days.
            try await PlaybookEngine(store: store, clock: TestClock.clock).run()
            let task = try #require(try await store.tasks(TaskQuery(playbookRunID: run.id)).items.first)
            let stepped = try await Self.get(client, "/playbooks/Onboarding%20call/runs/\(run.id)", member).body
            #expect(stepped.contains("<span class=\"kind\">Step 1</span><span>created task"))
            #expect(stepped.contains("<a href=\"/tasks/\(task.task.id)\">Welcome call with Acme Analytics</a></th><td>Ada Berg</td><td>open</td>"))
            #expect(stepped.contains("step 3 of 3 at 2026-06-22 12:00:00") && stepped.contains("<span class=\"kind\">Step 2</span><span>waited until 2026-06-22"))
            let list = try await Self.get(client, "/playbooks/Onboarding%20call?status=active", member).body
            #expect(list.contains("data-run=\"\(run.id)\"") && list.contains("<a href=\"/accounts/a1\">Acme Analytics</a>"))
            #expect(list.contains("1 run, newest first"))
            #expect(!(try await Self.get(client, "/playbooks/Onboarding%20call?status=completed", member).body).contains("data-run="))
            // The runs are not 90 days old: no matured account in either arm yet.
            #expect(list.contains("Sample: no enrolled or held-out accounts yet."))

            // A second start while the run is active, and an unknown account: 422 naming account_id, the value kept.
            let twice = try await Self.post(client, "/playbooks/Onboarding%20call/start", member, [("account_id", "a1")])
            #expect(twice.status == .unprocessableContent && String(buffer: twice.body).contains("Account id: a1 is already in an active run"))
            let unknown = try await Self.post(client, "/playbooks/Onboarding%20call/start", member, [("account_id", "nobody")])
            #expect(unknown.status == .unprocessableContent)
            #expect(String(buffer: unknown.body).contains("Account id: there is no account with id nobody"))
            #expect(String(buffer: unknown.body).contains("value=\"nobody\" aria-invalid=\"true\" aria-describedby=\"start-error\""))

            let canceled = try await Self.post(client, "/playbooks/Onboarding%20call/runs/\(run.id)/cancel", member)
            #expect(canceled.headers[.location] == "/playbooks/Onboarding%20call/runs/\(run.id)?done=canceled&run=\(run.id)")
            #expect(try await store.run(id: run.id)?.status == .canceled)
            let again = try await Self.post(client, "/playbooks/Onboarding%20call/runs/\(run.id)/cancel", member)
            #expect(again.status == .unprocessableContent && String(buffer: again.body).contains("this one is canceled"))
            #expect(try await Self.post(client, "/playbooks/Onboarding%20call/runs/run_nope/cancel", member).status == .notFound)
        }
    }

    @Test("the effect report on planted runs: enrolled against held-out accounts with planted MRR histories")
    func effect() async throws {
        try await Self.run { store, client in
            // Four accounts paying 4 seats × 25.00 from day −300; e2, h1 and h2 cancel on day −100. Runs start on day −150,
            // so their 90 days (to day −60) are over. Churn: enrolled 1 of 2 (50%), held out 2 of 2 (100%): −50 points.
            // Wilson intervals: 1 of 2 → [0.0945, 0.9055], 2 of 2 → [0.3424, 1]; Newcombe: −0.5 − √(0.4055²) = −0.9055
            // and −0.5 + √(0.4055² + 0.6576²) = 0.2726. Renewal (a period ending in the 90 days): the cancellations, due on
            // day −100: enrolled 0 of 1, held out 0 of 2: 0 points, [−0.6576, 0.7935]. Expansion: 0 of 2 each.
            var batch = FactBatch()
            let start = Self.now.adding(days: -300), end = Self.now.adding(days: -100)
            for (id, churns) in [("e1", false), ("e2", true), ("h1", true), ("h2", true)] {
                batch.accounts.append(Fixtures.account(id, name: "Account \(id)"))
                let paying = Subscription(id: "sub_\(id)", accountID: id, status: .active,
                                          items: [SubscriptionItem(id: "si_\(id)", priceID: Fixtures.growthMonthly.id, quantity: 4)],
                                          currency: .usd, startedAt: start, currentPeriodStart: start, currentPeriodEnd: start.adding(days: 365))
                var ended = paying
                (ended.status, ended.currentPeriodEnd, ended.canceledAt, ended.endedAt) = (.canceled, end, end, end)
                batch.subscriptions.append(churns ? ended : paying)
                batch.subscriptionChanges.append(SubscriptionChange(effectiveAt: start, state: paying))
                if churns { batch.subscriptionChanges.append(SubscriptionChange(effectiveAt: end, state: ended)) }
            }
            try await store.write(batch, asOf: Self.now)
            let admin = try await Self.signIn(client, as: Self.admin)
            _ = try await Self.add(client, admin, Self.detractor.replacingOccurrences(of: "steps:", with: "holdout: 0.5\nsteps:"))
            let started = Self.now.adding(days: -150)
            for id in ["e1", "e2", "h1", "h2"] {
                let heldOut = id.hasPrefix("h")
                let run = PlaybookRun(playbook: "Detractor follow-up", version: 1, accountID: id, status: heldOut ? .heldOut : .completed,
                                      triggerKey: "planted:\(id)", trace: "fired because planted", startedAt: started, nextStep: 3,
                                      finishedAt: started)
                #expect(try await store.startRun(run, steps: []))
            }

            let page = try await Self.get(client, "/playbooks/Detractor%20follow-up", admin).body
            for (term, value) in [("Enrolled accounts", 2), ("Held-out accounts", 2), ("Enrolled, 90 days over", 2), ("Held out, 90 days over", 2)] {
                #expect(page.contains("<dt>\(term)</dt><dd>\(value)</dd>"), "\(term)")
            }
            #expect(page.contains("<h3 id=\"effect-churn-h\">Churn</h3>"))
            #expect(page.contains("<dt>Enrolled</dt><dd>1 of 2 (50.0%)</dd></dl><dl><dt>Held out</dt><dd>2 of 2 (100.0%)</dd>"))
            #expect(page.contains("<dt>Difference</dt><dd>-50.0 pp (95% interval -90.5 pp to +27.3 pp)</dd>"))
            #expect(page.contains("<title id=\"effect-churn-title\">Churn difference -50.0 pp (95% interval -90.5 pp to +27.3 pp)</title>"))
            #expect(page.contains("role=\"img\" aria-labelledby=\"effect-churn-title effect-churn-desc\""))
            #expect(page.contains("the interval includes zero.</desc>"))
            #expect(page.contains("<strong>Not significant</strong>: the interval includes zero."))
            #expect(page.contains("Sample: too few accounts to tell (treated 2, held out 2)."))
            #expect(page.contains("<dt>Enrolled</dt><dd>0 of 1 (0.0%)</dd></dl><dl><dt>Held out</dt><dd>0 of 2 (0.0%)</dd>"))
            #expect(page.contains("<dt>Difference</dt><dd>0.0 pp (95% interval -65.8 pp to +79.3 pp)</dd>"))
            #expect(page.contains("Sample: too few accounts to tell (treated 1, held out 2)."))
            #expect(page.contains("<span class=\"badge muted\">held out</span>"))

            let list = try await Self.get(client, "/playbooks", admin).body
            #expect(list.contains("-50.0 pp <span class=\"small muted\">(95% interval -90.5 pp to +27.3 pp; not significant)</span>"))
        }
    }

    @Test("the interval chart draws the bar from the low end to the high end and the point at the difference, the numbers in its title")
    func intervalChart() {
        // The churn estimate above: −0.5 in [−0.9055, 0.2726]. Nice ticks every 0.5 from −1 to 0.5 over x 36…444, so
        // 272 px a unit: low 36 + 0.0945 × 272 = 61.71, high 36 + 1.2726 × 272 = 382.14, the point 172, zero at 308.
        let chart = EffectIntervalChart(id: "c", outcome: "Churn", difference: -0.5, low: -0.9054687942657693, high: 0.2725727851131816)
        let svg = chart.svg().text
        #expect(svg.contains("<rect class=\"interval\" x=\"61.71\" y=\"23\" width=\"320.43\" height=\"8\""))
        #expect(svg.contains("<circle class=\"estimate\" cx=\"172\" cy=\"27\""))
        #expect(svg.contains("<line x1=\"308\" x2=\"308\" y1=\"12\" y2=\"42\" stroke=\"#6b7280\" stroke-width=\"2\"/>"))
        #expect(["-100 pp", "-50 pp", "0 pp", "+50 pp"].allSatisfy { svg.contains(">\($0)</text>") })
        #expect(svg.contains("<title id=\"c-title\">Churn difference -50.0 pp (95% interval -90.5 pp to +27.3 pp)</title>"))
        #expect(svg.contains("the interval includes zero.</desc>"))
        #expect(EffectIntervalChart.points(0.052) == "+5.2 pp" && EffectIntervalChart.points(-0.0001) == "0.0 pp")
        let above = EffectIntervalChart(id: "d", outcome: "Renewal", difference: 0.2, low: 0.05, high: 0.35)
        #expect(above.summary == "Renewal: enrolled minus held out +20.0 pp, 95% interval +5.0 pp to +35.0 pp; the interval lies entirely above zero.")
    }

    @Test("a viewer sees no forms and is refused every POST; a member cannot add or activate")
    func roles() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            _ = try await Self.add(client, admin, Self.onboarding)
            let viewer = try await Self.signIn(client, as: Self.viewer)
            for path in ["/playbooks", "/playbooks/Onboarding%20call"] {
                let page = try await Self.get(client, path, viewer)
                #expect(page.status == .ok)
                let posts = page.body.matches(of: /<form [^>]*method="post"[^>]*>/).map { String($0.output) }
                #expect(posts == ["<form class=\"signout\" method=\"post\" action=\"/logout\">"], "\(path)")
                #expect(!page.body.contains("<textarea"))
            }
            let refusals: [(String, [(String, String)])] = [
                ("/playbooks", [("source", Self.detractor)]), ("/playbooks/dry-run", [("source", Self.detractor)]),
                ("/playbooks/Onboarding%20call/start", [("account_id", "a1")]), ("/playbooks/Onboarding%20call/deactivate", []),
                ("/playbooks/Onboarding%20call/versions/1/activate", []),
            ]
            for (path, fields) in refusals {
                let response = try await Self.post(client, path, viewer, fields)
                #expect(response.status == .forbidden, "\(path)")
                #expect(String(buffer: response.body).contains("you are signed in as viewer"), "\(path)")
            }
            let member = try await Self.signIn(client, as: Self.member)
            #expect(try await Self.post(client, "/playbooks", member, [("source", Self.detractor)]).status == .forbidden)
            #expect(try await Self.post(client, "/playbooks/Onboarding%20call/deactivate", member).status == .forbidden)
            #expect(try await store.playbooks().map(\.name) == ["Onboarding call"])
            #expect(try await store.runs(RunQuery()).total == 0)
            #expect(try await store.playbook(name: "Onboarding call", version: nil)?.active == true)
        }
    }

    @Test("a POST without the CSRF token, or with a wrong one, is refused and changes nothing")
    func csrf() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let missing = try await client.execute(uri: "/playbooks", method: .post, headers: admin.formHeaders,
                                                   body: NotificationsDashboardTests.form([("source", Self.onboarding), ("activate", "1")]))
            #expect(missing.status == .forbidden)
            let forged = try await Self.post(client, "/playbooks", admin, [("source", Self.onboarding)], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(try await store.playbooks().isEmpty)
            _ = try await Self.add(client, admin, Self.onboarding)
            for path in ["/playbooks/Onboarding%20call/deactivate", "/playbooks/Onboarding%20call/start", "/playbooks/dry-run"] {
                #expect(try await Self.post(client, path, admin, [("account_id", "a1")], csrf: "forged").status == .forbidden, "\(path)")
            }
            #expect(try await store.playbook(name: "Onboarding call", version: nil)?.active == true)
            #expect(try await store.runs(RunQuery()).total == 0)
            // Every form on the pages carries the session's token.
            for path in ["/playbooks", "/playbooks/Onboarding%20call"] {
                let page = try await Self.get(client, path, admin).body
                let forms = page.matches(of: /<form [^>]*method="post"[^>]*>/).count
                #expect(forms >= 3 && page.components(separatedBy: "name=\"csrf\" value=\"\(admin.csrf)\"").count - 1 == forms, "\(path)")
            }
        }
    }

    @Test("a playbook named with a script is escaped on every page")
    func escaping() async throws {
        try await Self.run { store, client in
            let admin = try await Self.signIn(client, as: Self.admin)
            let source = Self.onboarding.replacingOccurrences(of: "name: Onboarding call", with: "name: \"<script>alert(1)</script> rescue\"")
            let added = try await Self.add(client, admin, source, note: "<b>bold</b>")
            let location = try #require(added.headers[.location])
            #expect(location.hasPrefix("/playbooks/%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20rescue?"))
            let list = try await Self.get(client, "/playbooks", admin).body
            #expect(list.contains("&lt;script&gt;alert(1)&lt;/script&gt; rescue") && !list.contains("<script>"))
            let page = try await Self.get(client, location, admin)
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; rescue</h1>") && !page.body.contains("<script>"))
            #expect(page.body.contains("<title>&lt;script&gt;") && page.body.contains("&lt;b&gt;bold&lt;/b&gt;"))
            #expect(page.body.contains("name: &quot;&lt;script&gt;alert(1)&lt;/script&gt; rescue&quot;"))
            _ = try await Self.post(client, "/playbooks/%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20rescue/start", admin, [("account_id", "a1")])
            let run = try #require(try await store.runs(RunQuery()).items.first)
            let runPage = try await Self.get(client, "/playbooks/%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20rescue/runs/\(run.id)", admin).body
            #expect(runPage.contains("← &lt;script&gt;alert(1)&lt;/script&gt; rescue") && !runPage.contains("<script>"))
            let refused = try await Self.add(client, admin, "name: \"<script>alert(2)</script>\"\ntrigger: nope\nsteps: []")
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("&lt;script&gt;alert(2)") && !String(buffer: refused.body).contains("<script>"))
        }
    }
}
