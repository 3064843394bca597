import Foundation
import TenureCore

/// Point-in-time account activity for health signals and segmentation: every
/// aggregate reads only facts dated before the cut-off (usage rollups of days
/// before it, tickets opened, answers given, payments attempted and
/// touchpoints held before it), so a backtest at a past cut-off sees what was
/// known then.
extension SQLStore {
    public func accountActivity(asOf cutoff: Date, product: ProductConfiguration, accounts range: AccountRange) async throws
        -> [String: AccountActivity]
    {
        func daysBefore(_ days: Double) -> Date { cutoff.adding(days: -days) }
        let inRange = range.and("account_id"), rollups = RangeReads(range)
        var activity: [String: AccountActivity] = [:]
        for row in try await database.read("SELECT id, created_at FROM accounts WHERE created_at < \(bind: cutoff)\(range.and("id"))") {
            let id: String = try row["id"]
            activity[id] = AccountActivity(accountID: id, createdAt: try row["created_at"])
        }
        /// Runs `query` and hands each row of a known account (column `account_id`) to `update`.
        func each(_ query: SQLQuery, _ update: (inout AccountActivity, SQLRow) throws -> Void) async throws {
            for row in try await database.read(query) {
                let id: String = try row["account_id"]
                guard activity[id] != nil else { continue }
                try update(&activity[id]!, row)
            }
        }
        let event = product.engagementEvent
        try await each(
            """
            SELECT r.account_id, SUM(r.count) AS events, MAX(r.users) AS users FROM \(rollups.usage)
            WHERE \(rollups.event) = \(bind: event) AND r.day >= \(bind: daysBefore(30)) AND r.day < \(bind: cutoff)\(rollups.inRange)
            GROUP BY r.account_id
            """) { account, row in
            account.engagementLast30Days = try row["events"]
            account.peakActiveUsers = try row["users"]
        }
        try await each(
            """
            SELECT r.account_id, SUM(CASE WHEN r.day >= \(bind: daysBefore(60)) THEN r.count ELSE 0 END) AS previous,
                SUM(CASE WHEN r.day < \(bind: daysBefore(60)) THEN r.count ELSE 0 END) AS earlier
            FROM \(rollups.usage)
            WHERE \(rollups.event) = \(bind: event) AND r.day >= \(bind: daysBefore(90)) AND r.day < \(bind: daysBefore(30))\(rollups.inRange)
            GROUP BY r.account_id
            """) { account, row in
            account.engagementPrevious30Days = try row["previous"]
            account.engagement60To90Days = try row["earlier"]
        }
        try await each(
            """
            SELECT r.account_id, MIN(f.first_day) AS first_day, SUM(r.count) AS events FROM (
                SELECT r.account_id, MIN(r.day) AS first_day FROM \(rollups.usage)
                WHERE \(rollups.event) = \(bind: event) AND r.day < \(bind: cutoff)\(rollups.inRange) GROUP BY r.account_id
            ) f CROSS JOIN usage_rollups r
            WHERE r.account_id = f.account_id AND r.event || '' = \(bind: event) AND r.day < \(bind: cutoff)
                AND r.day < f.first_day + \(bind: Int64(30 * 86_400_000))
            GROUP BY r.account_id
            """) { account, row in
            account.firstEngagementAt = try row["first_day"]
            account.engagementFirst30Days = try row["events"]
        }
        try await each(
            "SELECT account_id, MAX(last_at) AS last_at FROM usage_rollups WHERE day < \(bind: cutoff)\(inRange) GROUP BY account_id"
        ) { account, row in
            account.lastActivityAt = try row["last_at"]
        }
        if !product.coreFeatures.isEmpty {
            try await each(
                """
                SELECT r.account_id, COUNT(DISTINCT r.event) AS features, SUM(r.count) AS events FROM \(rollups.usage)
                WHERE \(rollups.event) IN (\(bindEach: product.coreFeatures)) AND r.day >= \(bind: daysBefore(30))
                    AND r.day < \(bind: cutoff) AND r.count > 0\(rollups.inRange)
                GROUP BY r.account_id
                """) { account, row in
                account.coreFeaturesUsed = try row["features"]
                account.coreEventsLast30Days = try row["events"]
            }
        }
        try await each(
            """
            SELECT account_id, COUNT(*) AS tickets FROM tickets
            WHERE opened_at >= \(bind: daysBefore(60)) AND opened_at < \(bind: cutoff)\(inRange) GROUP BY account_id
            """) { account, row in account.ticketsLast60Days = try row["tickets"] }
        try await each(
            """
            SELECT account_id, score FROM (
                SELECT account_id, score, ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY responded_at DESC, id DESC) AS position
                FROM survey_responses
                WHERE \(rollups.kind) = 'nps' AND responded_at >= \(bind: daysBefore(365)) AND responded_at < \(bind: cutoff)\(inRange)
            ) answers WHERE position = 1
            """) { account, row in account.latestNPS = try row["score"] }
        try await each(
            """
            SELECT account_id, AVG(CAST(score AS DOUBLE PRECISION)) AS average FROM survey_responses
            WHERE \(rollups.kind) = 'csat' AND responded_at >= \(bind: daysBefore(90)) AND responded_at < \(bind: cutoff)\(inRange)
            GROUP BY account_id
            """) { account, row in account.averageCSAT = try row["average"] }
        try await each(
            """
            SELECT account_id, COUNT(*) AS failures FROM payment_attempts
            WHERE succeeded = 0 AND attempted_at >= \(bind: daysBefore(90)) AND attempted_at < \(bind: cutoff)\(inRange) GROUP BY account_id
            """) { account, row in account.failedPaymentsLast90Days = try row["failures"] }
        try await each(
            """
            SELECT account_id, MAX(executive_sponsor_present) AS sponsor, SUM(CASE WHEN kind = 'qbr' THEN 1 ELSE 0 END) AS qbrs
            FROM touchpoints WHERE occurred_at >= \(bind: daysBefore(180)) AND occurred_at < \(bind: cutoff)\(inRange) GROUP BY account_id
            """) { account, row in
            account.executiveSponsorSeen = try row["sponsor"]
            account.qbrsLast180Days = try row["qbrs"]
        }
        return activity
    }

