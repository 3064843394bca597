import Foundation

/// How playbook traces, step logs and templates write dates, numbers, money and shares.
enum PlaybookText {
    /// `2026-05-03` (UTC).
    static func day(_ date: Date) -> String { String(JSONCoding.format(date).prefix(10)) }

    /// `2026-05-04 09:00` (UTC).
    static func minute(_ date: Date) -> String {
        JSONCoding.format(date).prefix(16).replacingOccurrences(of: "T", with: " ")
    }

    /// A number without a trailing `.0`: `48`, `0.62`.
    static func number(_ value: Double) -> String { JSONValue.number(value).stringValue ?? "" }

    /// Minor units as major units with two decimals: `82000` → `820.00`.
    static func money(_ minorUnits: Double) -> String {
        guard abs(minorUnits) < 1e15 else { return number(minorUnits / 100) }
        return Money.formatMajorUnits(Int64(minorUnits.rounded()), digits: 2)
    }

    /// A fraction as a percentage with at most one decimal: `0.1` → `10%`, `0.125` → `12.5%`.
    static func percent(_ fraction: Double) -> String { "\(number((fraction * 1_000).rounded() / 10))%" }

    /// A value as a person reads it; `none` when it is missing or null.
    static func value(_ value: JSONValue?, money: Bool = false) -> String {
        switch value {
        case .number(let number)?: money ? self.money(number) : self.number(number)
        case .string(let text)?: text
        case .bool(let flag)?: String(flag)
        case .array(let items)?: items.map { self.value($0, money: money) }.joined(separator: ", ")
        case .object?: "{…}"
        case .null?, nil: "none"
        }
    }
}
