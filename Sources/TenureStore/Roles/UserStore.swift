import Foundation
import TenureCore

/// Dashboard users and their sessions.
public protocol UserStore: Sendable {
    /// Stores a new user; a ``StoreError/Code/conflict`` when the email is taken.
    func insertUser(_ user: UserRecord) async throws
    func user(id: String) async throws -> UserRecord?
    /// The user with `email` (compared lower-case).
    func user(email: String) async throws -> UserRecord?
    /// Every user, by email.
    func users() async throws -> [UserRecord]
    /// Replaces a user's password hash and ends their sessions; `false` when no such user exists.
    func setUserPassword(id: String, passwordHash: String) async throws -> Bool
    /// Stores a session and records the user's sign-in time.
    func insertSession(_ session: SessionRecord) async throws
    /// The unexpired session with `tokenHash` and its (enabled) user.
    func session(tokenHash: String, at now: Date) async throws -> (session: SessionRecord, user: UserRecord)?
    /// Ends a session (sign-out).
    func deleteSession(tokenHash: String) async throws
    /// Removes sessions expired at `now`; returns how many.
    func deleteExpiredSessions(at now: Date) async throws -> Int
}
