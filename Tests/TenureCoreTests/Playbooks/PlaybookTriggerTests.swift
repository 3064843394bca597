import Foundation
import Testing
@testable import TenureCore

/// Triggers matching occurrences, and value tests with every operator.
@Suite("Playbook triggers")
struct PlaybookTriggerTests {
    static let detractor = PlaybookTrigger.event(.surveyResponseCreated, where: [
        "kind": .equals(.string("nps")), "score": ValueTest([.init(.lte, .number(6))]),
    ])

    @Test("an event trigger needs the event's type and every where test to pass")
    func eventWhere() {
        #expect(Self.detractor.matches(PlaybookFixtures.survey(score: 6)))
        #expect(Self.detractor.matches(PlaybookFixtures.survey(score: 0)))
        #expect(!Self.detractor.matches(PlaybookFixtures.survey(score: 7)))
        #expect(!Self.detractor.matches(PlaybookFixtures.survey(score: 3, kind: "csat")))
        var unscored = PlaybookFixtures.survey(score: 3)
        unscored.data["score"] = nil
        #expect(!Self.detractor.matches(unscored), "a missing value fails an ordering")
        var other = PlaybookFixtures.survey(score: 3)
        other.type = "task.created"
        #expect(!Self.detractor.matches(other))
        #expect(PlaybookTrigger.event(.surveyResponseCreated, where: [:]).matches(PlaybookFixtures.survey(score: 10)))
    }

    @Test("where paths descend into the event's data with dots")
    func dottedPaths() {
        let fell = PlaybookTrigger.event(.accountHealthChanged, where: [
            "previous.score": ValueTest([.init(.gte, .number(70))]), "current.colour": .oneOf([.string("red"), .string("yellow")]),
        ])
        #expect(fell.matches(PlaybookFixtures.healthChanged(from: 72, "green", to: 48, "yellow")))
        #expect(!fell.matches(PlaybookFixtures.healthChanged(from: 65, "green", to: 48, "yellow")))
        #expect(!fell.matches(PlaybookFixtures.healthChanged(from: 72, "green", to: 71, "green")))
        let deeper = PlaybookTrigger.event(.accountHealthChanged, where: ["previous.score.value": .equals(.number(72))])
        #expect(!deeper.matches(PlaybookFixtures.healthChanged(from: 72, "green", to: 48, "yellow")), "a path through a number finds nothing")
    }

    @Test("every operator: eq, ne, lt, lte, gt, gte, in; numbers numerically, text exactly; several AND together")
    func operators() {
        func test(_ relation: ValueTest.Relation, _ operand: JSONValue) -> ValueTest { ValueTest([.init(relation, operand)]) }
        #expect(test(.eq, .number(6)).passes(.number(6)) && test(.eq, .number(6)).passes(.string("6.0")))
        #expect(!test(.eq, .number(6)).passes(.number(6.5)) && !test(.eq, .number(6)).passes(nil))
        #expect(test(.eq, .string("nps")).passes(.string("nps")) && !test(.eq, .string("nps")).passes(.string("NPS")))
        #expect(test(.eq, .bool(true)).passes(.bool(true)) && !test(.eq, .bool(true)).passes(.string("yes")))
        #expect(test(.eq, .null).passes(nil) && test(.eq, .null).passes(.null) && !test(.eq, .null).passes(.number(0)))
        #expect(test(.ne, .string("smb")).passes(.string("enterprise")) && !test(.ne, .string("smb")).passes(.string("smb")))
        #expect(test(.ne, .string("smb")).passes(nil), "a missing value differs from any value")
        #expect(test(.lt, .number(6)).passes(.number(5)) && !test(.lt, .number(6)).passes(.number(6)))
        #expect(test(.lte, .number(6)).passes(.number(6)) && !test(.lte, .number(6)).passes(.number(6.01)))
        #expect(test(.gt, .number(6)).passes(.number(7)) && !test(.gt, .number(6)).passes(.number(6)))
        #expect(test(.gte, .number(6)).passes(.number(6)) && !test(.gte, .number(6)).passes(.number(5.99)))
        #expect(test(.gte, .number(6)).passes(.string("10")) && !test(.gte, .number(6)).passes(.string("ten")))
        #expect(!test(.lt, .number(6)).passes(nil) && !test(.lt, .number(6)).passes(.bool(false)))
        let oneOf = ValueTest.oneOf([.string("smb"), .number(3)])
        #expect(oneOf.passes(.string("smb")) && oneOf.passes(.number(3)) && !oneOf.passes(.string("enterprise")) && !oneOf.passes(nil))
        let band = ValueTest([.init(.gte, .number(0)), .init(.lt, .number(7))])
        #expect(band.passes(.number(0)) && band.passes(.number(6.9)) && !band.passes(.number(7)) && !band.passes(.number(-1)))
    }

