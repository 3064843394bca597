import Foundation
import Testing
@testable import TenureCore

/// Business days and hours: weekends, holidays, starts outside hours, daylight-saving changes, and the spec.
@Suite("Business calendar")
struct BusinessCalendarTests {
    /// An instant written in ISO 8601 with its offset, e.g. `2026-06-19T16:00:00Z`.
    static func at(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static let standard = BusinessCalendar.standard // Mon–Fri 09–17 UTC; 2026-06-15 is a Monday, 06-19 a Friday

    @Test("business hours count only open time: Friday 16:00 + 2 h is Monday 10:00")
    func businessHours() {
        let calendar = Self.standard
        #expect(calendar.adding(businessHours: 2, to: Self.at("2026-06-19T16:00:00Z")) == Self.at("2026-06-22T10:00:00Z"))
        #expect(calendar.adding(businessHours: 2, to: Self.at("2026-06-19T15:00:00Z")) == Self.at("2026-06-19T17:00:00Z"),
                "work that ends at closing time is due at closing time")
        #expect(calendar.adding(businessHours: 8, to: Self.at("2026-06-15T09:00:00Z")) == Self.at("2026-06-15T17:00:00Z"))
        #expect(calendar.adding(businessHours: 9, to: Self.at("2026-06-15T09:00:00Z")) == Self.at("2026-06-16T10:00:00Z"))
        #expect(calendar.adding(businessHours: 1, to: Self.at("2026-06-20T12:00:00Z")) == Self.at("2026-06-22T10:00:00Z"),
                "a Saturday start counts from Monday's opening")
        #expect(calendar.adding(businessHours: 3, to: Self.at("2026-06-16T03:00:00Z")) == Self.at("2026-06-16T12:00:00Z"),
                "a start at night counts from the morning's opening")
        #expect(calendar.adding(businessHours: 40, to: Self.at("2026-06-15T12:30:00Z")) == Self.at("2026-06-22T12:30:00Z"))
    }

    @Test("business days keep the local time of day; a start outside hours first moves to the next opening")
    func businessDays() {
        let calendar = Self.standard
        #expect(calendar.adding(businessDays: 1, to: Self.at("2026-06-19T10:30:00Z")) == Self.at("2026-06-22T10:30:00Z"))
        #expect(calendar.adding(businessDays: 5, to: Self.at("2026-06-15T12:00:00Z")) == Self.at("2026-06-22T12:00:00Z"))
        #expect(calendar.adding(businessDays: 0, to: Self.at("2026-06-15T12:00:00Z")) == Self.at("2026-06-15T12:00:00Z"))
        #expect(calendar.adding(businessDays: 1, to: Self.at("2026-06-16T03:00:00Z")) == Self.at("2026-06-17T09:00:00Z"))
        #expect(calendar.adding(businessDays: 0, to: Self.at("2026-06-16T03:00:00Z")) == Self.at("2026-06-16T09:00:00Z"))
        #expect(calendar.adding(businessDays: 1, to: Self.at("2026-06-19T17:00:00Z")) == Self.at("2026-06-23T09:00:00Z"),
                "Friday at closing time moves to Monday 09:00, one day later is Tuesday")
        #expect(calendar.adding(businessDays: 2, to: Self.at("2026-06-21T23:00:00Z")) == Self.at("2026-06-24T09:00:00Z"))
    }

    @Test("holidays are skipped like weekends and are closed")
    func holidays() throws {
        // 2026-12-23 is a Wednesday; the 24th and 25th (Thursday, Friday) are holidays.
        let calendar = try BusinessCalendar(spec: "Mon-Fri 09-17; holidays 2026-12-24,2026-12-25")
        #expect(calendar.adding(businessHours: 2, to: Self.at("2026-12-23T16:00:00Z")) == Self.at("2026-12-28T10:00:00Z"))
        #expect(calendar.adding(businessDays: 1, to: Self.at("2026-12-23T10:00:00Z")) == Self.at("2026-12-28T10:00:00Z"))
        #expect(calendar.adding(businessDays: 1, to: Self.at("2026-12-24T10:00:00Z")) == Self.at("2026-12-29T09:00:00Z"),
                "a start on a holiday moves to Monday's opening first")
        #expect(!calendar.isOpen(Self.at("2026-12-24T10:00:00Z")))
        #expect(calendar.isOpen(Self.at("2026-12-23T10:00:00Z")))
    }

    @Test("open from the opening hour up to, not including, the closing hour on working days")
    func isOpen() {
        let calendar = Self.standard
        #expect(calendar.isOpen(Self.at("2026-06-15T09:00:00Z")))
        #expect(calendar.isOpen(Self.at("2026-06-15T16:59:59Z")))
        #expect(!calendar.isOpen(Self.at("2026-06-15T17:00:00Z")))
        #expect(!calendar.isOpen(Self.at("2026-06-15T08:59:59Z")))
        #expect(!calendar.isOpen(Self.at("2026-06-20T12:00:00Z")), "Saturday")
    }

    @Test("Europe/Berlin across the 2026-10-25 change from summer to winter time counts local hours")
    func daylightSaving() throws {
        let berlin = try BusinessCalendar(spec: "Mon-Fri 09-17 Europe/Berlin")
        // Friday 10:00 CEST (08:00Z) → Monday 10:00 CET (09:00Z): 73 real hours, not 72.
        #expect(berlin.adding(businessDays: 1, to: Self.at("2026-10-23T08:00:00Z")) == Self.at("2026-10-26T09:00:00Z"))
        // Friday 16:00 CEST (14:00Z) + 2 h → Monday 10:00 CET (09:00Z).
        #expect(berlin.adding(businessHours: 2, to: Self.at("2026-10-23T14:00:00Z")) == Self.at("2026-10-26T09:00:00Z"))
        #expect(berlin.isOpen(Self.at("2026-10-26T08:00:00Z")), "09:00 CET")
        #expect(!berlin.isOpen(Self.at("2026-10-26T07:59:59Z")))
        #expect(berlin.isOpen(Self.at("2026-10-23T07:00:00Z")), "09:00 CEST")

        // Open around the clock: Sunday the 25th has 25 real hours. One business day from Saturday 12:00 CEST (10:00Z)
        // is Sunday 12:00 CET (11:00Z); 24 business hours are 24 real hours, Sunday 11:00 CET (10:00Z).
        let always = try BusinessCalendar(spec: "Mon-Sun 00-24 Europe/Berlin")
        #expect(always.adding(businessDays: 1, to: Self.at("2026-10-24T10:00:00Z")) == Self.at("2026-10-25T11:00:00Z"))
        #expect(always.adding(businessHours: 24, to: Self.at("2026-10-24T10:00:00Z")) == Self.at("2026-10-25T10:00:00Z"))
        // In spring the 29th of March has 23 real hours: Saturday 12:00 CET (11:00Z) + 1 day = Sunday 12:00 CEST (10:00Z).
        #expect(always.adding(businessDays: 1, to: Self.at("2026-03-28T11:00:00Z")) == Self.at("2026-03-29T10:00:00Z"))
    }

    @Test("the spec parses days as ranges or lists in any case, an optional time zone and holidays, and round-trips")
    func spec() throws {
        let text = "Mon-Fri 09-17 Europe/Berlin; holidays 2026-12-24,2026-12-25"
        let berlin = try BusinessCalendar(spec: text)
        #expect(berlin.workdays == [1, 2, 3, 4, 5] && berlin.opens == 9 && berlin.closes == 17)
        #expect(berlin.timeZone.identifier == "Europe/Berlin" && berlin.holidays == ["2026-12-24", "2026-12-25"])
        #expect(berlin.spec == text)
        #expect(BusinessCalendar.standard.spec == "Mon-Fri 09-17")
        #expect(try BusinessCalendar(spec: "mon-fri 9-17") == .standard)
        #expect(try BusinessCalendar(spec: "Mon-Fri 09-17 UTC") == .standard)

        let list = try BusinessCalendar(spec: "mon,WED,Fri 8-12")
        #expect(list.workdays == [1, 3, 5] && list.spec == "Mon,Wed,Fri 08-12")
        let wrapped = try BusinessCalendar(spec: "Sun-Thu 08-16 Asia/Dubai")
        #expect(wrapped.workdays == [7, 1, 2, 3, 4] && wrapped.spec == "Mon-Thu,Sun 08-16 Asia/Dubai")
        #expect(try BusinessCalendar(spec: wrapped.spec) == wrapped)
        #expect(try BusinessCalendar(spec: "Mon-Wed,Sat 00-24").spec == "Mon-Wed,Sat 00-24")
    }

    @Test("a bad spec is refused naming business_calendar and what is wrong", arguments: [
        ("Mon-Fri 17-09", "opening hours"), ("Mon-Fri 09-25", "opening hours"), ("Mon-Fri nine-five", "opening hours"),
        ("Mon-Fry 09-17", "'Fry' is not a day"), ("Mon-Wed-Fri 09-17", "range of days"), ("Mon-Fri 09-17 Mars/Olympus", "Mars/Olympus"),
        ("Mon-Fri 09-17; holidays 2026-02-30", "2026-02-30"), ("Mon-Fri 09-17; vacations 2026-08-01", "unknown clause"),
        ("", "must be like"), ("Mon-Fri", "must be like"),
    ])
    func refusals(spec: String, mentions: String) {
        let error = #expect(throws: ValidationError.self) { try BusinessCalendar(spec: spec) }
        #expect(error?.field == "business_calendar")
        #expect(error?.message.contains(mentions) == true, "\(error?.message ?? "no error")")
    }
}
