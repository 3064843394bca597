import Foundation
import TenureCore

/// The outbox: events appended once per key (in the transaction of the change that causes them, or on their
/// own), listed, and fanned out to endpoints as deliveries.
extension SQLStore {
    public func appendEvents(_ events: [DomainEvent], at now: Date) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        return try await database.write { connection in try await Self.appendEvents(events, at: now, on: connection) }
    }

    /// Appends `events` on `connection`, inside the caller's transaction, skipping keys already in the outbox.
    static func appendEvents(_ events: [DomainEvent], at now: Date, on connection: any SQLConnection) async throws -> Int {
        var added = 0
        for chunk in events.chunked(into: 500) {
            let rows = chunk.map { event -> [SQLValue] in
                [.text(event.id), .text(event.type.rawValue), SQLValue(event.accountID), SQLValue(event.occurredAt), SQLValue(now),
                 .text(event.key), .text(String(decoding: event.payload, as: UTF8.self))]
            }
            added += try await connection.run(
                """
                INSERT INTO events (id, type, account_id, occurred_at, created_at, event_key, payload) VALUES \(bindRows: rows)
                ON CONFLICT (event_key) DO NOTHING RETURNING seq
                """).count
        }
        return added
    }

    public func events(_ query: EventQuery) async throws -> Page<StoredEvent> {
        var conditions: [SQLQuery] = []
        if let type = query.type { conditions.append("e.type = \(bind: type)") }
        if let account = query.accountID { conditions.append("e.account_id = \(bind: account)") }
        if let owner = query.ownerID { conditions.append("a.owner_id = \(bind: owner)") }
        if let since = query.since { conditions.append("e.created_at >= \(bind: since)") }
        return try await page(select: Self.eventColumns, from: "FROM events e LEFT JOIN accounts a ON a.id = e.account_id \(conditions.whereClause)",
                              orderBy: "e.seq DESC", limit: query.limit, offset: query.offset, Self.storedEvent)
    }

    public func event(id: String) async throws -> StoredEvent? {
        try await database.read("\(Self.eventColumns) FROM events e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.id = \(bind: id)")
            .first.map(Self.storedEvent)
    }

    public func eventsAwaitingFanOut(limit: Int) async throws -> [StoredEvent] {
        try await database.read(
            """
            \(Self.eventColumns) FROM events e LEFT JOIN accounts a ON a.id = e.account_id
            WHERE e.fanned_out = 0 ORDER BY e.seq LIMIT \(bind: limit)
            """).map(Self.storedEvent)
    }

    public func fanOut(_ events: [Int64], deliveries: [(eventID: String, endpointID: String)], at now: Date) async throws -> Int {
        guard !events.isEmpty || !deliveries.isEmpty else { return 0 }
        return try await database.write { connection in
            var created = 0
            for chunk in deliveries.chunked(into: 500) {
                let rows = chunk.map { pair -> [SQLValue] in
                    [.text(DeliveryRecord.newID()), .text(pair.eventID), .text(pair.endpointID), .text(DeliveryStatus.pending.rawValue),
                     SQLValue(now), SQLValue(now), SQLValue(now)]
                }
                created += try await connection.run(
                    """
                    INSERT INTO deliveries (id, event_id, endpoint_id, status, next_attempt_at, created_at, updated_at) VALUES \(bindRows: rows)
                    ON CONFLICT (event_id, endpoint_id) DO NOTHING RETURNING id
                    """).count
            }
            for chunk in events.chunked(into: 1_000) {
                try await connection.run("UPDATE events SET fanned_out = 1 WHERE seq IN (\(bindEach: chunk.map { SQLValue.integer($0) }))")
            }
            return created
        }
    }

    static let eventColumns: SQLQuery = """
        SELECT e.seq, e.id, e.type, e.account_id, e.occurred_at, e.created_at, e.event_key, e.payload, a.segment AS account_segment, a.owner_id AS account_owner
        """

    static func storedEvent(_ row: SQLRow) throws -> StoredEvent {
        StoredEvent(seq: try row["seq"], id: try row["id"], type: try row["type"], accountID: try row["account_id"],
                    occurredAt: try row["occurred_at"], createdAt: try row["created_at"], key: try row["event_key"], payload: Data((try row["payload"] as String).utf8),
                    accountSegment: try row["account_segment"], accountOwner: try row["account_owner"])
    }
}

extension SQLStore {
    public func openTasks(ownerID: String, dueBefore: Date) async throws -> [SuccessTask] {
        try await select(Tables.tasks, """
            WHERE owner_id = \(bind: ownerID) AND status IN ('open', 'in_progress') AND due_at IS NOT NULL AND due_at < \(bind: dueBefore)
            ORDER BY due_at, id LIMIT 200
            """)
    }
}

extension DeliveryRecord {
    /// `dlv_` and 24 random hexadecimal digits.
    static func newID() -> String {
        "dlv_" + RandomHex.make(12)
    }
}
