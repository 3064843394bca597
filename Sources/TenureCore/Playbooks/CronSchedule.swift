import Foundation

/// A standard five-field cron schedule (minute, hour, day of month, month, day of week) for playbooks that run on a clock.
///
/// Fields take `*`, numbers, names (`jan`…`dec`, `sun`…`sat`; 0 and 7 are both Sunday), lists, ranges and steps
/// (`*/15`, `1-5/2`, `10/15` = from 10 to the end by 15). As in Vixie cron, when both day fields are restricted (neither
/// begins with `*`) a day matches if either does. Times are local wall-clock times in the time zone asked for: a time
/// the clock skips in spring fires when the clock has jumped (02:30 becomes 03:30), a time it repeats in autumn fires once.
public struct CronSchedule: Hashable, Sendable {
    /// The schedule as written, its fields separated by single spaces.
    public let text: String
    private let minutes: UInt64
    private let hours: UInt64
    private let daysOfMonth: UInt64
    private let months: UInt64
    /// Bit 0 is Sunday … bit 6 Saturday.
    private let daysOfWeek: UInt64
    /// Whether a day must match both day fields (one of them begins with `*`) rather than either.
    private let daysMatchBoth: Bool

    /// Parses a schedule like `0 9 * * mon-fri`; a refusal names the field `trigger.schedule` and the bad part.
    public init(_ text: String) throws(ValidationError) {
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard fields.count == 5 else {
            throw Self.invalid("must have 5 fields (minute hour day-of-month month day-of-week), not \(fields.count)")
        }
        self.text = fields.joined(separator: " ")
        minutes = try Field.minute.parse(fields[0])
        hours = try Field.hour.parse(fields[1])
        daysOfMonth = try Field.dayOfMonth.parse(fields[2])
        months = try Field.month.parse(fields[3])
        let weekdays = try Field.dayOfWeek.parse(fields[4])
        daysOfWeek = (weekdays | weekdays >> 7) & 0x7F
        daysMatchBoth = fields[2].hasPrefix("*") || fields[4].hasPrefix("*")
    }

    /// The first time the schedule fires strictly after `date`, or nil when it does not fire within five years.
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let limit = calendar.date(byAdding: .year, value: 5, to: date) else { return nil }
        var day = calendar.startOfDay(for: date)
        while day <= limit {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday,
               matches(month: month, day: dayOfMonth, weekday: weekday - 1) {
                for hour in 0..<24 where hours.has(hour) {
                    guard let start = calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth, hour: hour)),
                          start.addingTimeInterval(3_600) > date
                    else { continue }
                    if let minute = (0..<60).first(where: { minutes.has($0) && start.addingTimeInterval(Double($0) * 60) > date }) {
                        let fire = start.addingTimeInterval(Double(minute) * 60)
                        return fire <= limit ? fire : nil
                    }
                }
            }
            guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = calendar.startOfDay(for: following)
        }
        return nil
    }

    /// The times the schedule fires after `start` up to and including `end`, at most 10,000 of them.
    public func occurrences(from start: Date, to end: Date, in timeZone: TimeZone) -> [Date] {
        var times: [Date] = []
        var moment = start
        while times.count < 10_000, let fire = next(after: moment, in: timeZone), fire <= end {
            times.append(fire)
            moment = fire
        }
        return times
    }

    /// Whether a day (month 1–12, day 1–31, weekday 0 = Sunday) matches the month and the day fields.
    private func matches(month: Int, day: Int, weekday: Int) -> Bool {
        guard months.has(month) else { return false }
        return daysMatchBoth ? daysOfMonth.has(day) && daysOfWeek.has(weekday) : daysOfMonth.has(day) || daysOfWeek.has(weekday)
    }

    private static func invalid(_ message: String) -> ValidationError {
        ValidationError(field: "trigger.schedule", message)
    }

    /// One of the five fields: its name in messages, its values and the names it accepts.
    private struct Field {
        let name: String
        let range: ClosedRange<Int>
        /// Names for the values from `range.lowerBound` on.
        var names: [String] = []

        static let minute = Field(name: "minute", range: 0...59)
        static let hour = Field(name: "hour", range: 0...23)
        static let dayOfMonth = Field(name: "day-of-month", range: 1...31)
        static let month = Field(name: "month", range: 1...12,
                                 names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
        static let dayOfWeek = Field(name: "day-of-week", range: 0...7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"])

        /// The field's values as bits (bit n set: value n matches).
        func parse(_ text: Substring) throws(ValidationError) -> UInt64 {
            var bits: UInt64 = 0
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = item.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count <= 2 else { throw failure(item, "has more than one step") }
                var step = 1
                if parts.count == 2 {
                    guard let value = Int(parts[1]), value > 0 else { throw failure(item, "needs a positive whole step after '/'") }
                    step = value
                }
                let span = try values(parts[0], item: item, stepped: parts.count == 2)
                for value in stride(from: span.lowerBound, through: span.upperBound, by: step) { bits |= 1 << UInt64(value) }
            }
            return bits
        }

        /// The range `*`, `a`, `a-b` (or `a` with a step: from `a` to the end) stands for.
        private func values(_ text: Substring, item: Substring, stepped: Bool) throws(ValidationError) -> ClosedRange<Int> {
            if text == "*" { return range }
            let ends = text.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else { throw failure(item, "is not a value or a range like 1-5") }
            let first = try value(ends[0], item: item)
            guard ends.count == 2 else { return stepped ? first...range.upperBound : first...first }
            var last = try value(ends[1], item: item)
            if name == Field.dayOfWeek.name && first > 0 && last == 0 { last = 7 } // fri-sun
            guard first <= last else { throw failure(item, "is a range that ends before it starts") }
            return first...last
        }

        private func value(_ text: Substring, item: Substring) throws(ValidationError) -> Int {
            if let index = names.firstIndex(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) {
                return range.lowerBound + index
            }
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
                throw failure(item, "'\(text)' is not a number" + (names.isEmpty ? "" : " or a name like \(names[0])"))
            }
            guard range.contains(number) else { throw failure(item, "\(number) is outside \(range.lowerBound)-\(range.upperBound)") }
            return number
        }

        private func failure(_ item: Substring, _ problem: String) -> ValidationError {
            CronSchedule.invalid("\(name) '\(item)': \(problem)")
        }
    }
}

private extension UInt64 {
    func has(_ value: Int) -> Bool { self & (1 << UInt64(value)) != 0 }
}
