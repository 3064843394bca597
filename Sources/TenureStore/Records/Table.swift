/// How one record type maps to one table: its columns in a fixed order, the
/// key an upsert matches on, and the conversions both ways.
struct Table<Record>: Sendable {
    let name: String
    /// Every column, in the order `encode` produces and `decode` reads.
    let columns: [String]
    /// Columns of the primary key, which an upsert matches on.
    let key: [String]
    /// What a write does with a record whose key is already stored.
    var onConflict: ConflictRule = .replace
    let encode: @Sendable (Record) -> [SQLValue]
    let decode: @Sendable (inout RowReader) throws -> Record

    /// How a write treats a key that is already stored.
    enum ConflictRule: Sendable {
        /// The new record replaces the stored one (facts that are corrected over time).
        case replace
        /// The stored record stays and the new one is dropped (immutable facts such
        /// as raw events, where a second copy is a replay).
        case keep
    }

    /// `SELECT <columns> FROM <name>`.
    var select: String { "SELECT \(columns.joined(separator: ", ")) FROM \(name)" }

    /// Decodes rows selected with `select`.
    func records(_ rows: [SQLRow]) throws -> [Record] {
        try rows.map { row in
            var reader = RowReader(row)
            return try decode(&reader)
        }
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
        let width = table.columns.count
        let perStatement = max(1, min(500, dialect.maximumBinds / width))
        let updates = table.columns.filter { !table.key.contains($0) }.map { "\($0) = excluded.\($0)" }
        let conflict = updates.isEmpty || table.onConflict == .keep ? "DO NOTHING" : "DO UPDATE SET \(updates.joined(separator: ", "))"
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var placeholders: [String] = []
            placeholders.reserveCapacity(chunk.count)
            var binds: [SQLValue] = []
            binds.reserveCapacity(chunk.count * width)
            for row in chunk {
                let first = binds.count
                placeholders.append("(" + (1...width).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
                binds.append(contentsOf: row)
            }
            try await run(
                "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES \(placeholders.joined(separator: ", ")) ON CONFLICT (\(table.key.joined(separator: ", "))) \(conflict)",
                binds)
            start += perStatement
        }
    }
}
