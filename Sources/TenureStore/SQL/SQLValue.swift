import Foundation
import TenureCore

/// A value bound into or read out of a SQL statement, the common ground of
/// SQLite's and PostgreSQL's types as Tenure uses them.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Bool) { self = .integer(value ? 1 : 0) }
    /// An instant, stored as integer milliseconds since 1970-01-01 UTC.
    init(_ value: Date?) { self = value.map { .integer(SQLValue.milliseconds($0)) } ?? .null }
    init<T: RawRepresentable>(_ value: T?) where T.RawValue == String { self.init(value?.rawValue) }

    /// A value encoded as JSON text.
    static func json<T: Encodable>(_ value: T?) -> SQLValue {
        guard let value else { return .null }
        return .text(String(decoding: try! JSONCoding.encoder.encode(value), as: UTF8.self))
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// Reads a row's columns in order and converts them to Swift values, with an
/// error naming the column when the stored value has the wrong shape.
struct RowReader {
    private let row: SQLRow
    private var position = 0

    init(_ row: SQLRow) { self.row = row }

    private mutating func nextValue() -> SQLValue {
        defer { position += 1 }
        return position < row.values.count ? row.values[position] : .null
    }

    private func mismatch(_ expected: String) -> StoreError {
        StoreError(.corrupt, "column \(position) holds \(row.values[position - 1]) where \(expected) was expected")
    }

    mutating func string() throws -> String {
        guard let value = try optionalString() else { throw mismatch("text") }
        return value
    }

    mutating func optionalString() throws -> String? {
        switch nextValue() {
        case .null: return nil
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real: throw mismatch("text")
        }
    }

    mutating func int64() throws -> Int64 {
        guard let value = try optionalInt64() else { throw mismatch("an integer") }
        return value
    }

    mutating func optionalInt64() throws -> Int64? {
        switch nextValue() {
        case .null: return nil
        case .integer(let number): return number
        case .real(let number) where Int64(exactly: number) != nil: return Int64(exactly: number)
        case .text(let text) where Int64(text) != nil: return Int64(text)
        default: throw mismatch("an integer")
        }
    }

    mutating func int() throws -> Int { Int(try int64()) }
    mutating func optionalInt() throws -> Int? { try optionalInt64().map { Int($0) } }
    mutating func bool() throws -> Bool { try int64() != 0 }

    mutating func double() throws -> Double {
        switch nextValue() {
        case .integer(let number): return Double(number)
        case .real(let number): return number
        default: throw mismatch("a number")
        }
    }

    mutating func optionalDouble() throws -> Double? {
        switch nextValue() {
        case .null: return nil
        case .integer(let number): return Double(number)
        case .real(let number): return number
        case .text: throw mismatch("a number")
        }
    }

    mutating func optionalEnumeration<T: RawRepresentable>(_ type: T.Type = T.self) throws -> T? where T.RawValue == String {
        guard let raw = try optionalString() else { return nil }
        guard let value = T(rawValue: raw) else { throw StoreError(.corrupt, "unknown \(T.self) '\(raw)' in column \(position - 1)") }
        return value
    }

    mutating func date() throws -> Date { Date(timeIntervalSince1970: Double(try int64()) / 1000) }
    mutating func optionalDate() throws -> Date? { try optionalInt64().map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    mutating func enumeration<T: RawRepresentable>(_ type: T.Type = T.self) throws -> T where T.RawValue == String {
        let raw = try string()
        guard let value = T(rawValue: raw) else { throw StoreError(.corrupt, "unknown \(T.self) '\(raw)' in column \(position - 1)") }
        return value
    }

    mutating func currency() throws -> Currency {
        let code = try string()
        guard let currency = Currency(code: code) else { throw StoreError(.corrupt, "unknown currency '\(code)'") }
        return currency
    }

    mutating func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        guard let value = try optionalJSON(type) else { throw mismatch("JSON") }
        return value
    }

    mutating func optionalJSON<T: Decodable>(_ type: T.Type = T.self) throws -> T? {
        guard let text = try optionalString() else { return nil }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corrupt, "column \(position - 1) holds JSON that is not a \(T.self): \(error)")
        }
    }
}
