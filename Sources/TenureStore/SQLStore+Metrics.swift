import Foundation
import TenureCore

/// What the metrics engine reads: full subscription history, account
/// attributes, and aggregations pushed into SQL (survey scores, tickets,
/// engagement, milestones, feature use), so no raw usage row leaves the database.
extension SQLStore {
    public func subscriptionChanges() async throws -> [SubscriptionChange] {
        try await SubscriptionReader(run: database.read).changes("", [])
    }

    public func accountAttributes() async throws -> [AccountAttributes] {
        let rows = try await database.read(
            "SELECT id, name, segment, industry, owner_id, lifecycle_stage, created_at, employee_count, tags FROM accounts ORDER BY id",
            [])
        return try rows.map { row in
            var reader = RowReader(row)
            return AccountAttributes(
                id: try reader.string(), name: try reader.string(), segment: try reader.optionalString(),
                industry: try reader.optionalString(), ownerID: try reader.optionalString(),
                lifecycleStage: try reader.enumeration(), createdAt: try reader.date(), employeeCount: try reader.optionalInt(),
                tags: try reader.json())
        }
    }

    public func factsVersion() async throws -> Int64 {
        Int64(try await setting(Self.factsVersionKey) ?? "0") ?? 0
    }

    static let factsVersionKey = "facts.version"

    /// Bumps the facts version inside a write, so caches of derived numbers know to recompute.
    static func bumpFactsVersion(on connection: any SQLConnection) async throws {
        try await connection.run(
            """
            INSERT INTO settings (key, value) VALUES ($1, '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)
            """, [SQLValue(factsVersionKey)])
    }

    public func surveyScoreCounts(_ kind: SurveyResponse.Kind, from: Date, to: Date, groupedBy column: AccountColumn?)
        async throws -> [String: [Int: Int]]
    {
        let group = column.map { "a.\($0.rawValue)" }
        let rows = try await database.read(
            """
            SELECT \(group ?? "''"), s.score, COUNT(*) FROM survey_responses s JOIN accounts a ON a.id = s.account_id
            WHERE s.kind = $1 AND s.responded_at >= $2 AND s.responded_at < $3 GROUP BY \(group.map { "\($0), " } ?? "")s.score
            """, [SQLValue(kind), SQLValue(from), SQLValue(to)])
        var counts: [String: [Int: Int]] = [:]
        for row in rows {
            var reader = RowReader(row)
            let key = try reader.optionalString() ?? ""
            counts[key, default: [:]][try reader.int()] = try reader.int()
        }
        return counts
    }

    public func ticketCounts(in periods: [ReportingPeriod]) async throws -> [String: [Ticket.Priority: Int]] {
        var counts: [String: [Ticket.Priority: Int]] = [:]
        for row in try await perPeriod(periods, """
            SELECT p.label, t.priority, COUNT(*) FROM tickets t
            JOIN periods p ON t.opened_at >= p.period_start AND t.opened_at < p.period_end GROUP BY p.label, t.priority
            """) {
            var reader = RowReader(row)
            counts[try reader.string(), default: [:]][try reader.enumeration()] = try reader.int()
        }
        return counts
    }

    public func engagedAccounts(event: String, in periods: [ReportingPeriod]) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await perPeriod(periods, """
            SELECT p.label, COUNT(DISTINCT r.account_id) FROM usage_rollups r
            JOIN periods p ON r.day >= p.period_start AND r.day < p.period_end
            WHERE r.event = $\(periods.count * 3 + 1) GROUP BY p.label
            """, extra: [SQLValue(event)]) {
            var reader = RowReader(row)
            counts[try reader.string()] = try reader.int()
        }
        return counts
    }

    public func milestoneReached(_ milestone: ProductConfiguration.Milestone) async throws -> [String: Date] {
        let rows = try await database.read(
            """
            SELECT account_id, MIN(day) FROM (
                SELECT account_id, day, SUM(count) OVER (PARTITION BY account_id ORDER BY day) AS running
                FROM usage_rollups WHERE event = $1
            ) totals WHERE running >= $2 GROUP BY account_id
            """, [SQLValue(milestone.event), .integer(milestone.count)])
        var reached: [String: Date] = [:]
        for row in rows {
            var reader = RowReader(row)
            reached[try reader.string()] = try reader.date()
        }
        return reached
    }

    public func featuresUsed(_ events: [String], from: Date, to: Date) async throws -> [String: Int] {
        guard !events.isEmpty else { return [:] }
        let rows = try await database.read(
            """
            SELECT account_id, COUNT(DISTINCT event) FROM usage_rollups
            WHERE event IN (\(placeholders(events.count, from: 3))) AND day >= $1 AND day < $2 AND count > 0
            GROUP BY account_id
            """, [SQLValue(from), SQLValue(to)] + events.map { SQLValue($0) })
        var used: [String: Int] = [:]
        for row in rows {
            var reader = RowReader(row)
            used[try reader.string()] = try reader.int()
        }
        return used
    }

    /// Runs `query` with a `periods (label, period_start, period_end)` table of `periods` in scope.
    private func perPeriod(_ periods: [ReportingPeriod], _ query: String, extra: [SQLValue] = []) async throws -> [SQLRow] {
        guard !periods.isEmpty else { return [] }
        let values = periods.indices.map { "($\($0 * 3 + 1), $\($0 * 3 + 2), $\($0 * 3 + 3))" }.joined(separator: ", ")
        let binds = periods.flatMap { [SQLValue($0.label), SQLValue($0.start), SQLValue($0.end)] } + extra
        return try await database.read("WITH periods (label, period_start, period_end) AS (VALUES \(values)) \(query)", binds)
    }
}
