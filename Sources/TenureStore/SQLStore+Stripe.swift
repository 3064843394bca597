import Foundation
import TenureCore

/// A Stripe event as received (webhook) or synthesised from a synced object,
/// kept whole so every derived fact can be rebuilt from it.
public struct StripeEventRecord: Sendable, Hashable {
    public var id: String
    public var type: String
    /// Stripe's `created`, Unix seconds.
    public var created: Int64
    /// The type and id of `data.object`.
    public var objectType: String
    public var objectID: String
    /// Another object whose derived facts this event changes (a refunded charge's invoice).
    public var relatedID: String?
    /// The event's JSON, byte for byte as received.
    public var payload: String
    public var receivedAt: Date
    /// Why the event could not be turned into facts, if it could not.
    public var error: String?

    public init(id: String, type: String, created: Int64, objectType: String, objectID: String, relatedID: String?,
                payload: String, receivedAt: Date, error: String? = nil) {
        self.id = id
        self.type = type
        self.created = created
        self.objectType = objectType
        self.objectID = objectID
        self.relatedID = relatedID
        self.payload = payload
        self.receivedAt = receivedAt
        self.error = error
    }
}

extension SQLStore {
    static let stripeEvents = Table<StripeEventRecord>(
        name: "stripe_events",
        columns: ["id", "type", "created", "object_type", "object_id", "related_id", "payload", "received_at", "error"],
        key: ["id"], onConflict: .keep,
        encode: { event in
            [SQLValue(event.id), SQLValue(event.type), .integer(event.created), SQLValue(event.objectType),
             SQLValue(event.objectID), SQLValue(event.relatedID), SQLValue(event.payload), SQLValue(event.receivedAt),
             SQLValue(event.error)]
        },
        decode: { row in
            StripeEventRecord(
                id: try row["id"], type: try row["type"], created: try row["created"], objectType: try row["object_type"],
                objectID: try row["object_id"], relatedID: try row["related_id"], payload: try row["payload"],
                receivedAt: try row["received_at"], error: try row["error"])
        })

    public func insertStripeEvents(_ events: [StripeEventRecord]) async throws -> Set<String> {
        guard !events.isEmpty else { return [] }
        // Rows are written in id order, so concurrent deliveries of one batch lock them in the same order.
        let sorted = events.removingDuplicates { $0.id }.sorted { $0.id < $1.id }
        return try await database.write { [dialect] connection in
            var settled = Set<String>()
            for chunk in sorted.map(\.id).chunked(into: 500) {
                for row in try await connection.run("SELECT id FROM stripe_events WHERE error IS NULL AND id IN (\(bindEach: chunk))") {
                    settled.insert(try row["id"])
                }
            }
            let taken = sorted.filter { !settled.contains($0.id) }
            var replacing = Self.stripeEvents
            replacing.onConflict = .replace
            try await connection.upsert(taken, into: replacing, dialect: dialect)
            return Set(taken.map(\.id))
        }
    }

    public func stripeEvents(about objectIDs: [String]) async throws -> [StripeEventRecord] {
        guard !objectIDs.isEmpty else { return [] }
        var events: [StripeEventRecord] = []
        for chunk in objectIDs.chunked(into: 400) {
            events += try await select(
                Self.stripeEvents, "WHERE object_id IN (\(bindEach: chunk)) OR related_id IN (\(bindEach: chunk)) ORDER BY created, id")
        }
        return events.removingDuplicates { $0.id }
    }

    public func stripeObjects() async throws -> [(type: String, id: String)] {
        try await database.read("SELECT DISTINCT object_type, object_id FROM stripe_events ORDER BY object_type, object_id")
            .map { row in (try row["object_type"], try row["object_id"]) }
    }

    public func recordStripeErrors(_ errors: [String: String?]) async throws {
        guard !errors.isEmpty else { return }
        try await database.write { connection in
            // In id order: two nodes deriving the same objects lock the rows in the same order, never crosswise.
            for (id, error) in errors.sorted(by: { $0.key < $1.key }) {
                try await connection.run("UPDATE stripe_events SET error = \(bind: error) WHERE id = \(bind: id)")
            }
        }
    }

    public func failedStripeEvents(limit: Int) async throws -> [StripeEventRecord] {
        try await select(Self.stripeEvents, "WHERE error IS NOT NULL ORDER BY created, id LIMIT \(bind: limit)")
    }

    public func accountIDs(forStripeCustomers customers: [String]) async throws -> [String: String] {
        var found: [String: String] = [:]
        for chunk in customers.chunked(into: 400) {
            for row in try await database.read("SELECT stripe_customer_id, id FROM accounts WHERE stripe_customer_id IN (\(bindEach: chunk))") {
                found[try row["stripe_customer_id"]] = try row["id"]
            }
        }
        return found
    }
}
