import Foundation
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

/// Tasks on both backends: each change allowed or refused by the task's status, with its history line; the queue's
/// filters and order; each owner's load; the sweep and escalations marking each task once, however many nodes run them.
@Suite("Tasks: transitions, history, queue, sweep and escalation")
struct TaskStoreTests {
    static let now = Fixtures.now

    /// The fixture facts (accounts a1 "Acme Analytics" and a2, CSM csm_1 "Ada Berg") without their task.
    static func facts(_ store: any Store) async throws {
        var batch = Fixtures.batch()
        batch.tasks = []
        try await store.write(batch, asOf: now)
    }

    static func task(_ id: String, account: String? = "a1", owner: String? = "csm_1", queue: String? = nil, status: SuccessTask.Status = .open,
                     due: Double? = nil, sla: Double? = nil, snoozed: Double? = nil, created: Double = 0) -> SuccessTask {
        SuccessTask(id: id, accountID: account, ownerID: owner, queue: queue, title: "Task \(id)", status: status, dueAt: due.map(Fixtures.day),
                    slaDueAt: sla.map(Fixtures.day), snoozedUntil: snoozed.map(Fixtures.day), createdAt: Fixtures.day(created))
    }

    @Test("allowed changes write the task and one readable history line; refused ones are conflicts that write nothing",
          arguments: Backend.allCases)
    func transitions(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await Self.facts(store)
            var task = Self.task("t1", due: 2)
            task.title = "Renewal call"
            try await store.createTask(task, actor: "ana@example.com", at: Self.now)
            let created = try await store.events(EventQuery(type: .taskCreated, limit: 10)).items
            #expect(created.map(\.accountID) == ["a1"] && created.first?.key == "task.created:t1")
            #expect(created.first?.data["task_id"] == .string("t1") && created.first?.data["title"] == .string("Renewal call"))
            #expect(created.first?.data["due_at"] == .string("2026-01-17T00:00:00.000Z"))

            let at = Self.now.addingTimeInterval(3_600)
            #expect(try await store.updateTask(id: "t1", .start, actor: "ana", at: at)?.status == .inProgress)
            #expect(try await store.updateTask(id: "t1", .start, actor: "ana", at: at)?.status == .inProgress, "starting again changes nothing")
            await #expect(throws: ValidationError(field: "until", "must be in the future")) {
                try await store.updateTask(id: "t1", .snooze(until: at), actor: "ana", at: at)
            }
            let snoozed = try await store.updateTask(id: "t1", .snooze(until: Fixtures.day(1)), actor: "ana", at: at)
            #expect(snoozed?.status == .snoozed && snoozed?.snoozedUntil == Fixtures.day(1) && snoozed?.updatedAt == at)
            let moved = try await store.updateTask(id: "t1", .reassign(ownerID: "csm_2", queue: "onboarding"), actor: "lead", at: at)
            #expect(moved?.ownerID == "csm_2" && moved?.queue == "onboarding")
            let edited = try await store.updateTask(id: "t1", .edit(title: "Call Acme", details: nil, dueAt: Fixtures.day(3), priority: .high),
                                                    actor: "ana", at: at)
            #expect(edited?.title == "Call Acme" && edited?.details == nil && edited?.dueAt == Fixtures.day(3) && edited?.priority == .high)
            let done = try await store.updateTask(id: "t1", .complete(outcome: .saved, note: "Renewing"), actor: "ana", at: Fixtures.day(0.5))
            #expect(done?.status == .done && done?.completedAt == Fixtures.day(0.5) && done?.outcome == .saved && done?.outcomeNote == "Renewing")

