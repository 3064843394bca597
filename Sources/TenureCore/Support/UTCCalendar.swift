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

    /// Days from 1970-01-01 to `year`-`month`-`day` in the proleptic Gregorian calendar, without a `Calendar`.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil: counted in years that start in March, so that the leap day ends one.
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// Days in `month` (1–12) of `year`.
    static func days(inMonth month: Int, of year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        switch month {
        case 2: return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Date {
    /// This instant moved by a number of days (86,400 s each).
    public func adding(days: Double) -> Date { addingTimeInterval(days * 86_400) }
}
