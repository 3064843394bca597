import Foundation
import TenureCore

/// Accounts: upsert by any of their ids, lookup, and the filtered list.
extension SQLStore {
    public func upsertAccount(_ draft: AccountDraft, newID: String, at now: Date) async throws -> AccountUpsert {
        try await database.write { [dialect] connection in
            try await Self.upsertAccount(draft, newID: newID, at: now, on: connection, dialect: dialect)
        }
    }

    /// The upsert inside an open transaction; a stored account whose lifecycle stage it changes gets an
    /// `account.stage.changed` event.
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
        if let existing = matches.first, existing.lifecycleStage != account.lifecycleStage {
            let event = AccountChangeEvents.stageChanged(accountID: account.id, from: existing.lifecycleStage, to: account.lifecycleStage, at: now)
            _ = try await appendEvents([event], at: now, on: connection)
        }
        try await bumpFactsVersion(on: connection, forAccounts: [account.id])
        return AccountUpsert(account: account, created: matches.isEmpty)
    }

    /// Distinct stored accounts that share the draft's id, Stripe customer id or Segment group id.
    private static func accountsMatching(_ draft: AccountDraft, on connection: any SQLConnection) async throws -> [Account] {
        var found: [String: Account] = [:]
        for (column, value) in [("id", draft.id), ("stripe_customer_id", draft.stripeCustomerID), ("segment_group_id", draft.segmentGroupID)] {
            guard let value else { continue }
            let rows = try await connection.run("\(Tables.accounts.select) WHERE \(unsafeRaw: column) = \(bind: value)")
            for account in try Tables.accounts.records(rows) { found[account.id] = account }
        }
        return Array(found.values)
    }

    public func account(id: String) async throws -> AccountSummary? {
        try await database.read("\(Self.summaryColumns) FROM accounts a WHERE id = \(bind: id)").map(Self.summary).first
    }

    public func accounts(_ query: AccountQuery) async throws -> Page<AccountSummary> {
        let direction: SQLQuery = query.descending ? "DESC" : "ASC"
        let nullsLast: SQLQuery = query.sort == .health ? "(health_score IS NULL), " : ""
        return try await page(
            select: Self.summaryColumns, from: "FROM accounts a \(AccountFilter(query).conditions(on: "a", dialect: dialect).whereClause)",
            orderBy: "\(nullsLast)\(unsafeRaw: query.sort.rawValue) \(direction), id \(direction)",
            limit: query.limit, offset: query.offset, Self.summary)
    }

    /// `SELECT` and the columns ``summary(_:)`` reads, from the accounts table called `a`.
    private static let summaryColumns: SQLQuery =
        "SELECT \(Tables.accounts.columnList("a")), a.mrr, a.health_score, a.health_colour, a.engagement_model"

    private static func summary(_ row: SQLRow) throws -> AccountSummary {
        let score: Double? = try row["health_score"], colour: HealthColour? = try row["health_colour"]
        return AccountSummary(
            account: try Tables.accounts.decode(row), mrr: try row["mrr"],
            health: score.flatMap { score in colour.map { CurrentHealth(score: score, colour: $0) } },
            engagementModel: try row["engagement_model"])
    }

    public func pricedSubscriptions(ofAccount accountID: String) async throws -> (subscriptions: [Subscription], prices: [Price]) {
        try await SubscriptionReader(run: database.read).subscriptions(
            "WHERE s.account_id = \(bind: accountID)", orderedBy: "s.started_at, s.id", priced: true)
    }

    public func prices() async throws -> [Price] { try await select(Tables.prices, "ORDER BY id") }
    public func products() async throws -> [Product] { try await select(Tables.products, "ORDER BY id") }
    public func csms() async throws -> [CSM] { try await select(Tables.csms, "ORDER BY id") }

    public func saveCSM(_ csm: CSM) async throws {
        try await database.write { [dialect] connection in
            try await connection.upsert([csm], into: Tables.csms, dialect: dialect)
            try await Self.bumpDerivedVersion(on: connection)
        }
    }

    public func factCounts() async throws -> [String: Int] {
        let tables = ["accounts", "contacts", "csms", "products", "prices", "subscriptions", "subscription_items",
                      "subscription_changes", "subscription_change_items",
                      "invoices", "payment_attempts", "usage_events", "usage_rollups", "tickets", "survey_responses",
                      "touchpoints", "tasks"]
        let counts: SQLQuery = tables.map { "SELECT '\(unsafeRaw: $0)' AS name, COUNT(*) AS total FROM \(unsafeRaw: $0)" }
            .joined(separator: " UNION ALL ")
        var totals: [String: Int] = [:]
        for row in try await database.read(counts) { totals[try row["name"]] = try row["total"] }
        return totals
    }
}
