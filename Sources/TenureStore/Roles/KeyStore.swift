import Foundation
import TenureCore

/// API keys: stored hashed, looked up by id, marked used, revoked.
public protocol KeyStore: Sendable {
    func insertAPIKey(_ key: APIKeyRecord) async throws
    func apiKey(id: String) async throws -> APIKeyRecord?
    func apiKeys() async throws -> [APIKeyRecord]
    /// Records that the key was just used.
    func markAPIKeyUsed(id: String, at instant: Date) async throws
    /// Revokes a key; `false` when no such key exists.
    func revokeAPIKey(id: String, at instant: Date) async throws -> Bool
}
