import Foundation
import Testing
@testable import TenureCore

/// Occurrences built from events and by the engine, and why each happened in words.
@Suite("Trigger occurrences")
struct TriggerOccurrenceTests {
    static let may3 = UTCCalendar.date(2026, 5, 3)

    static func reason(_ type: EventType, _ data: [String: JSONValue]) -> String {
        TriggerOccurrence.reason(type: type.rawValue, data: data, at: may3)
    }

    @Test("an event becomes an occurrence with its account, instant, type, data and key; an event about no account does not")
    func fromEvent() throws {
        let event = DomainEvent(type: .surveyResponseCreated, accountID: "acc_acme", occurredAt: Self.may3,
                                data: ["kind": .string("nps"), "score": .number(3)], key: "survey.response.created:resp_1")
        let occurrence = try #require(TriggerOccurrence(event: event))
        #expect(occurrence == TriggerOccurrence(type: "survey.response.created", accountID: "acc_acme", at: Self.may3,
                                                data: ["kind": .string("nps"), "score": .number(3)], key: "survey.response.created:resp_1"))
        #expect(occurrence.reason == "NPS answer 3 on 2026-05-03")
        #expect(TriggerOccurrence(event: DomainEvent(type: .ping, accountID: nil, occurredAt: Self.may3, data: [:], key: "p")) == nil)
    }

    @Test("health changes: the score fell or rose, or only the colour changed")
    func health() {
        func change(_ before: Double, _ after: Double, _ colours: (String, String)) -> [String: JSONValue] {
            ["previous": .object(["score": .number(before), "colour": .string(colours.0)]),
             "current": .object(["score": .number(after), "colour": .string(colours.1)])]
        }
        #expect(Self.reason(.accountHealthChanged, change(72, 48, ("green", "yellow"))) == "score fell from 72 to 48 on 2026-05-03")
        #expect(Self.reason(.accountHealthChanged, change(48, 61, ("yellow", "green"))) == "score rose from 48 to 61 on 2026-05-03")
        #expect(Self.reason(.accountHealthChanged, change(60, 60, ("green", "yellow"))) == "colour changed from green to yellow on 2026-05-03")
    }

    @Test("risk, renewal, payments, cancellation and survey answers, from the events' own builders where they are pure")
    func catalogue() throws {
        let risk = AccountEvents.riskRaised(previous: ["acc_acme": 0.41], current: [("acc_acme", 0.62, 50_840)], threshold: 0.5, at: Self.may3)
        #expect(risk.map { TriggerOccurrence(event: $0)?.reason } == ["churn probability rose to 62% (threshold 50%) on 2026-05-03"])
        let renewal = try #require(AccountEvents.renewalUpcoming(
            accountID: "acc_acme", subscriptionID: "sub_1", renewsAt: UTCCalendar.date(2027, 3, 30), mrr: 82_000, currency: "USD",
            at: UTCCalendar.date(2026, 11, 30)))
        #expect(TriggerOccurrence(event: renewal)?.reason == "renewal in 120 days (2027-03-30)")
        let payment: [String: JSONValue] = ["amount": .number(9_900), "currency": .string("USD"), "invoice_id": .string("in_1")]
        #expect(Self.reason(.paymentFailed, payment) == "payment of 99.00 USD failed on 2026-05-03")
        #expect(Self.reason(.paymentRecovered, payment) == "payment of 99.00 USD recovered on 2026-05-03")
        #expect(Self.reason(.paymentFailed, ["amount": .number(5_000), "currency": .string("JPY")]) == "payment of 5000 JPY failed on 2026-05-03")
        #expect(Self.reason(.subscriptionCanceled, ["subscription_id": .string("sub_1"), "reason": .string("too_expensive")])
            == "subscription sub_1 canceled on 2026-05-03 (too_expensive)")
        #expect(Self.reason(.subscriptionCanceled, ["subscription_id": .string("sub_1"), "reason": .null])
            == "subscription sub_1 canceled on 2026-05-03")
        #expect(Self.reason(.surveyResponseCreated, ["kind": .string("csat"), "score": .number(2)]) == "CSAT answer 2 on 2026-05-03")
    }

    @Test("tasks, segment and stage changes")
    func tasksSegmentsStages() {
        #expect(Self.reason(.taskOverdue, ["title": .string("Call Acme")]) == "task “Call Acme” overdue on 2026-05-03")
        #expect(Self.reason(.taskCreated, ["title": .string("Call Acme")]) == "task “Call Acme” created on 2026-05-03")
        #expect(Self.reason(.taskEscalated, ["title": .string("Call Acme"), "tier": .number(2)])
            == "task “Call Acme” escalated to tier 2 on 2026-05-03")
        #expect(Self.reason(.accountSegmentChanged, ["from": .null, "to": .string("enterprise")]) == "entered segment enterprise on 2026-05-03")
        #expect(Self.reason(.accountSegmentChanged, ["from": .string("smb"), "to": .null]) == "left segment smb on 2026-05-03")
        #expect(Self.reason(.accountSegmentChanged, ["from": .string("smb"), "to": .string("mid_market")])
            == "moved from segment smb to mid_market on 2026-05-03")
        #expect(Self.reason(.accountStageChanged, ["from": .string("onboarding"), "to": .string("adoption")])
            == "stage changed from onboarding to adoption on 2026-05-03")
    }

    @Test("the engine's occurrences: their reasons, data and keys")
    func engineKinds() {
        let milestone = TriggerOccurrence.milestoneMissed(accountID: "acc_acme", days: 14, at: Self.may3)
        #expect(milestone.reason == "first value not reached 14 days after creation")
        #expect(milestone.type == "milestone.missed" && milestone.key == "milestone.missed:acc_acme:14")
        let drop = TriggerOccurrence.usageDrop(accountID: "acc_acme", before: 120, after: 66, days: 14, at: Self.may3)
        #expect(drop.reason == "usage fell 45% (120 → 66 events) over 14 days")
        #expect(drop.data["percent"] == .number(45) && drop.key == "usage.drop:acc_acme:14:2026-05-03")
        let third = TriggerOccurrence.usageDrop(accountID: "acc_acme", before: 120, after: 80, days: 14, at: Self.may3)
        #expect(third.reason == "usage fell 33.3% (120 → 80 events) over 14 days")
        let tick = TriggerOccurrence.schedule(accountID: "acc_acme", at: Date(timeIntervalSince1970: 1_777_885_200)) // 2026-05-04T09:00Z
        #expect(tick.reason == "scheduled at 2026-05-04 09:00" && tick.key == "schedule:acc_acme:2026-05-04 09:00")
        let manual = TriggerOccurrence.manual(accountID: "acc_acme", startedBy: "ana@example.com", at: Self.may3)
        #expect(manual.reason == "started by ana@example.com" && manual.key == "manual:acc_acme:2026-05-03T00:00:00.000Z")
        #expect(TriggerOccurrence.reason(type: "something.else", data: [:], at: Self.may3) == "something.else on 2026-05-03")
    }
}
