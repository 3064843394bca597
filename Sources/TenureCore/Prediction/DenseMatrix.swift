import Foundation

/// A small dense matrix of doubles stored row by row (`values[row * columns + column]`),
/// the shape the models work in: one row per customer, one column per feature.
public struct DenseMatrix: Hashable, Sendable, Codable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row-major: entry (i, j) is `values[i * columns + j]`.
    public private(set) var values: [Double]

    /// A `rows` × `columns` matrix with every entry `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "a matrix cannot have a negative size")
        self.rows = rows
        self.columns = columns
        values = Array(repeating: value, count: rows * columns)
    }

    /// A `rows` × `columns` matrix over row-major `values`; throws when the count is not `rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) throws(PredictionError) {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw PredictionError(.invalidInput, "a \(rows) × \(columns) matrix needs \(max(0, rows * columns)) values, not \(values.count)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A `rows` × `columns` matrix whose row-major entries `initialize` writes — every one of them
    /// (the buffer starts uninitialised, which spares large matrices a pass of zeros).
    init(rows: Int, columns: Int, initializingWith initialize: (UnsafeMutableBufferPointer<Double>) -> Void) {
        self.rows = rows
        self.columns = columns
        values = [Double](unsafeUninitializedCapacity: rows * columns) { buffer, count in
            initialize(buffer)
            count = rows * columns
        }
    }

    /// Decodes `rows`, `columns` and `values`, refusing a count that does not fit the shape.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let (rows, columns) = (try container.decode(Int.self, forKey: .rows), try container.decode(Int.self, forKey: .columns))
        do {
            try self.init(rows: rows, columns: columns, values: try container.decode([Double].self, forKey: .values))
        } catch let error as PredictionError {
            throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: error.message)
        }
    }

    /// A matrix whose rows are `rowValues`; throws when the rows differ in length.
    public init(rowValues: [[Double]]) throws(PredictionError) {
        let width = rowValues.first?.count ?? 0
        if let ragged = rowValues.firstIndex(where: { $0.count != width }) {
            throw PredictionError(.invalidInput, "row \(ragged) has \(rowValues[ragged].count) values but row 0 has \(width)")
        }
        try self.init(rows: rowValues.count, columns: width, values: rowValues.flatMap { $0 })
    }

    /// A matrix whose columns are `columnValues` (e.g. named columns of a table); throws when they differ in length.
    public init(columnValues: [[Double]]) throws(PredictionError) {
        let height = columnValues.first?.count ?? 0
        if let ragged = columnValues.firstIndex(where: { $0.count != height }) {
            throw PredictionError(.invalidInput, "column \(ragged) has \(columnValues[ragged].count) values but column 0 has \(height)")
        }
        self.init(rows: height, columns: columnValues.count)
        for (column, source) in columnValues.enumerated() {
            for row in 0..<height { values[row * columns + column] = source[row] }
        }
    }

    /// The `size` × `size` identity matrix.
    public static func identity(_ size: Int) -> DenseMatrix {
        var matrix = DenseMatrix(rows: size, columns: size)
        for index in 0..<size { matrix[index, index] = 1 }
        return matrix
    }

    /// Entry (`row`, `column`).
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The entries of row `index`.
    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    /// The matrix made of rows `order[0]`, `order[1]`, … of this one (e.g. sorted by duration).
    public func rows(_ order: [Int]) -> DenseMatrix {
        precondition(order.allSatisfy { (0..<rows).contains($0) }, "row index out of range")
        return DenseMatrix(rows: order.count, columns: columns) { target in
            values.withUnsafeBufferPointer { source in
                for (to, from) in order.enumerated() {
                    for column in 0..<columns { target[to * columns + column] = source[from * columns + column] }
                }
            }
        }
    }

    /// The entries of column `index` (O(rows)).
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + index] }
    }

    /// Calls `body` with the row-major entries to write in place.
    mutating func withUnsafeMutableValues<Result>(_ body: (inout UnsafeMutableBufferPointer<Double>) throws -> Result) rethrows -> Result {
        try values.withUnsafeMutableBufferPointer(body)
    }
}
