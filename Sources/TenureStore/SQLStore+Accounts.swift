import Foundation
import TenureCore

/// Accounts: upsert by any of their ids, lookup, and the filtered list.
extension SQLStore {
    public func upsertAccount(_ draft: AccountDraft, newID: String, at now: Date) async throws -> AccountUpsert {
        try await database.write { [dialect] connection in
            try await Self.upsertAccount(draft, newID: newID, at: now, on: connection, dialect: dialect)
        }
    }

    /// The upsert inside an open transaction.
    static func upsertAccount(_ draft: AccountDraft, newID: String, at now: Date, on connection: any SQLConnection,
                              dialect: SQLDialect) async throws -> AccountUpsert {
        let matches = try await accountsMatching(draft, on: connection)
        guard matches.count <= 1 else {
            throw StoreError(.conflict, "the draft's ids point at different accounts: \(matches.map(\.id).sorted().joined(separator: ", "))")
        }
        let account: Account
        if let existing = matches.first {
            account = try draft.applied(to: existing, at: now)
        } else {
            account = try draft.makeAccount(newID: newID, at: now)
        }
        try await connection.upsert([account], into: Tables.accounts, dialect: dialect)
        try await bumpFactsVersion(on: connection)
        return AccountUpsert(account: account, created: matches.isEmpty)
    }

    /// Distinct stored accounts that share the draft's id, Stripe customer id or Segment group id.
    private static func accountsMatching(_ draft: AccountDraft, on connection: any SQLConnection) async throws -> [Account] {
        var found: [String: Account] = [:]
        for (column, value) in [("id", draft.id), ("stripe_customer_id", draft.stripeCustomerID), ("segment_group_id", draft.segmentGroupID)] {
            guard let value else { continue }
            let rows = try await connection.run("\(Tables.accounts.select) WHERE \(column) = $1", [SQLValue(value)])
            for account in try Tables.accounts.records(rows) { found[account.id] = account }
        }
        return Array(found.values)
    }

    public func account(id: String) async throws -> AccountSummary? {
        try await summaries("WHERE id = $1", [SQLValue(id)]).first
    }

    public func accounts(_ query: AccountQuery) async throws -> Page<AccountSummary> {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        func add(_ condition: (Int) -> String, _ value: SQLValue) {
            binds.append(value)
            conditions.append(condition(binds.count))
        }
        if let segment = query.segment { add({ "segment = $\($0)" }, SQLValue(segment)) }
        if let owner = query.ownerID {
            if owner == AccountQuery.unowned { conditions.append("owner_id IS NULL") } else { add({ "owner_id = $\($0)" }, SQLValue(owner)) }
        }
        if let stage = query.lifecycleStage { add({ "lifecycle_stage = $\($0)" }, SQLValue(stage)) }
        if let colour = query.healthColour { add({ "health_colour = $\($0)" }, SQLValue(colour)) }
        if let search = query.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            let like = dialect.caseInsensitiveLike
            add({ "(name \(like) $\($0) ESCAPE '\\' OR domain \(like) $\($0) ESCAPE '\\')" }, SQLValue("%\(Self.escapeLike(search))%"))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let countRows = try await database.read("SELECT COUNT(*) FROM accounts \(filter)", binds)
        var reader = RowReader(countRows[0])
        let total = try reader.int()
        let direction = query.descending ? "DESC" : "ASC"
        let nullsLast = query.sort == .health ? "(health_score IS NULL), " : ""
        let order = "ORDER BY \(nullsLast)\(query.sort.rawValue) \(direction), id \(direction)"
        let items = try await summaries(
            "\(filter) \(order) LIMIT $\(binds.count + 1) OFFSET $\(binds.count + 2)",
            binds + [SQLValue(query.limit), SQLValue(query.offset)])
        return Page(items: items, total: total, limit: query.limit, offset: query.offset)
    }

    private func summaries(_ clause: String, _ binds: [SQLValue]) async throws -> [AccountSummary] {
        let rows = try await database.read(
            """
            SELECT \(Tables.accounts.columns.joined(separator: ", ")), mrr, health_score, health_colour, engagement_model
            FROM accounts \(clause)
            """, binds)
        return try rows.map { row in
            var reader = RowReader(row)
            let account = try Tables.accounts.decode(&reader)
            let mrr = try reader.int64()
            let score = try reader.optionalDouble()
            let colour: HealthColour? = try reader.optionalEnumeration()
            return AccountSummary(
                account: account, mrr: mrr, health: score.flatMap { score in colour.map { CurrentHealth(score: score, colour: $0) } },
                engagementModel: try reader.optionalEnumeration())
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    public func subscriptions(ofAccount accountID: String) async throws -> [Subscription] {
        try await SubscriptionReader(run: database.read).subscriptions("WHERE account_id = $1 ORDER BY started_at, id", [SQLValue(accountID)])
    }

    public func prices() async throws -> [Price] { try await select(Tables.prices, "ORDER BY id") }
    public func products() async throws -> [Product] { try await select(Tables.products, "ORDER BY id") }
    public func csms() async throws -> [CSM] { try await select(Tables.csms, "ORDER BY id") }

    public func factCounts() async throws -> [String: Int] {
        let tables = ["accounts", "contacts", "csms", "products", "prices", "subscriptions", "subscription_items",
                      "subscription_changes", "subscription_change_items",
                      "invoices", "payment_attempts", "usage_events", "usage_rollups", "tickets", "survey_responses",
                      "touchpoints", "tasks"]
        let sql = tables.map { "SELECT '\($0)', COUNT(*) FROM \($0)" }.joined(separator: " UNION ALL ")
        var counts: [String: Int] = [:]
        for row in try await database.read(sql, []) {
            var reader = RowReader(row)
            counts[try reader.string()] = try reader.int()
        }
        return counts
    }
}
