import Foundation

/// Recurring jobs: each claim, heartbeat and finish is one conditional UPDATE on the job's row,
/// which both backends apply atomically, so among any number of nodes exactly one wins a due run.
extension SQLStore {
    public func scheduleJob(_ name: String, every interval: TimeInterval, firstRunAt: Date) async throws {
        let latest = firstRunAt.addingTimeInterval(interval)
        try await database.write { connection in
            try await connection.run(
                """
                INSERT INTO jobs (name, interval_ms, next_run_at) VALUES ($1, $2, $3)
                ON CONFLICT (name) DO UPDATE SET interval_ms = excluded.interval_ms,
                    next_run_at = CASE WHEN jobs.next_run_at > $4 THEN $4 ELSE jobs.next_run_at END
                """, [SQLValue(name), .integer(Int64(interval * 1000)), SQLValue(firstRunAt), SQLValue(latest)])
        }
    }

    public func claimJob(_ name: String, node: String, now: Date, leaseUntil: Date) async throws -> JobClaim? {
        try await database.write { connection in
            let claimed = try await connection.run(
                """
                UPDATE jobs SET lease_owner = $1, lease_expires_at = $2
                WHERE name = $3 AND next_run_at <= $4 AND (lease_owner IS NULL OR lease_expires_at <= $4)
                RETURNING next_run_at
                """, [SQLValue(node), SQLValue(leaseUntil), SQLValue(name), SQLValue(now)])
            guard let row = claimed.first else { return nil }
            var reader = RowReader(row)
            let claim = JobClaim(job: name, node: node, dueAt: try reader.date())
            try await connection.run(
                """
                INSERT INTO job_runs (job, due_at, node, attempts, started_at, heartbeat_at, status) VALUES ($1, $2, $3, 1, $4, $4, 'running')
                ON CONFLICT (job, due_at) DO UPDATE SET node = excluded.node, attempts = job_runs.attempts + 1,
                    started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, status = 'running', finished_at = NULL
                """, [SQLValue(name), SQLValue(claim.dueAt), SQLValue(node), SQLValue(now)])
            return claim
        }
    }

    public func renewJobLease(_ claim: JobClaim, now: Date, until: Date) async throws -> Bool {
        try await database.write { connection in
            guard try await Self.holdLease(claim, setting: "lease_expires_at = $4", SQLValue(until), on: connection) else { return false }
            try await connection.run("UPDATE job_runs SET heartbeat_at = $1 WHERE job = $2 AND due_at = $3",
                                     [SQLValue(now), SQLValue(claim.job), SQLValue(claim.dueAt)])
            return true
        }
    }

    public func finishJob(_ claim: JobClaim, status: JobRun.Status, detail: String, now: Date) async throws -> Bool {
        try await database.write { connection in
            // The next due instant is the first one on the job's grid after now: missed runs collapse into one.
            let next = "lease_owner = NULL, lease_expires_at = NULL, next_run_at = next_run_at + interval_ms * (($4 - next_run_at) / interval_ms + 1)"
            guard try await Self.holdLease(claim, setting: next, SQLValue(now), on: connection) else { return false }
            try await connection.run(
                "UPDATE job_runs SET status = $1, detail = $2, finished_at = $3, heartbeat_at = $3 WHERE job = $4 AND due_at = $5",
                [SQLValue(status), SQLValue(String(detail.prefix(2_000))), SQLValue(now), SQLValue(claim.job), SQLValue(claim.dueAt)])
            return true
        }
    }

    /// Applies `assignments` (which may use `$4` = `value`) to the job's row if `claim` still holds its lease.
    private static func holdLease(_ claim: JobClaim, setting assignments: String, _ value: SQLValue,
                                  on connection: any SQLConnection) async throws -> Bool {
        let rows = try await connection.run(
            "UPDATE jobs SET \(assignments) WHERE name = $1 AND lease_owner = $2 AND next_run_at = $3 RETURNING name",
            [SQLValue(claim.job), SQLValue(claim.node), SQLValue(claim.dueAt), value])
        return !rows.isEmpty
    }

    public func jobSchedules() async throws -> [JobSchedule] {
        try await database.read("SELECT name, interval_ms, next_run_at, lease_owner, lease_expires_at FROM jobs ORDER BY name", []).map { row in
            var reader = RowReader(row)
            return JobSchedule(name: try reader.string(), interval: Double(try reader.int64()) / 1000, nextRunAt: try reader.date(),
                               leaseOwner: try reader.optionalString(), leaseExpiresAt: try reader.optionalDate())
        }
    }

    public func jobRuns(job: String?, limit: Int) async throws -> [JobRun] {
        let filter = job == nil ? "" : "WHERE job = $2"
        let rows = try await database.read(
            """
            SELECT job, due_at, node, attempts, started_at, heartbeat_at, finished_at, status, detail FROM job_runs \(filter)
            ORDER BY started_at DESC, job LIMIT $1
            """, [.integer(Int64(limit))] + (job.map { [SQLValue($0)] } ?? []))
        return try rows.map { row in
            var reader = RowReader(row)
            return JobRun(job: try reader.string(), dueAt: try reader.date(), node: try reader.string(), attempts: try reader.int(),
                          startedAt: try reader.date(), heartbeatAt: try reader.date(), finishedAt: try reader.optionalDate(),
                          status: try reader.enumeration(), detail: try reader.string())
        }
    }
}
