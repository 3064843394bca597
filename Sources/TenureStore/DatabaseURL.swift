import Foundation
import NIOSSL
import PostgresNIO

/// Where the store lives, parsed from a URL:
///
/// - `sqlite:///absolute/path/tenure.sqlite` or `sqlite:relative/path.sqlite`
///   (`sqlite::memory:` for a throwaway in-memory database);
/// - `postgres://user:password@host:5432/database?sslmode=disable|prefer|require`
///   (`postgresql://` too; `?host=/run/postgresql` for a Unix socket).
public enum DatabaseURL: Sendable, Hashable {
    /// An SQLite file, or memory when the path is `nil`.
    case sqlite(path: String?)
    case postgres(PostgresLocation)

    /// Connection details of a PostgreSQL server.
    public struct PostgresLocation: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var unixSocketPath: String?
        public var username: String
        public var password: String?
        public var database: String
        public var sslMode: String
    }

    /// Parses `text`; the error says what a valid URL looks like.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            if path == ":memory:" || path == "//:memory:" {
                self = .sqlite(path: nil)
                return
            }
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw Self.invalid(text, "it names no file") }
            self = .sqlite(path: path.removingPercentEncoding ?? path)
            return
        }
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme, scheme == "postgres" || scheme == "postgresql"
        else { throw Self.invalid(text, "it is neither sqlite: nor postgres:") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { _, last in last }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !database.isEmpty else { throw Self.invalid(text, "it names no database after the host") }
        let sslMode = query["sslmode"] ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw Self.invalid(text, "sslmode must be disable, prefer or require")
        }
        self = .postgres(PostgresLocation(
            host: components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost",
            port: components.port ?? 5432,
            unixSocketPath: query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil },
            username: components.user?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.removingPercentEncoding ?? database,
            sslMode: sslMode))
    }

    private static func invalid(_ text: String, _ reason: String) -> StoreError {
        StoreError(.configuration, "database URL '\(text)' is not usable: \(reason); expected sqlite:///path/to/tenure.sqlite or postgres://user@host:5432/database")
    }

    /// Opens the database this URL names.
    public func open() async throws -> any SQLDatabase {
        switch self {
        case .sqlite(let path):
            return try await SQLiteDatabase.open(path: path)
        case .postgres(let location):
            var configuration: PostgresClient.Configuration
            if let socket = location.unixSocketPath {
                configuration = .init(unixSocketPath: "\(socket)/.s.PGSQL.\(location.port)", username: location.username,
                                      password: location.password, database: location.database)
            } else {
                let tls: PostgresClient.Configuration.TLS = switch location.sslMode {
                case "disable": .disable
                case "require": .require(.makeClientConfiguration())
                default: .prefer(.makeClientConfiguration())
                }
                configuration = .init(host: location.host, port: location.port, username: location.username,
                                      password: location.password, database: location.database, tls: tls)
            }
            configuration.options.maximumConnections = 10
            return try await PostgresDatabase.open(configuration)
        }
    }
}
