import Foundation
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

/// Playbooks on both backends: versions with one active at a time; runs started once per account and trigger (one
/// active per account), however many nodes try; each step executed once with its tasks, events and account changes;
/// the trigger cursor that never moves back.
@Suite("Playbooks: versions, runs, steps and the cursor")
struct PlaybookStoreTests {
    static let now = Fixtures.now
    static let detractor = "Detractor follow-up"

    static func playbook(_ name: String = detractor, note: String? = nil) -> StoredPlaybook {
        StoredPlaybook(name: name, format: .yaml, source: "name: \(name)\nsteps: []\n", note: note, author: "lead@example.com", createdAt: now)
    }

    static func run(_ id: String, account: String = "a1", trigger: String = "survey.response.created:s1",
                    status: PlaybookRun.Status = .active, next: Double? = 0) -> PlaybookRun {
        PlaybookRun(id: id, playbook: detractor, version: 1, accountID: account, status: status, triggerKey: trigger,
                    trace: "fired because NPS 4 ≤ 6", triggerData: ["response_id": .string("s1"), "score": .number(4)], startedAt: now,
                    nextStepAt: next.map(Fixtures.day))
    }

    @Test("each version gets the next number; one is active at a time; activate, deactivate and the summaries",
          arguments: Backend.allCases)
    func versions(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let first = try await store.addPlaybook(Self.playbook(note: "draft"), activate: false)
            #expect(first.version == 1 && !first.active && first.activatedAt == nil && first.note == "draft")
            let second = try await store.addPlaybook(Self.playbook(), activate: true)
            #expect(second.version == 2 && second.active && second.activatedAt == Self.now)
            let third = try await store.addPlaybook(Self.playbook(), activate: true)
            #expect(third.version == 3)
            #expect(try await store.playbookVersions(name: Self.detractor).map(\.active) == [false, false, true])
            #expect(try await store.playbook(name: Self.detractor, version: nil) == third)
            #expect(try await store.playbook(name: Self.detractor, version: 1) == first)

            #expect(try await store.activatePlaybook(name: Self.detractor, version: 1, at: Fixtures.day(1)))
            #expect(try await !store.activatePlaybook(name: Self.detractor, version: 9, at: Fixtures.day(1)))
            #expect(try await store.playbookVersions(name: Self.detractor).map(\.active) == [true, false, false])
            #expect(try await store.playbook(name: Self.detractor, version: nil)?.version == 1, "the active version, not the latest")
            #expect(try await store.activePlaybooks().map(\.version) == [1])
            #expect(try await store.activePlaybooks().first?.activatedAt == Fixtures.day(1))

            #expect(try await store.deactivatePlaybook(name: Self.detractor, at: Fixtures.day(2)))
            #expect(try await !store.deactivatePlaybook(name: Self.detractor, at: Fixtures.day(2)))
            #expect(try await store.activePlaybooks().isEmpty)
            #expect(try await store.playbook(name: Self.detractor, version: nil)?.version == 3, "the latest, when none is active")
            #expect(try await store.playbookVersions(name: "nope").isEmpty)

            _ = try await store.addPlaybook(Self.playbook("Renewal 120 days out"), activate: true)
            #expect(try await store.startRun(Self.run("r1"), steps: []))
            #expect(try await store.startRun(Self.run("r2", account: "a2"), steps: []))
            #expect(try await store.startRun(Self.run("r3", account: "a3", status: .heldOut, next: nil), steps: []))
            #expect(try await store.cancelRun(id: "r2", reason: "account churned", at: Fixtures.day(1)))
            #expect(try await store.playbooks() == [
                PlaybookSummary(name: Self.detractor, latestVersion: 3, activeVersion: nil, runs: [.active: 1, .canceled: 1, .heldOut: 1]),
                PlaybookSummary(name: "Renewal 120 days out", latestVersion: 1, activeVersion: 1, runs: [:]),
            ])
        }
    }

    @Test("a run starts once per account and trigger, one active per account; held-out runs are kept; runs list and fall due",
          arguments: Backend.allCases)
    func starts(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let log = [PlaybookRunStep(runID: "r1", index: 0, at: Self.now, outcome: "enrolled: NPS 4 ≤ 6")]
            #expect(try await store.startRun(Self.run("r1", next: 1), steps: log))
            #expect(try await !store.startRun(Self.run("r1b", next: 1), steps: log), "the same trigger again")
            #expect(try await !store.startRun(Self.run("r1c", trigger: "survey.response.created:s2"), steps: []), "a run is active")
            #expect(try await store.startRun(Self.run("r2", account: "a2", trigger: "manual", next: 2), steps: []))
            #expect(try await store.startRun(Self.run("h1", account: "a3", status: .heldOut, next: nil), steps: []))
            #expect(try await store.startRun(Self.run("h2", account: "a3", trigger: "manual", status: .heldOut, next: nil), steps: []))
            #expect(try await store.runSteps(runID: "r1") == log)
            #expect(try await store.runSteps(runID: "r1b").isEmpty)
            #expect(try await store.run(id: "r1") == Self.run("r1", next: 1))
            #expect(try await store.lastRunStart(playbook: Self.detractor, accountID: "a3") == Self.now)
            #expect(try await store.lastRunStart(playbook: Self.detractor, accountID: "a9") == nil)
            #expect(try await store.dueRuns(at: Fixtures.day(1), limit: 10).map(\.id) == ["r1"])
            #expect(try await store.dueRuns(at: Fixtures.day(5), limit: 10).map(\.id) == ["r1", "r2"])
            #expect(try await store.runs(RunQuery(accountID: "a3")).items.map(\.id).sorted() == ["h1", "h2"])
            #expect(try await store.runs(RunQuery(status: .active)).total == 2)
            #expect(try await store.runs(RunQuery(playbook: "nope")).total == 0)

            #expect(try await store.cancelRun(id: "r1", reason: "owner asked", at: Fixtures.day(1)))
            #expect(try await !store.cancelRun(id: "r1", reason: "again", at: Fixtures.day(1)))
            let canceled = try await store.run(id: "r1")
            #expect(canceled?.status == .canceled && canceled?.finishedAt == Fixtures.day(1) && canceled?.reason == "owner asked")
            #expect(try await store.startRun(Self.run("r1c", trigger: "survey.response.created:s2"), steps: []),
                    "with the first run over, a new trigger starts one")
        }
    }

    @Test("ten nodes starting the same run at once: exactly one starts it", arguments: Backend.allCases)
    func concurrentStarts(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            try await withStore(url) { a in try await withStore(url) { b in
                let nodes = [a, b]
                let started = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<10 {
                        group.addTask {
                            let step = PlaybookRunStep(runID: "r\(index)", index: 0, at: Self.now, outcome: "enrolled")
                            return try await nodes[index % 2].startRun(Self.run("r\(index)"), steps: [step])
                        }
                    }
                    return try await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(started.filter { $0 }.count == 1)
                let runs = try await a.runs(RunQuery())
                #expect(runs.total == 1)
                #expect(try await a.runSteps(runID: runs.items[0].id).count == 1)
            } }
        }
    }

    /// Step 0 of run r1 on account a1: a task, a Slack message, the owner, stage, tags and a trait changed, and two runs
    /// of another playbook started (the second for an account that already has one active).
    static func step(_ attempt: Int) -> RunAdvance {
        let task = SuccessTask(id: "task_step\(attempt)", accountID: "a1", ownerID: "csm_1", title: "Call Acme Analytics about their NPS 4",
                               priority: .high, dueAt: Fixtures.day(2), createdAt: now, source: "playbook:\(detractor)",
                               playbookRunID: "r1", playbookStep: 0)
        let message = DomainEvent(type: .playbookNotification, accountID: "a1", occurredAt: now, data: ["text": .string("Follow up")],
                                  key: "playbook.notification:r1:0")
        func other(_ id: String, _ account: String) -> PlaybookRun {
            PlaybookRun(id: id, playbook: "Rescue", version: 1, accountID: account, status: .active, triggerKey: "playbook:r1",
                        trace: "started by \(detractor)", startedAt: now, nextStepAt: now)
        }
        return RunAdvance(
            runID: "r1", fromStep: 0, nextStep: 1, nextStepAt: Fixtures.day(7), status: .active, tasks: [task], events: [message],
            accountChanges: [.owner(accountID: "a1", ownerID: "csm_2"), .stage(accountID: "a1", .renewal), .addTag(accountID: "a1", "detractor"),
                             .removeTag(accountID: "a1", "pilot"), .trait(accountID: "a1", key: "nps_followup", .bool(true)),
                             .addTag(accountID: "a9", "gone")],
            log: [PlaybookRunStep(runID: "r1", index: 0, at: now, outcome: "created task task_step\(attempt) for csm_1")],
            startRuns: [other("rescue_a2\(attempt)", "a2"), other("rescue_a1\(attempt)", "a1")])
    }

    @Test("a step executes once: its task with history and event, its events, account changes and the runs it starts",
          arguments: Backend.allCases)
    func advance(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Self.now)
            #expect(try await store.startRun(Self.run("r1"), steps: []))
            #expect(try await store.startRun(PlaybookRun(id: "rescue_old", playbook: "Rescue", version: 1, accountID: "a1", status: .active,
                                                         triggerKey: "manual", trace: "by hand", startedAt: Self.now), steps: []))
            #expect(try await !store.advanceRun(Self.step(0).movedFrom(3), at: Self.now), "the run is not at step 3")
            #expect(try await store.advanceRun(Self.step(0), at: Self.now))
            #expect(try await !store.advanceRun(Self.step(1), at: Self.now), "step 0 is done")

            let run = try #require(try await store.run(id: "r1"))
            #expect(run.nextStep == 1 && run.nextStepAt == Fixtures.day(7) && run.status == .active && run.lastTaskID == "task_step0")
            #expect(try await store.tasks(TaskQuery(playbookRunID: "r1")).items.map(\.task) == [Self.step(0).tasks[0]])
            #expect(try await store.taskHistory(taskID: "task_step0").map(\.actor) == ["playbook:\(Self.detractor)"])
            #expect(try await store.runSteps(runID: "r1").map(\.outcome) == ["created task task_step0 for csm_1"])
            let account = try #require(try await store.account(id: "a1")?.account)
            #expect(account.ownerID == "csm_2" && account.lifecycleStage == .renewal && account.tags == ["detractor"])
            #expect(account.traits["nps_followup"] == .bool(true) && account.traits["plan_tier"] == .string("growth"))
            #expect(account.updatedAt == Self.now)
            #expect(try await store.runs(RunQuery(playbook: "Rescue")).items.map(\.id).sorted() == ["rescue_a20", "rescue_old"],
                    "a1 already had an active Rescue run")

            let events = try await store.events(EventQuery(accountID: "a1", limit: 20)).items
            let byType = Dictionary(grouping: events, by: \.type)
            #expect(byType[.taskCreated]?.count == 1 && byType[.playbookNotification]?.count == 1)
            let stage = try #require(byType[.accountStageChanged]?.first)
            #expect(byType[.accountStageChanged]?.count == 1)
            #expect(stage.data == ["account_id": .string("a1"), "from": .string("adoption"), "to": .string("renewal")])

            let last = RunAdvance(runID: "r1", fromStep: 1, nextStep: 2, nextStepAt: nil, status: .completed)
            #expect(try await store.advanceRun(last, at: Fixtures.day(7)))
            let finished = try await store.run(id: "r1")
            #expect(finished?.status == .completed && finished?.finishedAt == Fixtures.day(7) && finished?.lastTaskID == "task_step0")
            #expect(try await store.dueRuns(at: Fixtures.day(30), limit: 10).map(\.id).contains("r1") == false)
        }
    }

    @Test("ten nodes executing the same step at once: exactly one does, and its task is created once", arguments: Backend.allCases)
    func concurrentAdvances(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            try await withStore(url) { a in try await withStore(url) { b in
                let nodes = [a, b]
                try await a.write(Fixtures.batch(), asOf: Self.now)
                #expect(try await a.startRun(Self.run("r1"), steps: []))
                let winners = try await withThrowingTaskGroup(of: Int?.self) { group in
                    for index in 0..<10 {
                        group.addTask { try await nodes[index % 2].advanceRun(Self.step(index), at: Self.now) ? index : nil }
                    }
                    return try await group.reduce(into: [Int]()) { if let index = $1 { $0.append(index) } }
                }
                #expect(winners.count == 1)
                let winner = try #require(winners.first)
                #expect(try await a.tasks(TaskQuery(playbookRunID: "r1")).items.map(\.task.id) == ["task_step\(winner)"])
                #expect(try await a.events(EventQuery(type: .taskCreated, limit: 20)).total == 1)
                #expect(try await a.events(EventQuery(type: .accountStageChanged, limit: 20)).total == 1)
                #expect(try await a.runSteps(runID: "r1").count == 1)
                #expect(try await a.runs(RunQuery(playbook: "Rescue")).total == 2)
            } }
        }
    }

    @Test("the cursor only moves forward; events after it come oldest first", arguments: Backend.allCases)
    func cursor(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            #expect(try await store.playbookCursor() == 0)
            try await store.advancePlaybookCursor(to: 5)
            try await store.advancePlaybookCursor(to: 3)
            #expect(try await store.playbookCursor() == 5)
            try await store.advancePlaybookCursor(to: 12)
            #expect(try await store.playbookCursor() == 12)

            let events = (0..<4).map { DomainEvent(type: .surveyResponseCreated, accountID: "a1", occurredAt: Self.now, data: [:], key: "s\($0)") }
            #expect(try await store.appendEvents(events, at: Self.now) == 4)
            let all = try await store.events(after: 0, limit: 10)
            #expect(all.map(\.id) == events.map(\.id))
            #expect(try await store.events(after: all[1].seq, limit: 1).map(\.id) == [events[2].id])
        }
    }
}

extension RunAdvance {
    /// The same step, expected at `step`.
    func movedFrom(_ step: Int) -> RunAdvance {
        var advance = self
        advance.fromStep = step
        return advance
    }
}
