import Foundation
import Testing
@testable import TenureCore

/// The event catalogue, payloads, the retry schedule, and which facts and score changes make events.
@Suite("Notification events")
struct NotificationEventTests {
    static let now = Date(timeIntervalSince1970: 1_781_524_800) // 2026-06-15T12:00:00Z

    static func day(_ offset: Double) -> Date { now.addingTimeInterval(offset * 86_400) }

    @Test("endpoint patterns: a type, a prefix with .*, or * (which leaves out ping)")
    func patterns() {
        #expect(EventType.paymentFailed.matches("payment.failed"))
        #expect(EventType.paymentFailed.matches("payment.*"))
        #expect(!EventType.paymentFailed.matches("payment"))
        #expect(!EventType.paymentFailed.matches("account.*"))
        #expect(EventType.accountRiskRaised.matches("*"))
        #expect(!EventType.ping.matches("*"))
        #expect(EventType.isValidPattern("account.*") && EventType.isValidPattern("*") && EventType.isValidPattern("renewal.upcoming"))
        #expect(!EventType.isValidPattern("account") && !EventType.isValidPattern("nope.*") && !EventType.isValidPattern(""))
    }

    @Test("the payload is {data, timestamp, type} with sorted keys; data too large is cut to the account and marked truncated")
    func payload() throws {
        let event = DomainEvent(type: .paymentFailed, accountID: "a1", occurredAt: Self.now, data: ["account_id": .string("a1")], key: "k")
        #expect(String(decoding: event.payload, as: UTF8.self)
            == #"{"data":{"account_id":"a1"},"timestamp":"2026-06-15T12:00:00.000Z","type":"payment.failed"}"#)
        #expect(event.id.hasPrefix("evt_") && event.id.count == 28)
        let huge = DomainEvent(type: .surveyResponseCreated, accountID: "a1", occurredAt: Self.now,
                               data: ["account_id": .string("a1"), "comment": .string(String(repeating: "x", count: 30_000))], key: "k2")
        #expect(huge.payload.count < DomainEvent.maximumPayloadBytes)
        let decoded = try JSONDecoder().decode([String: JSONValue].self, from: huge.payload)
        #expect(decoded["data"] == .object(["account_id": .string("a1"), "truncated": .bool(true)]))
    }

    @Test("retry schedule: ten attempts, the Standard Webhooks waits with at most 10 % jitter, Retry-After as a floor")
    func retries() {
        let schedule = RetrySchedule.standard
        #expect(schedule.attempts == 10)
        #expect(schedule.waits == [5, 300, 1_800, 7_200, 18_000, 36_000, 50_400, 72_000, 86_400])
        for (index, wait) in schedule.waits.enumerated() {
            for _ in 0..<50 {
                let next = schedule.nextAttempt(after: index + 1, failedAt: Self.now)!
                let delay = next.timeIntervalSince(Self.now)
                #expect(delay >= wait && delay <= wait * 1.1 + 1e-9)
            }
        }
        #expect(schedule.nextAttempt(after: 10, failedAt: Self.now) == nil)
        #expect(schedule.nextAttempt(after: 0, failedAt: Self.now) == nil)
        let honoured = schedule.nextAttempt(after: 1, failedAt: Self.now, retryAfter: 120)!
        #expect(honoured.timeIntervalSince(Self.now) == 120, "a Retry-After longer than the 5 s wait wins")
        let shorter = schedule.nextAttempt(after: 2, failedAt: Self.now, retryAfter: 120)!
        #expect(shorter.timeIntervalSince(Self.now) >= 300, "a shorter one does not cut the 5 min wait")
        let capped = schedule.nextAttempt(after: 2, failedAt: Self.now, retryAfter: 9e18)!
        #expect(capped.timeIntervalSince(Self.now) == RetrySchedule.longestRetryAfter)
    }

    static func attempt(_ id: String, invoice: String, at offset: Double, succeeded: Bool) -> PaymentAttempt {
        PaymentAttempt(id: id, invoiceID: invoice, accountID: "a1", attemptedAt: day(offset), amount: Money(5_000, .usd),
                       succeeded: succeeded, failureCode: succeeded ? nil : "card_declined")
    }

