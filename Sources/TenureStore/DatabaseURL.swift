import Foundation

/// Where the store lives, parsed from a URL:
///
/// - `sqlite:///absolute/path/tenure.sqlite` or `sqlite:relative/path.sqlite`
///   (`sqlite::memory:` for a throwaway in-memory database);
/// - `postgres://user:password@host:5432/database?sslmode=disable|prefer|require&pool_size=10&connect_timeout=5`
///   (`postgresql://` too; `?host=/run/postgresql` for a Unix socket).
public enum DatabaseURL: Sendable, Hashable {
    /// An SQLite file, or memory when the path is `nil`.
    case sqlite(path: String?)
    case postgres(PostgresLocation)

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
        guard trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") else {
            throw Self.invalid(text, "it is neither sqlite: nor postgres:")
        }
        if let port = Self.portText(trimmed), Int(port).map({ (1...65_535).contains($0) }) != true {
            throw Self.invalid(text, "the port '\(port)' is not a number between 1 and 65535")
        }
        guard let components = URLComponents(string: trimmed) else { throw Self.invalid(text, "it is not a URL") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { _, last in last }
        if let unknown = query.keys.sorted().first(where: { !PostgresLocation.parameters.contains($0) }) {
            throw Self.invalid(text, "unknown parameter '\(unknown)' (known: \(PostgresLocation.parameters.joined(separator: ", ")))")
        }
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
            sslMode: sslMode,
            poolSize: try Self.count(query["pool_size"], named: "pool_size", in: 1...1_000, text)
                ?? PostgresLocation.defaultPoolSize,
            connectTimeout: try Self.count(query["connect_timeout"], named: "connect_timeout (seconds)", in: 1...600, text)
                ?? PostgresLocation.defaultConnectTimeout))
    }

    /// The text after the host's last `:` in `postgres://user:password@host:port/…`, if any.
    private static func portText(_ url: String) -> Substring? {
        let afterScheme = url[url.range(of: "://")!.upperBound...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        guard !hostAndPort.hasSuffix("]"), let colon = hostAndPort.lastIndex(of: ":") else { return nil }
        return hostAndPort[hostAndPort.index(after: colon)...]
    }

    private static func count(_ value: String?, named name: String, in range: ClosedRange<Int>, _ text: String) throws -> Int? {
        guard let value else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw invalid(text, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private static func invalid(_ text: String, _ reason: String) -> StoreError {
        StoreError(.configuration, "database URL '\(text)' is not usable: \(reason); expected sqlite:///path/to/tenure.sqlite or postgres://user@host:5432/database")
    }

    /// Opens the database this URL names, runs `body` with it and closes it, whether `body` returns or throws.
    public func withDatabase<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        switch self {
        case .sqlite(let path): try await SQLiteDatabase.with(path: path, body)
        case .postgres(let location): try await PostgresDatabase.with(location, body)
        }
    }
}
