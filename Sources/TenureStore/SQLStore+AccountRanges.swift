import Foundation
import TenureCore

/// Ranges of accounts and the facts of one range.
extension SQLStore {
    public func accountRanges(size: Int) async throws -> [AccountRange] {
        precondition(size > 0, "a range holds at least one account")
        let rows = try await database.read(
            """
            SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS position FROM accounts) numbered
            WHERE position > 1 AND (position - 1) % \(bind: size) = 0 ORDER BY id
            """)
        let starts: [String?] = [nil] + (try rows.map { try $0["id"] as String })
        return starts.indices.map { index in
            AccountRange(from: starts[index], before: index + 1 < starts.count ? starts[index + 1] : nil)
        }
    }

    public func subscriptionChanges(accounts range: AccountRange) async throws -> [SubscriptionChange] {
        try await SubscriptionReader(run: database.read).changes(range.conditions(on: "account_id").whereClause)
    }

    public func accountAttributes(accounts range: AccountRange) async throws -> [AccountAttributes] {
        let rows = try await database.read(
            """
            SELECT id, name, segment, industry, owner_id, lifecycle_stage, created_at, employee_count, tags FROM accounts
            \(range.conditions(on: "id").whereClause) ORDER BY id
            """)
        return try rows.map { row in
            AccountAttributes(
                id: try row["id"], name: try row["name"], segment: try row["segment"], industry: try row["industry"],
                ownerID: try row["owner_id"], lifecycleStage: try row["lifecycle_stage"], createdAt: try row["created_at"],
                employeeCount: try row["employee_count"], tags: try row.json("tags"))
        }
    }
}