            let lines = try await store.taskHistory(taskID: "t1").count
            for refused in [TaskUpdate.complete(outcome: nil, note: nil), .start, .snooze(until: Fixtures.day(9)), .cancel(reason: nil)] {
                await #expect(throws: StoreError(.conflict, "the task is done: it cannot be \(Self.verb(refused))")) {
                    try await store.updateTask(id: "t1", refused, actor: "ana", at: Fixtures.day(1))
                }
            }
            #expect(try await store.task(id: "t1") == done, "a refused change leaves the task as it was")
            #expect(try await store.taskHistory(taskID: "t1").count == lines, "and writes no history")

            let reopened = try await store.updateTask(id: "t1", .reopen, actor: "lead", at: Fixtures.day(1))
            #expect(reopened?.status == .open && reopened?.completedAt == nil && reopened?.outcome == nil && reopened?.outcomeNote == nil)
            await #expect(throws: StoreError(.conflict, "the task is open: it cannot be reopened")) {
                try await store.updateTask(id: "t1", .reopen, actor: "lead", at: Fixtures.day(1))
            }
            #expect(try await store.updateTask(id: "t1", .cancel(reason: "Duplicate of t2"), actor: "lead", at: Fixtures.day(1))?.status == .canceled)
            #expect(try await store.updateTask(id: "nope", .start, actor: "ana", at: at) == nil)

            let history = try await store.taskHistory(taskID: "t1")
            #expect(history.map(\.action) == [.created, .edited, .snoozed, .reassigned, .edited, .completed, .reopened, .canceled])
            #expect(history.map(\.detail) == [
                "for csm_1, due 2026-01-17 00:00 UTC",
                "status open → in_progress",
                "snoozed until 2026-01-16 00:00 UTC",
                "owner csm_1 → csm_2; queue none → onboarding",
                "title “Renewal call” → “Call Acme”; due 2026-01-17 00:00 UTC → 2026-01-18 00:00 UTC; priority normal → high",
                "outcome saved; note “Renewing”",
                "status done → open",
                "Duplicate of t2",
            ])
            #expect(history.map(\.actor) == ["ana@example.com", "ana", "ana", "lead", "ana", "ana", "lead", "lead"])
            #expect(history[2].at == at && history[5].at == Fixtures.day(0.5))
        }
    }

    static func verb(_ update: TaskUpdate) -> String {
        switch update {
        case .start: "started"
        case .complete: "completed"
        case .snooze: "snoozed"
        case .cancel: "canceled"
        default: "changed"
        }
    }

    @Test("comments are kept oldest first with a history line; a comment on no task is refused", arguments: Backend.allCases)
    func comments(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await Self.facts(store)
            try await store.createTask(Self.task("t1"), actor: "ana", at: Self.now)
            let first = TaskComment(id: "c1", taskID: "t1", author: "ana", body: "Left a voicemail", createdAt: Fixtures.day(1))
            let second = TaskComment(id: "c2", taskID: "t1", author: "ben", body: "They called back", createdAt: Fixtures.day(2))
            #expect(try await store.addComment(second))
            #expect(try await store.addComment(first))
            #expect(try await !store.addComment(TaskComment(id: "c3", taskID: "nope", author: "ana", body: "Lost", createdAt: Fixtures.day(1))))
            #expect(try await store.comments(taskID: "t1") == [first, second])
            #expect(try await store.comments(taskID: "nope").isEmpty)
            let history = try await store.taskHistory(taskID: "t1")
            #expect(history.map(\.action) == [.created, .commented, .commented])
            #expect(history.map(\.detail).suffix(2) == ["They called back", "Left a voicemail"] && history[1].actor == "ben")
            #expect(try await store.task(id: "t1")?.updatedAt == Fixtures.day(2), "a comment is activity, never moving updated_at back")
        }
    }

    /// A: due in 3 days; B: SLA in half a day; C: queued, no due date; D: done; E: snoozed, nobody's; F: overdue, in progress.
    static let queue: [SuccessTask] = {
        var a = task("A", due: 3)
        a.playbookRunID = "run_1"
        return [a, task("B", due: 5, sla: 0.5), task("C", owner: nil, queue: "onboarding", created: -1), task("D", status: .done, due: -2),
                task("E", owner: nil, status: .snoozed, due: 2, snoozed: 1), task("F", account: "a2", status: .inProgress, due: -1)]
    }()

    @Test("the queue lists open work soonest deadline first with names, filtered by owner, queue, account, status, due and overdue",
          arguments: Backend.allCases)
    func query(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await Self.facts(store)
            for task in Self.queue { try await store.createTask(task, actor: "ana", at: Self.now) }
            func ids(_ query: TaskQuery) async throws -> [String] { try await store.tasks(query).items.map(\.task.id) }
            let all = try await store.tasks(TaskQuery())
            #expect(all.items.map(\.task.id) == ["F", "B", "E", "A", "C"])
            #expect(all.total == 5)
            #expect(all.items.first?.accountName == "Beacon Labs" && all.items.first?.ownerName == "Ada Berg")
            #expect(all.items.last?.accountName == "Acme Analytics" && all.items.last?.ownerName == nil)
            #expect(all.items.first?.task == Self.queue[5], "a task reads back as written")
            #expect(try await ids(TaskQuery(ownerID: "csm_1")) == ["F", "B", "A"])
            #expect(try await ids(TaskQuery(ownerID: AccountQuery.unowned)) == ["E", "C"])
            #expect(try await ids(TaskQuery(queue: "onboarding")) == ["C"])
            #expect(try await ids(TaskQuery(accountID: "a2")) == ["F"])
            #expect(try await ids(TaskQuery(statuses: [.done, .inProgress])) == ["D", "F"])
            #expect(try await ids(TaskQuery(dueBefore: Fixtures.day(2))) == ["F", "B"], "E is due exactly then")
            #expect(try await ids(TaskQuery(overdueAt: Fixtures.day(1))) == ["F", "B"], "E is snoozed")
            #expect(try await ids(TaskQuery(playbookRunID: "run_1")) == ["A"])
            let page = try await store.tasks(TaskQuery(limit: 2, offset: 1))
            #expect(page.items.map(\.task.id) == ["B", "E"] && page.total == 5)
        }
    }

    @Test("each owner's, queue's and the unassigned open tasks are counted: overdue, due today, due this week", arguments: Backend.allCases)
    func load(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await Self.facts(store)
            for task in Self.queue { try await store.createTask(task, actor: "ana", at: Self.now) }
            let load = try await store.taskLoad(at: Self.now, dayEnd: Fixtures.day(1), weekEnd: Fixtures.day(7))
            // csm_1: A (day 3), B (SLA day 0.5) and F (overdue since day −1) are open; D is done.
            // The onboarding queue: C (no date). Nobody's: E, snoozed (open, but neither overdue nor due).
            #expect(load == [
                TaskLoad(ownerID: "csm_1", ownerName: "Ada Berg", queue: nil, open: 3, overdue: 1, dueToday: 1, dueThisWeek: 2),
                TaskLoad(ownerID: nil, ownerName: nil, queue: "onboarding", open: 1, overdue: 0, dueToday: 0, dueThisWeek: 0),
                TaskLoad(ownerID: nil, ownerName: nil, queue: nil, open: 1, overdue: 0, dueToday: 0, dueThisWeek: 0),
            ])
        }
    }

    /// S1: snoozed until before now and overdue; S2: snoozed until tomorrow; O1: due two days ago; O2: in progress past
    /// its SLA; O3: due tomorrow; O4: done long ago.
    static let sweepable = [
        task("S1", status: .snoozed, due: -1, snoozed: -0.1), task("S2", status: .snoozed, snoozed: 1), task("O1", due: -2),
        task("O2", status: .inProgress, due: 3, sla: -0.5), task("O3", due: 1), task("O4", status: .done, due: -3),
    ]

    @Test("a sweep wakes snoozed tasks and marks each overdue task once, with a history line and one event; a new deadline can be missed again",
          arguments: Backend.allCases)
    func sweep(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await Self.facts(store)
            for task in Self.sweepable { try await store.createTask(task, actor: "ana", at: Fixtures.day(-5)) }
            #expect(try await store.overdueTasks(at: Self.now, limit: 10).map(\.id) == ["O1", "O2"], "S1 is still snoozed")
            #expect(try await store.sweepTasks(at: Self.now) == TaskSweep(woke: 1, overdue: 3))
            #expect(try await store.sweepTasks(at: Self.now) == TaskSweep(woke: 0, overdue: 0), "a second sweep marks nothing")
            let woken = try await store.task(id: "S1")
            #expect(woken?.status == .open && woken?.snoozedUntil == nil)
            #expect(try await store.task(id: "S2")?.status == .snoozed)
            let s1 = try await store.taskHistory(taskID: "S1")
            #expect(s1.map(\.action) == [.created, .woke, .overdue] && s1.map(\.actor).suffix(2) == ["tenure", "tenure"])
            #expect(s1.last?.detail == "due 2026-01-14 00:00 UTC passed")
            #expect(try await store.taskHistory(taskID: "O2").last?.detail == "SLA 2026-01-14 12:00 UTC passed")
            let overdue = try await store.events(EventQuery(type: .taskOverdue, limit: 10)).items
            #expect(Set(overdue.compactMap { $0.data["task_id"] }) == [.string("S1"), .string("O1"), .string("O2")] && overdue.count == 3)
            #expect(try await store.overdueTasks(at: Self.now, limit: 2).map(\.id) == ["O1", "S1"], "most overdue first")

            let later = TaskUpdate.edit(title: nil, details: nil, dueAt: Fixtures.day(2), priority: nil)
            _ = try await store.updateTask(id: "O1", later, actor: "ana", at: Self.now)
            #expect(try await store.sweepTasks(at: Fixtures.day(3)) == TaskSweep(woke: 1, overdue: 2), "S2 wakes; O1 (new date) and O3 fall overdue")
            #expect(try await store.events(EventQuery(type: .taskOverdue, limit: 10)).total == 5)
        }
    }

    @Test("an escalation tier is reached once, with its history line and events", arguments: Backend.allCases)
    func escalate(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await Self.facts(store)
            let task = Self.task("O1", due: -2)
            try await store.createTask(task, actor: "ana", at: Fixtures.day(-5))
            func escalate(_ tier: Int) async throws -> Bool {
                let event = TaskEvents.escalated(task, tier: tier, reason: "overdue by 2 days", target: "csm_lead", at: Self.now)
                return try await store.escalateTask(id: "O1", toTier: tier, detail: "tier \(tier): overdue by 2 days → csm_lead", events: [event],
                                                    at: Self.now)
            }
            #expect(try await escalate(1))
            #expect(try await !escalate(1), "another node already escalated it")
            #expect(try await escalate(2))
            #expect(try await !escalate(1))
            #expect(try await !store.escalateTask(id: "nope", toTier: 1, detail: "", events: [], at: Self.now))
            #expect(try await store.task(id: "O1")?.escalationTier == 2)
            let lines = try await store.taskHistory(taskID: "O1").filter { $0.action == .escalated }
            #expect(lines.map(\.detail) == ["tier 1: overdue by 2 days → csm_lead", "tier 2: overdue by 2 days → csm_lead"])
            #expect(lines.allSatisfy { $0.actor == "escalation" })
            let events = try await store.events(EventQuery(type: .taskEscalated, limit: 10)).items
            #expect(events.map { $0.data["tier"] } == [.number(2), .number(1)])
        }
    }

    @Test("twenty sweeps at once on three nodes mark and event each overdue task exactly once", arguments: Backend.allCases)
    func concurrentSweeps(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            try await withStore(url) { a in try await withStore(url) { b in try await withStore(url) { c in
                let nodes = [a, b, c]
                try await Self.facts(a)
                for index in 0..<10 {
                    try await a.createTask(Self.task("late\(index)", due: -1 - Double(index)), actor: "ana", at: Fixtures.day(-20))
                }
                try await a.createTask(Self.task("later", due: 1), actor: "ana", at: Fixtures.day(-20))
                let marked = try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<20 { group.addTask { try await nodes[index % 3].sweepTasks(at: Self.now).overdue } }
                    return try await group.reduce(0, +)
                }
                #expect(marked == 10)
                for index in 0..<10 {
                    #expect(try await a.taskHistory(taskID: "late\(index)").filter { $0.action == .overdue }.count == 1)
                }
                #expect(try await a.events(EventQuery(type: .taskOverdue, limit: 100)).total == 10)
            } } }
        }
    }
}