    @Test("a test in words: = and one of as subject=value, others with their signs; a failure names the first failing comparison")
    func describe() {
        let band = ValueTest([.init(.gte, .number(50_000)), .init(.lt, .number(100_000))])
        #expect(band.describe("MRR", actual: .number(82_000), money: true) == "MRR 820.00 ≥ 500.00 and < 1000.00")
        #expect(band.describe("MRR", actual: .number(100_000), money: true) == "MRR 1000.00, not < 1000.00")
        #expect(band.describe("score", actual: .number(82_000), money: false) == "score 82000 ≥ 50000 and < 100000")
        #expect(ValueTest.equals(.string("nps")).describe("kind", actual: .string("nps"), money: false) == "kind=nps")
        #expect(ValueTest.equals(.string("nps")).describe("kind", actual: .string("csat"), money: false) == "kind=csat, not nps")
        #expect(ValueTest.oneOf([.string("a"), .string("b")]).describe("segment", actual: nil, money: false) == "segment=none, not one of a, b")
        #expect(ValueTest([.init(.ne, .string("smb"))]).describe("segment", actual: .string("smb"), money: false) == "segment smb, not ≠ smb")
        #expect(ValueTest([.init(.gt, .number(0.5))]).describe("churn probability", actual: .number(0.62), money: false)
            == "churn probability 0.62 > 0.5")
        #expect(ValueTest([.init(.lte, .number(6))]).describe("score", actual: nil, money: false) == "score none, not ≤ 6")
    }

    @Test("segment and stage shorthands match segment and stage change events by their to and from")
    func segmentAndStage() {
        func segmentChange(from: String?, to: String?) -> TriggerOccurrence {
            TriggerOccurrence(type: "account.segment.changed", accountID: "acc_acme", at: PlaybookFixtures.now,
                              data: ["account_id": .string("acc_acme"), "from": from.map(JSONValue.string) ?? .null,
                                     "to": to.map(JSONValue.string) ?? .null], key: "k")
        }
        #expect(PlaybookTrigger.segmentEntered("enterprise").matches(segmentChange(from: "smb", to: "enterprise")))
        #expect(!PlaybookTrigger.segmentEntered("enterprise").matches(segmentChange(from: "smb", to: "mid_market")))
        #expect(PlaybookTrigger.segmentEntered(nil).matches(segmentChange(from: nil, to: "smb")))
        #expect(!PlaybookTrigger.segmentEntered(nil).matches(segmentChange(from: "smb", to: nil)), "leaving every segment enters none")
        #expect(PlaybookTrigger.segmentExited("smb").matches(segmentChange(from: "smb", to: "mid_market")))
        #expect(PlaybookTrigger.segmentExited(nil).matches(segmentChange(from: "smb", to: nil)))
        #expect(!PlaybookTrigger.segmentExited(nil).matches(segmentChange(from: nil, to: "smb")))
        let stage = TriggerOccurrence(type: "account.stage.changed", accountID: "acc_acme", at: PlaybookFixtures.now,
                                      data: ["from": .string("adoption"), "to": .string("renewal")], key: "k")
        #expect(PlaybookTrigger.stageChanged(.renewal).matches(stage) && PlaybookTrigger.stageChanged(nil).matches(stage))
        #expect(!PlaybookTrigger.stageChanged(.advocacy).matches(stage))
        #expect(!PlaybookTrigger.stageChanged(nil).matches(segmentChange(from: nil, to: "renewal")), "the type must be a stage change")
    }

    @Test("the engine's occurrences: a missed milestone by its days, a usage drop at least as deep, a schedule's tick, a manual start")
    func engineOccurrences() throws {
        let at = PlaybookFixtures.now
        #expect(PlaybookTrigger.milestoneMissed(days: 14).matches(.milestoneMissed(accountID: "a", days: 14, at: at)))
        #expect(!PlaybookTrigger.milestoneMissed(days: 14).matches(.milestoneMissed(accountID: "a", days: 30, at: at)))
        let drop = PlaybookTrigger.usageDrop(percent: 40, days: 14)
        #expect(drop.matches(.usageDrop(accountID: "a", before: 120, after: 66, days: 14, at: at)), "45 % ≥ 40 %")
        #expect(drop.matches(.usageDrop(accountID: "a", before: 100, after: 60, days: 14, at: at)), "exactly 40 %")
        #expect(!drop.matches(.usageDrop(accountID: "a", before: 120, after: 80, days: 14, at: at)), "33.3 %")
        #expect(!drop.matches(.usageDrop(accountID: "a", before: 120, after: 66, days: 7, at: at)), "another window")
        #expect(!drop.matches(.usageDrop(accountID: "a", before: 0, after: 0, days: 14, at: at)), "no usage before is no drop")
        #expect(PlaybookTrigger.schedule(try CronSchedule("0 9 * * 1")).matches(.schedule(accountID: "a", at: at)))
        #expect(PlaybookTrigger.manual.matches(.manual(accountID: "a", startedBy: "ana@example.com", at: at)))
        #expect(!PlaybookTrigger.manual.matches(.schedule(accountID: "a", at: at)))
        #expect(!Self.detractor.matches(.manual(accountID: "a", startedBy: "ana@example.com", at: at)))
    }
}
