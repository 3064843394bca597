extension Migration {
    /// Each account remembers the facts version that last changed it, so caches of derived numbers (the metrics
    /// snapshot) can re-read only the accounts changed since the version they were built from.
    static let v9AccountFactsVersion = Migration(version: 9, name: "record the facts version of each account's last change") { _ in
        [
            "ALTER TABLE accounts ADD COLUMN facts_version BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX accounts_facts_version ON accounts (facts_version)",
        ]
    }
}
