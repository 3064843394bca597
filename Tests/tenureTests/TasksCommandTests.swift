import Foundation
import Testing

/// `tenure tasks` and `tenure touchpoints` on the planted accounts of ``PlaybooksCommandTests``: tasks added by hand,
/// commented, snoozed, reassigned and listed by owner, queue, status and lateness; a touchpoint whose next step becomes a task.
@Suite("tenure tasks")
struct TasksCommandTests {
    @Test("add (owner from the account, or the unassigned queue), comment, snooze, reassign; list filters; show keeps every change")
    func manualTasks() async throws {
        let (directory, database, _, _) = try await PlaybooksCommandTests.setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = PlaybooksCommandTests.environment
        let qbr = try await CommandRunner.run(["tasks", "add", "--account", "acct_01", "--title", "Prepare the QBR", "--due-days", "5",
                                               "--priority", "high"] + database, environment: environment)
        #expect(qbr.status == 0, "\(qbr.stderr)")
        #expect(qbr.stdout.contains("for csm_ana, due 2026-06-20 12:00 UTC."))
        let id = String(try #require(qbr.stdout.firstMatch(of: /Created task (task_[0-9a-f]+)/)).1)
        let unowned = try await CommandRunner.run(["tasks", "add", "--account", "acct_06", "--title", "Find an owner"] + database)
        #expect(unowned.stdout.contains("for queue:unassigned."), "\(unowned.stdout)")
        let quote = try await CommandRunner.run(["tasks", "add", "--account", "acct_02", "--title", "Send the renewal quote", "--due-days", "1"] + database)
        #expect(quote.status == 0, "\(quote.stderr)")
        let missing = try await CommandRunner.run(["tasks", "add", "--account", "acct_99", "--title", "Nobody"] + database)
        #expect(missing.status == 1 && missing.stderr.contains("account_id: there is no account 'acct_99'"), "\(missing.stderr)")

        let mine = try await CommandRunner.run(["tasks", "list", "--owner", "csm_ana", "--format", "json"] + database)
        let rows = try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: String]] ?? []
        #expect(rows.map { $0["title"] } == ["Prepare the QBR"])
        #expect(PlaybooksCommandTests.instant(rows.first?["due"], isAbout: "2026-06-20T12:00:00Z") && rows.first?["priority"] == "high" && rows.first?["account"] == "Acme Analytics")
        let queue = try await CommandRunner.run(["tasks", "list", "--queue", "unassigned", "--format", "csv"] + database)
        #expect(queue.stdout.split(separator: "\n").count == 2 && queue.stdout.contains(",queue:unassigned,Find an owner"), "\(queue.stdout)")

        let comment = try await CommandRunner.run(["tasks", "comment", id, "Left a voicemail"] + database, environment: environment)
        #expect(comment.status == 0, "\(comment.stderr)")
        let snoozed = try await CommandRunner.run(["tasks", "snooze", id, "--days", "3"] + database, environment: environment)
        #expect(snoozed.stdout.contains("Snoozed \(id) until 2026-06-18 12:00 UTC"), "\(snoozed.stderr)")
        let neither = try await CommandRunner.run(["tasks", "snooze", id] + database)
        #expect(neither.status != 0 && neither.stderr.contains("give either --until DATE or --days N"))
        let reassigned = try await CommandRunner.run(["tasks", "reassign", id, "--owner", "csm_ben"] + database, environment: environment)
        #expect(reassigned.stdout.contains("Reassigned \(id) to csm_ben"), "\(reassigned.stderr)")
        let asleep = try await CommandRunner.run(["tasks", "list", "--status", "snoozed", "--format", "csv"] + database)
        #expect(asleep.stdout.split(separator: "\n").count == 2 && asleep.stdout.contains(id))

