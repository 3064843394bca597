import Foundation
import Synchronization
import TenureStore

/// API keys in memory, for auth and routing tests that need no database; behaves as ``SQLStore`` does
/// (the key-store conformance tests run both).
public final class InMemoryKeyStore: KeyStore {
    private let keys = Mutex<[String: APIKeyRecord]>([:])

    public init() {}

    public func insertAPIKey(_ key: APIKeyRecord) async throws {
        try keys.withLock { keys in
            guard keys[key.id] == nil else { throw StoreError(.conflict, "an API key with id \(key.id) exists") }
            keys[key.id] = key
        }
    }

    public func apiKey(id: String) async throws -> APIKeyRecord? { keys.withLock { $0[id] } }

    public func apiKeys() async throws -> [APIKeyRecord] {
        keys.withLock { $0.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    }

    public func markAPIKeyUsed(id: String, at instant: Date) async throws {
        keys.withLock { $0[id]?.lastUsedAt = instant }
    }

    public func revokeAPIKey(id: String, at instant: Date) async throws -> Bool {
        keys.withLock { keys in
            guard keys[id] != nil, keys[id]?.revokedAt == nil else { return false }
            keys[id]?.revokedAt = instant
            return true
        }
    }
}
