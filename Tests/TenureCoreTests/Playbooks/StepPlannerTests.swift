import Foundation
import Testing
@testable import TenureCore

/// Planning a step: each action with its texts rendered and owner resolved, `if` skipping, and the step log's words.
@Suite("Playbook step planning")
struct StepPlannerTests {
    static let now = PlaybookFixtures.now // 2026-05-03T09:00:00Z
    static let context = TemplateContext.make(subject: PlaybookFixtures.acme, occurrence: PlaybookFixtures.survey(score: 3),
                                              playbook: "Detractor follow-up", runID: "run_1")

    static func plan(_ step: PlaybookStep, subject: PlaybookSubject = PlaybookFixtures.acme, taskOpen: Bool? = nil) -> PlannedStep {
        StepPlanner.plan(step, subject: subject, context: context, taskOpen: taskOpen, now: now, dueDate: StepPlanner.calendarDays)
    }

    static func steps() throws -> [PlaybookStep] { try Playbook(json: PlaybookFixtures.issue()).steps }

    @Test("the issue's task: title rendered, the account's owner, due in two calendar days, high priority")
    func task() throws {
        let planned = Self.plan(try Self.steps()[0])
        #expect(planned == .task(title: "Call Acme about their NPS 3", details: nil, ownerID: "csm_ana", queue: nil, priority: .high,
                                 dueAt: Date(timeIntervalSince1970: 1_777_971_600), slaDueAt: nil)) // 2026-05-05T09:00Z
        #expect(StepPlanner.describe(planned) == "created task “Call Acme about their NPS 3” for csm_ana, due 2026-05-05")
    }

    @Test("account_owner falls back to the unassigned queue when the account has no owner")
    func ownerFallback() throws {
        let planned = Self.plan(try Self.steps()[0], subject: PlaybookFixtures.acme { $0.ownerID = nil })
        guard case .task(_, _, let ownerID, let queue, _, _, _) = planned else { Issue.record("not a task"); return }
        #expect(ownerID == nil && queue == "unassigned")
        #expect(StepPlanner.describe(planned) == "created task “Call Acme about their NPS 3” for queue unassigned, due 2026-05-05")
    }

    @Test("queue and CSM owners, details, and deadlines from the injected calendar")
    func ownersAndDeadlines() throws {
        let task = TaskStep(title: try PlaybookTemplate("Plan QBR", field: "title"),
                            details: try PlaybookTemplate("MRR {{account.mrr}}", field: "details"),
                            owner: .queue("onboarding"), dueBusinessDays: 3, slaBusinessHours: 8)
        let due = UTCCalendar.date(2026, 5, 6), sla = Self.now.addingTimeInterval(8 * 3_600)
        var asked: [(TaskStep, Date)] = []
        let planned = StepPlanner.plan(PlaybookStep(.task(task)), subject: PlaybookFixtures.acme, context: Self.context, taskOpen: nil,
                                       now: Self.now) { step, start in
            asked.append((step, start))
            return (due, sla)
        }
        #expect(planned == .task(title: "Plan QBR", details: "MRR 820.00", ownerID: nil, queue: "onboarding", priority: .normal,
                                 dueAt: due, slaDueAt: sla))
        #expect(asked.count == 1 && asked.first?.0 == task && asked.first?.1 == Self.now)
        #expect(StepPlanner.describe(planned) == "created task “Plan QBR” for queue onboarding, due 2026-05-06, SLA 2026-05-03 17:00")
        var csm = task
        csm.owner = .csm("csm_bo")
        guard case .task(_, _, "csm_bo", nil, _, _, _) = Self.plan(PlaybookStep(.task(csm))) else { Issue.record("not csm_bo's"); return }
    }

    @Test("calendar days: due after due_days (or due_business_days counted as days), SLA after hours or days")
    func calendarDays() throws {
        let title = try PlaybookTemplate("T", field: "title")
        let day: TimeInterval = 86_400
        #expect(StepPlanner.calendarDays(TaskStep(title: title, dueDays: 2), from: Self.now) == (Self.now + 2 * day, nil))
        #expect(StepPlanner.calendarDays(TaskStep(title: title, dueBusinessDays: 3, slaBusinessHours: 4), from: Self.now)
            == (Self.now + 3 * day, Self.now + 4 * 3_600))
        #expect(StepPlanner.calendarDays(TaskStep(title: title, slaBusinessDays: 1), from: Self.now) == (nil, Self.now + day))
        #expect(StepPlanner.calendarDays(TaskStep(title: title), from: Self.now) == (nil, nil))
    }

    @Test("wait and notify: the wait ends a week on; the message is rendered while the task is open, skipped once it is not")
    func waitAndNotify() throws {
        let steps = try Self.steps()
        let wait = Self.plan(steps[1])
        #expect(wait == .wait(until: Date(timeIntervalSince1970: 1_778_403_600))) // 2026-05-10T09:00Z
        #expect(StepPlanner.describe(wait) == "waited until 2026-05-10")
        let notify = Self.plan(steps[2], taskOpen: true)
        #expect(notify == .notify(channel: .slack, text: "Detractor follow-up for Acme still open"))
        #expect(StepPlanner.describe(notify) == "sent slack: Detractor follow-up for Acme still open")
        let skipped = Self.plan(steps[2], taskOpen: false)
        #expect(skipped == .skipped(reason: "task no longer open"))
        #expect(StepPlanner.describe(skipped) == "skipped: task no longer open")
        #expect(Self.plan(steps[2], taskOpen: nil) == .skipped(reason: "task no longer open"), "a run without a task has no open task")
    }

    @Test("an if on the account's state at that moment")
    func ifOnState() {
        let step = PlaybookStep(.addTag("at_risk"), if: PlaybookConditions(health: [.red]))
        #expect(Self.plan(step, subject: PlaybookFixtures.acme { $0.healthColour = .red }) == .addTag("at_risk"))
        #expect(Self.plan(step) == .skipped(reason: "health=yellow, not red"))
    }

    @Test("account changes and starting another playbook, with their log lines")
    func accountActions() {
        let cases: [(StepAction, PlannedStep, String)] = [
            (.setOwner(.csm("csm_bo")), .setOwner(ownerID: "csm_bo", queue: nil), "gave the account to csm_bo"),
            (.setOwner(.queue("renewals")), .setOwner(ownerID: nil, queue: "renewals"), "gave the account to queue renewals"),
            (.setStage(.renewal), .setStage(.renewal), "set stage to renewal"),
            (.addTag("at_risk"), .addTag("at_risk"), "added tag at_risk"),
            (.removeTag("happy"), .removeTag("happy"), "removed tag happy"),
            (.setTrait(key: "plan_review", value: .bool(true)), .setTrait(key: "plan_review", value: .bool(true)), "set trait plan_review to true"),
            (.startPlaybook("Renewal prep"), .startPlaybook("Renewal prep"), "started playbook Renewal prep"),
        ]
        for (action, expected, words) in cases {
            let planned = Self.plan(PlaybookStep(action))
            #expect(planned == expected)
            #expect(StepPlanner.describe(planned) == words)
        }
    }

    @Test("a long title or message is cut to 80 characters in the log line")
    func shortened() {
        let title = String(repeating: "a", count: 100)
        let line = StepPlanner.describe(.task(title: title, details: nil, ownerID: "csm_ana", queue: nil, priority: .low, dueAt: nil, slaDueAt: nil))
        #expect(line == "created task “\(String(repeating: "a", count: 79))…” for csm_ana")
    }
}
