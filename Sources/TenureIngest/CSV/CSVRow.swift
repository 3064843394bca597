import Foundation
import TenureCore

/// A problem with one row of an imported file: where, and what is wrong.
public struct RowProblem: Error, Sendable, Hashable, Codable {
    /// 1-based line of the file where the row starts.
    public var line: Int
    /// The column at fault, when one is.
    public var column: String?
    public var reason: String
}

/// One data row with typed access by column name; every reader throws a
/// ``RowProblem`` naming the line and column.
struct CSVRow {
    let line: Int
    let columns: [String: Int]
    let fields: [String]

    /// The trimmed text of `column`, `nil` when the column is absent or empty.
    func text(_ column: String) -> String? {
        guard let index = columns[column], index < fields.count else { return nil }
        let value = fields[index].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    func problem(_ column: String?, _ reason: String) -> RowProblem { RowProblem(line: line, column: column, reason: reason) }

    func required(_ column: String) throws -> String {
        guard let value = text(column) else { throw problem(column, "is required") }
        return value
    }

    func integer(_ column: String, in range: ClosedRange<Int64> = Int64.min...Int64.max) throws -> Int64? {
        guard let value = text(column) else { return nil }
        guard let number = Int64(value), range.contains(number) else {
            throw problem(column, "'\(value)' is not a whole number between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    func decimal(_ column: String) throws -> Double? {
        guard let value = text(column) else { return nil }
        guard let number = Double(value), number.isFinite else { throw problem(column, "'\(value)' is not a number") }
        return number
    }

    func date(_ column: String) throws -> Date? {
        guard let value = text(column) else { return nil }
        guard let date = JSONCoding.parse(value) else {
            throw problem(column, "'\(value)' is not a date like 2026-05-01 or an instant like 2026-05-01T12:00:00Z")
        }
        return date
    }

    func requiredDate(_ column: String) throws -> Date {
        guard let date = try date(column) else { throw problem(column, "is required") }
        return date
    }

    func enumeration<T: StringEnum>(_ column: String, as type: T.Type = T.self) throws -> T? {
        guard let value = text(column) else { return nil }
        guard let parsed = T(rawValue: value) else { throw problem(column, T.unknownValueMessage(value)) }
        return parsed
    }

    func currency(_ column: String) throws -> Currency? {
        guard let value = text(column) else { return nil }
        guard let currency = Currency(code: value) else { throw problem(column, "'\(value)' is not an ISO 4217 currency") }
        return currency
    }

    /// Columns named `prefix.key`, as a JSON object keyed by `key` (numbers stay numbers).
    func prefixed(_ prefix: String) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for (column, _) in columns where column.hasPrefix(prefix + ".") {
            guard let value = text(column) else { continue }
            let key = String(column.dropFirst(prefix.count + 1))
            if let number = Double(value), value.first?.isNumber == true || value.first == "-" {
                values[key] = .number(number)
            } else if value == "true" || value == "false" {
                values[key] = .bool(value == "true")
            } else {
                values[key] = .string(value)
            }
        }
        return values
    }

    /// Runs a model's own validation, reporting its field as the column.
    func validated<T: Validatable>(_ value: T) throws -> T {
        do {
            try value.validate()
        } catch {
            throw problem(error.field, error.message)
        }
        return value
    }
}
