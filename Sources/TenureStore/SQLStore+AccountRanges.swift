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
        try await readAccountAttributes("\(range.conditions(on: "id").whereClause) ORDER BY id")
    }
}
