import Foundation

/// Calendar arithmetic in UTC, the time zone Tenure stores every instant in.
public enum UTCCalendar {
    /// A Gregorian calendar fixed to UTC.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `date` moved by `months` calendar months (Jan 31 + 1 month = Feb 28/29).
    public static func adding(months: Int, to date: Date) -> Date {
        calendar.date(byAdding: .month, value: months, to: date)!
    }

    /// Midnight UTC at the start of `date`'s day.
    public static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// Midnight UTC on the first day of `date`'s month.
    public static func startOfMonth(_ date: Date) -> Date {
        calendar.date(from: calendar.dateComponents([.year, .month], from: date))!
    }

    /// The date of `year`-`month`-`day` at midnight UTC.
    public static func date(_ year: Int, _ month: Int, _ day: Int) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }
}

extension Date {
    /// This instant moved by a number of days (86,400 s each).
    public func adding(days: Double) -> Date { addingTimeInterval(days * 86_400) }
}
