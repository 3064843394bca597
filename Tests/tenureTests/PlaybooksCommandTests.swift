import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureStore
import TenureTestSupport

/// `tenure playbooks`, run as a user would on planted accounts and survey answers: a dry run counted by hand, a refused
/// document naming its field, and a playbook activated, started, run by the engine and its task worked.
@Suite("tenure playbooks")
struct PlaybooksCommandTests {
    /// The playbook of issue 13, as written there.
    static let detractors = PlaybookDocuments.issueExample

    /// The command line as user `tester`.
    static let environment = ["USER": "tester"]

    static func day(_ text: String) -> Date { JSONCoding.parse(text)! }

    /// Whether `value` is an instant within a few seconds of `expected`: a command's clock starts at `TENURE_NOW` and runs on.
    static func instant(_ value: Any?, isAbout expected: String) -> Bool {
        guard let text = value as? String, let instant = JSONCoding.parse(text) else { return false }
        return abs(instant.timeIntervalSince(day(expected))) < 5
    }

    /// Seven accounts paying per seat (1,000 a seat a month) and their NPS answers, as of the tests' now (2026-06-15 12:00 UTC),
    /// so that the detractor playbook over the last 90 days (from 2026-03-17 12:00) decides, oldest first:
    /// - acct_02 (mid_market, 600.00, csm_ben) answers 6 on 04-10: enrolled; its 9 on 05-10 does not match the trigger;
    /// - acct_16 (enterprise, 750.00, csm_ana) answers 1 on 04-15: held out (its holdout share is 0.035 < 0.1);
    /// - acct_03 (smb, 800.00) answers 2 on 04-20: skipped, segment;
    /// - acct_04 (enterprise, 200.00) answers 4 on 05-01: skipped, MRR below 500.00;
    /// - acct_01 (enterprise, 1,000.00, csm_ana) answers 3 on 05-04: enrolled; its 5 on 05-20 is skipped (enrolled 16 days
    ///   before, limit 30 days; its run ended on 05-11);
    /// - acct_06 (enterprise, 550.00, no owner) answers 5 on 06-01: enrolled, its task in the unassigned queue;
    /// - acct_05 (enterprise, 900.00) answered 0 on 02-01, before the window.
    /// Answers are all older than a week, so writing them puts no event in the outbox.
    static func plant(_ url: String) async throws {
        var batch = FactBatch()
        batch.csms = [CSM(id: "csm_ana", name: "Ana Ruiz", email: "ana@cs.example.com"),
                      CSM(id: "csm_ben", name: "Ben Okafor", email: "ben@cs.example.com")]
        batch.products = [Product(id: "prod_seat", name: "Seats")]
        batch.prices = [Price(id: "price_seat", productID: "prod_seat", unitAmount: 1_000, currency: .usd, interval: .month, pricingModel: .perSeat)]
        let accounts: [(id: String, name: String, segment: String, owner: String?, seats: Int64)] = [
            ("acct_01", "Acme Analytics", "enterprise", "csm_ana", 100), ("acct_02", "Beacon Labs", "mid_market", "csm_ben", 60),
            ("acct_03", "Cobalt Works", "smb", "csm_ana", 80), ("acct_04", "Delta Freight", "enterprise", "csm_ben", 20),
            ("acct_05", "Echo Health", "enterprise", "csm_ana", 90), ("acct_06", "Foxtrot Media", "enterprise", nil, 55),
            ("acct_16", "Quarry Co", "enterprise", "csm_ana", 75),
        ]
        let created = day("2025-06-01")
        for account in accounts {
            batch.accounts.append(Account(id: account.id, name: account.name, ownerID: account.owner, lifecycleStage: .adoption,
                                          segment: account.segment, createdAt: created))
            batch.subscriptions.append(Subscription(
                id: "sub_\(account.id)", accountID: account.id, status: .active,
                items: [SubscriptionItem(id: "si_\(account.id)", priceID: "price_seat", quantity: account.seats)], currency: .usd,
                startedAt: created, currentPeriodStart: day("2026-06-01"), currentPeriodEnd: day("2026-07-01")))
        }
        batch.contacts = [Contact(id: "c_02", accountID: "acct_02", name: "Maya Patel", email: "maya@beacon.example.com", createdAt: created)]
        let answers: [(account: String, score: Int, at: String)] = [
            ("acct_02", 6, "2026-04-10T09:00:00Z"), ("acct_02", 9, "2026-05-10T09:00:00Z"), ("acct_16", 1, "2026-04-15T09:00:00Z"),
            ("acct_03", 2, "2026-04-20T09:00:00Z"), ("acct_04", 4, "2026-05-01T09:00:00Z"), ("acct_01", 3, "2026-05-04T09:00:00Z"),
            ("acct_01", 5, "2026-05-20T09:00:00Z"), ("acct_06", 5, "2026-06-01T09:00:00Z"), ("acct_05", 0, "2026-02-01T09:00:00Z"),
        ]
        batch.surveyResponses = answers.enumerated().map { index, answer in
            SurveyResponse(id: "nps_\(index)", accountID: answer.account, kind: .nps, score: answer.score, respondedAt: day(answer.at))
        }
        try await withStore(url) { try await $0.write(batch, asOf: TestClock.now) }
    }

