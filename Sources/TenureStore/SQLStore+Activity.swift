import Foundation
import TenureCore

/// Point-in-time account activity for health signals and segmentation: every
/// aggregate reads only facts dated before the cut-off (usage rollups of days
/// before it, tickets opened, answers given, payments attempted and
/// touchpoints held before it), so a backtest at a past cut-off sees what was
/// known then.
extension SQLStore {
    public func accountActivity(asOf cutoff: Date, product: ProductConfiguration) async throws -> [String: AccountActivity] {
        let c = SQLValue(cutoff)
        func daysBefore(_ days: Double) -> SQLValue { SQLValue(cutoff.adding(days: -days)) }
        var activity: [String: AccountActivity] = [:]
        for row in try await database.read("SELECT id, created_at FROM accounts WHERE created_at < $1", [c]) {
            var reader = RowReader(row)
            let id = try reader.string()
            activity[id] = AccountActivity(accountID: id, createdAt: try reader.date())
        }
        /// Runs `sql` and hands each row's reader, after its leading account id, to `update`.
        func each(_ sql: String, _ binds: [SQLValue], _ update: (inout AccountActivity, inout RowReader) throws -> Void) async throws {
            for row in try await database.read(sql, binds) {
                var reader = RowReader(row)
                let id = try reader.string()
                guard activity[id] != nil else { continue }
                try update(&activity[id]!, &reader)
            }
        }
        let event = SQLValue(product.engagementEvent)
        try await each(
            """
            SELECT account_id, SUM(count), MAX(users) FROM usage_rollups
            WHERE event = $1 AND day >= $2 AND day < $3 GROUP BY account_id
            """, [event, daysBefore(30), c]) { account, row in
            account.engagementLast30Days = try row.int64()
            account.peakActiveUsers = try row.int64()
        }
        try await each(
            """
            SELECT account_id, SUM(CASE WHEN day >= $2 THEN count ELSE 0 END), SUM(CASE WHEN day < $2 THEN count ELSE 0 END)
            FROM usage_rollups WHERE event = $1 AND day >= $3 AND day < $4 GROUP BY account_id
            """, [event, daysBefore(60), daysBefore(90), daysBefore(30)]) { account, row in
            account.engagementPrevious30Days = try row.int64()
            account.engagement60To90Days = try row.int64()
        }
        try await each(
            """
            SELECT r.account_id, MIN(f.first_day), SUM(r.count) FROM usage_rollups r JOIN (
                SELECT account_id, MIN(day) AS first_day FROM usage_rollups WHERE event = $1 AND day < $2 GROUP BY account_id
            ) f ON f.account_id = r.account_id
            WHERE r.event = $1 AND r.day < $2 AND r.day < f.first_day + $3 GROUP BY r.account_id
            """, [event, c, .integer(30 * 86_400_000)]) { account, row in
            account.firstEngagementAt = try row.date()
            account.engagementFirst30Days = try row.int64()
        }
        try await each("SELECT account_id, MAX(last_at) FROM usage_rollups WHERE day < $1 GROUP BY account_id", [c]) { account, row in
            account.lastActivityAt = try row.date()
        }
        if !product.coreFeatures.isEmpty {
            try await each(
                """
                SELECT account_id, COUNT(DISTINCT event), SUM(count) FROM usage_rollups
                WHERE event IN (\(placeholders(product.coreFeatures.count, from: 3))) AND day >= $1 AND day < $2 AND count > 0
                GROUP BY account_id
                """, [daysBefore(30), c] + product.coreFeatures.map { SQLValue($0) }) { account, row in
                account.coreFeaturesUsed = try row.int()
                account.coreEventsLast30Days = try row.int64()
            }
        }
        try await each(
            "SELECT account_id, COUNT(*) FROM tickets WHERE opened_at >= $1 AND opened_at < $2 GROUP BY account_id",
            [daysBefore(60), c]) { account, row in account.ticketsLast60Days = try row.int() }
        try await each(
            """
            SELECT account_id, score FROM (
                SELECT account_id, score, ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY responded_at DESC, id DESC) AS position
                FROM survey_responses WHERE kind = 'nps' AND responded_at >= $1 AND responded_at < $2
            ) answers WHERE position = 1
            """, [daysBefore(365), c]) { account, row in account.latestNPS = try row.int() }
        try await each(
            """
            SELECT account_id, AVG(CAST(score AS DOUBLE PRECISION)) FROM survey_responses
            WHERE kind = 'csat' AND responded_at >= $1 AND responded_at < $2 GROUP BY account_id
            """, [daysBefore(90), c]) { account, row in account.averageCSAT = try row.double() }
        try await each(
            """
            SELECT account_id, COUNT(*) FROM payment_attempts
            WHERE succeeded = 0 AND attempted_at >= $1 AND attempted_at < $2 GROUP BY account_id
            """, [daysBefore(90), c]) { account, row in account.failedPaymentsLast90Days = try row.int() }
        try await each(
            """
            SELECT account_id, MAX(executive_sponsor_present), SUM(CASE WHEN kind = 'qbr' THEN 1 ELSE 0 END) FROM touchpoints
            WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY account_id
            """, [daysBefore(180), c]) { account, row in
            account.executiveSponsorSeen = try row.bool()
            account.qbrsLast180Days = try row.int()
        }
        return activity
    }

    public func usageTotals(_ windows: Set<UsageCondition.Window>, asOf cutoff: Date) async throws
        -> [UsageCondition.Window: [String: Int64]]
    {
        var totals: [UsageCondition.Window: [String: Int64]] = [:]
        for window in windows {
            let rows = try await database.read(
                "SELECT account_id, SUM(count) FROM usage_rollups WHERE event = $1 AND day >= $2 AND day < $3 GROUP BY account_id",
                [SQLValue(window.event), SQLValue(cutoff.adding(days: -Double(window.days))), SQLValue(cutoff)])
            var counts: [String: Int64] = [:]
            for row in rows {
                var reader = RowReader(row)
                counts[try reader.string()] = try reader.int64()
            }
            totals[window] = counts
        }
        return totals
    }
}
