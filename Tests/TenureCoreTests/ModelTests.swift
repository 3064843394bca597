import Foundation
import Testing
@testable import TenureCore

@Suite("Money, currencies and JSON conventions")
struct ModelCodingTests {
    @Test("currencies are ISO 4217 codes, case-insensitive, with their minor-unit digits")
    func currencies() throws {
        #expect(Currency(code: "usd") == .usd)
        #expect(Currency(code: "JPY")?.minorUnitDigits == 0)
        #expect(Currency(code: "KWD")?.minorUnitDigits == 3)
        #expect(Currency(code: "XYZ") == nil)
        #expect(try JSONCoding.decoder.decode(Currency.self, from: Data(#""eur""#.utf8)) == .eur)
        #expect(throws: DecodingError.self) { try JSONCoding.decoder.decode(Currency.self, from: Data(#""ABC""#.utf8)) }
    }

    @Test("money prints in major units with the currency's digits", arguments: [
        (Int64(4_900), "USD", "49.00 USD"), (5, "USD", "0.05 USD"), (-1_234, "EUR", "-12.34 EUR"),
        (1_500, "JPY", "1500 JPY"), (1_234_567, "KWD", "1234.567 KWD"),
    ])
    func moneyDescription(amount: Int64, code: String, expected: String) {
        #expect(Money(amount, Currency(code: code)!).description == expected)
    }

    @Test("JSON uses snake_case keys with ID spelled id, and ISO 8601 instants")
    func jsonConventions() throws {
        let account = Account(id: "a", name: "A", stripeCustomerID: "cus_1", ownerID: "csm", createdAt: Date(timeIntervalSince1970: 0))
        let json = String(decoding: try JSONCoding.encoder.encode(account), as: UTF8.self)
        #expect(json.contains(#""stripe_customer_id":"cus_1""#))
        #expect(json.contains(#""owner_id":"csm""#))
        #expect(json.contains(#""created_at":"1970-01-01T00:00:00.000Z""#))
        #expect(try JSONCoding.decoder.decode(Account.self, from: Data(json.utf8)) == account)
    }

