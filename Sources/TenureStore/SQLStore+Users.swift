import Foundation
import TenureCore

/// Dashboard users and their sessions.
extension SQLStore {
    static let users = Table<UserRecord>(
        name: "users",
        columns: ["id", "email", "name", "role", "password_hash", "created_at", "last_sign_in_at", "disabled_at"],
        key: ["id"],
        encode: { user in
            [SQLValue(user.id), SQLValue(user.email), SQLValue(user.name), SQLValue(user.role), SQLValue(user.passwordHash),
             SQLValue(user.createdAt), SQLValue(user.lastSignInAt), SQLValue(user.disabledAt)]
        },
        decode: { row in
            UserRecord(
                id: try row["id"], email: try row["email"], name: try row["name"], role: try row["role"],
                passwordHash: try row["password_hash"], createdAt: try row["created_at"], lastSignInAt: try row["last_sign_in_at"],
                disabledAt: try row["disabled_at"])
        })

    static let sessions = Table<SessionRecord>(
        name: "sessions", columns: ["token_hash", "user_id", "created_at", "expires_at"], key: ["token_hash"],
        encode: { [SQLValue($0.tokenHash), SQLValue($0.userID), SQLValue($0.createdAt), SQLValue($0.expiresAt)] },
        decode: { row in
            SessionRecord(tokenHash: try row["token_hash"], userID: try row["user_id"], createdAt: try row["created_at"],
                          expiresAt: try row["expires_at"])
        })

    public func insertUser(_ user: UserRecord) async throws {
        try await database.write { connection in
            let taken = try await connection.run("SELECT id FROM users WHERE email = \(bind: user.email)")
            guard taken.isEmpty else { throw StoreError(.conflict, "a user with email \(user.email) already exists") }
            try await connection.run("INSERT INTO users (\(Self.users.columnList())) VALUES (\(bindEach: Self.users.encode(user)))")
        }
    }

    public func user(id: String) async throws -> UserRecord? {
        try await select(Self.users, "WHERE id = \(bind: id)").first
    }

    public func user(email: String) async throws -> UserRecord? {
        try await select(Self.users, "WHERE email = \(bind: email.lowercased())").first
    }

    public func users() async throws -> [UserRecord] {
        try await select(Self.users, "ORDER BY email")
    }

    public func setUserPassword(id: String, passwordHash: String) async throws -> Bool {
        try await database.write { connection in
            let rows = try await connection.run("UPDATE users SET password_hash = \(bind: passwordHash) WHERE id = \(bind: id) RETURNING id")
            // A new password signs the user out everywhere.
            try await connection.run("DELETE FROM sessions WHERE user_id = \(bind: id)")
            return !rows.isEmpty
        }
    }

    public func insertSession(_ session: SessionRecord) async throws {
        try await database.write { connection in
            try await connection.run("INSERT INTO sessions (\(Self.sessions.columnList())) VALUES (\(bindEach: Self.sessions.encode(session)))")
            try await connection.run("UPDATE users SET last_sign_in_at = \(bind: session.createdAt) WHERE id = \(bind: session.userID)")
        }
    }

    public func session(tokenHash: String, at now: Date) async throws -> (session: SessionRecord, user: UserRecord)? {
        let rows = try await database.read(
            """
            SELECT s.token_hash, s.created_at AS session_created_at, s.expires_at, \(Self.users.columnList("u"))
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: now) AND u.disabled_at IS NULL
            """)
        guard let row = rows.first else { return nil }
        let user = try Self.users.decode(row)
        let session = SessionRecord(tokenHash: try row["token_hash"], userID: user.id, createdAt: try row["session_created_at"],
                                    expiresAt: try row["expires_at"])
        return (session, user)
    }

    public func deleteSession(tokenHash: String) async throws {
        try await database.write { connection in
            try await connection.run("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)")
        }
    }

    public func deleteExpiredSessions(at now: Date) async throws -> Int {
        try await database.write { connection in
            try await connection.run("DELETE FROM sessions WHERE expires_at <= \(bind: now) RETURNING token_hash").count
        }
    }
}
