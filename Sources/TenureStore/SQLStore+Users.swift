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
                id: try row.string(), email: try row.string(), name: try row.string(), role: try row.enumeration(),
                passwordHash: try row.string(), createdAt: try row.date(), lastSignInAt: try row.optionalDate(),
                disabledAt: try row.optionalDate())
        })

    static let sessions = Table<SessionRecord>(
        name: "sessions", columns: ["token_hash", "user_id", "created_at", "expires_at"], key: ["token_hash"],
        encode: { [SQLValue($0.tokenHash), SQLValue($0.userID), SQLValue($0.createdAt), SQLValue($0.expiresAt)] },
        decode: { row in
            SessionRecord(tokenHash: try row.string(), userID: try row.string(), createdAt: try row.date(), expiresAt: try row.date())
        })

    public func insertUser(_ user: UserRecord) async throws {
        try await database.write { connection in
            let taken = try await connection.run("SELECT id FROM users WHERE email = $1", [SQLValue(user.email)])
            guard taken.isEmpty else { throw StoreError(.conflict, "a user with email \(user.email) already exists") }
            try await connection.run(
                "INSERT INTO users (\(Self.users.columns.joined(separator: ", "))) VALUES (\(placeholders(Self.users.columns.count)))",
                Self.users.encode(user))
        }
    }

    public func user(id: String) async throws -> UserRecord? {
        try await select(Self.users, "WHERE id = $1", [SQLValue(id)]).first
    }

    public func user(email: String) async throws -> UserRecord? {
        try await select(Self.users, "WHERE email = $1", [SQLValue(email.lowercased())]).first
    }

    public func users() async throws -> [UserRecord] {
        try await select(Self.users, "ORDER BY email")
    }

    public func setUserPassword(id: String, passwordHash: String) async throws -> Bool {
        try await database.write { connection in
            let rows = try await connection.run(
                "UPDATE users SET password_hash = $1 WHERE id = $2 RETURNING id", [SQLValue(passwordHash), SQLValue(id)])
            // A new password signs the user out everywhere.
            try await connection.run("DELETE FROM sessions WHERE user_id = $1", [SQLValue(id)])
            return !rows.isEmpty
        }
    }

    public func insertSession(_ session: SessionRecord) async throws {
        try await database.write { connection in
            try await connection.run(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                Self.sessions.encode(session))
            try await connection.run(
                "UPDATE users SET last_sign_in_at = $1 WHERE id = $2", [SQLValue(session.createdAt), SQLValue(session.userID)])
        }
    }

    public func session(tokenHash: String, at now: Date) async throws -> (session: SessionRecord, user: UserRecord)? {
        let rows = try await database.read(
            """
            SELECT s.token_hash, s.user_id, s.created_at, s.expires_at, \(Self.users.columns.map { "u.\($0)" }.joined(separator: ", "))
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL
            """, [SQLValue(tokenHash), SQLValue(now)])
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        let session = try Self.sessions.decode(&reader)
        return (session, try Self.users.decode(&reader))
    }

    public func deleteSession(tokenHash: String) async throws {
        try await database.write { connection in
            try await connection.run("DELETE FROM sessions WHERE token_hash = $1", [SQLValue(tokenHash)])
        }
    }

    public func deleteExpiredSessions(at now: Date) async throws -> Int {
        try await database.write { connection in
            try await connection.run("DELETE FROM sessions WHERE expires_at <= $1 RETURNING token_hash", [SQLValue(now)]).count
        }
    }
}
