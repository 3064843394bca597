import Foundation
import TenureCore

/// The ``Store`` over any ``SQLDatabase``: the same SQL, migrations and
/// logic for SQLite and PostgreSQL.
public final class SQLStore: Store {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public var backend: String { database.dialect.name }
    var dialect: SQLDialect { database.dialect }

    /// Applies the pending migrations, each in its own transaction that first takes the dialect's
    /// migration lock, so several processes starting at once on an empty database migrate it once.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await migrationTransaction { connection in
            try await connection.run(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)")
        }
        var applied: [Int] = []
        for migration in try await pending() {
            let ran = try await migrationTransaction { [dialect] connection in
                let done = try await connection.run("SELECT 1 FROM schema_migrations WHERE version = \(bind: migration.version)")
                guard done.isEmpty else { return false }
                for statement in migration.statements(dialect) { try await connection.run("\(unsafeRaw: statement)") }
                try await connection.run(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date()))
                    """)
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }

    private func migrationTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await database.write { [dialect] connection in
            if let lock = dialect.migrationLock { try await connection.run("\(unsafeRaw: lock)") }
            return try await body(connection)
        }
    }

    public func pendingMigrations() async throws -> [Int] { try await pending().map(\.version) }

    /// Migrations not yet recorded; all of them before the first (an unreachable database throws).
    private func pending() async throws -> [Migration] {
        let rows: [SQLRow]
        do {
            rows = try await database.read("SELECT version FROM schema_migrations")
        } catch let error as StoreError where error.code == .statementFailed {
            return Migration.all
        }
        let done = Set(try rows.map { row -> Int in try row["version"] })
        return Migration.all.filter { !done.contains($0.version) }
    }

    public func setting(_ key: String) async throws -> String? {
        try await database.read("SELECT value FROM settings WHERE key = \(bind: key)").first?["value"]
    }

    public func setSetting(_ key: String, to value: String) async throws {
        try await database.write { connection in
            try await connection.run(
                "INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        }
    }

    /// One page of the rows of `from` (`FROM`, joins and `WHERE`): how many there are in all, and the columns
    /// `select` (`SELECT …`) of those in `order` from `offset` on, at most `limit`, each decoded by `decode`.
    func page<Item>(select columns: SQLQuery, from: SQLQuery, orderBy order: SQLQuery, limit: Int, offset: Int,
                    _ decode: (SQLRow) throws -> Item) async throws -> Page<Item> {
        let total: Int = try await database.read("SELECT COUNT(*) AS total \(from)")[0]["total"]
        let rows = try await database.read("\(columns) \(from) ORDER BY \(order) LIMIT \(bind: limit) OFFSET \(bind: offset)")
        return Page(items: try rows.map(decode), total: total, limit: limit, offset: offset)
    }

    /// Reads and decodes the rows of `table` that `clause` (a WHERE, ORDER BY or LIMIT) selects.
    func select<Record>(_ table: Table<Record>, _ clause: SQLQuery = "") async throws -> [Record] {
        try table.records(try await database.read("\(table.select) \(clause)"))
    }
}
