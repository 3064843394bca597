import Foundation
import TenureCore
import TenureStore

/// A report's time range as people write it — `2026-01` to `2026-06`, or
/// days like `2026-06-01` — resolved in the reporting calendar, with
/// defaults (the last twelve months, or the last thirty days) and limits.
public struct ReportRange: Sendable, Hashable {
    /// Start of the first period.
    public var from: Date
    /// End of the last period (exclusive).
    public var to: Date
    public var interval: ReportingPeriod.Interval

    /// Most periods one report may span.
    public static let maximumPeriods = [ReportingPeriod.Interval.month: 120, .day: 1_000]

    /// Resolves the texts; a `ValidationError` names `from` or `to` when one is unreadable or out of order.
    public init(from fromText: String?, to toText: String?, interval: ReportingPeriod.Interval, calendar: Calendar,
                now: Date) throws(ValidationError) {
        self.interval = interval
        let current = ReportingPeriod.covering(from: now, to: now, interval: interval, calendar: calendar)[0]
        let last: ReportingPeriod
        if let toText {
            guard let parsed = ReportingPeriod.parse(toText, calendar: calendar) else {
                throw ValidationError(field: "to", "must be a month like 2026-05 or a day like 2026-05-14")
            }
            last = parsed
        } else {
            last = current
        }
        if let fromText {
            guard let parsed = ReportingPeriod.parse(fromText, calendar: calendar) else {
                throw ValidationError(field: "from", "must be a month like 2026-05 or a day like 2026-05-14")
            }
            from = parsed.start
        } else {
            let back = interval == .month ? -11 : -29
            from = calendar.date(byAdding: interval == .month ? .month : .day, value: back, to: last.start)!
        }
        to = last.end
        guard from < to else { throw ValidationError(field: "from", "must come before to") }
        let count = ReportingPeriod.covering(from: from, to: to.addingTimeInterval(-0.001), interval: interval, calendar: calendar).count
        let limit = Self.maximumPeriods[interval]!
        guard count <= limit else {
            throw ValidationError(field: "from", "the range spans \(count) \(interval.rawValue)s; at most \(limit) fit in one report")
        }
    }

    /// The periods of the range.
    public func periods(_ calendar: Calendar) -> [ReportingPeriod] {
        ReportingPeriod.covering(from: from, to: to.addingTimeInterval(-0.001), interval: interval, calendar: calendar)
    }
}

extension MetricsSnapshot {
    /// Accounts matching every given attribute filter, or `nil` (all accounts) when none is given.
    public func accounts(matching filters: [Breakdown: String]) -> Set<String>? {
        guard !filters.isEmpty else { return nil }
        return filters.reduce(Set(accounts.keys)) { selected, filter in
            selected.intersection(accountIDs(filter.key, equals: filter.value))
        }
    }
}
