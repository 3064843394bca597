import Foundation
import TenureCore

/// Playbooks and their runs. Versions are appended with the next number and activated one at a time (a partial unique
/// index keeps one active version per name). A run is inserted with `ON CONFLICT DO NOTHING` against the unique
/// (playbook, account, trigger key) and the one-active-run-per-account index, and moved on by a conditional UPDATE of
/// its step that writes the step's effects only when it changed the row: across nodes a run starts once and each step
/// executes once.
extension SQLStore {
    public func addPlaybook(_ playbook: StoredPlaybook, activate: Bool) async throws -> StoredPlaybook {
        try await database.write { [dialect] connection in
            var stored = playbook
            stored.version = try await connection.nextVersion(in: "playbooks", where: "name", is: playbook.name)
            (stored.active, stored.activatedAt) = activate ? (true, playbook.createdAt) : (false, nil)
            if activate { try await connection.run("UPDATE playbooks SET active = 0 WHERE name = \(bind: playbook.name) AND active = 1") }
            // Two versions added at the same moment get the same number: the second fails with a conflict.
            try await connection.insert([stored], into: Tables.playbooks, dialect: dialect)
            return stored
        }
    }

    public func playbookVersions(name: String) async throws -> [StoredPlaybook] {
        try await select(Tables.playbooks, "WHERE name = \(bind: name) ORDER BY version")
    }

    public func playbook(name: String, version: Int?) async throws -> StoredPlaybook? {
        let which: SQLQuery = version.map { "AND version = \(bind: $0)" } ?? "ORDER BY active DESC, version DESC LIMIT 1"
        return try await select(Tables.playbooks, "WHERE name = \(bind: name) \(which)").first
    }

    public func playbooks() async throws -> [PlaybookSummary] {
        var runs: [String: [PlaybookRun.Status: Int]] = [:]
        for row in try await database.read("SELECT playbook, status, COUNT(*) AS runs FROM playbook_runs GROUP BY playbook, status") {
            let playbook: String = try row["playbook"], status: PlaybookRun.Status = try row["status"]
            runs[playbook, default: [:]][status] = try row["runs"]
        }
        let rows = try await database.read(
            """
            SELECT name, MAX(version) AS latest, MAX(CASE WHEN active = 1 THEN version END) AS active_version
            FROM playbooks GROUP BY name ORDER BY name
            """)
        return try rows.map { row in
            let name: String = try row["name"]
            return PlaybookSummary(name: name, latestVersion: try row["latest"], activeVersion: try row["active_version"], runs: runs[name] ?? [:])
        }
    }

    public func activePlaybooks() async throws -> [StoredPlaybook] {
        try await select(Tables.playbooks, "WHERE active = 1 ORDER BY name")
    }

    public func activatePlaybook(name: String, version: Int, at now: Date) async throws -> Bool {
        try await database.write { connection in
            let found = try await connection.run("SELECT 1 AS found FROM playbooks WHERE name = \(bind: name) AND version = \(bind: version)")
            guard !found.isEmpty else { return false }
            try await connection.run("UPDATE playbooks SET active = 0 WHERE name = \(bind: name) AND active = 1 AND version <> \(bind: version)")
            try await connection.run(
                """
                UPDATE playbooks SET active = 1, activated_at = \(bind: now) WHERE name = \(bind: name) AND version = \(bind: version) AND active = 0
                """)
            return true
        }
    }

    public func deactivatePlaybook(name: String, at now: Date) async throws -> Bool {
        try await database.write { connection in
            try await !connection.run("UPDATE playbooks SET active = 0 WHERE name = \(bind: name) AND active = 1 RETURNING version").isEmpty
        }
    }

    public func startRun(_ run: PlaybookRun, steps: [PlaybookRunStep]) async throws -> Bool {
        try await database.write { [dialect] connection in
            guard try await connection.insert([run], into: Tables.playbookRuns, dialect: dialect, skippingConflicts: true) == 1 else { return false }
            try await connection.insert(steps, into: Tables.playbookRunSteps, dialect: dialect)
            return true
        }
    }

    public func lastRunStart(playbook: String, accountID: String) async throws -> Date? {
        try await database.read(
            "SELECT MAX(started_at) AS started_at FROM playbook_runs WHERE playbook = \(bind: playbook) AND account_id = \(bind: accountID)")
            .first?["started_at"]
    }

    public func run(id: String) async throws -> PlaybookRun? {
        try await select(Tables.playbookRuns, "WHERE id = \(bind: id)").first
    }

    public func runs(_ query: RunQuery) async throws -> Page<PlaybookRun> {
        var conditions: [SQLQuery] = []
        if let playbook = query.playbook { conditions.append("playbook = \(bind: playbook)") }
        if let account = query.accountID { conditions.append("account_id = \(bind: account)") }
        if let status = query.status { conditions.append("status = \(bind: status)") }
        if let since = query.since { conditions.append("started_at >= \(bind: since)") }
        return try await page(select: "SELECT \(Tables.playbookRuns.columnList())", from: "FROM playbook_runs \(conditions.whereClause)",
                              orderBy: "started_at DESC, id DESC", limit: query.limit, offset: query.offset, Tables.playbookRuns.decode)
    }

