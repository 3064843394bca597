import Foundation
import TenureCore

/// The dashboard's accounts table and upcoming renewals: filtered, sorted and
/// paged in SQL, so a page costs the same on 100 or 100,000 accounts.
extension SQLStore {
    /// Subscription statuses that renew.
    static let liveStatuses: SQLQuery = "('active', 'trialing', 'past_due')"

    public func accountList(_ query: AccountListQuery) async throws -> Page<AccountListRow> {
        let direction: SQLQuery = query.descending ? "DESC" : "ASC"
        let renewal: SQLQuery = """
            (SELECT MIN(s.current_period_end) FROM subscriptions s
             WHERE s.account_id = a.id AND s.status IN \(Self.liveStatuses) AND s.ended_at IS NULL)
            """
        let order: SQLQuery = switch query.sort {
        case .name: "a.name \(direction), a.id \(direction)"
        case .mrr: "a.mrr \(direction), a.id \(direction)"
        case .segment: "(a.segment IS NULL), a.segment \(direction), a.mrr DESC, a.id"
        case .owner: "(c.name IS NULL), c.name \(direction), a.mrr DESC, a.id"
        case .renewal: "(\(renewal) IS NULL), \(renewal) \(direction), a.mrr DESC, a.id"
        }
        let filter = AccountFilter(query).conditions(on: "a", dialect: dialect).whereClause
        return try await page(
            select: "SELECT \(Tables.accounts.columnList("a")), a.mrr, \(renewal) AS renews_at",
            from: "FROM accounts a LEFT JOIN csms c ON c.id = a.owner_id \(filter)", orderBy: order,
            limit: query.limit, offset: query.offset) { row in
            AccountListRow(summary: AccountSummary(account: try Tables.accounts.decode(row), mrr: try row["mrr"]),
                           renewsAt: try row["renews_at"])
        }
    }

    public func accountSegments() async throws -> [String] {
        try await database.read("SELECT DISTINCT segment FROM accounts WHERE segment IS NOT NULL ORDER BY segment").map { row in
            try row["segment"]
        }
    }

    public func renewals(_ query: RenewalQuery) async throws -> Page<RenewalRow> {
        var conditions: [SQLQuery] = [
            "s.current_period_end >= \(bind: query.from)", "s.current_period_end < \(bind: query.to)",
            "s.status IN \(Self.liveStatuses)", "s.ended_at IS NULL",
        ]
        conditions += AccountFilter(segment: query.segment, ownerID: query.ownerID).conditions(on: "a", dialect: dialect)
        if query.contractsOnly {
            conditions.append("""
                EXISTS (SELECT 1 FROM subscription_items i JOIN prices p ON p.id = i.price_id WHERE i.subscription_id = s.id
                AND (p.billing_interval = 'year' OR (p.billing_interval = 'month' AND p.interval_count >= 3)))
                """)
        }
        let unpaid: SQLQuery = "EXISTS (SELECT 1 FROM invoices v WHERE v.account_id = a.id AND v.status IN ('open', 'uncollectible'))"
        if query.warningsOnly {
            conditions.append("(s.status = 'past_due' OR s.cancel_at IS NOT NULL OR \(unpaid))")
        }
        let found = try await page(
            select: "SELECT s.id, a.name, a.segment, a.owner_id, a.mrr, \(unpaid) AS unpaid",
            from: "FROM subscriptions s JOIN accounts a ON a.id = s.account_id \(conditions.whereClause)",
            orderBy: query.largestFirst ? "a.mrr DESC, s.current_period_end, s.id" : "s.current_period_end, s.id",
            limit: query.limit, offset: query.offset) { row in
            (id: try row["id"] as String, name: try row["name"] as String, segment: try row["segment"] as String?,
             owner: try row["owner_id"] as String?, mrr: try row["mrr"] as Int64, unpaid: try row["unpaid"] as Bool)
        }
        guard !found.items.isEmpty else { return Page(items: [], total: found.total, limit: query.limit, offset: query.offset) }
        let subscriptions = try await SubscriptionReader(run: database.read).subscriptions(
            "WHERE s.id IN (\(bindEach: found.items.map(\.id)))").subscriptions
        let byID = Dictionary(uniqueKeysWithValues: subscriptions.map { ($0.id, $0) })
        let items = found.items.compactMap { detail -> RenewalRow? in
            guard let subscription = byID[detail.id] else { return nil }
            return RenewalRow(subscription: subscription, accountName: detail.name, segment: detail.segment, ownerID: detail.owner,
                              accountMRR: detail.mrr, hasUnpaidInvoice: detail.unpaid)
        }
        return Page(items: items, total: found.total, limit: query.limit, offset: query.offset)
    }
}
