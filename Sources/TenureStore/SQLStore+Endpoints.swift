import Foundation
import TenureCore

/// Notification endpoints, their send slots (one send per interval across nodes), opt-outs and digests sent.
extension SQLStore {
    public func insertEndpoint(_ record: EndpointRecord) async throws {
        let endpoint = record.endpoint
        try await database.write { connection in
            try await connection.run(
                """
                INSERT INTO notification_endpoints (id, kind, target, description, event_types, segments, owners, sealed_secrets,
                    status, disabled_reason, contact_email, created_at, updated_at)
                VALUES (\(bind: endpoint.id), \(bind: endpoint.kind), \(bind: endpoint.target), \(bind: endpoint.description),
                    \(bind: Self.jsonList(endpoint.eventTypes)), \(bind: Self.jsonList(endpoint.segments)), \(bind: Self.jsonList(endpoint.owners)),
                    \(bind: record.sealedSecrets), \(bind: endpoint.status), \(bind: endpoint.disabledReason), \(bind: endpoint.contactEmail),
                    \(bind: endpoint.createdAt), \(bind: endpoint.updatedAt))
                """)
        }
    }

    public func updateEndpoint(_ record: EndpointRecord) async throws -> Bool {
        let endpoint = record.endpoint
        return try await database.write { connection in
            !(try await connection.run(
                """
                UPDATE notification_endpoints SET target = \(bind: endpoint.target), description = \(bind: endpoint.description),
                    event_types = \(bind: Self.jsonList(endpoint.eventTypes)), segments = \(bind: Self.jsonList(endpoint.segments)),
                    owners = \(bind: Self.jsonList(endpoint.owners)), sealed_secrets = \(bind: record.sealedSecrets),
                    status = \(bind: endpoint.status), disabled_reason = \(bind: endpoint.disabledReason),
                    contact_email = \(bind: endpoint.contactEmail), updated_at = \(bind: endpoint.updatedAt)
                WHERE id = \(bind: endpoint.id) RETURNING id
                """)).isEmpty
        }
    }

    public func endpoint(id: String) async throws -> EndpointRecord? {
        try await database.read("\(Self.endpointColumns) WHERE id = \(bind: id)").first.map(Self.endpointRecord)
    }

    public func endpoints() async throws -> [EndpointRecord] {
        try await database.read("\(Self.endpointColumns) ORDER BY created_at, id").map(Self.endpointRecord)
    }

    public func reserveSend(endpointID: String, now: Date, until: Date) async throws -> Date? {
        try await database.write { connection in
            let reserved = try await connection.run(
                """
                UPDATE notification_endpoints SET send_after = \(bind: until)
                WHERE id = \(bind: endpointID) AND send_after <= \(bind: now) RETURNING id
                """)
            guard reserved.isEmpty else { return nil }
            let rows = try await connection.run("SELECT send_after FROM notification_endpoints WHERE id = \(bind: endpointID)")
            return try rows.first.map { try $0["send_after"] } ?? now
        }
    }

    public func setOptOut(email: String, optedOut: Bool, at now: Date) async throws {
        let address = email.lowercased()
        try await database.write { connection in
            if optedOut {
                try await connection.run(
                    "INSERT INTO notification_opt_outs (email, created_at) VALUES (\(bind: address), \(bind: now)) ON CONFLICT (email) DO NOTHING")
            } else {
                try await connection.run("DELETE FROM notification_opt_outs WHERE email = \(bind: address)")
            }
        }
    }

    public func optedOut(_ emails: [String]) async throws -> Set<String> {
        guard !emails.isEmpty else { return [] }
        let rows = try await database.read(
            "SELECT email FROM notification_opt_outs WHERE email IN (\(bindEach: emails.map { $0.lowercased() }))")
        return Set(try rows.map { try $0["email"] })
    }

    public func markDigestSent(ownerID: String, day: String, at now: Date) async throws -> Bool {
        try await database.write { connection in
            !(try await connection.run(
                """
                INSERT INTO digests_sent (owner_id, day, sent_at) VALUES (\(bind: ownerID), \(bind: day), \(bind: now))
                ON CONFLICT (owner_id, day) DO NOTHING RETURNING owner_id
                """)).isEmpty
        }
    }

    static let endpointColumns: SQLQuery = """
        SELECT id, kind, target, description, event_types, segments, owners, sealed_secrets, status, disabled_reason, contact_email,
            created_at, updated_at FROM notification_endpoints
        """

    static func endpointRecord(_ row: SQLRow) throws -> EndpointRecord {
        EndpointRecord(
            endpoint: NotificationEndpoint(
                id: try row["id"], kind: try row["kind"], target: try row["target"], description: try row["description"],
                eventTypes: try row.json("event_types"), segments: try row.json("segments"), owners: try row.json("owners"),
                status: try row["status"], disabledReason: try row["disabled_reason"], contactEmail: try row["contact_email"],
                createdAt: try row["created_at"], updatedAt: try row["updated_at"]),
            sealedSecrets: try row["sealed_secrets"])
    }

    static func jsonList(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
