/// A SQL database Tenure can run its schema and queries on: the one seam
/// between the store's logic and a backend (SQLite or PostgreSQL).
///
/// Statements use `$1`, `$2`, … placeholders on every backend.
public protocol SQLDatabase: Sendable {
    /// What differs in the SQL text between backends.
    var dialect: SQLDialect { get }

    /// Runs a read-only statement outside any transaction.
    func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]

    /// Runs `body` on one connection inside a transaction, committing when it
    /// returns and rolling back when it throws.
    @discardableResult
    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) async throws -> T) async throws -> T

    /// Releases the backend's connections.
    func close() async throws
}

/// One connection, inside a transaction opened by ``SQLDatabase/write(_:)``.
public protocol SQLConnection: Sendable {
    /// Runs a statement and returns the rows it produces (none for most writes).
    @discardableResult
    func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

/// The differences between the SQL Tenure writes for SQLite and for PostgreSQL.
public struct SQLDialect: Sendable, Hashable {
    /// Backend name for messages: `"sqlite"` or `"postgres"`.
    public var name: String
    /// Most bind parameters one statement may carry.
    public var maximumBinds: Int
    /// Case-insensitive `LIKE` operator.
    public var caseInsensitiveLike: String

    public static let sqlite = SQLDialect(
        name: "sqlite", maximumBinds: 32_000, caseInsensitiveLike: "LIKE")
    public static let postgres = SQLDialect(
        name: "postgres", maximumBinds: 65_000, caseInsensitiveLike: "ILIKE")
}
