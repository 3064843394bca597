extension Migration {
    /// `/v1/batch` asks, for each person in a batch, whether they had an event under a rollup's key (account, day,
    /// event) before: the usage index now ends with the person and the call type, so the answer is one index entry
    /// instead of every event of the key read from the table. It replaces the index on the key alone.
    static let v11UsageEventsByPerson = Migration(version: 11, name: "index usage events by rollup key and person") { _ in
        [
            "DROP INDEX usage_events_account",
            "CREATE INDEX usage_events_account ON usage_events (account_id, day, event, (COALESCE(user_id, anonymous_id)), type)",
        ]
    }
}
