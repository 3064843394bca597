import Foundation
import TenureStore

/// The database backends every store test runs against.
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }
}

/// Throwaway databases for tests: a temporary SQLite file, or a fresh
/// database on the PostgreSQL server that `scripts/test` starts (named by
/// `TENURE_TEST_POSTGRES_URL`). Each is removed when the test body ends.
public enum TestDatabases {
    /// Runs `body` with a migrated store on a new, empty database of `backend`.
    public static func withStore<T>(_ backend: Backend, _ body: (any Store) async throws -> T) async throws -> T {
        try await withDatabaseURL(backend) { url in try await TenureStore.withStore(url, body) }
    }

    /// Runs `body` with the URL of a new, empty, unmigrated database of `backend`.
    public static func withDatabaseURL<T>(_ backend: Backend, _ body: (String) async throws -> T) async throws -> T {
        let name = "tenure_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20))"
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            return try await body("sqlite://\(directory.path)/tenure.sqlite")
        case .postgres:
            let adminURL = try postgresAdminURL()
            return try await DatabaseURL(adminURL).withDatabase { admin in
                // CREATE/DROP DATABASE cannot run inside a transaction, so they go through `read`.
                _ = try await admin.read("CREATE DATABASE \(unsafeRaw: name)")
                do {
                    let result = try await body(replacingDatabase(in: adminURL, with: name))
                    _ = try await admin.read("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)")
                    return result
                } catch {
                    _ = try? await admin.read("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)")
                    throw error
                }
            }
        }
    }

    /// The admin URL of the test PostgreSQL server; fails with directions when unset.
    public static func postgresAdminURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TENURE_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw TestSetupError(
                "TENURE_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a PostgreSQL server")
        }
        return url
    }

    static func replacingDatabase(in url: String, with database: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw TestSetupError("bad URL \(url)") }
        components.path = "/\(database)"
        return components.string!
    }
}

/// The test environment is not set up as the tests need.
public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
