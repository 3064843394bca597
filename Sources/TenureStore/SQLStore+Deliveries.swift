import Foundation
import TenureCore

/// Deliveries: claimed under a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the single writer on SQLite),
/// finished with a conditional UPDATE that only the lease holder wins, listed, and replayed.
extension SQLStore {
    public func claimDeliveries(node: String, now: Date, leaseUntil: Date, limit: Int) async throws -> [DeliveryClaim] {
        // A read first, so that an idle worker does not take the write lock (SQLite's one writer) every pass.
        let due = try await database.read(
            """
            SELECT 1 AS due FROM deliveries WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
                AND (lease_expires_at IS NULL OR lease_expires_at <= \(bind: now)) LIMIT 1
            """)
        guard !due.isEmpty else { return [] }
        let skipLocked: SQLQuery = dialect == .postgres ? "FOR UPDATE OF d SKIP LOCKED" : ""
        let claimed = try await database.write { connection in
            try await connection.run(
                """
                UPDATE deliveries SET lease_owner = \(bind: node), lease_expires_at = \(bind: leaseUntil)
                WHERE id IN (
                    SELECT d.id FROM deliveries d JOIN notification_endpoints n ON n.id = d.endpoint_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= \(bind: now)
                        AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= \(bind: now)) AND n.status = 'enabled'
                    ORDER BY d.next_attempt_at LIMIT \(bind: limit) \(skipLocked))
                RETURNING id, event_id, endpoint_id, attempts, series_attempts
                """)
        }
        guard !claimed.isEmpty else { return [] }
        let eventIDs = Set(try claimed.map { try $0["event_id"] as String })
        let endpointIDs = Set(try claimed.map { try $0["endpoint_id"] as String })
        let events = Dictionary(uniqueKeysWithValues: try await database.read(
            "\(Self.eventColumns) FROM events e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.id IN (\(bindEach: eventIDs))")
            .map(Self.storedEvent).map { ($0.id, $0) })
        let endpoints = Dictionary(uniqueKeysWithValues: try await database.read(
            "\(Self.endpointColumns) WHERE id IN (\(bindEach: endpointIDs))").map(Self.endpointRecord).map { ($0.endpoint.id, $0) })
        return try claimed.compactMap { row in
            guard let event = events[try row["event_id"]], let endpoint = endpoints[try row["endpoint_id"]] else { return nil }
            return DeliveryClaim(deliveryID: try row["id"], node: node, event: event, endpoint: endpoint,
                                 attempt: try row["attempts"] as Int + 1, seriesAttempt: try row["series_attempts"] as Int + 1)
        }
    }

    public func finishAttempts(_ finished: [FinishedAttempt], at now: Date) async throws -> [Bool] {
        guard !finished.isEmpty else { return [] }
        return try await database.write { connection in
            var held: [Bool] = []
            for item in finished { held.append(try await Self.finish(item, at: now, on: connection)) }
            return held
        }
    }

    /// Records one attempt on `connection` if its claim still holds the lease.
    private static func finish(_ item: FinishedAttempt, at now: Date, on connection: any SQLConnection) async throws -> Bool {
        let claim = item.claim, attempt = item.attempt
        var status = DeliveryStatus.succeeded, next: Date?, disable: String?
        switch item.outcome {
        case .delivered: break
        case .retry(let at): (status, next) = (.pending, at)
        case .failed(let reason): (status, disable) = (.failed, reason)
        }
        let held = try await connection.run(
            """
            UPDATE deliveries SET attempts = attempts + 1, series_attempts = series_attempts + 1, status = \(bind: status),
                next_attempt_at = \(bind: next), lease_owner = NULL, lease_expires_at = NULL,
                last_status_code = \(bind: attempt.statusCode), last_error = \(bind: attempt.error.map { String($0.prefix(1_000)) }),
                updated_at = \(bind: now)
            WHERE id = \(bind: claim.deliveryID) AND lease_owner = \(bind: claim.node) RETURNING id
            """)
        guard !held.isEmpty else { return false }
        try await connection.run(
            """
            INSERT INTO delivery_attempts (delivery_id, attempt, node, started_at, duration_ms, status_code, error, request, response)
            VALUES (\(bind: claim.deliveryID), \(bind: attempt.attempt), \(bind: attempt.node), \(bind: attempt.startedAt),
                \(bind: Int64((attempt.duration * 1_000).rounded())), \(bind: attempt.statusCode),
                \(bind: attempt.error.map { String($0.prefix(1_000)) }), \(bind: String(attempt.request.prefix(4_000))),
                \(bind: String(attempt.response.prefix(2_000))))
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """)
        if let disable {
            try await connection.run(
                """
                UPDATE notification_endpoints SET status = 'disabled', disabled_reason = \(bind: disable), updated_at = \(bind: now)
                WHERE id = \(bind: claim.endpoint.endpoint.id) AND status = 'enabled'
                """)
        }
        return true
    }

