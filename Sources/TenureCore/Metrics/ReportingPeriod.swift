import Foundation

/// A span of reporting time `[start, end)`, a calendar month or day in the
/// reporting time zone, with its label (`2026-05` or `2026-05-14`).
public struct ReportingPeriod: Hashable, Sendable, Codable {
    public var label: String
    public var start: Date
    public var end: Date

    public init(label: String, start: Date, end: Date) {
        self.label = label
        self.start = start
        self.end = end
    }

    /// How long each period is.
    public enum Interval: String, StringEnum, Hashable {
        case month, day
    }

    /// The consecutive periods of `interval` covering the instants `from...to`.
    public static func covering(from: Date, to: Date, interval: Interval, calendar: Calendar) -> [ReportingPeriod] {
        let component: Calendar.Component = interval == .month ? .month : .day
        var start = interval == .month
            ? calendar.date(from: calendar.dateComponents([.year, .month], from: from))!
            : calendar.startOfDay(for: from)
        var periods: [ReportingPeriod] = []
        while start <= to {
            let end = calendar.date(byAdding: component, value: 1, to: start)!
            let parts = calendar.dateComponents([.year, .month, .day], from: start)
            let label = interval == .month
                ? String(format: "%04d-%02d", parts.year!, parts.month!)
                : String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            periods.append(ReportingPeriod(label: label, start: start, end: end))
            start = end
        }
        return periods
    }

    /// Parses `2026-05` (a month) or `2026-05-14` (a day) in `calendar`'s time zone.
    public static func parse(_ text: String, calendar: Calendar) -> ReportingPeriod? {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.allSatisfy({ $0 != nil }), (2...3).contains(parts.count),
              let year = parts[0], let month = parts[1], (1...12).contains(month), (1970...9999).contains(year)
        else { return nil }
        if parts.count == 3 {
            guard let day = parts[2], (1...31).contains(day),
                  let start = calendar.date(from: DateComponents(year: year, month: month, day: day)),
                  calendar.component(.day, from: start) == day
            else { return nil }
            return covering(from: start, to: start, interval: .day, calendar: calendar).first
        }
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)) else { return nil }
        return covering(from: start, to: start, interval: .month, calendar: calendar).first
    }
}