        let shown = try await CommandRunner.run(["tasks", "show", id, "--format", "json"] + database)
        let detail = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any] ?? [:]
        let task = detail["task"] as? [String: Any] ?? [:]
        #expect(task["owner_id"] as? String == "csm_ben" && task["status"] as? String == "snoozed")
        #expect(PlaybooksCommandTests.instant(task["snoozed_until"], isAbout: "2026-06-18T12:00:00Z"))
        let comments = detail["comments"] as? [[String: Any]] ?? []
        #expect(comments.map { $0["body"] as? String } == ["Left a voicemail"] && comments.first?["author"] as? String == "cli:tester")
        let history = detail["history"] as? [[String: Any]] ?? []
        #expect(history.map { $0["action"] as? String } == ["created", "commented", "snoozed", "reassigned"])
        #expect(history.dropFirst().allSatisfy { $0["actor"] as? String == "cli:tester" })

        // Five days on, the quote (due 06-16 12:00) is overdue; the snoozed task and the one with no due date are not.
        let late = try await CommandRunner.run(["tasks", "list", "--overdue", "--format", "csv"] + database,
                                               environment: ["TENURE_NOW": "2026-06-20T00:00:00Z"])
        let lateRows = late.stdout.split(separator: "\n").dropFirst()
        #expect(lateRows.count == 1 && lateRows.first?.contains(",true,open,normal,acct_02,Beacon Labs,csm_ben,Send the renewal quote") == true,
                "\(late.stdout)")
        let onTime = try await CommandRunner.run(["tasks", "list", "--overdue", "--format", "csv"] + database)
        #expect(onTime.stdout == "id,due,sla,overdue,status,priority,account_id,account,owner,title\n")
    }

    @Test("touchpoints log records attendees and makes the next step a task for the account's owner; list shows it")
    func touchpoints() async throws {
        let (directory, database, _, _) = try await PlaybooksCommandTests.setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let logged = try await CommandRunner.run(
            ["touchpoints", "log", "--account", "acct_02", "--kind", "qbr", "--summary", "Reviewed adoption; sponsor wants SSO",
             "--attendee", "c_02", "--executive-sponsor", "--next-step", "Send the SSO plan", "--task", "--due-days", "3"] + database,
            environment: PlaybooksCommandTests.environment)
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("Logged qbr tp_") && logged.stdout.contains("with acct_02."))
        #expect(logged.stdout.contains("for csm_ben, due 2026-06-18 12:00 UTC: Send the SSO plan"))

        let list = try await CommandRunner.run(["touchpoints", "list", "--account", "acct_02", "--format", "json"] + database)
        let rows = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: String]] ?? []
        #expect(rows.count == 1)
        #expect(rows.first?["kind"] == "qbr" && rows.first?["csm"] == "csm_ben" && rows.first?["attendees"] == "c_02")
        #expect(PlaybooksCommandTests.instant(rows.first?["occurred_at"], isAbout: "2026-06-15T12:00:00Z") && rows.first?["next_step"] == "Send the SSO plan")
        let touchpointID = try #require(rows.first?["id"])
        let tasks = try await CommandRunner.run(["tasks", "list", "--account", "acct_02", "--format", "json"] + database)
        let task = (try JSONSerialization.jsonObject(with: Data(tasks.stdout.utf8)) as? [[String: String]])?.first ?? [:]
        #expect(task["title"] == "Send the SSO plan" && task["owner"] == "csm_ben")
        let shown = try await CommandRunner.run(["tasks", "show", try #require(task["id"])] + database)
        #expect(shown.stdout.contains("Source: touchpoint:\(touchpointID)"))

        let noStep = try await CommandRunner.run(["touchpoints", "log", "--account", "acct_02", "--kind", "call", "--summary", "Hi", "--task"] + database)
        #expect(noStep.status != 0 && noStep.stderr.contains("--task needs --next-step TEXT"))
        let badKind = try await CommandRunner.run(["touchpoints", "log", "--account", "acct_02", "--kind", "visit", "--summary", "Hi"] + database)
        #expect(badKind.status != 0 && badKind.stderr.contains("visit"))
        let noAccount = try await CommandRunner.run(["touchpoints", "log", "--account", "acct_99", "--kind", "note", "--summary", "Hi"] + database)
        #expect(noAccount.status == 1 && noAccount.stderr.contains("account_id: there is no account 'acct_99'"))
        let stranger = try await CommandRunner.run(
            ["touchpoints", "log", "--account", "acct_02", "--kind", "call", "--summary", "Hi", "--attendee", "c_02", "--attendee", "c_99"] + database)
        #expect(stranger.status == 1 && stranger.stderr.contains("attendees[1]: 'c_99' is not a contact of"))
        let after = try await CommandRunner.run(["touchpoints", "list", "--account", "acct_02", "--format", "json"] + database)
        #expect((try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: String]])?.count == 1, "nothing stored")
    }
}
