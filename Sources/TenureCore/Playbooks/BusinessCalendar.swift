import Foundation

/// Working days, opening hours, holidays and a time zone: what "due within N business hours or days" counts.
///
/// Written as a spec like `Mon-Fri 09-17 Europe/Berlin; holidays 2026-12-24,2026-12-25` (the time zone is optional,
/// UTC when left out). Times are local wall-clock times, so counting stays right across daylight-saving changes.
public struct BusinessCalendar: Hashable, Sendable {
    public let timeZone: TimeZone
    /// ISO weekdays: 1 = Monday … 7 = Sunday.
    public let workdays: Set<Int>
    /// The whole hour work starts, 0...23.
    public let opens: Int
    /// The whole hour work ends, 1...24, after ``opens``.
    public let closes: Int
    /// Local dates without work, as `yyyy-MM-dd`.
    public let holidays: Set<String>

    /// Monday to Friday, 09:00 to 17:00 UTC, no holidays.
    public static let standard = BusinessCalendar(checked: .gmt, workdays: [1, 2, 3, 4, 5], opens: 9, closes: 17, holidays: [])

    /// A calendar from its parts; refuses no workdays, hours outside 0...24 or out of order, and malformed holidays.
    public init(timeZone: TimeZone = .gmt, workdays: Set<Int>, opens: Int, closes: Int, holidays: Set<String> = []) throws(ValidationError) {
        guard !workdays.isEmpty, workdays.isSubset(of: 1...7) else { throw Self.invalid("needs at least one working day, Mon to Sun") }
        guard 0 <= opens, opens < closes, closes <= 24 else { throw Self.invalid("opening hours must be like 09-17, within 00-24") }
        if let bad = holidays.first(where: { Self.dateComponents($0) == nil }) {
            throw Self.invalid("holiday '\(bad)' is not a date like 2026-12-24")
        }
        self.init(checked: timeZone, workdays: workdays, opens: opens, closes: closes, holidays: holidays)
    }

    private init(checked timeZone: TimeZone, workdays: Set<Int>, opens: Int, closes: Int, holidays: Set<String>) {
        self.timeZone = timeZone
        self.workdays = workdays
        self.opens = opens
        self.closes = closes
        self.holidays = holidays
    }

