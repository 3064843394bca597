extension Migration {
    /// Notifications: the outbox of domain events, endpoints, one delivery per event and endpoint with its
    /// lease and retry time, the log of every attempt, people's opt-outs and the digests already sent.
    static let v6Notifications = Migration(version: 6, name: "create outbox, endpoint and delivery tables") { dialect in
        [
            """
            CREATE TABLE events (
                seq \(dialect.serialPrimaryKey), id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, account_id TEXT, occurred_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL, event_key TEXT NOT NULL UNIQUE, payload TEXT NOT NULL, fanned_out INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX events_awaiting_fan_out ON events (seq) WHERE fanned_out = 0",
            "CREATE INDEX events_by_type ON events (type, seq)",
            "CREATE INDEX events_by_account ON events (account_id, seq)",
            """
            CREATE TABLE notification_endpoints (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
                event_types TEXT NOT NULL, segments TEXT NOT NULL, owners TEXT NOT NULL, sealed_secrets TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL, disabled_reason TEXT, contact_email TEXT, send_after BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE deliveries (
                id TEXT PRIMARY KEY, event_id TEXT NOT NULL, endpoint_id TEXT NOT NULL, status TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0, series_attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at BIGINT,
                lease_owner TEXT, lease_expires_at BIGINT, last_status_code BIGINT, last_error TEXT,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (event_id, endpoint_id)
            )
            """,
            "CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'",
            "CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, created_at)",
            "CREATE INDEX deliveries_by_time ON deliveries (created_at)",
            """
            CREATE TABLE delivery_attempts (
                delivery_id TEXT NOT NULL, attempt BIGINT NOT NULL, node TEXT NOT NULL, started_at BIGINT NOT NULL,
                duration_ms BIGINT NOT NULL, status_code BIGINT, error TEXT, request TEXT NOT NULL, response TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (delivery_id, attempt)
            )
            """,
            "CREATE TABLE notification_opt_outs (email TEXT PRIMARY KEY, created_at BIGINT NOT NULL)",
            "CREATE TABLE digests_sent (owner_id TEXT NOT NULL, day TEXT NOT NULL, sent_at BIGINT NOT NULL, PRIMARY KEY (owner_id, day))",
        ]
    }
}
