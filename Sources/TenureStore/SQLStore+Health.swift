import Foundation
import TenureCore

extension Tables {
    static let segmentHistory = Table<SegmentChange>(
        name: "segment_history",
        columns: ["account_id", "changed_at", "segment", "engagement_model", "definition_version"],
        key: ["account_id", "changed_at"],
        encode: { change in
            [SQLValue(change.accountID), SQLValue(change.at), SQLValue(change.segment), SQLValue(change.engagementModel),
             SQLValue(change.definitionVersion)]
        },
        decode: { row in
            SegmentChange(accountID: try row["account_id"], at: try row["changed_at"], segment: try row["segment"],
                          engagementModel: try row["engagement_model"], definitionVersion: try row["definition_version"])
        })

    /// An account's score of one day: its score, colour and adoption as columns (for SQL), the whole breakdown as JSON.
    static let healthScores = Table<HealthRecord>(
        name: "health_scores",
        columns: ["account_id", "day", "definition_version", "score", "colour", "adoption", "details", "computed_at"],
        key: ["account_id", "day"],
        encode: { record in
            [SQLValue(record.health.accountID), SQLValue(record.day), SQLValue(record.definitionVersion), .real(record.health.score),
             SQLValue(record.health.colour), .real(record.health.adoption.score), .json(record.health), SQLValue(record.computedAt)]
        },
        decode: { row in
            HealthRecord(day: try row["day"], definitionVersion: try row["definition_version"], health: try row.json("details"),
                         computedAt: try row["computed_at"])
        })
}

/// Health scores (daily history and the current score on each account),
/// alerts, backtests and segment assignments.
extension SQLStore {
    public func saveHealth(_ scores: [HealthScore], day: Date, definitionVersion: Int, current: Bool, at now: Date,
                           events: [DomainEvent], accounts range: AccountRange) async throws {
        let day = UTCCalendar.startOfDay(day)
        let records = scores.map { HealthRecord(day: day, definitionVersion: definitionVersion, health: $0, computedAt: now) }
        try await database.write { [dialect] connection in
            try await connection.run("DELETE FROM health_scores WHERE day = \(bind: day)\(range.and("account_id"))")
            try await connection.upsert(records, into: Tables.healthScores, dialect: dialect)
            _ = try await Self.appendEvents(events, at: now, on: connection)
            try await Self.bumpDerivedVersion(on: connection)
            guard current else { return }
            try await connection.run(
                """
                UPDATE accounts SET
                    health_score = (SELECT score FROM health_scores h WHERE h.account_id = accounts.id AND h.day = \(bind: day)),
                    health_colour = (SELECT colour FROM health_scores h WHERE h.account_id = accounts.id AND h.day = \(bind: day))
                \(range.conditions(on: "id").whereClause)
                """)
        }
    }

    public func healthRecord(accountID: String) async throws -> HealthRecord? {
        try await select(Tables.healthScores, "WHERE account_id = \(bind: accountID) ORDER BY day DESC LIMIT 1").first
    }

    public func healthHistory(accountID: String, since: Date?) async throws -> [HealthPoint] {
        let rows = try await database.read(
            """
            SELECT day, score, colour, adoption, definition_version FROM health_scores
            WHERE account_id = \(bind: accountID) AND day >= \(bind: since ?? Date(timeIntervalSince1970: 0)) ORDER BY day
            """)
        return try rows.map { row in
            HealthPoint(day: try row["day"], score: try row["score"], colour: try row["colour"], adoption: try row["adoption"],
                        definitionVersion: try row["definition_version"])
        }
    }

    public func healthScores(from: Date, before: Date, accounts range: AccountRange) async throws
        -> [String: [(at: Date, score: Double)]]
    {
        let rows = try await database.read(
            """
            SELECT account_id, day, score FROM health_scores
            WHERE day >= \(bind: from) AND day < \(bind: before)\(range.and("account_id")) ORDER BY account_id, day
            """)
        var scores: [String: [(at: Date, score: Double)]] = [:]
        for row in rows {
            scores[try row["account_id"], default: []].append((try row["day"], try row["score"]))
        }
        return scores
    }

    public func healthDistribution() async throws -> [HealthColour: HealthBandTotals] {
        let rows = try await database.read(
            """
            SELECT health_colour, COUNT(*) AS accounts, SUM(mrr) AS mrr FROM accounts
            WHERE health_colour IS NOT NULL GROUP BY health_colour
            """)
        var bands: [HealthColour: HealthBandTotals] = [:]
        for row in rows {
            bands[try row["health_colour"]] = HealthBandTotals(accounts: try row["accounts"], mrr: try row["mrr"])
        }
        return bands
    }

    public func currentHealth(ofAccounts accountIDs: [String]?) async throws -> [String: CurrentHealth] {
        let select: SQLQuery = "SELECT id, health_score, health_colour FROM accounts WHERE health_score IS NOT NULL"
        let queries: [SQLQuery] = accountIDs.map { ids in
            ids.chunked(into: 500).map { chunk in "\(select) AND id IN (\(bindEach: chunk))" }
        } ?? [select]
        var health: [String: CurrentHealth] = [:]
        for query in queries {
            for row in try await database.read(query) {
                health[try row["id"]] = CurrentHealth(score: try row["health_score"], colour: try row["health_colour"])
            }
        }
        return health
    }

