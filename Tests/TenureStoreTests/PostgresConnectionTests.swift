import Foundation
import Testing
import TenureTestSupport
import TenureStore

/// Opening a PostgreSQL store: bad settings fail at once with the server's own words, an outage answers fast,
/// and several processes can migrate one empty database at the same time.
@Suite("PostgreSQL connections")
struct PostgresConnectionTests {
    /// The test server's URL with its user, database or query replaced.
    static func url(user: String? = nil, database: String? = nil, query: String? = nil) throws -> String {
        var components = URLComponents(string: try TestDatabases.postgresAdminURL())!
        if let user { components.user = user }
        if let database { components.path = "/\(database)" }
        if let query { components.query = query }
        return components.string!
    }

    /// How `withStore` fails for `url`, and how long it took.
    static func failure(opening url: String) async -> (error: StoreError?, seconds: Double) {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            try await withStore(url) { _ in }
            return (nil, 0)
        } catch {
            let elapsed = started.duration(to: clock.now)
            return (error as? StoreError, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }

    /// Settings the server refuses for good.
    enum Refused: String, CaseIterable, Sendable {
        case missingDatabase, missingRole, absentTLS

        func url() throws -> String {
            switch self {
            case .missingDatabase: try PostgresConnectionTests.url(database: "tenure_no_such_database")
            case .missingRole: try PostgresConnectionTests.url(user: "tenure_no_such_role")
            case .absentTLS: try PostgresConnectionTests.url(query: "sslmode=require")
            }
        }

        var message: String {
            switch self {
            case .missingDatabase: #"database "tenure_no_such_database" does not exist"#
            case .missingRole: #"role "tenure_no_such_role" does not exist"#
            case .absentTLS: "does not support TLS"
            }
        }
    }

    @Test("a missing database, a missing role and TLS the server lacks fail within two seconds with PostgreSQL's message",
          arguments: Refused.allCases)
    func permanentErrors(refused: Refused) async throws {
        let (error, seconds) = await Self.failure(opening: try refused.url())
        let message = refused.message
        #expect(error?.code == .configuration)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "opened")")
        #expect(seconds < 2)
    }

    @Test("a server that does not listen is unavailable at once")
    func nothingListening() async throws {
        let (error, seconds) = await Self.failure(opening: "postgres://postgres@127.0.0.1:1/tenure?sslmode=disable")
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("127.0.0.1:1/tenure") == true, "\(error?.message ?? "opened")")
        #expect(seconds < 2)
    }

    // A time limit, so that a query PostgresNIO never completes fails this test instead of hanging the run.
    @Test("during an outage a query fails as unavailable within connect_timeout, and works again once the server is back",
          .timeLimit(.minutes(1)))
    func outage() async throws {
        try await TestDatabases.withDatabaseURL(.postgres) { url in
            let name = String(URLComponents(string: url)!.path.dropFirst())
            try await DatabaseURL(try TestDatabases.postgresAdminURL()).withDatabase { admin in
                try await withStore(url + "&connect_timeout=1") { store in
                    #expect(try await store.pendingMigrations() == [])
                    _ = try await admin.read("ALTER DATABASE \(unsafeRaw: name) ALLOW_CONNECTIONS false")
                    _ = try await admin.read("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(bind: name)")
                    for _ in 0..<2 {
                        let clock = ContinuousClock()
                        let started = clock.now
                        let error = await #expect(throws: StoreError.self) { try await store.pendingMigrations() }
                        #expect(error?.code == .unavailable, "\(String(describing: error))")
                        #expect(started.duration(to: clock.now) < .seconds(3))
                    }
                    _ = try await admin.read("ALTER DATABASE \(unsafeRaw: name) ALLOW_CONNECTIONS true")
                    var recovered = false
                    for _ in 0..<30 where !recovered {
                        recovered = (try? await store.pendingMigrations()) == []
                    }
                    #expect(recovered)
                }
            }
        }
    }

    @Test("three stores migrating one empty database at once each succeed, and the schema is applied once")
    func concurrentMigrations() async throws {
        try await TestDatabases.withDatabaseURL(.postgres) { url in
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<3 {
                    group.addTask { try await withStore(url, migrate: false) { try await $0.migrate() } }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(applied.sorted() == Migration.all.map(\.version))
        }
    }
}
