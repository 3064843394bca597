import Foundation
import Testing
@testable import TenureCore

/// Cron schedules: next times (hand-computed and checked against a brute-force minute-by-minute walk in Python with
/// zoneinfo, as `croniter` is not installed here), the day-field rule, daylight saving, and refusals.
@Suite("Cron schedule")
struct CronScheduleTests {
    /// An instant written in ISO 8601 with its offset, e.g. `2026-06-19T12:00:00Z`.
    static func at(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// The next `count` times after `start`, in UTC.
    static func times(_ text: String, after start: String, count: Int = 1, in timeZone: TimeZone = .gmt) throws -> [Date] {
        let schedule = try CronSchedule(text)
        var times: [Date] = []
        var moment = at(start)
        while times.count < count, let next = schedule.next(after: moment, in: timeZone) {
            times.append(next)
            moment = next
        }
        return times
    }

    @Test("next times are strictly after the given instant (2026-06-19 is a Friday)")
    func nextTimes() throws {
        #expect(try Self.times("0 9 * * 1", after: "2026-06-19T12:00:00Z", count: 2)
            == [Self.at("2026-06-22T09:00:00Z"), Self.at("2026-06-29T09:00:00Z")])
        #expect(try Self.times("*/15 * * * *", after: "2026-06-15T12:07:30Z", count: 2)
            == [Self.at("2026-06-15T12:15:00Z"), Self.at("2026-06-15T12:30:00Z")])
        #expect(try Self.times("*/15 * * * *", after: "2026-06-15T12:15:00Z") == [Self.at("2026-06-15T12:30:00Z")])
        #expect(try Self.times("*/15 * * * *", after: "2026-06-15T23:50:00Z") == [Self.at("2026-06-16T00:00:00Z")])
        #expect(try Self.times("0 9 1,15 * *", after: "2026-06-15T08:59:00Z", count: 3)
            == [Self.at("2026-06-15T09:00:00Z"), Self.at("2026-07-01T09:00:00Z"), Self.at("2026-07-15T09:00:00Z")])
        #expect(try Self.times("30 8 * jan-mar mon-fri", after: "2026-03-31T09:00:00Z", count: 2)
            == [Self.at("2027-01-01T08:30:00Z"), Self.at("2027-01-04T08:30:00Z")])
        #expect(try Self.times("1-5/2 * * * *", after: "2026-06-15T10:00:00Z", count: 4)
            == ["10:01", "10:03", "10:05", "11:01"].map { Self.at("2026-06-15T\($0):00Z") })
        #expect(try Self.times("10/20 */6 * * *", after: "2026-06-15T10:00:00Z", count: 4)
            == ["12:10", "12:30", "12:50", "18:10"].map { Self.at("2026-06-15T\($0):00Z") })
    }

    @Test("a schedule that never fires (31 February) has no next time")
    func never() throws {
        #expect(try CronSchedule("0 0 31 2 *").next(after: Self.at("2026-06-15T12:00:00Z"), in: .gmt) == nil)
        #expect(try CronSchedule("0 0 29 2 *").next(after: Self.at("2026-06-15T12:00:00Z"), in: .gmt) == Self.at("2028-02-29T00:00:00Z"))
    }

    @Test("Sunday is 0, 7 or sun; fri-sun runs to Sunday; names are case-insensitive")
    func sundays() throws {
        let sunday = [Self.at("2026-06-21T12:00:00Z")]
        for text in ["0 12 * * 0", "0 12 * * 7", "0 12 * * SUN", "0 12 * * 6-7/1"] {
            #expect(try Self.times(text, after: "2026-06-20T13:00:00Z") == sunday, "\(text)")
        }
        #expect(try Self.times("0 12 * * fri-sun", after: "2026-06-15T12:00:00Z", count: 4)
            == ["2026-06-19", "2026-06-20", "2026-06-21", "2026-06-26"].map { Self.at("\($0)T12:00:00Z") })
    }

    @Test("when both day fields are restricted either one matches; a * in one makes the other decide")
    func dayFields() throws {
        // The 13th or a Friday: 2026-06-19 and 06-26 are Fridays; 2026-07-13 is a Monday.
        #expect(try Self.times("0 9 13 * fri", after: "2026-06-15T12:00:00Z", count: 2)
            == [Self.at("2026-06-19T09:00:00Z"), Self.at("2026-06-26T09:00:00Z")])
        #expect(try Self.times("0 9 13 * fri", after: "2026-07-10T09:00:00Z", count: 2)
            == [Self.at("2026-07-13T09:00:00Z"), Self.at("2026-07-17T09:00:00Z")])
        #expect(try Self.times("0 9 * * fri", after: "2026-07-10T09:00:00Z") == [Self.at("2026-07-17T09:00:00Z")])
        #expect(try Self.times("0 9 13 * *", after: "2026-07-10T09:00:00Z") == [Self.at("2026-07-13T09:00:00Z")])
    }

    @Test("Europe/Berlin: local times across both 2026 daylight-saving changes")
    func daylightSaving() throws {
        // 09:00 CEST is 07:00Z; from Sunday 25 October 09:00 CET is 08:00Z.
        #expect(try Self.times("0 9 * * *", after: "2026-10-24T06:00:00Z", count: 2, in: Self.berlin)
            == [Self.at("2026-10-24T07:00:00Z"), Self.at("2026-10-25T08:00:00Z")])
        // 02:30 happens twice on 25 October: it fires once, at the first (CEST, 00:30Z); the next is the 26th, 02:30 CET.
        #expect(try Self.times("30 2 * * *", after: "2026-10-24T12:00:00Z", count: 2, in: Self.berlin)
            == [Self.at("2026-10-25T00:30:00Z"), Self.at("2026-10-26T01:30:00Z")])
        // Hourly through the night: 01:00 and 02:00 CEST, then 03:00 and 04:00 CET; the repeated 02:00 fires once.
        let hourly = try CronSchedule("0 * * * *")
        #expect(hourly.occurrences(from: Self.at("2026-10-24T22:30:00Z"), to: Self.at("2026-10-25T03:00:00Z"), in: Self.berlin)
            == ["2026-10-24T23", "2026-10-25T00", "2026-10-25T02", "2026-10-25T03"].map { Self.at("\($0):00:00Z") })
        // 02:30 does not exist on 29 March (the clock jumps from 02:00 to 03:00): it fires at 03:30 CEST (01:30Z).
        #expect(try Self.times("30 2 * * *", after: "2026-03-28T12:00:00Z", count: 2, in: Self.berlin)
            == [Self.at("2026-03-29T01:30:00Z"), Self.at("2026-03-30T00:30:00Z")])
    }

    @Test("occurrences run after the start up to and including the end, at most 10,000")
    func occurrences() throws {
        let weekdays = try CronSchedule("0 9 * * mon-fri")
        #expect(weekdays.occurrences(from: Self.at("2026-06-15T09:00:00Z"), to: Self.at("2026-06-22T09:00:00Z"), in: .gmt)
            == ["16", "17", "18", "19", "22"].map { Self.at("2026-06-\($0)T09:00:00Z") })
        let everyMinute = try CronSchedule("* * * * *")
        let many = everyMinute.occurrences(from: Self.at("2026-06-15T00:00:00Z"), to: Self.at("2026-07-15T00:00:00Z"), in: .gmt)
        #expect(many.count == 10_000 && many.last == Self.at("2026-06-15T00:00:00Z").addingTimeInterval(10_000 * 60))
    }

    @Test("the text is the fields as written, separated by single spaces, and parses back to the same schedule")
    func text() throws {
        let schedule = try CronSchedule("  0  9 * *\tMON-fri ")
        #expect(schedule.text == "0 9 * * MON-fri")
        #expect(try CronSchedule(schedule.text) == schedule)
    }

    @Test("a bad schedule is refused naming trigger.schedule and the bad part", arguments: [
        ("61 * * * *", "minute '61': 61 is outside 0-59"), ("* * *", "must have 5 fields"), ("0 9 * * mon-", "day-of-week 'mon-'"),
        ("0 24 * * *", "hour '24'"), ("0 9 0 * *", "day-of-month '0'"), ("0 9 * 13 *", "month '13'"), ("*/0 * * * *", "positive whole step"),
        ("0 9 * * 5-1", "ends before it starts"), ("0 9 * foo *", "'foo' is not a number or a name like jan"), ("1-2-3 * * * *", "minute '1-2-3'"),
        ("0 9 * * 8", "8 is outside 0-7"), ("0 9 1,,2 * *", "day-of-month ''"), ("0 9 * * * *", "not 6"), ("0 9 * * mon/2/3", "more than one step"),
    ])
    func refusals(text: String, mentions: String) {
        let error = #expect(throws: ValidationError.self) { try CronSchedule(text) }
        #expect(error?.field == "trigger.schedule")
        #expect(error?.message.contains(mentions) == true, "\(error?.message ?? "no error")")
    }
}