    @Test("facts: recent failed payments, recoveries of invoices that failed before, new cancellations and answers; old facts none")
    func factEvents() throws {
        var batch = FactBatch()
        batch.paymentAttempts = [
            Self.attempt("py_old", invoice: "in_0", at: -30, succeeded: false),
            Self.attempt("py_1", invoice: "in_1", at: -1, succeeded: false),
            Self.attempt("py_2", invoice: "in_2", at: -0.5, succeeded: true),
            Self.attempt("py_3", invoice: "in_3", at: -0.2, succeeded: true),
            Self.attempt("py_4", invoice: "in_1", at: -0.1, succeeded: true),
        ]
        batch.surveyResponses = [
            SurveyResponse(id: "r1", accountID: "a1", kind: .nps, score: 3, comment: "Slow", respondedAt: Self.day(-2)),
            SurveyResponse(id: "r0", accountID: "a1", kind: .nps, score: 9, respondedAt: Self.day(-40)),
        ]
        let events = FactEvents.events(of: batch, asOf: Self.now, invoicesFailedBefore: ["in_2"], canceledBefore: [])
        #expect(events.map(\.key) == [
            "payment.failed:py_1", "payment.recovered:in_2", "payment.recovered:in_1", "survey.response.created:r1",
        ])
        #expect(events[0].data["failure_code"] == .string("card_declined") && events[0].data["amount"] == .number(5_000))
        #expect(events[3].data["score"] == .number(3) && events[3].data["kind"] == .string("nps"))
    }

    static func score(_ id: String, _ value: Double, _ colour: HealthColour) -> HealthScore {
        HealthScore(accountID: id, score: value, colour: colour, segment: nil, signals: [], adoption: AdoptionScore(score: 0, breadth: 0, depth: 0))
    }

    @Test("health: a colour change or an alert makes an event; the same colour without an alert, or a first score, makes none")
    func healthChanges() {
        let previous: [String: (score: Double, colour: HealthColour)] = ["a1": (72, .green), "a2": (55, .yellow), "a3": (80, .green)]
        let scores = [Self.score("a1", 48, .yellow), Self.score("a2", 52, .yellow), Self.score("a3", 66, .green), Self.score("a4", 20, .red)]
        let alert = HealthAlert(accountID: "a3", at: Self.now, from: 80, fromAt: Self.day(-7), to: 66)
        let events = AccountEvents.healthChanges(previous: previous, scores: scores, alerts: [alert], day: Self.now, at: Self.now)
        #expect(events.map(\.accountID) == ["a1", "a3"])
        #expect(events[0].data["reason"] == .string("colour"))
        #expect(events[0].data["previous"] == .object(["score": .number(72), "colour": .string("green")]))
        #expect(events[1].data["reason"] == .string("drop"))
        #expect(events[1].data["drop"]?.objectValue?["points"] == .number(14))
        #expect(events[0].key == "account.health.changed:a1:2026-06-15:yellow")
    }

    @Test("risk: only accounts crossing the threshold upwards (or first predicted above it)")
    func riskRaised() {
        let events = AccountEvents.riskRaised(
            previous: ["a1": 0.4, "a2": 0.6, "a3": 0.2],
            current: [("a1", 0.55, 10_000), ("a2", 0.7, 9_000), ("a3", 0.3, 1_000), ("a4", 0.9, 5_000)], threshold: 0.5, at: Self.now)
        #expect(events.map(\.accountID) == ["a1", "a4"])
        #expect(events[0].data["previous_probability"] == .number(0.4) && events[1].data["previous_probability"] == .null)
    }

    @Test("renewals: the nearest notice at or beyond the days left, each once by key; past or beyond 180 days none")
    func renewals() {
        func notice(_ days: Double) -> DomainEvent? {
            AccountEvents.renewalUpcoming(accountID: "a1", subscriptionID: "sub_1", renewsAt: Self.day(days), mrr: 10_000, currency: "usd", at: Self.now)
        }
        #expect(notice(181) == nil && notice(-1) == nil)
        #expect(notice(180)?.data["notice_days"] == .number(180))
        #expect(notice(121)?.data["notice_days"] == .number(180))
        #expect(notice(120)?.data["notice_days"] == .number(120))
        #expect(notice(45)?.data["notice_days"] == .number(60))
        #expect(notice(30)?.data["notice_days"] == .number(30) && notice(0)?.data["notice_days"] == .number(30))
        let renewal = Self.day(100)
        let early = AccountEvents.renewalUpcoming(accountID: "a1", subscriptionID: "sub_1", renewsAt: renewal, mrr: 1, currency: "usd", at: Self.now)
        let later = AccountEvents.renewalUpcoming(accountID: "a1", subscriptionID: "sub_1", renewsAt: renewal, mrr: 1, currency: "usd",
                                                  at: Self.day(5))
        #expect(early?.key == later?.key, "one key per renewal and notice, whatever day the job runs")
    }
}

extension JSONValue {
    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }
}
