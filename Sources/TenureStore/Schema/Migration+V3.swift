extension Migration {
    /// The dashboard's tables: people who sign in (`users`), their sessions
    /// (`sessions`, keyed by a SHA-256 hash of the cookie's token, never the
    /// token itself), and an index that lists upcoming renewals without
    /// scanning every subscription.
    static let v3DashboardTables = Migration(version: 3, name: "create dashboard tables") { _ in
        [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
                password_hash TEXT NOT NULL, created_at BIGINT NOT NULL, last_sign_in_at BIGINT, disabled_at BIGINT
            )
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            "CREATE INDEX sessions_expiry ON sessions (expires_at)",
            "CREATE INDEX subscriptions_period_end ON subscriptions (current_period_end, status)",
            "CREATE INDEX subscriptions_account_period ON subscriptions (account_id, current_period_end)",
        ]
    }
}
