import Foundation
import TenureCore

/// One account's history for its page: contacts, subscription changes,
/// invoices and payment attempts, tickets, survey answers, touchpoints, tasks
/// and daily usage, each read through its account index.
extension SQLStore {
    public func accountRecords(ofAccount accountID: String, limit: Int) async throws -> AccountRecords {
        /// The account's rows in `order`, at most `limit`.
        func rows(_ order: SQLQuery) -> SQLQuery { "WHERE account_id = \(bind: accountID) ORDER BY \(order) LIMIT \(bind: limit)" }
        var activity = AccountRecords()
        activity.contacts = try await select(Tables.contacts, rows("created_at, id"))
        activity.subscriptionChanges = try await SubscriptionReader(run: database.read).changes("WHERE account_id = \(bind: accountID)")
        activity.invoices = try await select(Tables.invoices, rows("created_at DESC, id DESC"))
        activity.paymentAttempts = try await select(Tables.paymentAttempts, rows("attempted_at DESC, id DESC"))
        activity.tickets = try await select(Tables.tickets, rows("opened_at DESC, id DESC"))
        activity.surveyResponses = try await select(Tables.surveyResponses, rows("responded_at DESC, id DESC"))
        activity.touchpoints = try await select(Tables.touchpoints, rows("occurred_at DESC, id DESC"))
        activity.tasks = try await select(Tables.tasks, rows("created_at DESC, id DESC"))
        return activity
    }

    public func dailyUsage(ofAccount accountID: String, from: Date, to: Date) async throws -> [UsageDay] {
        let rows = try await database.read(
            """
            SELECT day, SUM(count) AS events, MAX(users) AS users FROM usage_rollups
            WHERE account_id = \(bind: accountID) AND day >= \(bind: from) AND day < \(bind: to) GROUP BY day ORDER BY day
            """)
        return try rows.map { row in UsageDay(day: try row["day"], events: try row["events"], users: try row["users"]) }
    }

    public func eventCounts(ofAccount accountID: String, from: Date, to: Date) async throws -> [String: Int64] {
        let rows = try await database.read(
            """
            SELECT event, SUM(count) AS events FROM usage_rollups
            WHERE account_id = \(bind: accountID) AND day >= \(bind: from) AND day < \(bind: to) GROUP BY event
            """)
        var counts: [String: Int64] = [:]
        for row in rows {
            counts[try row["event"]] = try row["events"]
        }
        return counts
    }
}