    public func releaseDelivery(_ claim: DeliveryClaim, dueAt: Date) async throws {
        try await database.write { connection in
            try await connection.run(
                """
                UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = \(bind: dueAt)
                WHERE id = \(bind: claim.deliveryID) AND lease_owner = \(bind: claim.node)
                """)
        }
    }

    public func deliveries(_ query: DeliveryQuery) async throws -> Page<DeliveryRecord> {
        try await page(select: Self.deliveryColumns, from: "FROM deliveries d JOIN events e ON e.id = d.event_id \(Self.conditions(query).whereClause)",
                       orderBy: "d.created_at DESC, d.id", limit: query.limit, offset: query.offset, Self.deliveryRecord)
    }

    public func delivery(id: String) async throws -> DeliveryRecord? {
        try await database.read("\(Self.deliveryColumns) FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = \(bind: id)")
            .first.map(Self.deliveryRecord)
    }

    public func deliveryAttempts(deliveryID: String) async throws -> [DeliveryAttempt] {
        try await database.read(
            """
            SELECT attempt, node, started_at, duration_ms, status_code, error, request, response FROM delivery_attempts
            WHERE delivery_id = \(bind: deliveryID) ORDER BY attempt
            """).map { row in
            DeliveryAttempt(attempt: try row["attempt"], node: try row["node"], startedAt: try row["started_at"],
                            duration: Double(try row["duration_ms"] as Int64) / 1_000, statusCode: try row["status_code"],
                            error: try row["error"], request: try row["request"], response: try row["response"])
        }
    }

    public func replayDeliveries(_ query: DeliveryQuery, at now: Date) async throws -> Int {
        let selected = (Self.conditions(query)
            + ["NOT (d.status = 'pending' AND d.lease_expires_at IS NOT NULL AND d.lease_expires_at > \(bind: now))"]).whereClause
        return try await database.write { connection in
            try await connection.run(
                """
                UPDATE deliveries SET status = 'pending', next_attempt_at = \(bind: now), series_attempts = 0, lease_owner = NULL,
                    lease_expires_at = NULL, updated_at = \(bind: now)
                WHERE id IN (SELECT d.id FROM deliveries d JOIN events e ON e.id = d.event_id \(selected))
                RETURNING id
                """).count
        }
    }

    private static func conditions(_ query: DeliveryQuery) -> [SQLQuery] {
        var conditions: [SQLQuery] = []
        if let endpoint = query.endpointID { conditions.append("d.endpoint_id = \(bind: endpoint)") }
        if let event = query.eventID { conditions.append("d.event_id = \(bind: event)") }
        if let status = query.status { conditions.append("d.status = \(bind: status)") }
        if let type = query.eventType { conditions.append("e.type = \(bind: type)") }
        if let since = query.since { conditions.append("d.created_at >= \(bind: since)") }
        if let until = query.until { conditions.append("d.created_at < \(bind: until)") }
        return conditions
    }

    private static let deliveryColumns: SQLQuery = """
        SELECT d.id, d.event_id, e.type, e.account_id, d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
            d.last_error, d.created_at, d.updated_at
        """

    private static func deliveryRecord(_ row: SQLRow) throws -> DeliveryRecord {
        DeliveryRecord(id: try row["id"], eventID: try row["event_id"], eventType: try row["type"], accountID: try row["account_id"],
                       endpointID: try row["endpoint_id"], status: try row["status"], attempts: try row["attempts"],
                       nextAttemptAt: try row["next_attempt_at"], lastStatusCode: try row["last_status_code"],
                       lastError: try row["last_error"], createdAt: try row["created_at"], updatedAt: try row["updated_at"])
    }
}