    @Test("instants parse with or without fractions, with offsets, or as plain dates", arguments: [
        ("2026-05-01T12:00:00Z", 1_777_636_800.0), ("2026-05-01T12:00:00.250Z", 1_777_636_800.25),
        ("2026-05-01T14:00:00+02:00", 1_777_636_800.0), ("2026-05-01", 1_777_593_600.0),
        ("2024-02-29T23:59:59-05:30", 1_709_270_999.0), ("1970-01-01T00:00:00Z", 0),
    ])
    func instantParsing(text: String, seconds: Double) {
        #expect(JSONCoding.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test("whole-second instants read without a formatter equal the formatter's reading", arguments: [
        "1970-01-01T00:00:01Z", "1999-12-31T23:59:59Z", "2000-02-29T12:34:56+05:30", "2100-03-01T00:00:00-08:00",
        "2023-02-28T23:59:59+14:00", "9999-12-31T23:59:59Z", "2026-10-01T00:00:30+00:00",
    ])
    func wholeSecondInstants(text: String) throws {
        #expect(JSONCoding.parse(text) == (try Date.ISO8601FormatStyle().parse(text)))
    }

    @Test("instants print rounded to the millisecond, as the store keeps them", arguments: [
        (1.2346, "1970-01-01T00:00:01.235Z"), (1.2344, "1970-01-01T00:00:01.234Z"), (1_777_636_800.0006, "2026-05-01T12:00:00.001Z"),
        (1_777_636_799.9996, "2026-05-01T12:00:00.000Z"), (0.123, "1970-01-01T00:00:00.123Z"), (-0.0016, "1969-12-31T23:59:59.998Z"),
        (253_402_300_799.999, "9999-12-31T23:59:59.999Z"),
    ])
    func instantFormatting(seconds: Double, text: String) {
        #expect(JSONCoding.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test("an instant prints as the store reads it back: milliseconds rounded, then divided")
    func instantFormattingMatchesStore() {
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<10_000 {
            let seconds = Double.random(in: 0..<4_102_444_800, using: &generator)
            let milliseconds = Int64((seconds * 1000).rounded())
            let stored = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = JSONCoding.format(Date(timeIntervalSince1970: seconds))
            #expect(text == JSONCoding.format(stored), "\(seconds)")
            #expect(JSONCoding.parse(text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == milliseconds, "\(seconds)")
        }
    }

    @Test("JSON values keep their kinds: numbers, booleans, strings, null, arrays and objects")
    func jsonValueKinds() throws {
        let text = #"{"n":1.5,"zero":0,"yes":true,"no":false,"s":"1","nothing":null,"list":[1,"a",false],"nested":{"t":true}}"#
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == .object([
            "n": .number(1.5), "zero": .number(0), "yes": .bool(true), "no": .bool(false), "s": .string("1"), "nothing": .null,
            "list": .array([.number(1), .string("a"), .bool(false)]), "nested": .object(["t": .bool(true)]),
        ]))
    }

    @Test("garbage instants are rejected", arguments: ["yesterday", "2026-13-01", "", "1714560000"])
    func badInstants(text: String) {
        #expect(JSONCoding.parse(text) == nil)
    }

    @Test("key spellings convert both ways", arguments: [
        ("stripeCustomerID", "stripe_customer_id"), ("id", "id"), ("employeeCount", "employee_count"),
        ("percentOff", "percent_off"), ("segmentUserID", "segment_user_id"),
    ])
    func keySpelling(camel: String, snake: String) {
        #expect(JSONCoding.snakeCase(camel) == snake)
        #expect(JSONCoding.camelCase(snake) == camel)
    }

    @Test("an unknown enum value's error lists the allowed values")
    func enumErrors() {
        do {
            _ = try JSONCoding.decoder.decode(LifecycleStage.self, from: Data(#""gold""#.utf8))
            Issue.record("decoding should fail")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == "unknown value 'gold'; expected one of: trial, onboarding, adoption, value_realization, renewal, advocacy, churned")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("roles include the ones below them")
    func roles() {
        #expect(Role.admin.allows(.member))
        #expect(Role.member.allows(.viewer))
        #expect(!Role.viewer.allows(.member))
        #expect(!Role.member.allows(.admin))
        #expect(Role.writer.allows(.writer) && Role.admin.allows(.writer))
        #expect(!Role.writer.allows(.viewer) && !Role.member.allows(.writer))
    }
}

@Suite("Validation")
struct ValidationTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("survey scores must fit their scale", arguments: [
        (SurveyResponse.Kind.nps, 0, true), (.nps, 10, true), (.nps, 11, false), (.nps, -1, false),
        (.csat, 0, false), (.csat, 5, true), (.ces, 7, true), (.ces, 8, false),
    ])
    func surveyScales(kind: SurveyResponse.Kind, score: Int, valid: Bool) {
        let response = SurveyResponse(id: "s", accountID: "a", kind: kind, score: score, respondedAt: now)
        #expect(((try? response.validate()) != nil) == valid)
    }

    @Test("account fields are checked and the error names the field")
    func accountFields() {
        var account = Account(id: "a", name: "A", createdAt: now)
        account.employeeCount = -1
        #expect(throws: ValidationError(field: "employee_count", "must be between 0 and 10000000")) { try account.validate() }
        account.employeeCount = 5
        account.name = "  "
        #expect(throws: ValidationError(field: "name", "must not be empty")) { try account.validate() }
        account.name = "A"
        account.tags = ["ok", ""]
        #expect(throws: ValidationError(field: "tags[1]", "must not be empty")) { try account.validate() }
    }

    @Test("a discount needs exactly one of percent and amount, and sane values")
    func discounts() {
        let both = Discount(couponID: "x", percentOff: 10, amountOff: Money(100, .usd), duration: .forever, start: now)
        #expect(throws: ValidationError(field: "discount", "needs exactly one of percent_off and amount_off")) { try both.validate() }
        let tooMuch = Discount(couponID: "x", percentOff: 120, duration: .forever, start: now)
        #expect(throws: ValidationError.self) { try tooMuch.validate() }
        let repeatingWithoutMonths = Discount(couponID: "x", percentOff: 10, duration: .repeating, start: now)
        #expect(throws: ValidationError(field: "discount.duration_in_months", "is required and positive for a repeating coupon")) {
            try repeatingWithoutMonths.validate()
        }
    }

    @Test("invoices cannot refund more than was paid or carry negative tax")
    func invoices() {
        var invoice = Invoice(id: "i", accountID: "a", subscriptionID: nil, status: .paid, currency: .usd, subtotal: 1_000,
                              amountPaid: 1_000, periodStart: now, periodEnd: now.adding(days: 30), createdAt: now)
        #expect((try? invoice.validate()) != nil)
        invoice.amountRefunded = 1_001
        #expect(throws: ValidationError(field: "amount_refunded", "must be between 0 and 1000")) { try invoice.validate() }
        invoice.amountRefunded = 0
        invoice.tax = -1
        invoice.total = 999
        #expect(throws: ValidationError(field: "tax", "must be between 0 and 10000000000000")) { try invoice.validate() }
    }

    @Test("a batch error names the list and position")
    func batchPositions() {
        var batch = FactBatch()
        batch.contacts = [Contact(id: "c1", accountID: "a", email: "ok@x.com", createdAt: now),
                          Contact(id: "c2", accountID: "a", email: "not-an-email", createdAt: now)]
        #expect(throws: ValidationError(field: "contacts[1].email", "must be an email address like name@example.com")) {
            try batch.validate()
        }
    }
}
