import Foundation

/// A SQL statement and the values bound into it, built by string interpolation: `"… WHERE segment = \(bind: segment)"`.
///
/// A bound value never becomes SQL text: each `\(bind:)` leaves a placeholder that ``sql(for:)`` writes as `$n`
/// for PostgreSQL or `?n` for SQLite, numbered in the order the values were bound. Another `SQLQuery` interpolates
/// with its binds (`\(filter)`); `\(unsafeRaw:)` inserts trusted SQL text as it is — keywords, and names of
/// Tenure's own tables and columns, never a value from outside.
public struct SQLQuery: Sendable, ExpressibleByStringInterpolation {
    /// The statement's text without its placeholders.
    private var text: String
    /// Where each placeholder goes, as UTF-8 offsets into `text`, one per bind and in bind order.
    private var placeholders: [Int] = []
    /// The bound values, in placeholder order.
    public private(set) var binds: [SQLValue] = []

    public init(stringLiteral text: String) {
        self.text = text
    }

    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.query
    }

    /// The statement's text for `dialect`: placeholders `$1, $2, …` or `?1, ?2, …`.
    public func sql(for dialect: SQLDialect) -> String {
        guard !placeholders.isEmpty else { return text }
        var sql = ""
        sql.reserveCapacity(text.utf8.count + placeholders.count * 6)
        var start = text.startIndex
        for (position, offset) in placeholders.enumerated() {
            let end = text.utf8.index(text.startIndex, offsetBy: offset)
            sql += text[start..<end]
            sql.append(dialect.placeholderPrefix)
            sql += String(position + 1)
            start = end
        }
        sql += text[start...]
        return sql
    }

    /// Appends `other`'s text and binds.
    public mutating func append(_ other: SQLQuery) {
        let shift = text.utf8.count
        text += other.text
        placeholders.reserveCapacity(placeholders.count + other.placeholders.count)
        for offset in other.placeholders { placeholders.append(offset + shift) }
        binds += other.binds
    }

    /// Appends a placeholder bound to `value`.
    mutating func append(bind value: SQLValue) {
        placeholders.append(text.utf8.count)
        binds.append(value)
    }

    /// Appends trusted SQL text as it is.
    mutating func append(unsafeRaw sql: String) {
        text += sql
    }

    /// Builds a ``SQLQuery`` from literal SQL and interpolated values.
    public struct StringInterpolation: StringInterpolationProtocol {
        var query: SQLQuery

        public init(literalCapacity: Int, interpolationCount: Int) {
            query = SQLQuery(stringLiteral: "")
            query.text.reserveCapacity(literalCapacity + interpolationCount * 2)
            query.placeholders.reserveCapacity(interpolationCount)
            query.binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { query.append(unsafeRaw: literal) }

        /// Inserts another query: its text and its binds.
        public mutating func appendInterpolation(_ fragment: SQLQuery) { query.append(fragment) }

        /// Inserts trusted SQL text as it is: keywords, or names of Tenure's own tables and columns — never a value.
        public mutating func appendInterpolation(unsafeRaw sql: String) { query.append(unsafeRaw: sql) }

        /// Binds `value` and inserts its placeholder.
        public mutating func appendInterpolation(bind value: SQLValue) { query.append(bind: value) }
        public mutating func appendInterpolation(bind value: String?) { query.append(bind: SQLValue(value)) }
        public mutating func appendInterpolation(bind value: Int?) { query.append(bind: SQLValue(value)) }
        public mutating func appendInterpolation(bind value: Int64?) { query.append(bind: SQLValue(value)) }
        public mutating func appendInterpolation(bind value: Double) { query.append(bind: .real(value)) }
        public mutating func appendInterpolation(bind value: Bool) { query.append(bind: SQLValue(value)) }
        /// Binds an instant as integer milliseconds since 1970.
        public mutating func appendInterpolation(bind value: Date?) { query.append(bind: SQLValue(value)) }
        public mutating func appendInterpolation<T: RawRepresentable>(bind value: T?) where T.RawValue == String {
            query.append(bind: SQLValue(value))
        }

        /// Binds each value and inserts their placeholders separated by commas, for an `IN (…)` list;
        /// no values insert `NULL`, so that `IN (NULL)` matches nothing on every backend.
        public mutating func appendInterpolation<Values: Sequence>(bindEach values: Values) where Values.Element == SQLValue {
            var first = true
            for value in values {
                if !first { query.append(unsafeRaw: ", ") }
                query.append(bind: value)
                first = false
            }
            if first { query.append(unsafeRaw: "NULL") }
        }

        public mutating func appendInterpolation<Values: Sequence>(bindEach values: Values) where Values.Element == String {
            appendInterpolation(bindEach: values.lazy.map { SQLValue.text($0) })
        }

        /// Binds every value of every row and inserts the rows as `(…), (…)`, for a `VALUES` list (at least one row).
        public mutating func appendInterpolation<Rows: Sequence>(bindRows rows: Rows) where Rows.Element: Sequence<SQLValue> {
            var first = true
            for row in rows {
                query.append(unsafeRaw: first ? "(" : ", (")
                appendInterpolation(bindEach: row)
                query.append(unsafeRaw: ")")
                first = false
            }
        }
    }
}

extension Sequence where Element == SQLQuery {
    /// The queries one after another with `separator` between them, binds in order.
    public func joined(separator: SQLQuery) -> SQLQuery {
        var result: SQLQuery = ""
        var first = true
        for query in self {
            if !first { result.append(separator) }
            result.append(query)
            first = false
        }
        return result
    }
}
