/// How one record type maps to one table: its columns in a fixed order, the
/// key an upsert matches on, and the conversions both ways (reading by column name).
struct Table<Record>: Sendable {
    let name: String
    /// Every column, in the order `encode` produces them.
    let columns: [String]
    /// Columns of the primary key, which an upsert matches on.
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
        let keyIndexes = table.key.map { table.columns.firstIndex(of: $0)! }
        let rows = records.map(table.encode).removingDuplicates(keepingLast: table.onConflict == .replace) { row in
            keyIndexes.map { row[$0] }
        }
        let perStatement = max(1, min(500, dialect.maximumBinds / table.columns.count))
        let updates = table.columns.filter { !table.key.contains($0) }.map { "\($0) = excluded.\($0)" }
        let conflict = updates.isEmpty || table.onConflict == .keep ? "DO NOTHING" : "DO UPDATE SET \(updates.joined(separator: ", "))"
        for chunk in rows.chunked(into: perStatement) {
            try await run(
                """
                INSERT INTO \(unsafeRaw: table.name) (\(table.columnList())) VALUES \(bindRows: chunk) \
                ON CONFLICT (\(unsafeRaw: table.key.joined(separator: ", "))) \(unsafeRaw: conflict)
                """)
        }
    }
}