    /// Parses a spec like `Mon-Fri 09-17 Europe/Berlin; holidays 2026-12-24,2026-12-25`: days as ranges or comma
    /// lists (`Mon-Thu,Sat`, case-insensitive), whole opening hours, an optional IANA time zone, optional holidays.
    public init(spec: String) throws(ValidationError) {
        let clauses = spec.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let words = clauses[0].split(whereSeparator: \.isWhitespace)
        guard words.count == 2 || words.count == 3 else {
            throw Self.invalid("must be like 'Mon-Fri 09-17 Europe/Berlin; holidays 2026-12-24' (days, hours, optional time zone)")
        }
        let hours = words[1].split(separator: "-", omittingEmptySubsequences: false)
        guard hours.count == 2, let opens = Int(hours[0]), let closes = Int(hours[1]) else {
            throw Self.invalid("opening hours '\(words[1])' must be like 09-17")
        }
        var timeZone = TimeZone.gmt
        if words.count == 3 {
            guard let named = TimeZone(identifier: String(words[2])) else { throw Self.invalid("unknown time zone '\(words[2])'") }
            timeZone = named
        }
        var holidays: Set<String> = []
        for clause in clauses.dropFirst() {
            guard clause.hasPrefix("holidays ") else { throw Self.invalid("unknown clause '\(clause)' (expected 'holidays 2026-12-24,…')") }
            holidays.formUnion(clause.dropFirst("holidays ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        try self.init(timeZone: timeZone, workdays: Self.parseDays(words[0]), opens: opens, closes: closes, holidays: holidays)
    }

    /// The spec that parses back to this calendar, e.g. `Mon-Fri 09-17 Europe/Berlin; holidays 2026-12-24`.
    public var spec: String {
        var runs: [String] = []
        var day = 1
        while day <= 7 {
            guard workdays.contains(day) else { day += 1; continue }
            var last = day
            while workdays.contains(last + 1) { last += 1 }
            runs.append(last == day ? Self.dayNames[day - 1] : "\(Self.dayNames[day - 1])-\(Self.dayNames[last - 1])")
            day = last + 1
        }
        let twoDigits = { (hour: Int) in hour < 10 ? "0\(hour)" : "\(hour)" }
        var text = "\(runs.joined(separator: ",")) \(twoDigits(opens))-\(twoDigits(closes))"
        if timeZone != .gmt { text += " \(timeZone.identifier)" }
        if !holidays.isEmpty { text += "; holidays " + holidays.sorted().joined(separator: ",") }
        return text
    }

    /// Whether `date` falls within opening hours on a working day.
    public func isOpen(_ date: Date) -> Bool {
        guard let hours = openingHours(onDayOf: date) else { return false }
        return hours.contains(date)
    }

    /// The same local time of day `businessDays` working days after `start` (a start outside opening hours first moves to
    /// the next opening), kept within that day's opening hours where a daylight-saving change skips the time. A negative
    /// count counts as zero.
    public func adding(businessDays: Int, to start: Date) -> Date {
        let first = nextOpeningHours(endingAfter: start)
        let begin = max(start, first.lowerBound)
        let time = calendar.dateComponents([.hour, .minute, .second, .nanosecond], from: begin)
        var day = first
        for _ in 0..<max(0, businessDays) { day = nextOpeningHours(endingAfter: day.upperBound) }
        var components = calendar.dateComponents([.year, .month, .day], from: day.lowerBound)
        (components.hour, components.minute, components.second, components.nanosecond) = (time.hour, time.minute, time.second, time.nanosecond)
        let result = calendar.date(from: components) ?? day.lowerBound
        return min(max(result, day.lowerBound), day.upperBound)
    }

    /// The moment `businessHours` opening hours after `start`, counting only time when the calendar is open:
    /// Friday 16:00 plus 2 hours is Monday 10:00 (Monday–Friday 09–17). Work that ends exactly at closing time is
    /// due at closing time. A negative count counts as zero.
    public func adding(businessHours: Int, to start: Date) -> Date {
        var remaining = TimeInterval(max(0, businessHours)) * 3_600
        var moment = start
        while true {
            let hours = nextOpeningHours(endingAfter: moment)
            let from = max(moment, hours.lowerBound)
            let available = hours.upperBound.timeIntervalSince(from)
            if remaining <= available { return from.addingTimeInterval(remaining) }
            remaining -= available
            moment = hours.upperBound
        }
    }

    // MARK: - Days and hours

    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The opening hours of the first working day whose closing time is after `moment`.
    private func nextOpeningHours(endingAfter moment: Date) -> Range<Date> {
        var day = calendar.startOfDay(for: moment)
        while true {
            if let hours = openingHours(onDayOf: day), hours.upperBound > moment { return hours }
            day = calendar.startOfDay(for: calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400))
        }
    }

    /// Opening to closing time on the local day of `date`, or nil when that day is not a working day.
    private func openingHours(onDayOf date: Date) -> Range<Date>? {
        let calendar = calendar
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        guard let year = parts.year, let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday,
              workdays.contains((weekday + 5) % 7 + 1), !holidays.contains(Self.format(year: year, month: month, day: dayOfMonth))
        else { return nil }
        let start = calendar.startOfDay(for: date)
        let time = { (hour: Int) -> Date in
            hour == 24 ? calendar.startOfDay(for: start.addingTimeInterval(30 * 3_600))
                : calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth, hour: hour)) ?? start
        }
        return max(start, time(opens))..<time(closes)
    }

    private static func format(year: Int, month: Int, day: Int) -> String {
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// The year, month and day of a valid `yyyy-MM-dd` date.
    private static func dateComponents(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let components = DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day)
        return components.isValidDate ? (year, month, day) : nil
    }

    /// ISO weekdays from `Mon-Fri`, `mon,wed,fri` or `Mon-Wed,Sat`; a range may wrap past Sunday (`Sun-Thu`).
    private static func parseDays(_ text: Substring) throws(ValidationError) -> Set<Int> {
        func day(_ name: Substring) throws(ValidationError) -> Int {
            guard let index = dayNames.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                throw invalid("'\(name)' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)")
            }
            return index + 1
        }
        var days: Set<Int> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else { throw invalid("'\(item)' is not a day or a range of days like Mon-Fri") }
            let first = try day(ends[0])
            let last = try day(ends[ends.count - 1])
            days.formUnion((0...((last - first + 7) % 7)).map { (first - 1 + $0) % 7 + 1 })
        }
        return days
    }

    private static func invalid(_ message: String) -> ValidationError {
        ValidationError(field: "business_calendar", message)
    }
}
