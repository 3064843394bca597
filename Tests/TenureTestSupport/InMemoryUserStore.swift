import Foundation
import Synchronization
import TenureStore

/// Dashboard users and sessions in memory, for sign-in and routing tests that need no database;
/// behaves as ``SQLStore`` does (the user-store conformance tests run both).
public final class InMemoryUserStore: UserStore {
    private struct State {
        var users: [String: UserRecord] = [:]
        var sessions: [String: SessionRecord] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func insertUser(_ user: UserRecord) async throws {
        try state.withLock { state in
            guard !state.users.values.contains(where: { $0.email == user.email }) else {
                throw StoreError(.conflict, "a user with email \(user.email) already exists")
            }
            state.users[user.id] = user
        }
    }

    public func user(id: String) async throws -> UserRecord? { state.withLock { $0.users[id] } }

    public func user(email: String) async throws -> UserRecord? {
        state.withLock { state in state.users.values.first { $0.email == email.lowercased() } }
    }

    public func users() async throws -> [UserRecord] { state.withLock { $0.users.values.sorted { $0.email < $1.email } } }

    public func setUserPassword(id: String, passwordHash: String) async throws -> Bool {
        state.withLock { state in
            guard state.users[id] != nil else { return false }
            state.users[id]?.passwordHash = passwordHash
            state.sessions = state.sessions.filter { $0.value.userID != id }
            return true
        }
    }

    public func insertSession(_ session: SessionRecord) async throws {
        try state.withLock { state in
            guard state.users[session.userID] != nil else { throw StoreError(.missingReference, "no user \(session.userID)") }
            guard state.sessions[session.tokenHash] == nil else { throw StoreError(.conflict, "the session exists") }
            state.sessions[session.tokenHash] = session
            state.users[session.userID]?.lastSignInAt = session.createdAt
        }
    }

    public func session(tokenHash: String, at now: Date) async throws -> (session: SessionRecord, user: UserRecord)? {
        state.withLock { state in
            guard let session = state.sessions[tokenHash], session.expiresAt > now,
                  let user = state.users[session.userID], user.disabledAt == nil else { return nil }
            return (session, user)
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        _ = state.withLock { $0.sessions.removeValue(forKey: tokenHash) }
    }

    public func deleteExpiredSessions(at now: Date) async throws -> Int {
        state.withLock { state in
            let expired = state.sessions.filter { $0.value.expiresAt <= now }
            for key in expired.keys { state.sessions[key] = nil }
            return expired.count
        }
    }
}
