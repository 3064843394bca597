import Foundation
import TenureCore

/// One result row: its values and the names of the columns the query selected, read by name (`try row["mrr"]`).
public struct SQLRow: Sendable {
    let columns: SQLColumns
    public var values: [SQLValue]

    init(_ values: [SQLValue], columns: SQLColumns) {
        self.values = values
        self.columns = columns
    }

    /// The value of `column` as a Swift value, with an error naming the column when it is missing or has the wrong shape.
    subscript<T: SQLDecodable>(column: String) -> T {
        get throws { try T(try value(column), column: column) }
    }

    /// The JSON text of `column` decoded as a `T`.
    func json<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        let text: String = try self[column]
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corrupt, "column \(column) holds JSON that is not a \(T.self): \(error)")
        }
    }

    /// The columns called `prefix` followed by each of `names`, as a row whose columns are `names`
    /// (one table's columns, aliased in a join so as not to clash with another's).
    func selecting(_ names: [String], prefixedBy prefix: String) throws -> SQLRow {
        SQLRow(try names.map { try value(prefix + $0) }, columns: SQLColumns(names))
    }

    private func value(_ column: String) throws -> SQLValue {
        guard let position = columns.position(of: column), position < values.count else {
            throw StoreError(.corrupt, "no column \(column) in the result (columns: \(columns.names.joined(separator: ", ")))")
        }
        return values[position]
    }
}

/// The column names of one result, shared by its rows.
final class SQLColumns: Sendable {
    let names: [String]
    private let positions: [String: Int]

    init(_ names: [String]) {
        self.names = names
        positions = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of the first column called `name`.
    func position(of name: String) -> Int? { positions[name] }
}
