import Testing
import TenureTestSupport
@testable import TenureStore

/// SQL errors become ``StoreError`` codes callers can act on, the same on both backends.
@Suite("Store error mapping")
struct StoreErrorMappingTests {
    static func code(_ work: () async throws -> Void) async -> StoreError.Code? {
        do {
            try await work()
            return nil
        } catch {
            return (error as? StoreError)?.code
        }
    }

    @Test("a statement the database refuses is a statement failure, a NOT NULL violation an invalid value, a duplicate a conflict",
          arguments: Backend.allCases)
    func classes(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let database = (store as! SQLStore).database
            #expect(await Self.code { _ = try await database.read("SELECT * FROM no_such_table") } == .statementFailed)
            #expect(await Self.code {
                try await database.write { _ = try await $0.run("INSERT INTO settings (key, value) VALUES ('k', NULL)") }
            } == .invalidValue)
            try await store.setSetting("k", to: "v")
            #expect(await Self.code {
                try await database.write { _ = try await $0.run("INSERT INTO settings (key, value) VALUES ('k', 'w')") }
            } == .conflict)
        }
    }

    @Test("a connection the PostgreSQL server ends (SQLSTATE 57P01) is unavailable, and later queries work again")
    func terminatedConnection() async throws {
        try await TestDatabases.withStore(.postgres) { (store) async throws in
            let database = (store as! SQLStore).database
            #expect(await Self.code { _ = try await database.read("SELECT pg_terminate_backend(pg_backend_pid())") } == .unavailable)
            var answered = false
            for _ in 0..<20 where !answered {
                answered = (try? await store.setting("absent")) == .some(nil)
                if !answered { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(answered, "a later query gets a working connection")
        }
    }
}
