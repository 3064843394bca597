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
            SegmentChange(accountID: try row.string(), at: try row.date(), segment: try row.optionalString(),
                          engagementModel: try row.optionalEnumeration(), definitionVersion: try row.int())
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
            _ = (try row.string())
            let day = try row.date(), version = try row.int()
            _ = (try row.double(), try row.string(), try row.double())
            return HealthRecord(day: day, definitionVersion: version, health: try row.json(), computedAt: try row.date())
        })
}

/// Health scores (daily history and the current score on each account),
/// alerts, backtests and segment assignments.
extension SQLStore {
    public func saveHealth(_ scores: [HealthScore], day: Date, definitionVersion: Int, current: Bool, at now: Date) async throws {
        let day = UTCCalendar.startOfDay(day)
        let records = scores.map { HealthRecord(day: day, definitionVersion: definitionVersion, health: $0, computedAt: now) }
        try await database.write { [dialect] connection in
            try await connection.run("DELETE FROM health_scores WHERE day = $1", [SQLValue(day)])
            try await connection.upsert(records, into: Tables.healthScores, dialect: dialect)
            guard current else { return }
            try await connection.run(
                """
                UPDATE accounts SET
                    health_score = (SELECT score FROM health_scores h WHERE h.account_id = accounts.id AND h.day = $1),
                    health_colour = (SELECT colour FROM health_scores h WHERE h.account_id = accounts.id AND h.day = $1)
                """, [SQLValue(day)])
        }
    }

    public func healthRecord(accountID: String) async throws -> HealthRecord? {
        try await select(Tables.healthScores, "WHERE account_id = $1 ORDER BY day DESC LIMIT 1", [SQLValue(accountID)]).first
    }

    public func healthHistory(accountID: String, since: Date?) async throws -> [HealthPoint] {
        let rows = try await database.read(
            """
            SELECT day, score, colour, adoption, definition_version FROM health_scores
            WHERE account_id = $1 AND day >= $2 ORDER BY day
            """, [SQLValue(accountID), SQLValue(since ?? Date(timeIntervalSince1970: 0))])
        return try rows.map { row in
            var reader = RowReader(row)
            return HealthPoint(day: try reader.date(), score: try reader.double(), colour: try reader.enumeration(),
                               adoption: try reader.double(), definitionVersion: try reader.int())
        }
    }

    public func healthScores(from: Date, before: Date) async throws -> [String: [(at: Date, score: Double)]] {
        let rows = try await database.read(
            "SELECT account_id, day, score FROM health_scores WHERE day >= $1 AND day < $2",
            [SQLValue(from), SQLValue(before)])
        var scores: [String: [(at: Date, score: Double)]] = [:]
        for row in rows {
            var reader = RowReader(row)
            scores[try reader.string(), default: []].append((try reader.date(), try reader.double()))
        }
        return scores
    }

    public func healthDistribution() async throws -> [HealthColour: HealthBandTotals] {
        let rows = try await database.read(
            "SELECT health_colour, COUNT(*), SUM(mrr) FROM accounts WHERE health_colour IS NOT NULL GROUP BY health_colour", [])
        var bands: [HealthColour: HealthBandTotals] = [:]
        for row in rows {
            var reader = RowReader(row)
            bands[try reader.enumeration()] = HealthBandTotals(accounts: try reader.int(), mrr: try reader.int64())
        }
        return bands
    }

