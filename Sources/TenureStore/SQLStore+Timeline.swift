import Foundation
import TenureCore

/// One account's history for its page: contacts, subscription changes,
/// invoices and payment attempts, tickets, survey answers, touchpoints, tasks
/// and daily usage, each read through its account index.
extension SQLStore {
    public func accountRecords(ofAccount accountID: String, limit: Int) async throws -> AccountRecords {
        let id = [SQLValue(accountID), SQLValue(limit)]
        var activity = AccountRecords()
        activity.contacts = try await select(Tables.contacts, "WHERE account_id = $1 ORDER BY created_at, id LIMIT $2", id)
        activity.subscriptionChanges = try await SubscriptionReader(run: database.read).changes("WHERE account_id = $1", [SQLValue(accountID)])
        activity.invoices = try await select(Tables.invoices, "WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2", id)
        activity.paymentAttempts = try await select(
            Tables.paymentAttempts, "WHERE account_id = $1 ORDER BY attempted_at DESC, id DESC LIMIT $2", id)
        activity.tickets = try await select(Tables.tickets, "WHERE account_id = $1 ORDER BY opened_at DESC, id DESC LIMIT $2", id)
        activity.surveyResponses = try await select(
            Tables.surveyResponses, "WHERE account_id = $1 ORDER BY responded_at DESC, id DESC LIMIT $2", id)
        activity.touchpoints = try await select(Tables.touchpoints, "WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2", id)
        activity.tasks = try await select(Tables.tasks, "WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2", id)
        return activity
    }

    public func dailyUsage(ofAccount accountID: String, from: Date, to: Date) async throws -> [UsageDay] {
        let rows = try await database.read(
            """
            SELECT day, SUM(count), MAX(users) FROM usage_rollups
            WHERE account_id = $1 AND day >= $2 AND day < $3 GROUP BY day ORDER BY day
            """, [SQLValue(accountID), SQLValue(from), SQLValue(to)])
        return try rows.map { row in
            var reader = RowReader(row)
            return UsageDay(day: try reader.date(), events: try reader.int64(), users: try reader.int64())
        }
    }

    public func eventCounts(ofAccount accountID: String, from: Date, to: Date) async throws -> [String: Int64] {
        let rows = try await database.read(
            "SELECT event, SUM(count) FROM usage_rollups WHERE account_id = $1 AND day >= $2 AND day < $3 GROUP BY event",
            [SQLValue(accountID), SQLValue(from), SQLValue(to)])
        var counts: [String: Int64] = [:]
        for row in rows {
            var reader = RowReader(row)
            counts[try reader.string()] = try reader.int64()
        }
        return counts
    }
}
