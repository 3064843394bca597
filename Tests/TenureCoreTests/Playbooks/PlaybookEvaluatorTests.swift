import Foundation
import Testing
@testable import TenureCore

/// Enrollment decisions: every reason to skip, in order, and the exact trace texts.
@Suite("Playbook enrollment")
struct PlaybookEvaluatorTests {
    /// The issue's trace example: a health drop, for enterprise accounts at MRR ≥ 500.00, at most once in 30 days, 10 % held out.
    static func rescue() throws -> Playbook { try Playbook(json: PlaybookFixtures.json(#"""
    {"name": "Red account rescue", "trigger": {"event": "account.health.changed"},
     "conditions": {"segment": ["enterprise"], "mrr": {"gte": 50000}}, "limit": {"once_per_account_days": 30}, "holdout": 0.1,
     "steps": [{"task": {"title": "Rescue {{account.name}}", "due_days": 2}}]}
    """#)) }
    static let drop = PlaybookFixtures.healthChanged(from: 72, "green", to: 48, "yellow")
    static let day: TimeInterval = 86_400

    static func decide(_ playbook: Playbook? = nil, occurrence: TriggerOccurrence = drop, subject: PlaybookSubject = PlaybookFixtures.acme,
                       lastStart: Date? = nil, active: Bool = false, heldOut: Bool = false) throws -> Enrollment {
        PlaybookEvaluator.decide(try playbook ?? rescue(), occurrence: occurrence, subject: subject, lastStart: lastStart, hasActiveRun: active,
                                 heldOut: heldOut)
    }

    @Test("the issue's trace, verbatim: score 72 → 48 on 2026-05-03, enterprise, MRR 820.00")
    func issueTrace() throws {
        #expect(try Self.decide() == .enroll(
            trace: "fired because score fell from 72 to 48 on 2026-05-03; conditions matched: segment=enterprise, MRR 820.00 ≥ 500.00"))
    }

    @Test("an account drawn into the holdout gets the same trace and the share it was held out of")
    func heldOut() throws {
        #expect(try Self.decide(heldOut: true) == .holdOut(
            trace: "fired because score fell from 72 to 48 on 2026-05-03; conditions matched: segment=enterprise, MRR 820.00 ≥ 500.00; "
                + "held out of the playbook (10% holdout)"))
        var quarter = try Self.rescue()
        quarter.holdout = 0.125
        guard case .holdOut(let trace) = try Self.decide(quarter, heldOut: true) else { Issue.record("not held out"); return }
        #expect(trace.hasSuffix("; held out of the playbook (12.5% holdout)"))
    }

    @Test("a playbook without conditions says so")
    func noConditions() throws {
        var open = try Self.rescue()
        open.conditions = PlaybookConditions()
        #expect(try Self.decide(open) == .enroll(trace: "fired because score fell from 72 to 48 on 2026-05-03; no conditions"))
    }

    @Test("skips, each checked in order: trigger, active run, limit, conditions")
    func skips() throws {
        let survey = PlaybookFixtures.survey(score: 3)
        let smb = PlaybookFixtures.acme { $0.segment = "smb" }
        let start = Self.drop.at
        #expect(try Self.decide(occurrence: survey, subject: smb, lastStart: start, active: true) == .skip(reason: "trigger did not match"))
        #expect(try Self.decide(subject: smb, lastStart: start, active: true) == .skip(reason: "already in an active run"))
        #expect(try Self.decide(subject: smb, lastStart: start.addingTimeInterval(-12 * Self.day))
            == .skip(reason: "enrolled 12 days ago; limit once per 30 days"))
        #expect(try Self.decide(subject: smb, lastStart: start.addingTimeInterval(-12.9 * Self.day))
            == .skip(reason: "enrolled 12 days ago; limit once per 30 days"), "whole days")
        #expect(try Self.decide(lastStart: start.addingTimeInterval(-3_600)) == .skip(reason: "enrolled today; limit once per 30 days"))
        #expect(try Self.decide(lastStart: start.addingTimeInterval(-29.99 * Self.day))
            == .skip(reason: "enrolled 29 days ago; limit once per 30 days"))
        #expect(try Self.decide(subject: smb, lastStart: start.addingTimeInterval(-30 * Self.day))
            == .skip(reason: "condition not met: segment=smb, not enterprise"), "30 days on, the limit allows it again")
        #expect(try Self.decide(subject: PlaybookFixtures.acme { $0.mrr = 32_000 })
            == .skip(reason: "condition not met: MRR 320.00, not ≥ 500.00"))
        var daily = try Self.rescue()
        daily.limit = EnrollmentLimit(oncePerAccountDays: 1)
        #expect(try Self.decide(daily, lastStart: start.addingTimeInterval(-3_600)) == .skip(reason: "enrolled today; limit once per day"))
        var unlimited = try Self.rescue()
        unlimited.limit = EnrollmentLimit()
        guard case .enroll = try Self.decide(unlimited, lastStart: start) else { Issue.record("no limit still skipped"); return }
    }

    @Test("the issue's detractor playbook enrolls an NPS 3 from Acme and passes by a 7")
    func detractor() throws {
        let playbook = try Playbook(json: PlaybookFixtures.issue())
        #expect(PlaybookEvaluator.decide(playbook, occurrence: PlaybookFixtures.survey(score: 3), subject: PlaybookFixtures.acme, lastStart: nil,
                                         hasActiveRun: false, heldOut: false)
            == .enroll(trace: "fired because NPS answer 3 on 2026-05-03; conditions matched: segment=enterprise, MRR 820.00 ≥ 500.00"))
        #expect(PlaybookEvaluator.decide(playbook, occurrence: PlaybookFixtures.survey(score: 7), subject: PlaybookFixtures.acme, lastStart: nil,
                                         hasActiveRun: false, heldOut: false) == .skip(reason: "trigger did not match"))
    }
}
