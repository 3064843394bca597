import Foundation
import TenureCore

/// A stored API key: everything but the secret, of which only a SHA-256 hash is kept.
public struct APIKeyRecord: Sendable, Hashable, Codable {
    /// Public part of the key, used to find it (`tnr_<id>_<secret>`).
    public var id: String
    public var name: String
    public var role: Role
    /// Hex SHA-256 of the secret part.
    public var secretHash: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: String, name: String, role: Role, secretHash: String, createdAt: Date,
                lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
