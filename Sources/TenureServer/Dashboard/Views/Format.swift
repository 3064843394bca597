import Foundation
import TenureCore

/// How the dashboard writes numbers, money, rates and dates: one place, so
/// every page reads the same.
public enum Format {
    /// `1234567` → `"1,234,567"`.
    public static func count<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// Minor units as whole major units with the currency's sign: `"$12,346"`, `"€90"`, `"1,200 SEK"`.
    public static func money(_ minorUnits: Int64, _ currency: Currency) -> String {
        var divisor: Int64 = 1
        for _ in 0..<currency.minorUnitDigits { divisor *= 10 }
        let whole = (Double(minorUnits) / Double(divisor)).rounded()
        return withSymbol(count(Int64(whole)), currency)
    }

    /// Minor units with every digit: `"$123.45"`.
    public static func exactMoney(_ minorUnits: Int64, _ currency: Currency) -> String {
        let text = Money.formatMajorUnits(minorUnits, digits: currency.minorUnitDigits)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int64(parts[0]) ?? 0
        let sign = minorUnits < 0 && whole == 0 ? "-" : ""
        let grouped = sign + count(whole) + (parts.count > 1 ? "." + parts[1] : "")
        return withSymbol(grouped, currency)
    }

    private static func withSymbol(_ number: String, _ currency: Currency) -> String {
        let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"]
        guard let symbol = symbols[currency.code] else { return "\(number) \(currency.code)" }
        return number.hasPrefix("-") ? "-\(symbol)\(number.dropFirst())" : "\(symbol)\(number)"
    }

    /// A fraction as a percentage, `0.9731` → `"97.3%"`; `"—"` for `nil`.
    public static func percent(_ fraction: Double?, digits: Int = 1) -> String {
        guard let fraction, fraction.isFinite else { return "—" }
        return String(format: "%.\(digits)f%%", fraction * 100)
    }

    /// A plain decimal, `"1.85"`; `"—"` for `nil`.
    public static func decimal(_ value: Double?, digits: Int = 2) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.\(digits)f", value)
    }

    /// An NPS, `"+32"` or `"-8"`; `"—"` for `nil`.
    public static func nps(_ score: Double?) -> String {
        guard let score else { return "—" }
        let rounded = Int(score.rounded())
        return rounded > 0 ? "+\(rounded)" : String(rounded)
    }

    /// A UTC calendar day, `"2026-05-14"`; `"—"` for `nil`.
    public static func day(_ date: Date?) -> String {
        guard let date else { return "—" }
        return String(JSONCoding.format(date).prefix(10))
    }

    /// A month label `2026-05` as `"May 2026"`; other text unchanged.
    public static func month(_ label: String) -> String {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return label }
        return "\(monthNames[month - 1]) \(parts[0])"
    }

    /// A month label `2026-05` as `"May"` (`"Jan 26"` in January, so year turns show).
    public static func shortMonth(_ label: String) -> String {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return label }
        return month == 1 ? "Jan \(parts[0].suffix(2))" : monthNames[month - 1]
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Days from `now` to `date`, in words: `"in 12 days"`, `"today"`, `"3 days ago"`.
    public static func relativeDays(_ date: Date, from now: Date) -> String {
        let days = Int((date.timeIntervalSince(now) / 86_400).rounded(.down))
        switch days {
        case 0: return "today"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case let days where days > 0: return "in \(days) days"
        default: return "\(-days) days ago"
        }
    }

    /// `"lifecycle_stage"`-style keys as words: `"value realization"`.
    public static func words(_ key: String?) -> String {
        guard let key, !key.isEmpty else { return "—" }
        return key.replacingOccurrences(of: "_", with: " ")
    }
}
