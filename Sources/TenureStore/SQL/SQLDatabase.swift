/// A SQL database Tenure can run its schema and queries on: the one seam
/// between the store's logic and a backend (SQLite or PostgreSQL).
///
/// Statements are ``SQLQuery`` values: each backend writes their placeholders its own way.
public protocol SQLDatabase: Sendable {
    /// What differs in the SQL text between backends.
    var dialect: SQLDialect { get }

    /// Runs a read-only statement outside any transaction.
    func read(_ query: SQLQuery) async throws -> [SQLRow]

    /// Runs `body` on one connection inside a transaction, committing when it
    /// returns and rolling back when it throws.
    @discardableResult
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T
}

/// One connection, inside a transaction opened by ``SQLDatabase/write(_:)``.
public protocol SQLConnection: Sendable {
    /// Runs a statement and returns the rows it produces (none for most writes).
    @discardableResult
    func run(_ query: SQLQuery) async throws -> [SQLRow]
}

/// The differences between the SQL Tenure writes for SQLite and for PostgreSQL.
public struct SQLDialect: Sendable, Hashable {
    /// Backend name for messages: `"sqlite"` or `"postgres"`.
    public var name: String
    /// What starts a numbered placeholder: `$` (`$1`) or `?` (`?1`).
    public var placeholderPrefix: Character
    /// Most bind parameters one statement may carry.
    public var maximumBinds: Int
    /// Case-insensitive `LIKE` operator.
    public var caseInsensitiveLike: String
    /// The first statement of a migration's transaction: it waits until no other process migrates the
    /// database. `nil` where the transaction itself is exclusive (SQLite's `BEGIN IMMEDIATE`).
    public var migrationLock: String?

    public static let sqlite = SQLDialect(
        name: "sqlite", placeholderPrefix: "?", maximumBinds: 32_000, caseInsensitiveLike: "LIKE", migrationLock: nil)
    public static let postgres = SQLDialect(
        name: "postgres", placeholderPrefix: "$", maximumBinds: 65_000, caseInsensitiveLike: "ILIKE",
        // The key is "tenure" and 1 in ASCII hex: 0x74656E7572650001.
        migrationLock: "SELECT 1 FROM (SELECT pg_advisory_xact_lock(8387231331756867585)) AS locked")
}