    public func currentHealth(ofAccounts accountIDs: [String]?) async throws -> [String: CurrentHealth] {
        let select = "SELECT id, health_score, health_colour FROM accounts WHERE health_score IS NOT NULL"
        let queries: [(String, [SQLValue])] = accountIDs.map { ids in
            ids.chunked(into: 500).map { chunk in ("\(select) AND id IN (\(placeholders(chunk.count)))", chunk.map { SQLValue($0) }) }
        } ?? [(select, [])]
        var health: [String: CurrentHealth] = [:]
        for (sql, binds) in queries {
            for row in try await database.read(sql, binds) {
                var reader = RowReader(row)
                health[try reader.string()] = CurrentHealth(score: try reader.double(), colour: try reader.enumeration())
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
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (account_id, day) DO UPDATE SET definition_version = excluded.definition_version,
                        from_score = excluded.from_score, from_day = excluded.from_day, to_score = excluded.to_score
                    """,
                    [SQLValue(alert.accountID), SQLValue(UTCCalendar.startOfDay(alert.at)), SQLValue(definitionVersion),
                     .real(alert.from), SQLValue(alert.fromAt), .real(alert.to), SQLValue(now)])
            }
        }
    }

    public func healthAlerts(since: Date, limit: Int) async throws -> [StoredHealthAlert] {
        let rows = try await database.read(
            """
            SELECT h.account_id, h.day, h.from_score, h.from_day, h.to_score, h.definition_version, a.name, a.owner_id
            FROM health_alerts h JOIN accounts a ON a.id = h.account_id
            WHERE h.day >= $1 ORDER BY h.day DESC, (h.from_score - h.to_score) DESC, h.account_id LIMIT $2
            """, [SQLValue(since), SQLValue(limit)])
        return try rows.map { row in
            var reader = RowReader(row)
            let accountID = try reader.string(), at = try reader.date(), from = try reader.double()
            let alert = HealthAlert(accountID: accountID, at: at, from: from, fromAt: try reader.date(), to: try reader.double())
            let version = try reader.int()
            return StoredHealthAlert(alert: alert, accountName: try reader.string(), ownerID: try reader.optionalString(),
                                     definitionVersion: version)
        }
    }

    public func saveBacktest(_ backtest: StoredBacktest) async throws {
        try await database.write { connection in
            try await connection.run(
                """
                INSERT INTO health_backtests (definition_version, run_at, auc, report) VALUES ($1, $2, $3, $4)
                ON CONFLICT (definition_version, run_at) DO UPDATE SET auc = excluded.auc, report = excluded.report
                """,
                [SQLValue(backtest.definitionVersion), SQLValue(backtest.runAt), backtest.report.auc.map(SQLValue.real) ?? .null,
                 .json(backtest.report)])
        }
    }

    public func latestBacktest(definitionVersion: Int) async throws -> StoredBacktest? {
        let rows = try await database.read(
            "SELECT run_at, report FROM health_backtests WHERE definition_version = $1 ORDER BY run_at DESC LIMIT 1",
            [SQLValue(definitionVersion)])
        return try rows.first.map { row in
            var reader = RowReader(row)
            return StoredBacktest(definitionVersion: definitionVersion, runAt: try reader.date(), report: try reader.json())
        }
    }

    public func assignSegments(_ assignments: [String: SegmentRule?], definitionVersion: Int, at now: Date) async throws -> Int {
        try await database.write { [dialect] connection in
            var changes: [SegmentChange] = []
            for row in try await connection.run("SELECT id, segment, engagement_model FROM accounts", []) {
                var reader = RowReader(row)
                let id = try reader.string()
                guard let assigned = assignments[id] else { continue }
                let segment = try reader.optionalString()
                let model: EngagementModel? = try reader.optionalEnumeration()
                if segment != assigned?.key || model != assigned?.engagementModel {
                    changes.append(SegmentChange(accountID: id, at: now, segment: assigned?.key,
                                                 engagementModel: assigned?.engagementModel, definitionVersion: definitionVersion))
                }
            }
            guard !changes.isEmpty else { return 0 }
            try await connection.upsert(changes, into: Tables.segmentHistory, dialect: dialect)
            try await connection.run(
                """
                UPDATE accounts SET
                    segment = (SELECT segment FROM segment_history s WHERE s.account_id = accounts.id AND s.changed_at = $1),
                    engagement_model = (SELECT engagement_model FROM segment_history s WHERE s.account_id = accounts.id AND s.changed_at = $1),
                    updated_at = $1
                WHERE id IN (SELECT account_id FROM segment_history WHERE changed_at = $1)
                """, [SQLValue(now)])
            try await Self.bumpFactsVersion(on: connection)
            return changes.count
        }
    }

    public func segmentHistory(accountID: String) async throws -> [SegmentChange] {
        try await select(Tables.segmentHistory, "WHERE account_id = $1 ORDER BY changed_at", [SQLValue(accountID)])
    }
}
