import Foundation
import TenureCore

/// What the metrics engine reads: full subscription history, account
/// attributes, and aggregations pushed into SQL (survey scores, tickets,
/// engagement, milestones, feature use), so no raw usage row leaves the database.
extension SQLStore {
    /// The attributes of the accounts `clause` selects, in its order.
    func readAccountAttributes(_ clause: SQLQuery) async throws -> [AccountAttributes] {
        let rows = try await database.read(
            "SELECT id, name, segment, industry, owner_id, lifecycle_stage, created_at, employee_count, tags FROM accounts \(clause)")
        return try rows.map { row in
            AccountAttributes(
                id: try row["id"], name: try row["name"], segment: try row["segment"], industry: try row["industry"],
                ownerID: try row["owner_id"], lifecycleStage: try row["lifecycle_stage"], createdAt: try row["created_at"],
                employeeCount: try row["employee_count"], tags: try row.json("tags"))
        }
    }

    public func factsVersion() async throws -> Int64 {
        Int64(try await setting(Self.factsVersionKey) ?? "0") ?? 0
    }

    public func dataVersion() async throws -> DataVersion {
        let versions = try await counters(Self.factsVersionKey, Self.derivedVersionKey)
        return DataVersion(facts: versions[Self.factsVersionKey] ?? 0, derived: versions[Self.derivedVersionKey] ?? 0)
    }

    /// The version counters kept in `settings` under `keys`, read in one statement.
    private func counters(_ keys: String...) async throws -> [String: Int64] {
        var versions: [String: Int64] = [:]
        for row in try await database.read("SELECT key, value FROM settings WHERE key IN (\(bindEach: keys))") {
            versions[try row["key"]] = Int64(try row["value"] as String)
        }
        return versions
    }

    public func factsChanges(since version: Int64) async throws -> FactsChanges {
        let versions = try await counters(Self.factsVersionKey, Self.factsRewrittenKey)
        let now = versions[Self.factsVersionKey] ?? 0
        guard now != version else { return FactsChanges(version: now, accountIDs: []) }
        // Older than asked (a restored backup) or rewritten beyond single accounts since: everything may differ.
        guard now > version, versions[Self.factsRewrittenKey] ?? 0 <= version else { return FactsChanges(version: now, accountIDs: nil) }
        let ids = try await database.read("SELECT id FROM accounts WHERE facts_version > \(bind: version)").map { row -> String in
            try row["id"]
        }
        return FactsChanges(version: now, accountIDs: Set(ids))
    }

    public func subscriptionChanges(ofAccounts accountIDs: [String]) async throws -> [SubscriptionChange] {
        var changes: [SubscriptionChange] = []
        for chunk in accountIDs.chunked(into: 400) {
            changes += try await SubscriptionReader(run: database.read).changes("WHERE account_id IN (\(bindEach: chunk))")
        }
        return changes
    }

    public func accountAttributes(ofAccounts accountIDs: [String]) async throws -> [AccountAttributes] {
        var attributes: [AccountAttributes] = []
        for chunk in accountIDs.chunked(into: 400) {
            attributes += try await readAccountAttributes("WHERE id IN (\(bindEach: chunk))")
        }
        return attributes
    }

    static let factsVersionKey = "facts.version"
    /// Grows with every write of numbers derived from the facts: health scores, churn models and predictions.
    static let derivedVersionKey = "derived.version"
    /// The last facts version whose write could not be tied to single accounts (prices, a full MRR refresh).
    static let factsRewrittenKey = "facts.rewritten_version"

    /// Bumps the derived version inside a write of health scores, churn models or predictions.
    static func bumpDerivedVersion(on connection: any SQLConnection) async throws {
        try await connection.run(
            """
            INSERT INTO settings (key, value) VALUES (\(bind: derivedVersionKey), '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)
            """)
    }

