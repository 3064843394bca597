import Foundation
import TenureCore

/// Subscriptions and their history, written and read with their item rows.
extension SQLConnection {
    /// Upserts subscriptions (the last copy of an id wins) and replaces their items.
    func writeSubscriptions(_ subscriptions: [Subscription], dialect: SQLDialect) async throws {
        let latest = subscriptions.removingDuplicates { $0.id }
        try await upsert(latest, into: Tables.subscriptions, dialect: dialect)
        for chunk in latest.map(\.id).chunked(into: 500) {
            try await run("DELETE FROM subscription_items WHERE subscription_id IN (\(bindEach: chunk))")
        }
        let items = latest.flatMap { subscription in
            subscription.items.enumerated().map { Tables.ItemRow(subscriptionID: subscription.id, position: $0.offset, item: $0.element) }
        }
        try await upsert(items, into: Tables.subscriptionItems, dialect: dialect)
    }

    /// Upserts subscription changes (the last copy of a subscription and instant wins) and replaces their items.
    func writeSubscriptionChanges(_ changes: [SubscriptionChange], dialect: SQLDialect) async throws {
        let latest = changes.removingDuplicates { "\($0.state.id)\u{0}\(SQLValue.milliseconds($0.effectiveAt))" }
        try await upsert(latest, into: Tables.subscriptionChanges, dialect: dialect)
        for chunk in latest.chunked(into: 400) {
            let pairs = chunk.lazy.map { [SQLValue($0.state.id), SQLValue($0.effectiveAt)] }
            try await run("DELETE FROM subscription_change_items WHERE (subscription_id, effective_at) IN (VALUES \(bindRows: pairs))")
        }
        let items = latest.flatMap { change in
            change.state.items.enumerated().map {
                Tables.ChangeItemRow(subscriptionID: change.state.id, effectiveAt: change.effectiveAt, position: $0.offset, item: $0.element)
            }
        }
        try await upsert(items, into: Tables.subscriptionChangeItems, dialect: dialect)
    }
}

/// Reads subscriptions and changes with their items, through any statement runner
/// (the database outside a transaction, or a connection inside one).
struct SubscriptionReader {
    let run: @Sendable (SQLQuery) async throws -> [SQLRow]

    /// Subscriptions that `filter` (a WHERE over `subscriptions`, read as `s`) selects, with items, in `order` if one
    /// is given, in one statement; `priced` also reads the price each item names (none when no price has its id).
    func subscriptions(_ filter: SQLQuery, orderedBy order: SQLQuery? = nil, priced: Bool = false)
        async throws -> (subscriptions: [Subscription], prices: [Price])
    {
        let ordered: SQLQuery = order.map { "ORDER BY \($0)" } ?? ""
        let prices: (columns: SQLQuery, join: SQLQuery) = priced
            ? (", \(unsafeRaw: Tables.prices.columns.map { "p.\($0) AS p_\($0)" }.joined(separator: ", "))",
               "LEFT JOIN prices p ON p.id = i.price_id")
            : ("", "")
        // A subscription without items is one row whose item columns are NULL.
        let rows = try await run(
            """
            SELECT \(Tables.subscriptions.columnList("s")), \(Tables.subscriptionItems.columnList("i"))\(prices.columns) \
            FROM subscriptions s LEFT JOIN subscription_items i ON i.subscription_id = s.id \(prices.join) \(filter) \(ordered)
            """)
        var subscriptions: [Subscription] = [], positions: [String: Int] = [:]
        var items: [[Tables.ItemRow]] = []
        var priceByID: [String: Price] = [:]
        for row in rows {
            let id: String = try row["id"]
            let index: Int
            if let known = positions[id] {
                index = known
            } else {
                index = subscriptions.count
                positions[id] = index
                subscriptions.append(try Tables.subscriptions.decode(row))
                items.append([])
            }
            guard try row["item_id"] as String? != nil else { continue }
            let item = try Tables.subscriptionItems.decode(row)
            items[index].append(item)
            if priced, priceByID[item.item.priceID] == nil, try row["p_id"] as String? != nil {
                priceByID[item.item.priceID] = try Tables.prices.decode(row.selecting(Tables.prices.columns, prefixedBy: "p_"))
            }
        }
        for index in subscriptions.indices {
            subscriptions[index].items = items[index].sorted { $0.position < $1.position }.map(\.item)
        }
        return (subscriptions, priceByID.values.sorted { $0.id < $1.id })
    }

    /// Every change that `filter` (a WHERE over `subscription_changes`) selects, with items,
    /// ordered by subscription and time.
    func changes(_ filter: SQLQuery = "") async throws -> [SubscriptionChange] {
        var changes = try Tables.subscriptionChanges.records(try await run(
            "\(Tables.subscriptionChanges.select) \(filter) ORDER BY subscription_id, effective_at"))
        let rows = try Tables.subscriptionChangeItems.records(try await run(
            """
            \(Tables.subscriptionChangeItems.select) WHERE (subscription_id, effective_at) IN \
            (SELECT subscription_id, effective_at FROM subscription_changes \(filter)) \
            ORDER BY subscription_id, effective_at, position
            """))
        var next = 0
        for index in changes.indices {
            let id = changes[index].state.id, at = changes[index].effectiveAt
            while next < rows.count && (rows[next].subscriptionID, rows[next].effectiveAt) < (id, at) { next += 1 }
            while next < rows.count && rows[next].subscriptionID == id && rows[next].effectiveAt == at {
                changes[index].state.items.append(rows[next].item)
                next += 1
            }
        }
        return changes
    }
}
