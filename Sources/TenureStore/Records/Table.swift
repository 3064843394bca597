/// How one record type maps to one table: its columns in a fixed order, the
/// key an upsert matches on, and the conversions both ways (reading by column name).
struct Table<Record>: Sendable {
    let name: String
    /// Every column, in the order `encode` produces them.
    let columns: [String]
    /// Columns of the primary key, which an upsert matches on; none for append-only tables (written with `insert`).
    let key: [String]
    /// What a write does with a record whose key is already stored.
    var onConflict: ConflictRule = .replace
    let encode: @Sendable (Record) -> [SQLValue]
    let decode: @Sendable (SQLRow) throws -> Record

    /// How a write treats a key that is already stored.
    enum ConflictRule: Sendable {
        /// The new record replaces the stored one (facts that are corrected over time).
        case replace
        /// The stored record stays and the new one is dropped (immutable facts such
        /// as raw events, where a second copy is a replay).
        case keep
    }

    /// `SELECT <columns> FROM <name>`.
    var select: SQLQuery { "SELECT \(columnList()) FROM \(unsafeRaw: name)" }

    /// The columns separated by commas, each after `qualifier` and a dot when one is given.
    func columnList(_ qualifier: String? = nil) -> SQLQuery {
        let prefix = qualifier.map { "\($0)." } ?? ""
        return "\(unsafeRaw: columns.map { prefix + $0 }.joined(separator: ", "))"
    }

    /// Decodes rows that select (at least) the table's columns.
    func records(_ rows: [SQLRow]) throws -> [Record] {
        try rows.map(decode)
    }
}

extension SQLConnection {
    /// Inserts `records` into `table` in multi-row statements sized to the
    /// dialect's bind limit. A record whose key is stored replaces the stored
    /// row, or is dropped when the table keeps first copies; among records of
    /// one call sharing a key, the last one (or, when keeping, the first) wins.
    func upsert<Record>(_ records: [Record], into table: Table<Record>, dialect: SQLDialect) async throws {
        guard !records.isEmpty else { return }
        precondition(!table.key.isEmpty, "\(table.name) has no key to upsert on")
        let keyIndexes = table.key.map { table.columns.firstIndex(of: $0)! }
        let rows = records.map(table.encode).removingDuplicates(keepingLast: table.onConflict == .replace) { row in
            keyIndexes.map { row[$0] }
        }
        let updates = table.columns.filter { !table.key.contains($0) }.map { "\($0) = excluded.\($0)" }
        let conflict = updates.isEmpty || table.onConflict == .keep ? "DO NOTHING" : "DO UPDATE SET \(updates.joined(separator: ", "))"
        for chunk in rows.chunked(into: table.rowsPerStatement(dialect)) {
            try await run(
                """
                INSERT INTO \(unsafeRaw: table.name) (\(table.columnList())) VALUES \(bindRows: chunk) \
                ON CONFLICT (\(unsafeRaw: table.key.joined(separator: ", "))) \(unsafeRaw: conflict)
                """)
        }
    }

    /// Inserts `records` into `table` in multi-row statements; with `skippingConflicts`, a record that would break a
    /// uniqueness rule (any of the table's unique keys and indexes) is dropped instead of failing the transaction.
    /// Returns how many rows were inserted.
    @discardableResult
    func insert<Record>(_ records: [Record], into table: Table<Record>, dialect: SQLDialect, skippingConflicts: Bool = false) async throws -> Int {
        var inserted = 0
        let conflict = skippingConflicts ? " ON CONFLICT DO NOTHING" : ""
        for chunk in records.map(table.encode).chunked(into: table.rowsPerStatement(dialect)) {
            inserted += try await run(
                """
                INSERT INTO \(unsafeRaw: table.name) (\(table.columnList())) VALUES \(bindRows: chunk)\(unsafeRaw: conflict) \
                RETURNING 1 AS inserted
                """).count
        }
        return inserted
    }
}

extension SQLConnection {
    /// The version number after the highest of the rows of `table` whose `column` holds `value` (1 for the first).
    func nextVersion(in table: String, where column: String, is value: String) async throws -> Int {
        let latest: Int = try await run(
            "SELECT COALESCE(MAX(version), 0) AS version FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: value)")[0]["version"]
        return latest + 1
    }
}

extension Table {
    /// How many records fit in one statement under the dialect's bind limit (at most 500).
    func rowsPerStatement(_ dialect: SQLDialect) -> Int { max(1, min(500, dialect.maximumBinds / columns.count)) }
}