    public func insertHealthAlerts(_ alerts: [HealthAlert], definitionVersion: Int, at now: Date) async throws {
        guard !alerts.isEmpty else { return }
        try await database.write { connection in
            for alert in alerts {
                try await connection.run(
                    """
                    INSERT INTO health_alerts (account_id, day, definition_version, from_score, from_day, to_score, created_at)
                    VALUES (\(bind: alert.accountID), \(bind: UTCCalendar.startOfDay(alert.at)), \(bind: definitionVersion),
                        \(bind: alert.from), \(bind: alert.fromAt), \(bind: alert.to), \(bind: now))
                    ON CONFLICT (account_id, day) DO UPDATE SET definition_version = excluded.definition_version,
                        from_score = excluded.from_score, from_day = excluded.from_day, to_score = excluded.to_score
                    """)
            }
        }
    }

    public func healthAlerts(since: Date, limit: Int) async throws -> [StoredHealthAlert] {
        let rows = try await database.read(
            """
            SELECT h.account_id, h.day, h.from_score, h.from_day, h.to_score, h.definition_version, a.name, a.owner_id
            FROM health_alerts h JOIN accounts a ON a.id = h.account_id
            WHERE h.day >= \(bind: since) ORDER BY h.day DESC, (h.from_score - h.to_score) DESC, h.account_id LIMIT \(bind: limit)
            """)
        return try rows.map { row in
            let alert = HealthAlert(accountID: try row["account_id"], at: try row["day"], from: try row["from_score"],
                                    fromAt: try row["from_day"], to: try row["to_score"])
            return StoredHealthAlert(alert: alert, accountName: try row["name"], ownerID: try row["owner_id"],
                                     definitionVersion: try row["definition_version"])
        }
    }

    public func saveBacktest(_ backtest: StoredBacktest) async throws {
        try await database.write { connection in
            try await connection.run(
                """
                INSERT INTO health_backtests (definition_version, run_at, auc, report)
                VALUES (\(bind: backtest.definitionVersion), \(bind: backtest.runAt), \(bind: backtest.report.auc.map(SQLValue.real) ?? .null),
                    \(bind: .json(backtest.report)))
                ON CONFLICT (definition_version, run_at) DO UPDATE SET auc = excluded.auc, report = excluded.report
                """)
        }
    }

    public func latestBacktest(definitionVersion: Int) async throws -> StoredBacktest? {
        let rows = try await database.read(
            "SELECT run_at, report FROM health_backtests WHERE definition_version = \(bind: definitionVersion) ORDER BY run_at DESC LIMIT 1")
        return try rows.first.map { row in
            StoredBacktest(definitionVersion: definitionVersion, runAt: try row["run_at"], report: try row.json("report"))
        }
    }

    public func assignSegments(_ assignments: [String: SegmentRule?], definitionVersion: Int, at now: Date) async throws -> Int {
        try await database.write { [dialect] connection in
            var changes: [SegmentChange] = []
            var events: [DomainEvent] = []
            for row in try await connection.run("SELECT id, segment, engagement_model FROM accounts") {
                let id: String = try row["id"]
                guard let assigned = assignments[id] else { continue }
                let segment: String? = try row["segment"]
                let model: EngagementModel? = try row["engagement_model"]
                if segment != assigned?.key || model != assigned?.engagementModel {
                    changes.append(SegmentChange(accountID: id, at: now, segment: assigned?.key,
                                                 engagementModel: assigned?.engagementModel, definitionVersion: definitionVersion))
                }
                if segment != assigned?.key {
                    events.append(AccountChangeEvents.segmentChanged(accountID: id, from: segment, to: assigned?.key, at: now))
                }
            }
            guard !changes.isEmpty else { return 0 }
            try await connection.upsert(changes, into: Tables.segmentHistory, dialect: dialect)
            try await connection.run(
                """
                UPDATE accounts SET
                    segment = (SELECT segment FROM segment_history s WHERE s.account_id = accounts.id AND s.changed_at = \(bind: now)),
                    engagement_model = (SELECT engagement_model FROM segment_history s
                                        WHERE s.account_id = accounts.id AND s.changed_at = \(bind: now)),
                    updated_at = \(bind: now)
                WHERE id IN (SELECT account_id FROM segment_history WHERE changed_at = \(bind: now))
                """)
            _ = try await Self.appendEvents(events, at: now, on: connection)
            try await Self.bumpFactsVersion(on: connection, forAccounts: changes.map(\.accountID))
            return changes.count
        }
    }

    public func segmentHistory(accountID: String) async throws -> [SegmentChange] {
        try await select(Tables.segmentHistory, "WHERE account_id = \(bind: accountID) ORDER BY changed_at")
    }
}
