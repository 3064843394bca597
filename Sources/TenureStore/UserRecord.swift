import Foundation
import TenureCore

/// A person who signs in to the dashboard. Only a bcrypt hash of the
/// password is kept; emails are stored lower-case and are unique.
public struct UserRecord: Sendable, Hashable {
    public var id: String
    /// Lower-case email address, the name people sign in with.
    public var email: String
    /// Display name.
    public var name: String
    /// What the person may do: viewer, member or admin (never writer).
    public var role: Role
    /// bcrypt hash (`$2b$…`) of the password.
    public var passwordHash: String
    public var createdAt: Date
    public var lastSignInAt: Date?
    /// When the user was disabled; disabled users cannot sign in.
    public var disabledAt: Date?

    /// Makes a user record; `email` is lower-cased.
    public init(id: String, email: String, name: String, role: Role, passwordHash: String, createdAt: Date,
                lastSignInAt: Date? = nil, disabledAt: Date? = nil) {
        self.id = id
        self.email = email.lowercased()
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.lastSignInAt = lastSignInAt
        self.disabledAt = disabledAt
    }
}

/// A signed-in browser: the SHA-256 hash of its cookie's token, whose user it
/// is, and when it stops being valid.
public struct SessionRecord: Sendable, Hashable {
    /// Hex SHA-256 of the session token the cookie carries.
    public var tokenHash: String
    public var userID: String
    public var createdAt: Date
    public var expiresAt: Date

    /// Makes a session record.
    public init(tokenHash: String, userID: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
