import Foundation
import TenureCore

/// API keys: stored by public id with only a hash of their secret.
extension SQLStore {
    static let apiKeys = Table<APIKeyRecord>(
        name: "api_keys", columns: ["id", "name", "role", "secret_hash", "created_at", "last_used_at", "revoked_at"],
        key: ["id"],
        encode: { key in
            [SQLValue(key.id), SQLValue(key.name), SQLValue(key.role), SQLValue(key.secretHash),
             SQLValue(key.createdAt), SQLValue(key.lastUsedAt), SQLValue(key.revokedAt)]
        },
        decode: { row in
            APIKeyRecord(
                id: try row.string(), name: try row.string(), role: try row.enumeration(), secretHash: try row.string(),
                createdAt: try row.date(), lastUsedAt: try row.optionalDate(), revokedAt: try row.optionalDate())
        })

    public func insertAPIKey(_ key: APIKeyRecord) async throws {
        try await database.write { connection in
            try await connection.run(
                "INSERT INTO api_keys (\(Self.apiKeys.columns.joined(separator: ", "))) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                Self.apiKeys.encode(key))
        }
    }

    public func apiKey(id: String) async throws -> APIKeyRecord? {
        try await select(Self.apiKeys, "WHERE id = $1", [SQLValue(id)]).first
    }

    public func apiKeys() async throws -> [APIKeyRecord] {
        try await select(Self.apiKeys, "ORDER BY created_at, id")
    }

    public func markAPIKeyUsed(id: String, at instant: Date) async throws {
        try await database.write { connection in
            try await connection.run("UPDATE api_keys SET last_used_at = $1 WHERE id = $2", [SQLValue(instant), SQLValue(id)])
        }
    }

    public func revokeAPIKey(id: String, at instant: Date) async throws -> Bool {
        try await database.write { connection in
            let rows = try await connection.run(
                "UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id", [SQLValue(instant), SQLValue(id)])
            return !rows.isEmpty
        }
    }
}
