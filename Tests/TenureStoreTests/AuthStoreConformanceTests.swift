import Foundation
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

/// The in-memory key and user stores that auth tests use behave as the SQL store does on both backends.
@Suite("Key and user stores: fakes and SQL agree")
struct AuthStoreConformanceTests {
    enum Kind: String, CaseIterable, CustomStringConvertible {
        case memory, sqlite, postgres
        var description: String { rawValue }
    }

    static func withStores(_ kind: Kind, _ body: (any KeyStore, any UserStore) async throws -> Void) async throws {
        switch kind {
        case .memory: try await body(InMemoryKeyStore(), InMemoryUserStore())
        case .sqlite: try await TestDatabases.withStore(.sqlite) { try await body($0, $0) }
        case .postgres: try await TestDatabases.withStore(.postgres) { try await body($0, $0) }
        }
    }

    static let now = TestClock.now

    @Test("keys: stored, found, marked used, revoked once, never twice", arguments: Kind.allCases)
    func keys(kind: Kind) async throws {
        try await Self.withStores(kind) { keys, _ in
            let record = APIKeyRecord(id: "k1", name: "ops", role: .admin, secretHash: "ab", createdAt: Self.now)
            try await keys.insertAPIKey(record)
            try await keys.insertAPIKey(APIKeyRecord(id: "k2", name: "ci", role: .viewer, secretHash: "cd", createdAt: Self.now.adding(days: 1)))
            #expect(try await keys.apiKey(id: "k1") == record)
            #expect(try await keys.apiKey(id: "nope") == nil)
            #expect(try await keys.apiKeys().map(\.id) == ["k1", "k2"])
            try await keys.markAPIKeyUsed(id: "k1", at: Self.now.adding(days: 2))
            #expect(try await keys.apiKey(id: "k1")?.lastUsedAt == Self.now.adding(days: 2))
            #expect(try await keys.revokeAPIKey(id: "k1", at: Self.now.adding(days: 3)))
            #expect(try await keys.revokeAPIKey(id: "k1", at: Self.now.adding(days: 4)) == false)
            #expect(try await keys.revokeAPIKey(id: "nope", at: Self.now) == false)
            #expect(try await keys.apiKey(id: "k1")?.revokedAt == Self.now.adding(days: 3))
        }
    }

    @Test("users and sessions: unique emails, expiry, disabled users, a new password ends sessions", arguments: Kind.allCases)
    func users(kind: Kind) async throws {
        try await Self.withStores(kind) { _, users in
            let ana = UserRecord(id: "u1", email: "Ana@Example.com", name: "Ana", role: .member, passwordHash: "$2b$x", createdAt: Self.now)
            try await users.insertUser(ana)
            await #expect(throws: StoreError.self) {
                try await users.insertUser(UserRecord(id: "u2", email: "ana@example.com", name: "Other", role: .viewer, passwordHash: "$2b$y",
                                                      createdAt: Self.now))
            }
            try await users.insertUser(UserRecord(id: "u3", email: "bo@example.com", name: "Bo", role: .viewer, passwordHash: "$2b$z",
                                                  createdAt: Self.now, disabledAt: Self.now))
            #expect(try await users.user(email: "ANA@example.com")?.id == "u1")
            #expect(try await users.users().map(\.email) == ["ana@example.com", "bo@example.com"])
            let session = SessionRecord(tokenHash: "h1", userID: "u1", createdAt: Self.now, expiresAt: Self.now.addingTimeInterval(3_600))
            try await users.insertSession(session)
            #expect(try await users.user(id: "u1")?.lastSignInAt == Self.now)
            #expect(try await users.session(tokenHash: "h1", at: Self.now.addingTimeInterval(60))?.user.id == "u1")
            #expect(try await users.session(tokenHash: "h1", at: Self.now.addingTimeInterval(3_600)) == nil, "expired at its end")
            try await users.insertSession(SessionRecord(tokenHash: "h3", userID: "u3", createdAt: Self.now, expiresAt: Self.now.addingTimeInterval(60)))
            #expect(try await users.session(tokenHash: "h3", at: Self.now) == nil, "a disabled user has no session")
            #expect(try await users.deleteExpiredSessions(at: Self.now.addingTimeInterval(120)) == 1)
            #expect(try await users.setUserPassword(id: "u1", passwordHash: "$2b$new"))
            #expect(try await users.session(tokenHash: "h1", at: Self.now) == nil, "a new password signs the user out")
            #expect(try await users.setUserPassword(id: "nope", passwordHash: "$2b$new") == false)
            try await users.insertSession(SessionRecord(tokenHash: "h4", userID: "u1", createdAt: Self.now, expiresAt: Self.now.addingTimeInterval(60)))
            try await users.deleteSession(tokenHash: "h4")
            #expect(try await users.session(tokenHash: "h4", at: Self.now) == nil)
        }
    }
}
