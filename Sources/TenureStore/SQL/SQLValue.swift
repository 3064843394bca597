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
        return .text(String(decoding: try! encoder.encode(value), as: UTF8.self))
    }

    /// Fields encoded as JSON text, the same as the generic form writes them, without Foundation's encoder.
    static func json(_ fields: [String: JSONValue]?) -> SQLValue {
        fields.map { .text($0.jsonText) } ?? .null
    }

    /// One encoder for every JSON column (ingestion encodes one per event): it is only read.
    private static let encoder = JSONCoding.encoder

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
