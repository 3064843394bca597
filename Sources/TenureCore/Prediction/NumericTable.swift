import Foundation

/// Named columns of numbers built from a table's text records (e.g. a CSV file's rows, split into
/// fields by the caller): the input of the `tenure fit` commands. Cells are decimal numbers;
/// `true` and `false` (any case) read as 1 and 0 so event columns can be booleans. Errors name the
/// line and column of the offending cell.
public struct NumericTable: Hashable, Sendable {
    /// One row of text cells and the 1-based line of the source it starts on.
    public struct Record: Hashable, Sendable {
        /// The line number, for error messages.
        public var line: Int
        /// The cells, in header order.
        public var fields: [String]

        /// A record of `fields` read from `line`.
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// Every column name of the header, in order.
    public let columnNames: [String]
    /// The line each row came from.
    public let lines: [Int]
    private let columns: [String: [Double]]

    /// Reads the columns named `selected` (all when `nil`) of `records` under `header`. Throws when
    /// a header name repeats, a selected column is missing, a record has the wrong number of cells,
    /// or a selected cell is empty, not a number, or not finite.
    public init(header: [String], records: [Record], selecting selected: [String]? = nil) throws(PredictionError) {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            guard positions.updateValue(index, forKey: name) == nil else {
                throw PredictionError(.invalidInput, "the header names column \"\(name)\" twice")
            }
        }
        columnNames = names
        var columns: [String: [Double]] = [:]
        for name in selected ?? names {
            guard let position = positions[name] else { throw Self.missing(name, among: names) }
            var values: [Double] = []
            values.reserveCapacity(records.count)
            for record in records {
                guard record.fields.count == names.count else {
                    throw PredictionError(.invalidInput, "line \(record.line) has \(record.fields.count) cells but the header has \(names.count)")
                }
                values.append(try Self.number(record.fields[position], line: record.line, column: name))
            }
            columns[name] = values
        }
        self.columns = columns
        lines = records.map(\.line)
    }

    /// How many rows the table has.
    public var rowCount: Int { lines.count }

    /// The values of column `name`; throws when the table has no such (read) column.
    public func column(_ name: String) throws(PredictionError) -> [Double] {
        guard let values = columns[name] else { throw Self.missing(name, among: columnNames) }
        return values
    }

    /// The values of column `name` as booleans, for event indicators: 1 (or `true`) is true and 0
    /// (or `false`) false; throws naming the first line holding anything else.
    public func booleanColumn(_ name: String) throws(PredictionError) -> [Bool] {
        let values = try column(name)
        if let row = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw PredictionError(.invalidInput, "line \(lines[row]), column \"\(name)\": \(values[row]) is not 0, 1, true or false")
        }
        return values.map { $0 == 1 }
    }

    /// The columns `names` side by side, one row per record.
    public func matrix(_ names: [String]) throws(PredictionError) -> DenseMatrix {
        var selected: [[Double]] = []
        for name in names { selected.append(try column(name)) }
        return try DenseMatrix(columnValues: selected)
    }

    private static func number(_ cell: String, line: Int, column: String) throws(PredictionError) -> Double {
        let text = cell.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "true": return 1
        case "false": return 0
        case "": throw PredictionError(.invalidInput, "line \(line), column \"\(column)\": the cell is empty; every cell needs a number")
        default:
            guard let value = Double(text), value.isFinite else {
                throw PredictionError(.invalidInput, "line \(line), column \"\(column)\": \"\(cell)\" is not a finite number")
            }
            return value
        }
    }

    private static func missing(_ name: String, among names: [String]) -> PredictionError {
        PredictionError(.invalidInput, "there is no column \"\(name)\"; the columns are \(names.joined(separator: ", "))")
    }
}