    public func usageTotals(_ windows: Set<UsageCondition.Window>, asOf cutoff: Date, accounts range: AccountRange) async throws
        -> [UsageCondition.Window: [String: Int64]]
    {
        var totals: [UsageCondition.Window: [String: Int64]] = [:]
        for window in windows {
            let rollups = RangeReads(range)
            let rows = try await database.read(
                """
                SELECT r.account_id, SUM(r.count) AS events FROM \(rollups.usage)
                WHERE \(rollups.event) = \(bind: window.event) AND r.day >= \(bind: cutoff.adding(days: -Double(window.days)))
                    AND r.day < \(bind: cutoff)\(rollups.inRange)
                GROUP BY r.account_id
                """)
            var counts: [String: Int64] = [:]
            for row in rows {
                counts[try row["account_id"]] = try row["events"]
            }
            totals[window] = counts
        }
        return totals
    }
}

/// How the activity reads of a range of accounts reach their rows in time linear in the range. Every account:
/// the plain tables. A range: `usage_rollups` (as `r`) behind the range's accounts in a `CROSS JOIN`, so SQLite
/// reads each account's rows of the days by the primary key; and the event and survey kind compared as
/// `column || ''`, which keeps SQLite off the indexes led by them — they would read every account's rows of the
/// days once per range, making the whole run quadratic in the book.
private struct RangeReads {
    let range: AccountRange

    init(_ range: AccountRange) { self.range = range }

    /// The `FROM` of usage rollups.
    var usage: SQLQuery { range == .all ? "usage_rollups r" : "accounts a CROSS JOIN usage_rollups r" }
    /// The join and range conditions of ``usage``, after a `WHERE`'s first condition. The range is stated on the
    /// rollups' own `account_id` too: PostgreSQL carries equalities across a join but not ranges, and without it
    /// scanned every rollup of the book for each range (at a million accounts, 10 GB per read).
    var inRange: SQLQuery { range == .all ? "" : " AND r.account_id = a.id\(range.and("a.id"))\(range.and("r.account_id"))" }
    /// The rollup's event, for a condition.
    var event: SQLQuery { range == .all ? "r.event" : "r.event || ''" }
    /// The survey response's kind, for a condition.
    var kind: SQLQuery { range == .all ? "kind" : "kind || ''" }
}
