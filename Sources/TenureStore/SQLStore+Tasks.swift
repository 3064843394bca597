import Foundation
import TenureCore

/// Tasks: a person's change is one transaction that locks the task's row, checks the change is allowed and writes the
/// task with its history line; the sweep and escalations are conditional UPDATEs, so that with any number of nodes each
/// task wakes, falls overdue and reaches an escalation tier once, with its history line and event.
extension SQLStore {
    /// Who the history names for what the store does on its own (waking snoozed tasks, marking overdue ones).
    static let sweeper = "tenure"

    public func createTask(_ task: SuccessTask, actor: String, at now: Date) async throws {
        try await database.write { [dialect] connection in
            try await Self.insertTasks([task], actor: actor, at: now, on: connection, dialect: dialect)
        }
    }

    /// Inserts `tasks` (validated) with their `created` history lines and `task.created` events, inside the caller's
    /// transaction.
    static func insertTasks(_ tasks: [SuccessTask], actor: String, at now: Date, on connection: any SQLConnection,
                            dialect: SQLDialect) async throws {
        guard !tasks.isEmpty else { return }
        for task in tasks { try task.validate() }
        try await connection.insert(tasks, into: Tables.tasks, dialect: dialect)
        let lines = tasks.map { TaskChange(taskID: $0.id, at: now, actor: actor, action: .created, detail: creationDetail($0)) }
        try await connection.insert(lines, into: Tables.taskHistory, dialect: dialect)
        _ = try await appendEvents(tasks.map { TaskEvents.created($0, at: now) }, at: now, on: connection)
    }

