import Foundation
import Hummingbird
import TenureCore

/// Reads a request's query parameters with checks: unknown or repeated
/// parameters, non-integers and out-of-range values are 400s naming the
/// parameter, so a typo never silently returns the wrong data.
struct QueryReader {
    private var values: [String: String] = [:]

    init(_ request: Request, allowed: Set<String>) throws {
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard allowed.contains(name) else {
                throw APIError.badRequest("unknown query parameter; this route takes \(allowed.sorted().joined(separator: ", "))", field: name)
            }
            guard values[name] == nil else { throw APIError.badRequest("is given more than once", field: name) }
            values[name] = String(value).removingPercentEncoding ?? String(value)
        }
    }

    /// The parameter's text, `nil` when absent or empty; a 400 when too long or holding U+0000.
    func string(_ name: String, maxLength: Int = 200) throws -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        guard value.count <= maxLength else { throw APIError.badRequest("must be at most \(maxLength) characters", field: name) }
        // No database text type can hold U+0000 (PostgreSQL refuses it), so it never reaches a query.
        guard !value.unicodeScalars.contains("\u{0}") else { throw APIError.badRequest("must not contain U+0000", field: name) }
        return value
    }

    func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = try string(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return value
    }

    func enumeration<T: StringEnum>(_ name: String, as type: T.Type = T.self) throws -> T? {
        guard let text = try string(name) else { return nil }
        guard let value = T(rawValue: text) else { throw APIError.badRequest(T.unknownValueMessage(text), field: name) }
        return value
    }

    /// `true`/`false` (also `1`/`0`), or `defaultValue` when absent.
    func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
        guard let text = try string(name) else { return defaultValue }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.badRequest("must be true or false", field: name)
        }
    }

    /// A number, or `defaultValue` when absent.
    func double(_ name: String, default defaultValue: Double, in range: ClosedRange<Double>) throws -> Double {
        guard let text = try string(name) else { return defaultValue }
        guard let value = Double(text), range.contains(value) else {
            throw APIError.badRequest("must be a number from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return value
    }

    /// A date or instant (`2026-05-01` or ISO 8601), `nil` when absent.
    func date(_ name: String) throws -> Date? {
        guard let text = try string(name) else { return nil }
        guard let date = JSONCoding.parse(text) else {
            throw APIError.badRequest("must be a date such as 2026-05-01 or an ISO 8601 instant", field: name)
        }
        return date
    }
}
