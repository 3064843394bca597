import Foundation
import TenureCore

/// Writing batches of facts and keeping each account's MRR up to date.
extension SQLStore {
    public func refreshAllMRR(asOf: Date) async throws {
        try await database.write { [dialect] connection in
            let ids = try await connection.run("SELECT id FROM accounts").map { row -> String in try row["id"] }
            try await Self.refreshMRR(of: ids, asOf: asOf, on: connection, dialect: dialect)
            try await Self.bumpFactsVersion(on: connection)
        }
    }

    public func existingAccountIDs(_ ids: [String]) async throws -> Set<String> {
        var found = Set<String>()
        for chunk in Array(Set(ids)).chunked(into: 400) {
            for row in try await database.read("SELECT id FROM accounts WHERE id IN (\(bindEach: chunk))") {
                found.insert(try row["id"])
            }
        }
        return found
    }

    public func upsertAccounts(_ drafts: [AccountDraft], at now: Date) async throws {
        try await database.write { [dialect] connection in
            for draft in drafts {
                _ = try await Self.upsertAccount(draft, newID: draft.id ?? "acct_" + UUID().uuidString.lowercased().prefix(16), at: now,
                                                 on: connection, dialect: dialect)
            }
        }
    }

    public func write(_ batch: FactBatch, asOf: Date) async throws {
        try batch.validate()
        let touched = Set(batch.accounts.map(\.id) + batch.subscriptions.map(\.accountID) + batch.subscriptionChanges.map(\.state.accountID))
        try await database.write { [dialect] connection in
            // Read before the facts change, in the same transaction as the outbox rows they cause.
            let events = try await Self.factEvents(of: batch, asOf: asOf, on: connection)
            try await connection.upsert(batch.csms, into: Tables.csms, dialect: dialect)
            try await connection.upsert(batch.products, into: Tables.products, dialect: dialect)
            try await connection.upsert(batch.prices, into: Tables.prices, dialect: dialect)
            try await connection.upsert(batch.accounts, into: Tables.accounts, dialect: dialect)
            try await connection.upsert(batch.contacts, into: Tables.contacts, dialect: dialect)
            try await connection.writeSubscriptions(batch.subscriptions, dialect: dialect)
            try await connection.writeSubscriptionChanges(batch.subscriptionChanges, dialect: dialect)
            // History written without its current state: the latest stored change becomes current.
            let given = Set(batch.subscriptions.map(\.id))
            let historyOnly = Set(batch.subscriptionChanges.map(\.state.id)).subtracting(given)
            var latest: [Subscription] = []
            for chunk in Array(historyOnly).chunked(into: 400) {
                let changes = try await SubscriptionReader(run: connection.run).changes("WHERE subscription_id IN (\(bindEach: chunk))")
                latest += Dictionary(grouping: changes, by: \.state.id).values.compactMap { $0.last?.state }
            }
            try await connection.writeSubscriptions(latest, dialect: dialect)
            try await connection.upsert(batch.invoices, into: Tables.invoices, dialect: dialect)
            try await connection.upsert(batch.paymentAttempts, into: Tables.paymentAttempts, dialect: dialect)
            try await connection.upsert(batch.usageEvents, into: Tables.usageEvents, dialect: dialect)
            try await connection.upsert(batch.usageRollups, into: Tables.usageRollups, dialect: dialect)
            try await connection.upsert(batch.tickets, into: Tables.tickets, dialect: dialect)
            try await connection.upsert(batch.surveyResponses, into: Tables.surveyResponses, dialect: dialect)
            try await connection.upsert(batch.touchpoints, into: Tables.touchpoints, dialect: dialect)
            try await connection.upsert(batch.tasks, into: Tables.tasks, dialect: dialect)
            try await Self.refreshMRR(of: Array(touched), asOf: asOf, on: connection, dialect: dialect)
            _ = try await Self.appendEvents(events, at: asOf, on: connection)
            // New prices or products change every account priced with them.
            try await Self.bumpFactsVersion(
                on: connection, forAccounts: batch.prices.isEmpty && batch.products.isEmpty ? Array(batch.accountIDs) : nil)
        }
    }

    /// The outbox events `batch` causes (see ``FactEvents``), read against the facts stored before it.
    private static func factEvents(of batch: FactBatch, asOf: Date, on connection: any SQLConnection) async throws -> [DomainEvent] {
        let since = asOf.addingTimeInterval(-FactEvents.recentWindow)
        let paidInvoices = Set(batch.paymentAttempts.filter { $0.succeeded && $0.attemptedAt >= since }.map(\.invoiceID))
        let canceled = Set(batch.subscriptions.filter { $0.status == .canceled }.map(\.id))
        var failedBefore: Set<String> = [], canceledBefore: Set<String> = []
        for chunk in Array(paidInvoices).chunked(into: 400) {
            failedBefore.formUnion(try await connection.run(
                "SELECT DISTINCT invoice_id FROM payment_attempts WHERE succeeded = \(bind: false) AND invoice_id IN (\(bindEach: chunk))")
                .map { try $0["invoice_id"] as String })
        }
        for chunk in Array(canceled).chunked(into: 400) {
            canceledBefore.formUnion(try await connection.run(
                "SELECT id FROM subscriptions WHERE status = 'canceled' AND id IN (\(bindEach: chunk))").map { try $0["id"] as String })
        }
        return FactEvents.events(of: batch, asOf: asOf, invoicesFailedBefore: failedBefore, canceledBefore: canceledBefore)
    }

    /// Recomputes the stored MRR of `accountIDs` from their subscriptions.
    /// The account's own currency is kept (no conversion); coupons, past-due and
    /// churn recognition follow the configured ``MetricsPolicy``.
    static func refreshMRR(of accountIDs: [String], asOf: Date, on connection: any SQLConnection, dialect: SQLDialect) async throws {
        guard !accountIDs.isEmpty else { return }
        let prices = try Tables.prices.records(try await connection.run(Tables.prices.select))
        let policyRows = try await connection.run("SELECT value FROM settings WHERE key = \(bind: SettingKey.metricsPolicy)")
        let policy = try policyRows.first.map { row in try row.json("value", as: MetricsPolicy.self).mrr } ?? .standard
        let calculator = MRRCalculator(prices: Dictionary(uniqueKeysWithValues: prices.map { ($0.id, $0) }), policy: policy)
        for chunk in accountIDs.chunked(into: 400) {
            let subscriptions = try await SubscriptionReader(run: connection.run)
                .subscriptions("WHERE s.account_id IN (\(bindEach: chunk))").subscriptions
            let byAccount = Dictionary(grouping: subscriptions, by: \.accountID)
            var cases: SQLQuery = ""
            for accountID in chunk {
                let mrr = calculator.monthlyAmount(of: byAccount[accountID] ?? [], at: asOf)
                cases.append("WHEN \(bind: accountID) THEN \(bind: mrr) ")
            }
            try await connection.run("UPDATE accounts SET mrr = CASE id \(cases)ELSE mrr END WHERE id IN (\(bindEach: chunk))")
        }
    }
}
