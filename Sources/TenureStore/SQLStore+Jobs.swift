import Foundation

/// Recurring jobs: each claim, heartbeat and finish is one conditional UPDATE on the job's row,
/// which both backends apply atomically, so among any number of nodes exactly one wins a due run.
extension SQLStore {
    public func scheduleJob(_ name: String, every interval: TimeInterval, firstRunAt: Date) async throws {
        let latest = firstRunAt.addingTimeInterval(interval)
        try await database.write { connection in
            try await connection.run(
                """
                INSERT INTO jobs (name, interval_ms, next_run_at) VALUES (\(bind: name), \(bind: Int64(interval * 1000)), \(bind: firstRunAt))
                ON CONFLICT (name) DO UPDATE SET interval_ms = excluded.interval_ms,
                    next_run_at = CASE WHEN jobs.next_run_at > \(bind: latest) THEN \(bind: latest) ELSE jobs.next_run_at END
                """)
        }
    }

    public func claimJob(_ name: String, node: String, now: Date, leaseUntil: Date) async throws -> JobClaim? {
        try await database.write { connection in
            let claimed = try await connection.run(
                """
                UPDATE jobs SET lease_owner = \(bind: node), lease_expires_at = \(bind: leaseUntil)
                WHERE name = \(bind: name) AND next_run_at <= \(bind: now) AND (lease_owner IS NULL OR lease_expires_at <= \(bind: now))
                RETURNING next_run_at
                """)
            guard let row = claimed.first else { return nil }
            let claim = JobClaim(job: name, node: node, dueAt: try row["next_run_at"])
            try await connection.run(
                """
                INSERT INTO job_runs (job, due_at, node, attempts, started_at, heartbeat_at, status)
                VALUES (\(bind: name), \(bind: claim.dueAt), \(bind: node), 1, \(bind: now), \(bind: now), 'running')
                ON CONFLICT (job, due_at) DO UPDATE SET node = excluded.node, attempts = job_runs.attempts + 1,
                    started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, status = 'running', finished_at = NULL
                """)
            return claim
        }
    }

    public func renewJobLease(_ claim: JobClaim, now: Date, until: Date) async throws -> Bool {
        try await database.write { connection in
            guard try await Self.holdLease(claim, setting: "lease_expires_at = \(bind: until)", on: connection) else { return false }
            try await connection.run(
                "UPDATE job_runs SET heartbeat_at = \(bind: now) WHERE job = \(bind: claim.job) AND due_at = \(bind: claim.dueAt)")
            return true
        }
    }

    public func finishJob(_ claim: JobClaim, status: JobRun.Status, detail: String, now: Date) async throws -> Bool {
        try await database.write { connection in
            // The next due instant is the first one on the job's grid after now: missed runs collapse into one.
            let next: SQLQuery = """
                lease_owner = NULL, lease_expires_at = NULL, next_run_at = next_run_at + interval_ms * ((\(bind: now) - next_run_at) / interval_ms + 1)
                """
            guard try await Self.holdLease(claim, setting: next, on: connection) else { return false }
            try await connection.run(
                """
                UPDATE job_runs SET status = \(bind: status), detail = \(bind: String(detail.prefix(2_000))), finished_at = \(bind: now),
                    heartbeat_at = \(bind: now)
                WHERE job = \(bind: claim.job) AND due_at = \(bind: claim.dueAt)
                """)
            return true
        }
    }

    /// Applies `assignments` to the job's row if `claim` still holds its lease.
    private static func holdLease(_ claim: JobClaim, setting assignments: SQLQuery, on connection: any SQLConnection) async throws -> Bool {
        let rows = try await connection.run(
            """
            UPDATE jobs SET \(assignments)
            WHERE name = \(bind: claim.job) AND lease_owner = \(bind: claim.node) AND next_run_at = \(bind: claim.dueAt) RETURNING name
            """)
        return !rows.isEmpty
    }

    public func jobSchedules() async throws -> [JobSchedule] {
        try await database.read("SELECT name, interval_ms, next_run_at, lease_owner, lease_expires_at FROM jobs ORDER BY name").map { row in
            let interval: Int64 = try row["interval_ms"]
            return JobSchedule(name: try row["name"], interval: Double(interval) / 1000, nextRunAt: try row["next_run_at"],
                               leaseOwner: try row["lease_owner"], leaseExpiresAt: try row["lease_expires_at"])
        }
    }

    public func jobRuns(job: String?, limit: Int) async throws -> [JobRun] {
        let filter: SQLQuery = job.map { "WHERE job = \(bind: $0)" } ?? ""
        let rows = try await database.read(
            """
            SELECT job, due_at, node, attempts, started_at, heartbeat_at, finished_at, status, detail FROM job_runs \(filter)
            ORDER BY started_at DESC, job LIMIT \(bind: limit)
            """)
        return try rows.map { row in
            JobRun(job: try row["job"], dueAt: try row["due_at"], node: try row["node"], attempts: try row["attempts"],
                   startedAt: try row["started_at"], heartbeatAt: try row["heartbeat_at"], finishedAt: try row["finished_at"],
                   status: try row["status"], detail: try row["detail"])
        }
    }
}