    /// `"for csm_ana, due 2026-12-02 17:00 UTC"`: whose the new task is and when it is due.
    private static func creationDetail(_ task: SuccessTask) -> String {
        let owner = task.ownerID.map { "for \($0)" } ?? task.queue.map { "in queue \($0)" } ?? "unassigned"
        return [owner, task.dueAt.map { "due \(TaskChange.describe($0))" }, task.slaDueAt.map { "SLA \(TaskChange.describe($0))" }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    public func task(id: String) async throws -> SuccessTask? {
        try await select(Tables.tasks, "WHERE id = \(bind: id)").first
    }

    public func tasks(_ query: TaskQuery) async throws -> Page<TaskRow> {
        let deadline = Self.deadline("t")
        let statuses = query.statuses.isEmpty ? SuccessTask.Status.allCases.filter(\.isOpen) : query.statuses
        var conditions: [SQLQuery] = ["t.status IN (\(bindEach: statuses.map { SQLValue.text($0.rawValue) }))"]
        if let owner = query.ownerID { conditions.append(owner == AccountQuery.unowned ? "t.owner_id IS NULL" : "t.owner_id = \(bind: owner)") }
        if let queue = query.queue { conditions.append("t.queue = \(bind: queue)") }
        if let account = query.accountID { conditions.append("t.account_id = \(bind: account)") }
        if let before = query.dueBefore { conditions.append("\(deadline) < \(bind: before)") }
        if let at = query.overdueAt { conditions.append("t.status IN ('open', 'in_progress') AND \(deadline) < \(bind: at)") }
        if let run = query.playbookRunID { conditions.append("t.playbook_run_id = \(bind: run)") }
        return try await page(
            select: "SELECT \(Tables.tasks.columnList("t")), a.name AS account_name, c.name AS owner_name",
            from: "FROM tasks t LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN csms c ON c.id = t.owner_id \(conditions.whereClause)",
            orderBy: "(\(deadline) IS NULL), \(deadline), t.created_at, t.id", limit: query.limit, offset: query.offset) { row in
            TaskRow(task: try Tables.tasks.decode(row), accountName: try row["account_name"], ownerName: try row["owner_name"])
        }
    }

    /// The earlier of the due date and the SLA of the tasks called `alias` (either one when the other is null):
    /// ``SuccessTask/deadline`` in SQL.
    static func deadline(_ alias: String) -> SQLQuery {
        let due = "\(alias).due_at", sla = "\(alias).sla_due_at"
        return "(CASE WHEN \(unsafeRaw: sla) IS NULL OR \(unsafeRaw: due) < \(unsafeRaw: sla) THEN \(unsafeRaw: due) ELSE \(unsafeRaw: sla) END)"
    }

    public func updateTask(id: String, _ change: TaskUpdate, actor: String, at now: Date) async throws -> SuccessTask? {
        try await database.write { [dialect] connection in
            let rows = try await connection.run("\(Tables.tasks.select) WHERE id = \(bind: id) \(dialect.forUpdate)")
            guard let task = try Tables.tasks.records(rows).first else { return nil }
            guard let applied = try change.applied(to: task, by: actor, at: now) else { return task }
            try await connection.upsert([applied.task], into: Tables.tasks, dialect: dialect)
            if applied.task.deadline != task.deadline {
                // A new deadline can be missed again.
                try await connection.run("UPDATE tasks SET overdue_marked_at = NULL WHERE id = \(bind: id)")
            }
            try await connection.insert([applied.change], into: Tables.taskHistory, dialect: dialect)
            return applied.task
        }
    }

    public func addComment(_ comment: TaskComment) async throws -> Bool {
        try comment.validate()
        return try await database.write { [dialect] connection in
            let found = try await connection.run(
                """
                UPDATE tasks SET updated_at = CASE WHEN updated_at < \(bind: comment.createdAt) THEN \(bind: comment.createdAt) ELSE updated_at END
                WHERE id = \(bind: comment.taskID) RETURNING id
                """)
            guard !found.isEmpty else { return false }
            try await connection.insert([comment], into: Tables.taskComments, dialect: dialect)
            let line = TaskChange(taskID: comment.taskID, at: comment.createdAt, actor: comment.author, action: .commented,
                                  detail: String(comment.body.prefix(200)))
            try await connection.insert([line], into: Tables.taskHistory, dialect: dialect)
            return true
        }
    }

    public func comments(taskID: String) async throws -> [TaskComment] {
        try await select(Tables.taskComments, "WHERE task_id = \(bind: taskID) ORDER BY created_at, seq")
    }

    public func taskHistory(taskID: String) async throws -> [TaskChange] {
        try await select(Tables.taskHistory, "WHERE task_id = \(bind: taskID) ORDER BY seq")
    }

    public func sweepTasks(at now: Date) async throws -> TaskSweep {
        try await retryingOnContention {
            try await database.write { [dialect] connection in
                let woke = try await connection.run(
                    """
                    UPDATE tasks SET status = 'open', snoozed_until = NULL, updated_at = \(bind: now)
                    WHERE status = 'snoozed' AND snoozed_until <= \(bind: now) RETURNING id
                    """).map { row -> String in try row["id"] }
                let overdue = try Tables.tasks.records(try await connection.run(
                    """
                    UPDATE tasks SET overdue_marked_at = \(bind: now)
                    WHERE status IN ('open', 'in_progress') AND overdue_marked_at IS NULL AND \(Self.deadline("tasks")) < \(bind: now)
                    RETURNING \(Tables.tasks.columnList())
                    """))
                let lines = woke.map { TaskChange(taskID: $0, at: now, actor: Self.sweeper, action: .woke, detail: "snooze ended") }
                    + overdue.map { TaskChange(taskID: $0.id, at: now, actor: Self.sweeper, action: .overdue, detail: Self.overdueDetail($0)) }
                try await connection.insert(lines, into: Tables.taskHistory, dialect: dialect)
                _ = try await Self.appendEvents(overdue.map { TaskEvents.overdue($0, at: now) }, at: now, on: connection)
                return TaskSweep(woke: woke.count, overdue: overdue.count)
            }
        }
    }

    /// `"due 2026-12-02 17:00 UTC passed"`, or the SLA's when it came first.
    private static func overdueDetail(_ task: SuccessTask) -> String {
        guard let deadline = task.deadline else { return "" }
        return "\(deadline == task.dueAt ? "due" : "SLA") \(TaskChange.describe(deadline)) passed"
    }

    public func overdueTasks(at now: Date, limit: Int) async throws -> [SuccessTask] {
        let deadline = Self.deadline("tasks")
        return try await select(Tables.tasks, """
            WHERE status IN ('open', 'in_progress') AND \(deadline) < \(bind: now) ORDER BY \(deadline), id LIMIT \(bind: limit)
            """)
    }

    public func escalateTask(id: String, toTier tier: Int, detail: String, events: [DomainEvent], at now: Date) async throws -> Bool {
        try await database.write { [dialect] connection in
            let raised = try await connection.run(
                """
                UPDATE tasks SET escalation_tier = \(bind: tier), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND escalation_tier < \(bind: tier) RETURNING id
                """)
            guard !raised.isEmpty else { return false }
            let line = TaskChange(taskID: id, at: now, actor: "escalation", action: .escalated, detail: detail)
            try await connection.insert([line], into: Tables.taskHistory, dialect: dialect)
            _ = try await Self.appendEvents(events, at: now, on: connection)
            return true
        }
    }

    public func taskLoad(at now: Date, dayEnd: Date, weekEnd: Date) async throws -> [TaskLoad] {
        let deadline = Self.deadline("t")
        /// Open and in-progress tasks whose deadline falls in `[from, to)` (no lower bound when `from` is `nil`).
        func due(from: Date?, before to: Date) -> SQLQuery {
            let lower: SQLQuery = from.map { "AND \(deadline) >= \(bind: $0) " } ?? ""
            return "SUM(CASE WHEN t.status IN ('open', 'in_progress') \(lower)AND \(deadline) < \(bind: to) THEN 1 ELSE 0 END)"
        }
        let group: SQLQuery = "t.owner_id, CASE WHEN t.owner_id IS NULL THEN t.queue END"
        let rows = try await database.read(
            """
            SELECT \(group) AS load_queue, MAX(c.name) AS owner_name, COUNT(*) AS open_count,
                \(due(from: nil, before: now)) AS overdue, \(due(from: now, before: dayEnd)) AS due_today,
                \(due(from: now, before: weekEnd)) AS due_this_week
            FROM tasks t LEFT JOIN csms c ON c.id = t.owner_id WHERE t.status IN ('open', 'in_progress', 'snoozed') GROUP BY \(group)
            """)
        let loads = try rows.map { row in
            TaskLoad(ownerID: try row["owner_id"], ownerName: try row["owner_name"], queue: try row["load_queue"], open: try row["open_count"],
                     overdue: try row["overdue"], dueToday: try row["due_today"], dueThisWeek: try row["due_this_week"])
        }
        // Owners by name, then queues, then the tasks nobody owns nor queues.
        func order(_ load: TaskLoad) -> (Int, String, String, Int, String) {
            (load.ownerID == nil ? 1 : 0, load.ownerName ?? "", load.ownerID ?? "", load.queue == nil ? 1 : 0, load.queue ?? "")
        }
        return loads.sorted { order($0) < order($1) }
    }
}
