extension Migration {
    /// Recurring jobs that run once per cluster: each job's schedule and lease, and one row
    /// per due run (attempts count the nodes that had to take it over).
    static let v5Jobs = Migration(version: 5, name: "create job schedule and run tables") { _ in
        [
            """
            CREATE TABLE jobs (
                name TEXT PRIMARY KEY, interval_ms BIGINT NOT NULL, next_run_at BIGINT NOT NULL,
                lease_owner TEXT, lease_expires_at BIGINT
            )
            """,
            """
            CREATE TABLE job_runs (
                job TEXT NOT NULL, due_at BIGINT NOT NULL, node TEXT NOT NULL, attempts BIGINT NOT NULL,
                started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, finished_at BIGINT, status TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT '', PRIMARY KEY (job, due_at)
            )
            """,
            "CREATE INDEX job_runs_started ON job_runs (started_at)",
        ]
    }
}
