extension Migration {
    /// Health scores and segmentation: versioned definitions, each account's
    /// daily score with its signal breakdown, score-drop alerts, backtest
    /// reports, segment history, and the current score on the account row
    /// (so lists filter and sort by it in SQL).
    static let v2Health = Migration(version: 2, name: "create health and segmentation tables") { _ in
        [
            """
            CREATE TABLE definitions (
                kind TEXT NOT NULL, version BIGINT NOT NULL, name TEXT NOT NULL, format TEXT NOT NULL,
                source TEXT NOT NULL, note TEXT, origin TEXT NOT NULL, created_at BIGINT NOT NULL,
                active INTEGER NOT NULL, activated_at BIGINT, PRIMARY KEY (kind, version)
            )
            """,
            """
            CREATE TABLE health_scores (
                account_id TEXT NOT NULL, day BIGINT NOT NULL, definition_version BIGINT NOT NULL,
                score DOUBLE PRECISION NOT NULL, colour TEXT NOT NULL, adoption DOUBLE PRECISION NOT NULL,
                details TEXT NOT NULL, computed_at BIGINT NOT NULL, PRIMARY KEY (account_id, day)
            )
            """,
            "CREATE INDEX health_scores_day ON health_scores (day)",
            """
            CREATE TABLE health_alerts (
                account_id TEXT NOT NULL, day BIGINT NOT NULL, definition_version BIGINT NOT NULL,
                from_score DOUBLE PRECISION NOT NULL, from_day BIGINT NOT NULL, to_score DOUBLE PRECISION NOT NULL,
                created_at BIGINT NOT NULL, PRIMARY KEY (account_id, day)
            )
            """,
            "CREATE INDEX health_alerts_day ON health_alerts (day)",
            """
            CREATE TABLE health_backtests (
                definition_version BIGINT NOT NULL, run_at BIGINT NOT NULL, auc DOUBLE PRECISION,
                report TEXT NOT NULL, PRIMARY KEY (definition_version, run_at)
            )
            """,
            """
            CREATE TABLE segment_history (
                account_id TEXT NOT NULL, changed_at BIGINT NOT NULL, segment TEXT, engagement_model TEXT,
                definition_version BIGINT NOT NULL, PRIMARY KEY (account_id, changed_at)
            )
            """,
            "ALTER TABLE accounts ADD COLUMN health_score DOUBLE PRECISION",
            "ALTER TABLE accounts ADD COLUMN health_colour TEXT",
            "ALTER TABLE accounts ADD COLUMN engagement_model TEXT",
            "CREATE INDEX accounts_health ON accounts (health_score)",
        ]
    }
}