    /// A fresh directory with a planted SQLite database and the playbook's YAML file.
    static func setUp() async throws -> (directory: URL, database: [String], url: String, file: String) {
        let directory = try temporaryDirectory()
        let url = "sqlite:\(directory.path)/p.sqlite"
        try await plant(url)
        let file = directory.appendingPathComponent("detractors.yaml").path
        try detractors.write(toFile: file, atomically: true, encoding: .utf8)
        return (directory, ["--database", url], url, file)
    }

    @Test("add stores v1; dry-run --days 90 counts enrolled, held out, skipped, tasks and the load per owner and week as computed by hand")
    func dryRun() async throws {
        #expect(Holdout.isHeldOut(playbook: "Detractor follow-up", accountID: "acct_16", share: 0.1))
        #expect(!["acct_01", "acct_02", "acct_06"].contains { Holdout.isHeldOut(playbook: "Detractor follow-up", accountID: $0, share: 0.1) })
        let (directory, database, _, file) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: directory) }

        let added = try await CommandRunner.run(["playbooks", "add", file, "--note", "first cut"] + database, environment: Self.environment)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Stored playbook “Detractor follow-up” v1 (not active"))

        let json = try await CommandRunner.run(["playbooks", "dry-run", file, "--days", "90", "--format", "json"] + database)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["playbook"] as? String == "Detractor follow-up")
        #expect(Self.instant(report["from"], isAbout: "2026-03-17T12:00:00Z") && Self.instant(report["to"], isAbout: "2026-06-15T12:00:00Z"))
        #expect(report["occurrences"] as? Int == 7)
        #expect(report["enrolled"] as? Int == 3 && report["held_out"] as? Int == 1 && report["skipped"] as? Int == 3)
        #expect(report["tasks"] as? Int == 3 && report["notifications"] as? Int == 3)
        let reasons = report["skip_reasons"] as? [[String: Any]] ?? []
        #expect(reasons.compactMap { $0["count"] as? Int }.reduce(0, +) == 3)
        #expect(reasons.contains { $0["reason"] as? String == "enrolled N days ago" })
        // ISO weeks: 2026-04-10 is in W15, 05-04 starts W19, 06-01 starts W23.
        let load = (report["load"] as? [[String: Any]] ?? []).map { "\($0["week"] ?? "") \($0["owner"] ?? "") \($0["tasks"] ?? "")" }
        #expect(load == ["2026-W15 csm_ben 1", "2026-W19 csm_ana 1", "2026-W23 queue:unassigned 1"])
        let entries = report["entries"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["account_id"] as? String } == ["acct_02", "acct_16", "acct_01", "acct_06"])
        #expect(entries.map { $0["held_out"] as? Bool } == [false, true, false, false])
        #expect(entries.first?["tasks"] as? [String] == ["Call Beacon Labs about their NPS 6"])
        #expect(entries[2]["trace"] as? String == "fired because NPS answer 3 on 2026-05-04; conditions matched: segment=enterprise, MRR 1000.00 ≥ 500.00")

        let table = try await CommandRunner.run(["playbooks", "dry-run", file, "--days", "90"] + database)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Accounts enrolled: 3, held out: 1, skipped: 3"))
        #expect(table.stdout.contains("Would create 3 tasks and 3 notifications."))
        #expect(table.stdout.contains("owner             2026-W15  2026-W19  2026-W23  total"))
        #expect(table.stdout.contains("queue:unassigned  0         0         1         1"))
        #expect(table.stdout.contains("2026-04-15 09:00  acct_16     Quarry Co"))
    }

    @Test("an invalid playbook file exits 1 naming the field, and stores nothing")
    func invalidFile() async throws {
        let (directory, database, _, _) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.yaml").path
        try Self.detractors.replacingOccurrences(of: "channel: slack", with: "channel: pager").write(toFile: file, atomically: true, encoding: .utf8)
        for command in [["playbooks", "add", file], ["playbooks", "dry-run", file]] {
            let refused = try await CommandRunner.run(command + database)
            #expect(refused.status == 1, "\(command): \(refused.stderr)")
            #expect(refused.stderr.contains("bad.yaml: steps[2].notify.channel:"), "\(refused.stderr)")
        }
        let list = try await CommandRunner.run(["playbooks", "list", "--format", "csv"] + database)
        #expect(list.stdout == "name,active_version,latest_version,active_runs,completed_runs,held_out_runs\n")
    }

    @Test("activate, list, start; an engine pass creates the task; tasks list, done with an outcome, show its history; done again fails; effect is honest about no data")
    func startAndWork() async throws {
        let (directory, database, url, file) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await CommandRunner.run(["playbooks", "add", file] + database)
        let activated = try await CommandRunner.run(["playbooks", "activate", "Detractor follow-up"] + database)
        #expect(activated.status == 0 && activated.stdout.contains("Playbook “Detractor follow-up” v1 is active."), "\(activated.stderr)")
        let list = try await CommandRunner.run(["playbooks", "list", "--format", "json"] + database)
        let playbooks = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: String]] ?? []
        #expect(playbooks == [["name": "Detractor follow-up", "active_version": "1", "latest_version": "1", "active_runs": "0",
                               "completed_runs": "0", "held_out_runs": "0"]])

        let started = try await CommandRunner.run(["playbooks", "start", "Detractor follow-up", "--account", "acct_02"] + database,
                                                  environment: Self.environment)
        #expect(started.status == 0, "\(started.stderr)")
        let runID = String(try #require(started.stdout.firstMatch(of: /Started run (run_[0-9a-f]+)/)).1)
        #expect(started.stdout.contains("Trace: fired because started by cli:tester; conditions matched: segment=mid_market, MRR 600.00 ≥ 500.00"))
        let again = try await CommandRunner.run(["playbooks", "start", "Detractor follow-up", "--account", "acct_02"] + database)
        #expect(again.status == 1 && again.stderr.contains("already in an active run"), "\(again.stderr)")

        // The playbooks job's pass a minute later, run here rather than by a worker: the task step, then the wait.
        let pass = try await withStore(url) { try await PlaybookEngine(store: $0, clock: .fixed(TestClock.now.addingTimeInterval(60))).run() }
        #expect(pass.started == 0 && pass.stepsExecuted == 2, "\(pass)")

        let csv = try await CommandRunner.run(["tasks", "list", "--format", "csv"] + database)
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "id,due,sla,overdue,status,priority,account_id,account,owner,title")
        #expect(lines.count == 2)
        let fields = lines.last?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        #expect(Array(fields.dropFirst()) == ["2026-06-17T12:01:00.000Z", "", "false", "open", "high", "acct_02", "Beacon Labs", "csm_ben",
                                              "Call Beacon Labs about their NPS "])
        let taskID = try #require(fields.first)

        let run = try await CommandRunner.run(["playbooks", "run", runID] + database)
        #expect(run.stdout.contains("Status: active") && run.stdout.contains("Steps:\n  1. 2026-06-15 12:01  created task") && run.stdout.contains(taskID),
                "\(run.stdout)")
        let runs = try await CommandRunner.run(["playbooks", "runs", "Detractor follow-up", "--status", "active", "--format", "csv"] + database)
        #expect(runs.stdout.split(separator: "\n").count == 2 && runs.stdout.contains(runID))

        // The CSM works it an hour later.
        let done = try await CommandRunner.run(["tasks", "done", taskID, "--outcome", "saved", "--note", "Budget approved"] + database,
                                               environment: Self.environment.merging(["TENURE_NOW": "2026-06-15T13:00:00Z"]) { $1 })
        #expect(done.status == 0 && done.stdout.contains("Completed \(taskID) (saved)"), "\(done.stderr)")
        let shown = try await CommandRunner.run(["tasks", "show", taskID] + database)
        #expect(shown.stdout.contains("Status: done; outcome saved: “Budget approved”"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Account: Beacon Labs (acct_02)"))
        #expect(shown.stdout.contains("History:\n  2026-06-15 12:01  created  by "))
        #expect(shown.stdout.contains("2026-06-15 13:00  completed  by cli:tester: outcome saved; note “Budget approved”"))
        let json = try await CommandRunner.run(["tasks", "show", taskID, "--format", "json"] + database)
        let detail = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((detail["history"] as? [[String: Any]])?.map { $0["action"] as? String } == ["created", "completed"])
        #expect((detail["task"] as? [String: Any])?["playbook_run_id"] as? String == runID)

        let twice = try await CommandRunner.run(["tasks", "done", taskID] + database)
        #expect(twice.status == 1 && twice.stderr.contains("Error: the task is done: it cannot be completed"), "\(twice.stderr)")

        let effect = try await CommandRunner.run(["playbooks", "effect", "Detractor follow-up"] + database)
        #expect(effect.status == 0, "\(effect.stderr)")
        #expect(effect.stdout.contains("Accounts: 1 enrolled, 0 held out; horizon over for 0 enrolled and 0 held out"))
        #expect(effect.stdout.contains("Note (churn, renewal, expansion): no enrolled or held-out accounts yet."))
        #expect(effect.stdout.contains("at least 10 accounts; under 30"))
        let never = try await CommandRunner.run(["playbooks", "effect", "No such playbook"] + database)
        #expect(never.status == 1 && never.stderr.contains("has no runs yet"))
    }

    @Test("--help teaches by example")
    func help() async throws {
        for command in [["playbooks"], ["playbooks", "dry-run"], ["playbooks", "effect"], ["tasks"], ["tasks", "done"], ["touchpoints"],
                        ["touchpoints", "log"]] {
            let result = try await CommandRunner.run(command + ["--help"], environment: ["COLUMNS": "80"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example") && result.stdout.contains("tenure \(command[0])"), "\(command)")
            let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") && !$0.hasPrefix("  tenure") }
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(result.stdout)")
        }
    }
}
