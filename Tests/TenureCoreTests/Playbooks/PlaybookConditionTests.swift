import Foundation
import Testing
@testable import TenureCore

/// Conditions on the account's state: which held, which failed first, in words.
@Suite("Playbook conditions")
struct PlaybookConditionTests {
    static let issue = PlaybookConditions(segment: ["mid_market", "enterprise"], mrr: ValueTest([.init(.gte, .number(50_000))]))

    @Test("the issue's conditions: an enterprise account at MRR 820.00 passes both, in order, money with two decimals")
    func issuePasses() {
        #expect(Self.issue.evaluate(PlaybookFixtures.acme, taskOpen: nil)
            == ConditionCheck(passed: true, matched: ["segment=enterprise", "MRR 820.00 ≥ 500.00"], failed: nil))
    }

    @Test("the first failing condition is named, after the ones that held")
    func firstFailure() {
        #expect(Self.issue.evaluate(PlaybookFixtures.acme { $0.segment = "smb" }, taskOpen: nil)
            == ConditionCheck(passed: false, matched: [], failed: "segment=smb, not one of mid_market, enterprise"))
        #expect(Self.issue.evaluate(PlaybookFixtures.acme { $0.segment = nil; $0.mrr = 1 }, taskOpen: nil).failed
            == "segment=none, not one of mid_market, enterprise")
        #expect(Self.issue.evaluate(PlaybookFixtures.acme { $0.mrr = 49_999 }, taskOpen: nil)
            == ConditionCheck(passed: false, matched: ["segment=enterprise"], failed: "MRR 499.99, not ≥ 500.00"))
        #expect(PlaybookConditions(segment: ["enterprise"]).evaluate(PlaybookFixtures.acme { $0.segment = "smb" }, taskOpen: nil).failed
            == "segment=smb, not enterprise")
    }

    @Test("every kind of condition, in the fixed order: segment, stage, owner, health, scores, MRR, churn, tags, traits, task")
    func everyCondition() {
        let all = PlaybookConditions(
            segment: ["enterprise"], stage: [.renewal, .adoption], owner: ["csm_ana"], health: [.red, .yellow],
            healthScore: ValueTest([.init(.lt, .number(60))]), mrr: ValueTest([.init(.gte, .number(50_000)), .init(.lt, .number(100_000))]),
            churnProbability: ValueTest([.init(.gte, .number(0.5))]), tags: ["vip"],
            traits: ["seats": ValueTest([.init(.gte, .number(100))]), "plan": .equals(.string("enterprise"))], taskOpen: true)
        #expect(all.evaluate(PlaybookFixtures.acme, taskOpen: true) == ConditionCheck(passed: true, matched: [
            "segment=enterprise", "stage=renewal", "owner=csm_ana", "health=yellow", "health score 48 < 60",
            "MRR 820.00 ≥ 500.00 and < 1000.00", "churn probability 0.62 ≥ 0.5", "tags include vip", "traits.plan=enterprise",
            "traits.seats 120 ≥ 100", "task open",
        ], failed: nil))
        #expect(all.evaluate(PlaybookFixtures.acme { $0.stage = .onboarding }, taskOpen: true).failed
            == "stage=onboarding, not one of renewal, adoption")
        #expect(all.evaluate(PlaybookFixtures.acme { $0.ownerID = nil }, taskOpen: true).failed == "owner=none, not csm_ana")
        #expect(all.evaluate(PlaybookFixtures.acme { $0.healthColour = .green }, taskOpen: true).failed == "health=green, not one of red, yellow")
        #expect(all.evaluate(PlaybookFixtures.acme { $0.healthScore = nil }, taskOpen: true).failed == "health score none, not < 60")
        #expect(all.evaluate(PlaybookFixtures.acme { $0.churnProbability = 0.4 }, taskOpen: true).failed == "churn probability 0.4, not ≥ 0.5")
        #expect(all.evaluate(PlaybookFixtures.acme { $0.tags = ["beta"] }, taskOpen: true).failed == "tags lack vip")
        #expect(all.evaluate(PlaybookFixtures.acme { $0.traits["plan"] = .string("starter") }, taskOpen: true).failed
            == "traits.plan=starter, not enterprise")
        #expect(all.evaluate(PlaybookFixtures.acme { $0.traits = [:] }, taskOpen: true).failed == "traits.plan=none, not enterprise")
    }

    @Test("task_open: an open task passes true; a closed task, or none, fails it; false asks for the opposite")
    func taskOpen() {
        let open = PlaybookConditions(taskOpen: true), closed = PlaybookConditions(taskOpen: false)
        #expect(open.evaluate(PlaybookFixtures.acme, taskOpen: true) == ConditionCheck(passed: true, matched: ["task open"], failed: nil))
        #expect(open.evaluate(PlaybookFixtures.acme, taskOpen: false).failed == "task no longer open")
        #expect(open.evaluate(PlaybookFixtures.acme, taskOpen: nil).failed == "task no longer open")
        #expect(closed.evaluate(PlaybookFixtures.acme, taskOpen: false).matched == ["task not open"])
        #expect(closed.evaluate(PlaybookFixtures.acme, taskOpen: true).failed == "task still open")
    }

    @Test("no conditions pass with nothing matched; a segment written as one text reads as a list of one")
    func emptyAndShorthand() throws {
        #expect(PlaybookConditions().evaluate(PlaybookFixtures.acme, taskOpen: nil) == ConditionCheck(passed: true, matched: [], failed: nil))
        let playbook = try Playbook(json: PlaybookFixtures.issue(
            with: #"{"conditions": {"segment": "enterprise", "stage": "renewal", "traits": {"plan": ["enterprise", "scale"]}}}"#))
        #expect(playbook.conditions == PlaybookConditions(segment: ["enterprise"], stage: [.renewal],
                                                          traits: ["plan": .oneOf([.string("enterprise"), .string("scale")])]))
    }
}
