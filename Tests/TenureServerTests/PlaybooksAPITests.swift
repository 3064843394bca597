import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureEngine
import TenureServer
import TenureStore
import TenureTestSupport

/// The playbook routes: documents added (YAML and JSON) with the field named on a mistake, versions and activation,
/// the dry run over planted history, runs started by hand and executed by the engine, their cancel, and the effect report.
@Suite("Playbooks API")
struct PlaybooksAPITests {
    /// The playbook of issue 13, as written there.
    static let yaml = PlaybookDocuments.issueExample
    static let path = "/api/v1/playbooks/Detractor%20follow-up"

    static func field(_ json: [String: Any]) -> String? { (json["error"] as? [String: String])?["field"] }

    @Test("the issue's YAML is stored as version 1 with its outline; a JSON version 2 activates; versions, activate and deactivate",
          arguments: Backend.allCases)
    func versions(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let api = APICaller(harness: harness, client: client)
            let first = try await api.document("/api/v1/playbooks", Self.yaml)
            #expect(first.status == .created)
            #expect(first.json["name"] as? String == "Detractor follow-up" && first.json["version"] as? Int == 1)
            #expect(first.json["active"] as? Bool == false && first.json["format"] as? String == "yaml")
            #expect(first.json["source"] as? String == Self.yaml && first.json["author"] as? String == "admin key")
            let outline = try #require(first.json["outline"] as? [String: Any])
            #expect(outline["trigger"] as? String == "event survey.response.created where kind = nps and score ≤ 6")
            #expect(outline["conditions"] as? [String] == ["segment one of mid_market, enterprise", "MRR ≥ 500.00"])
            #expect(outline["limit"] as? String == "once per account in 30 days" && outline["holdout"] as? Double == 0.1)
            #expect(outline["steps"] as? [String] == [
                "create task “Call {{account.name}} about their NPS {{response.score}}” for the account's owner, due in 2 days, priority high",
                "wait 7 days", "notify slack: “Detractor follow-up for {{account.name}} still open” if task open",
            ])

            let json = #"""
                {"name":"Detractor follow-up","trigger":{"event":"survey.response.created","where":{"kind":"nps","score":{"lte":6}}},
                 "conditions":{"segment":"enterprise"},
                 "steps":[{"task":{"title":"Call {{account.name}}","owner":"queue:rescue","sla_business_hours":8}}]}
                """#
            let second = try await api.document("/api/v1/playbooks?activate=true&note=enterprise%20only", json, contentType: "application/json")
            #expect(second.status == .created && second.json["version"] as? Int == 2 && second.json["active"] as? Bool == true)
            #expect(second.json["note"] as? String == "enterprise only" && second.json["format"] as? String == "json")
            #expect((second.json["outline"] as? [String: Any])?["steps"] as? [String]
                    == ["create task “Call {{account.name}}” for the queue rescue, SLA 8 business hours, priority normal"])

            let list = try await api(.get, "/api/v1/playbooks", as: .viewer)
            let summary = try #require((list.json["data"] as? [[String: Any]])?.first)
            #expect(summary["latest_version"] as? Int == 2 && summary["active_version"] as? Int == 2)
            #expect((summary["runs"] as? [String: Int]) == ["active": 0, "completed": 0, "held_out": 0, "canceled": 0, "failed": 0])

            let shown = try await api(.get, Self.path, as: .viewer)
            #expect(shown.json["version"] as? Int == 2)
            let versions = (shown.json["versions"] as? [[String: Any]] ?? [])
                .map { "\($0["version"] ?? "")" + ($0["active"] as? Bool == true ? "*" : "") }
            #expect(versions == ["1", "2*"], "the active one starred")
            let one = try await api(.get, Self.path + "/versions/1", as: .viewer)
            #expect(one.status == .ok && one.json["source"] as? String == Self.yaml && one.json["versions"] == nil)

            let activated = try await api(.post, Self.path + "/activate", #"{"version":1}"#, as: .admin)
            #expect(activated.status == .ok && activated.json["version"] as? Int == 1 && activated.json["active"] as? Bool == true)
            #expect(try await api(.post, Self.path + "/activate", #"{"version":9}"#, as: .admin).status == .notFound)
            let deactivated = try await api(.post, Self.path + "/deactivate", as: .admin)
            #expect(deactivated.status == .ok && deactivated.json["version"] as? Int == 2 && deactivated.json["active"] as? Bool == false)
            #expect((deactivated.json["versions"] as? [[String: Any]])?.allSatisfy { $0["active"] as? Bool == false } == true)
            #expect(try await api(.post, Self.path + "/deactivate", as: .admin).status == .conflict)

            #expect(try await api.document("/api/v1/playbooks", Self.yaml, as: .member).status == .forbidden)
            #expect(try await api(.post, Self.path + "/activate", #"{"version":1}"#, as: .member).status == .forbidden)
            #expect(try await api(.get, "/api/v1/playbooks/Nothing", as: .viewer).status == .notFound)
            let version = try await api(.get, Self.path + "/versions/first", as: .viewer)
            #expect(version.status == .badRequest && Self.field(version.json) == "version")
        }
    }

    @Test("a playbook that does not parse is a 422 naming the field; an alias bomb, a body too large, a wrong type are refused quickly",
          arguments: Backend.allCases)
    func refusals(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let api = APICaller(harness: harness, client: client)
            let mistakes: [(String, String)] = [
                (Self.yaml.replacingOccurrences(of: "due_days: 2", with: "due_days: -1"), "steps[0].task.due_days"),
                (Self.yaml.replacingOccurrences(of: "survey.response.created", with: "survey.answered"), "trigger.event"),
                (Self.yaml.replacingOccurrences(of: "holdout: 0.1", with: "holdout: 0.9"), "holdout"),
                (Self.yaml.replacingOccurrences(of: "{{account.name}} about", with: "{{account.nickname}} about"), "steps[0].task.title"),
                (Self.yaml.replacingOccurrences(of: "wait_days: 7", with: "wait_weeks: 1"), "steps[1].wait_weeks"),
            ]
            for (document, field) in mistakes {
                let response = try await api.document("/api/v1/playbooks", document)
                #expect(response.status == .unprocessableContent, "\(field): \(response.json)")
                #expect(Self.field(response.json) == field, "\(response.json)")
            }
            // Nine levels of nine aliases each: 9^9 copies of "lol" once expanded.
            let levels = (1...9).map { level in
                "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]"
            }
            let bomb = "l0: &l0 [lol]\n" + levels.joined(separator: "\n") + "\n"
            let started = ContinuousClock.now
            let refused = try await api.document("/api/v1/playbooks", bomb)
            #expect(refused.status == .unprocessableContent && (refused.json["error"] as? [String: String])?["message"]?.contains("anchors") == true)
            // Expanded, the document would take minutes and gigabytes; refused before parsing, it takes milliseconds (60 s
            // leaves room for the parallel suite's load on a machine busy with other work: 22 s was seen there).
            #expect(ContinuousClock.now - started < .seconds(60))
            let huge = Self.yaml + "\n# " + String(repeating: "x", count: 1 << 20) + "\n"
            #expect(try await api.document("/api/v1/playbooks", huge).status == .contentTooLarge)
            let large = Self.yaml + "# " + String(repeating: "x", count: 300 << 10) + "\n"
            #expect(try await api.document("/api/v1/playbooks", large).status == .unprocessableContent)
            #expect(try await api.document("/api/v1/playbooks", Self.yaml, contentType: "text/plain").status == .unsupportedMediaType)
            #expect(try await api.document("/api/v1/playbooks", "").status == .badRequest)
            #expect(try await api.document("/api/v1/playbooks/dry-run", bomb, as: .member).status == .unprocessableContent)
            #expect(try await harness.store.playbooks().isEmpty)
            for uri in ["/api/v1/playbooks?colour=red", "\(Self.path)?colour=red", "\(Self.path)/runs?colour=red",
                        "\(Self.path)/effect?colour=red", "/api/v1/playbook-runs/run_x?colour=red"] {
                let response = try await api(.get, uri, as: .viewer)
                #expect(response.status == .badRequest && Self.field(response.json) == "colour", "\(uri)")
            }
        }
    }

    /// The fixtures and planted NPS and CSAT answers within the 90 days before the tests' now (2026-06-15 12:00).
    static func plantedAnswers(_ store: any Store) async throws {
        var batch = Fixtures.batch()
        batch.surveyResponses += [
            SurveyResponse(id: "s_a2_first", accountID: "a2", kind: .nps, score: 4, respondedAt: UTCCalendar.date(2026, 5, 1)),
            SurveyResponse(id: "s_a1_low", accountID: "a1", kind: .nps, score: 2, respondedAt: UTCCalendar.date(2026, 5, 10)),
            SurveyResponse(id: "s_a2_again", accountID: "a2", kind: .nps, score: 5, respondedAt: UTCCalendar.date(2026, 5, 20)),
            SurveyResponse(id: "s_a2_happy", accountID: "a2", kind: .nps, score: 9, respondedAt: UTCCalendar.date(2026, 5, 25)),
            SurveyResponse(id: "s_a1_csat", accountID: "a1", kind: .csat, score: 1, respondedAt: UTCCalendar.date(2026, 5, 26)),
            SurveyResponse(id: "s_a2_old", accountID: "a2", kind: .nps, score: 0, respondedAt: UTCCalendar.date(2026, 3, 1)),
        ]
        try await store.write(batch, asOf: TestClock.now)
    }

    @Test("a dry run over planted survey answers counts the occurrences, enrollments, skips and tasks worked out by hand, and writes nothing",
          arguments: Backend.allCases)
    func dryRun(backend: Backend) async throws {
        try await APIHarness.run(backend, seed: Self.plantedAnswers) { harness, client in
            let api = APICaller(harness: harness, client: client)
            // No hold-out, and an MRR floor Beacon Labs (a2, mid-market, 112.50 a month) clears.
            let document = Self.yaml.replacingOccurrences(of: "holdout: 0.1", with: "holdout: 0")
                .replacingOccurrences(of: "gte: 50000", with: "gte: 10000")
            let response = try await api.document("/api/v1/playbooks/dry-run?days=90", document, as: .member)
            #expect(response.status == .ok, "\(response.json)")
            let report = response.json
            // In the window (from 2026-03-17): a2's 4 (enrolled), a1's 2 (smb: conditions fail), a2's 5 (within the 30-day
            // limit); a2's 9 and a1's CSAT fail the trigger's where, a2's 0 of March 1 is before the window.
            #expect(report["occurrences"] as? Int == 3)
            #expect(report["enrolled"] as? Int == 1 && report["held_out"] as? Int == 0 && report["skipped"] as? Int == 2)
            #expect((report["skip_reasons"] as? [[String: Any]])?.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 2)
            // The task on May 1, the notification a week later (the task taken to stay open).
            #expect(report["tasks"] as? Int == 1 && report["notifications"] as? Int == 1)
            let load = report["load"] as? [[String: Any]] ?? []
            #expect(load.map { "\($0["owner"] ?? "") \($0["week"] ?? "") \($0["tasks"] ?? "")" } == ["queue:unassigned 2026-W18 1"],
                    "a2 has no owner, so its task goes to the unassigned queue")
            let entry = try #require((report["entries"] as? [[String: Any]])?.first)
            #expect(entry["account_id"] as? String == "a2" && entry["at"] as? String == "2026-05-01T00:00:00.000Z")
            #expect(entry["tasks"] as? [String] == ["Call Beacon Labs about their NPS 4"])
            #expect((entry["trace"] as? String)?.contains("NPS answer 4 on 2026-05-01") == true)
            #expect(try await harness.store.playbooks().isEmpty, "a dry run writes nothing")
            #expect(try await harness.store.runs(RunQuery()).total == 0)

            for days in ["0", "366", "many"] {
                let refused = try await api.document("/api/v1/playbooks/dry-run?days=\(days)", document, as: .member)
                #expect(refused.status == .badRequest && Self.field(refused.json) == "days")
            }
            #expect(try await api.document("/api/v1/playbooks/dry-run", document, as: .viewer).status == .forbidden)
        }
    }

    @Test("a manual start is a run whose first step the engine makes a task; a second start is a 409; no effect (404) before a run",
          arguments: Backend.allCases)
    func manualStart(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let api = APICaller(harness: harness, client: client)
            #expect(try await api.document("/api/v1/playbooks?activate=true", Self.yaml).status == .created)
            #expect(try await api(.get, Self.path + "/effect", as: .viewer).status == .notFound)

            let started = try await api(.post, Self.path + "/start", #"{"account_id":"a1"}"#)
            #expect(started.status == .created)
            let runID = try #require(started.json["id"] as? String)
            #expect(started.json["status"] as? String == "active" && started.json["version"] as? Int == 1 && started.json["next_step"] as? Int == 0)
            #expect(started.json["trace"] as? String
                    == "fired because started by member key; conditions not met (segment=smb, not one of mid_market, enterprise), started anyway")
            let again = try await api(.post, Self.path + "/start", #"{"account_id":"a1"}"#)
            #expect(again.status == .conflict)
            #expect(try await api(.post, Self.path + "/start", #"{"account_id":"nope"}"#).status == .notFound)
            #expect(try await api(.post, "/api/v1/playbooks/Nothing/start", #"{"account_id":"a1"}"#).status == .notFound)
            #expect(try await api(.post, Self.path + "/start", #"{"account_id":"a2"}"#, as: .viewer).status == .forbidden)

            // The engine's pass executes the task step, then the wait.
            try await PlaybookEngine(store: harness.store, clock: TestClock.clock).run()
            let tasks = try await api(.get, "/api/v1/tasks?playbook_run=\(runID)", as: .viewer)
            let task = try #require((tasks.json["data"] as? [[String: Any]])?.first)
            #expect(tasks.json["total"] as? Int == 1)
            #expect(task["title"] as? String == "Call Acme Analytics about their NPS " && task["owner_id"] as? String == "csm_1")
            #expect(task["source"] as? String == "playbook:Detractor follow-up" && task["priority"] as? String == "high")
            #expect(task["due_at"] as? String == "2026-06-17T12:00:00.000Z" && task["playbook_step"] as? Int == 0)

            let run = try await api(.get, "/api/v1/playbook-runs/\(runID)", as: .viewer)
            #expect(run.json["next_step"] as? Int == 2 && run.json["next_step_at"] as? String == "2026-06-22T12:00:00.000Z")
            #expect(run.json["last_task_id"] as? String == task["id"] as? String)
            #expect((run.json["steps"] as? [[String: Any]])?.map { $0["outcome"] as? String } == [
                "created task “Call Acme Analytics about their NPS ” for csm_1, due 2026-06-17", "waited until 2026-06-22",
            ])
            let runs = try await api(.get, Self.path + "/runs?status=active&account_id=a1", as: .viewer)
            #expect(TasksAPITests.ids(runs.json) == [runID])
            #expect(TasksAPITests.ids(try await api(.get, Self.path + "/runs?status=completed", as: .viewer).json) == [])

            let effect = try await api(.get, Self.path + "/effect?horizon_days=30", as: .viewer)
            #expect(effect.status == .ok && effect.json["enrolled"] as? Int == 1 && effect.json["held_out"] as? Int == 0)
            #expect(effect.json["matured_enrolled"] as? Int == 0, "the run started today; its 30 days are not over")
            let horizon = try await api(.get, Self.path + "/effect?horizon_days=7", as: .viewer)
            #expect(horizon.status == .badRequest && Self.field(horizon.json) == "horizon_days")

            let canceled = try await api(.post, "/api/v1/playbook-runs/\(runID)/cancel", #"{"reason":"Handled on the phone"}"#)
            #expect(canceled.status == .ok && canceled.json["status"] as? String == "canceled")
            #expect(canceled.json["reason"] as? String == "Handled on the phone")
            #expect(try await api(.post, "/api/v1/playbook-runs/\(runID)/cancel").status == .conflict)
            #expect(try await api(.post, "/api/v1/playbook-runs/run_none/cancel").status == .notFound)
            #expect(try await api(.get, "/api/v1/playbook-runs/run_none", as: .viewer).status == .notFound)
            let summary = try await api(.get, "/api/v1/playbooks", as: .viewer)
            #expect(((summary.json["data"] as? [[String: Any]])?.first?["runs"] as? [String: Int])?["canceled"] == 1)
            #expect(try await harness.store.task(id: task["id"] as? String ?? "")?.status == .open, "canceling a run leaves its tasks")
        }
    }
}

extension APICaller {
    /// Posts a playbook document, YAML unless `contentType` says otherwise, with `role`'s key (an admin's by default).
    func document(_ uri: String, _ text: String, contentType: String = "application/yaml",
                  as role: Role = .admin) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await self(.post, uri, text, as: role, contentType: contentType)
    }
}