    public func runSteps(runID: String) async throws -> [PlaybookRunStep] {
        try await select(Tables.playbookRunSteps, "WHERE run_id = \(bind: runID) ORDER BY seq")
    }

    public func dueRuns(at now: Date, limit: Int) async throws -> [PlaybookRun] {
        try await select(Tables.playbookRuns, """
            WHERE status = 'active' AND (next_step_at IS NULL OR next_step_at <= \(bind: now))
            ORDER BY COALESCE(next_step_at, started_at), id LIMIT \(bind: limit)
            """)
    }

    public func advanceRun(_ advance: RunAdvance, at now: Date) async throws -> Bool {
        try await database.write { [dialect] connection in
            let moved = try await connection.run(
                """
                UPDATE playbook_runs SET next_step = \(bind: advance.nextStep), next_step_at = \(bind: advance.nextStepAt),
                    status = \(bind: advance.status), last_task_id = COALESCE(\(bind: advance.lastTaskID ?? advance.tasks.last?.id), last_task_id),
                    reason = COALESCE(\(bind: advance.reason), reason), finished_at = \(bind: advance.status == .active ? nil : now)
                WHERE id = \(bind: advance.runID) AND status = 'active' AND next_step = \(bind: advance.fromStep)
                RETURNING playbook
                """)
            guard let row = moved.first else { return false }
            let playbook: String = try row["playbook"]
            try await Self.insertTasks(advance.tasks, actor: "playbook:\(playbook)", at: now, on: connection, dialect: dialect)
            let stageChanges = try await Self.apply(advance.accountChanges, at: now, on: connection, dialect: dialect)
            _ = try await Self.appendEvents(advance.events + stageChanges, at: now, on: connection)
            try await connection.insert(advance.log, into: Tables.playbookRunSteps, dialect: dialect)
            try await connection.insert(advance.startRuns, into: Tables.playbookRuns, dialect: dialect, skippingConflicts: true)
            return true
        }
    }

    /// Applies a step's account changes inside the caller's transaction (an account no longer stored is left out);
    /// returns `account.stage.changed` for each account whose stage moved.
    private static func apply(_ changes: [AccountChange], at now: Date, on connection: any SQLConnection,
                              dialect: SQLDialect) async throws -> [DomainEvent] {
        var order: [String] = [], before: [String: Account] = [:], after: [String: Account] = [:]
        for change in changes {
            let id = change.accountID
            if before[id] == nil {
                let rows = try await connection.run("\(Tables.accounts.select) WHERE id = \(bind: id) \(dialect.forUpdate)")
                guard let stored = try Tables.accounts.records(rows).first else { continue }
                (before[id], after[id]) = (stored, stored)
                order.append(id)
            }
            after[id]?.apply(change)
        }
        var events: [DomainEvent] = []
        var changed: [Account] = []
        for id in order {
            guard let old = before[id], var new = after[id], new != old else { continue }
            new.updatedAt = now
            try new.validate()
            changed.append(new)
            if old.lifecycleStage != new.lifecycleStage {
                events.append(AccountChangeEvents.stageChanged(accountID: id, from: old.lifecycleStage, to: new.lifecycleStage, at: now))
            }
        }
        guard !changed.isEmpty else { return [] }
        try await connection.upsert(changed, into: Tables.accounts, dialect: dialect)
        try await bumpFactsVersion(on: connection, forAccounts: changed.map(\.id))
        return events
    }

    public func cancelRun(id: String, reason: String, at now: Date) async throws -> Bool {
        try await database.write { connection in
            try await !connection.run(
                """
                UPDATE playbook_runs SET status = 'canceled', reason = \(bind: reason), finished_at = \(bind: now), next_step_at = NULL
                WHERE id = \(bind: id) AND status = 'active' RETURNING id
                """).isEmpty
        }
    }

    public func playbookCursor() async throws -> Int64 {
        Int64(try await setting(SettingKey.playbookCursor) ?? "0") ?? 0
    }

    public func advancePlaybookCursor(to seq: Int64) async throws {
        try await database.write { connection in
            try await connection.run(
                """
                INSERT INTO settings (key, value) VALUES (\(bind: SettingKey.playbookCursor), \(bind: String(seq)))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE CAST(settings.value AS BIGINT) < CAST(excluded.value AS BIGINT)
                """)
        }
    }

    public func events(after seq: Int64, limit: Int) async throws -> [StoredEvent] {
        try await database.read(
            """
            \(Self.eventColumns) FROM events e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.seq > \(bind: seq)
            ORDER BY e.seq LIMIT \(bind: limit)
            """).map(Self.storedEvent)
    }
}

extension AccountChange {
    /// The account the change is made to.
    var accountID: String {
        switch self {
        case .owner(let id, _), .stage(let id, _), .addTag(let id, _), .removeTag(let id, _), .trait(let id, _, _): id
        }
    }
}

extension Account {
    /// Makes `change` (whatever its account id says).
    mutating func apply(_ change: AccountChange) {
        switch change {
        case .owner(_, let owner): ownerID = owner
        case .stage(_, let stage): lifecycleStage = stage
        case .addTag(_, let tag): if !tags.contains(tag) { tags.append(tag) }
        case .removeTag(_, let tag): tags.removeAll { $0 == tag }
        case .trait(_, let key, let value): traits[key] = value
        }
    }
}
