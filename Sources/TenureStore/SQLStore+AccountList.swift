import Foundation
import TenureCore

/// The dashboard's accounts table and upcoming renewals: filtered, sorted and
/// paged in SQL, so a page costs the same on 100 or 100,000 accounts.
extension SQLStore {
    /// Subscription statuses that renew.
    static let liveStatuses = "('active', 'trialing', 'past_due')"

    public func accountList(_ query: AccountListQuery) async throws -> Page<AccountListRow> {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        func add(_ condition: (Int) -> String, _ value: SQLValue) {
            binds.append(value)
            conditions.append(condition(binds.count))
        }
        if let segment = query.segment { add({ "a.segment = $\($0)" }, SQLValue(segment)) }
        if let owner = query.ownerID {
            if owner == AccountQuery.unowned { conditions.append("a.owner_id IS NULL") } else { add({ "a.owner_id = $\($0)" }, SQLValue(owner)) }
        }
        if let stage = query.lifecycleStage { add({ "a.lifecycle_stage = $\($0)" }, SQLValue(stage)) }
        if let search = query.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            let like = dialect.caseInsensitiveLike
            add({ "(a.name \(like) $\($0) ESCAPE '\\' OR a.domain \(like) $\($0) ESCAPE '\\')" }, SQLValue("%\(Self.escapeLike(search))%"))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var reader = RowReader(try await database.read("SELECT COUNT(*) FROM accounts a \(filter)", binds)[0])
        let total = try reader.int()
        let direction = query.descending ? "DESC" : "ASC"
        let renewal = """
            (SELECT MIN(s.current_period_end) FROM subscriptions s
             WHERE s.account_id = a.id AND s.status IN \(Self.liveStatuses) AND s.ended_at IS NULL)
            """
        let order = switch query.sort {
        case .name: "a.name \(direction), a.id \(direction)"
        case .mrr: "a.mrr \(direction), a.id \(direction)"
        case .segment: "(a.segment IS NULL), a.segment \(direction), a.mrr DESC, a.id"
        case .owner: "(c.name IS NULL), c.name \(direction), a.mrr DESC, a.id"
        case .renewal: "(\(renewal) IS NULL), \(renewal) \(direction), a.mrr DESC, a.id"
        }
        let columns = Tables.accounts.columns.map { "a.\($0)" }.joined(separator: ", ")
        let rows = try await database.read(
            """
            SELECT \(columns), a.mrr, \(renewal) AS renews_at FROM accounts a LEFT JOIN csms c ON c.id = a.owner_id
            \(filter) ORDER BY \(order) LIMIT $\(binds.count + 1) OFFSET $\(binds.count + 2)
            """, binds + [SQLValue(query.limit), SQLValue(query.offset)])
        let items = try rows.map { row in
            var reader = RowReader(row)
            let account = try Tables.accounts.decode(&reader)
            return AccountListRow(summary: AccountSummary(account: account, mrr: try reader.int64()), renewsAt: try reader.optionalDate())
        }
        return Page(items: items, total: total, limit: query.limit, offset: query.offset)
    }

    public func accountSegments() async throws -> [String] {
        try await database.read("SELECT DISTINCT segment FROM accounts WHERE segment IS NOT NULL ORDER BY segment", []).map { row in
            var reader = RowReader(row)
            return try reader.string()
        }
    }

    public func renewals(_ query: RenewalQuery) async throws -> Page<RenewalRow> {
        var conditions = [
            "s.current_period_end >= $1", "s.current_period_end < $2", "s.status IN \(Self.liveStatuses)", "s.ended_at IS NULL",
        ]
        var binds = [SQLValue(query.from), SQLValue(query.to)]
        if let segment = query.segment {
            binds.append(SQLValue(segment))
            conditions.append("a.segment = $\(binds.count)")
        }
        if let owner = query.ownerID {
            if owner == AccountQuery.unowned {
                conditions.append("a.owner_id IS NULL")
            } else {
                binds.append(SQLValue(owner))
                conditions.append("a.owner_id = $\(binds.count)")
            }
        }
        if query.contractsOnly {
            conditions.append("""
                EXISTS (SELECT 1 FROM subscription_items i JOIN prices p ON p.id = i.price_id WHERE i.subscription_id = s.id
                AND (p.billing_interval = 'year' OR (p.billing_interval = 'month' AND p.interval_count >= 3)))
                """)
        }
        let unpaid = "EXISTS (SELECT 1 FROM invoices v WHERE v.account_id = a.id AND v.status IN ('open', 'uncollectible'))"
        if query.warningsOnly {
            conditions.append("(s.status = 'past_due' OR s.cancel_at IS NOT NULL OR \(unpaid))")
        }
        let from = "FROM subscriptions s JOIN accounts a ON a.id = s.account_id WHERE \(conditions.joined(separator: " AND "))"
        var reader = RowReader(try await database.read("SELECT COUNT(*) \(from)", binds)[0])
        let total = try reader.int()
        let rows = try await database.read(
            """
            SELECT s.id, a.name, a.segment, a.owner_id, a.mrr, \(unpaid)
            \(from) ORDER BY \(query.largestFirst ? "a.mrr DESC, s.current_period_end, s.id" : "s.current_period_end, s.id") LIMIT $\(binds.count + 1) OFFSET $\(binds.count + 2)
            """, binds + [SQLValue(query.limit), SQLValue(query.offset)])
        var order: [String] = []
        var details: [String: (name: String, segment: String?, owner: String?, mrr: Int64, unpaid: Bool)] = [:]
        for row in rows {
            var reader = RowReader(row)
            let id = try reader.string()
            order.append(id)
            details[id] = (try reader.string(), try reader.optionalString(), try reader.optionalString(), try reader.int64(), try reader.bool())
        }
        guard !order.isEmpty else { return Page(items: [], total: total, limit: query.limit, offset: query.offset) }
        let subscriptions = try await SubscriptionReader(run: database.read).subscriptions(
            "WHERE id IN (\(placeholders(order.count)))", order.map { SQLValue($0) })
        let byID = Dictionary(uniqueKeysWithValues: subscriptions.map { ($0.id, $0) })
        let items = order.compactMap { id -> RenewalRow? in
            guard let subscription = byID[id], let detail = details[id] else { return nil }
            return RenewalRow(subscription: subscription, accountName: detail.name, segment: detail.segment, ownerID: detail.owner,
                              accountMRR: detail.mrr, hasUnpaidInvoice: detail.unpaid)
        }
        return Page(items: items, total: total, limit: query.limit, offset: query.offset)
    }
}
