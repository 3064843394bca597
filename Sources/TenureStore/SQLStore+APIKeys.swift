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
                id: try row["id"], name: try row["name"], role: try row["role"], secretHash: try row["secret_hash"],
                createdAt: try row["created_at"], lastUsedAt: try row["last_used_at"], revokedAt: try row["revoked_at"])
        })

    public func insertAPIKey(_ key: APIKeyRecord) async throws {
        try await database.write { connection in
            try await connection.run("INSERT INTO api_keys (\(Self.apiKeys.columnList())) VALUES (\(bindEach: Self.apiKeys.encode(key)))")
        }
    }

    public func apiKey(id: String) async throws -> APIKeyRecord? {
        try await select(Self.apiKeys, "WHERE id = \(bind: id)").first
    }

    public func apiKeys() async throws -> [APIKeyRecord] {
        try await select(Self.apiKeys, "ORDER BY created_at, id")
    }

    public func markAPIKeyUsed(id: String, at instant: Date) async throws {
        try await database.write { connection in
            try await connection.run("UPDATE api_keys SET last_used_at = \(bind: instant) WHERE id = \(bind: id)")
        }
    }

    public func revokeAPIKey(id: String, at instant: Date) async throws -> Bool {
        try await database.write { connection in
            let rows = try await connection.run(
                "UPDATE api_keys SET revoked_at = \(bind: instant) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id")
            return !rows.isEmpty
        }
    }
}