    /// Bumps the facts version inside a write, so caches of derived numbers know to recompute: only `accountIDs`
    /// when the write changed facts of those accounts alone, everything when it names none. Call it last in the
    /// transaction: the version's row stays locked until the commit, and concurrent writers queue on it.
    @discardableResult
    static func bumpFactsVersion(on connection: any SQLConnection, forAccounts accountIDs: [String]? = nil)
        async throws -> Int64
    {
        let version = Int64(try await connection.run(
            """
            INSERT INTO settings (key, value) VALUES (\(bind: factsVersionKey), '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)
            RETURNING value
            """)[0]["value"] as String) ?? 0
        if let accountIDs {
            for chunk in Array(Set(accountIDs)).chunked(into: 400) {
                try await connection.run("UPDATE accounts SET facts_version = \(bind: version) WHERE id IN (\(bindEach: chunk))")
            }
        } else {
            try await connection.run(
                """
                INSERT INTO settings (key, value) VALUES (\(bind: factsRewrittenKey), \(bind: String(version)))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        }
        return version
    }

    public func surveyScoreCounts(_ kind: SurveyResponse.Kind, from: Date, to: Date, groupedBy column: AccountColumn?)
        async throws -> [String: [Int: Int]]
    {
        let group = column.map { "a.\($0.rawValue)" }
        let rows = try await database.read(
            """
            SELECT \(unsafeRaw: group ?? "''") AS group_key, s.score, COUNT(*) AS answers
            FROM survey_responses s JOIN accounts a ON a.id = s.account_id
            WHERE s.kind = \(bind: kind) AND s.responded_at >= \(bind: from) AND s.responded_at < \(bind: to)
            GROUP BY \(unsafeRaw: group.map { "\($0), " } ?? "")s.score
            """)
        var counts: [String: [Int: Int]] = [:]
        for row in rows {
            let key: String? = try row["group_key"]
            counts[key ?? "", default: [:]][try row["score"]] = try row["answers"]
        }
        return counts
    }

    public func ticketCounts(in periods: [ReportingPeriod]) async throws -> [String: [Ticket.Priority: Int]] {
        var counts: [String: [Ticket.Priority: Int]] = [:]
        for row in try await perPeriod(periods, """
            SELECT p.label, t.priority, COUNT(*) AS tickets FROM tickets t
            JOIN periods p ON t.opened_at >= p.period_start AND t.opened_at < p.period_end GROUP BY p.label, t.priority
            """) {
            counts[try row["label"], default: [:]][try row["priority"]] = try row["tickets"]
        }
        return counts
    }

    public func engagedAccounts(event: String, in periods: [ReportingPeriod]) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await perPeriod(periods, """
            SELECT p.label, COUNT(DISTINCT r.account_id) AS accounts FROM usage_rollups r
            JOIN periods p ON r.day >= p.period_start AND r.day < p.period_end
            WHERE r.event = \(bind: event) GROUP BY p.label
            """) {
            counts[try row["label"]] = try row["accounts"]
        }
        return counts
    }

    public func milestoneReached(_ milestone: ProductConfiguration.Milestone) async throws -> [String: Date] {
        let rows = try await database.read(
            """
            SELECT account_id, MIN(day) AS day FROM (
                SELECT account_id, day, SUM(count) OVER (PARTITION BY account_id ORDER BY day) AS running
                FROM usage_rollups WHERE event = \(bind: milestone.event)
            ) totals WHERE running >= \(bind: milestone.count) GROUP BY account_id
            """)
        var reached: [String: Date] = [:]
        for row in rows {
            reached[try row["account_id"]] = try row["day"]
        }
        return reached
    }

    public func featuresUsed(_ events: [String], from: Date, to: Date) async throws -> [String: Int] {
        guard !events.isEmpty else { return [:] }
        let rows = try await database.read(
            """
            SELECT account_id, COUNT(DISTINCT event) AS features FROM usage_rollups
            WHERE event IN (\(bindEach: events)) AND day >= \(bind: from) AND day < \(bind: to) AND count > 0
            GROUP BY account_id
            """)
        var used: [String: Int] = [:]
        for row in rows {
            used[try row["account_id"]] = try row["features"]
        }
        return used
    }

    /// Runs `query` with a `periods (label, period_start, period_end)` table of `periods` in scope.
    private func perPeriod(_ periods: [ReportingPeriod], _ query: SQLQuery) async throws -> [SQLRow] {
        guard !periods.isEmpty else { return [] }
        let rows = periods.lazy.map { [SQLValue($0.label), SQLValue($0.start), SQLValue($0.end)] }
        return try await database.read("WITH periods (label, period_start, period_end) AS (VALUES \(bindRows: rows)) \(query)")
    }
}
