import Foundation
import Synchronization
import Testing
import TenureCore
import TenureEngine
import TenureStore
import TenureTestSupport

/// The playbook engine on both backends, against hand-planted facts: a trigger fires once, steps run when due, the dry
/// run counts what a real run creates, overdue tasks escalate once per tier, two engines at once create each task once,
/// and the effect report counts planted outcomes.
@Suite("Playbook engine")
struct PlaybookEngineTests {
    static let detractor = """
        name: Detractor follow-up
        trigger: {event: survey.response.created, where: {kind: nps, score: {lte: 6}}}
        conditions: {segment: [smb, mid_market], mrr: {gte: 15000}}
        limit: {once_per_account_days: 30}
        steps:
          - task: {title: "Call {{account.name}} about their NPS {{response.score}}", owner: account_owner, due_days: 2, priority: high}
          - wait_days: 7
          - notify: {channel: slack, text: "Detractor follow-up for {{account.name}} still open"}
            if: {task_open: true}
        """

    /// The fixtures' two accounts (a1: smb, MRR 200.00, owner csm_1; a2: mid-market, MRR 112.50, no owner) with NPS
    /// answers yesterday: a1 gave 3, a2 gave 5.
    static func detractorWorld() -> FactBatch {
        var batch = Fixtures.batch()
        batch.surveyResponses += [
            SurveyResponse(id: "s_a1", accountID: "a1", kind: .nps, score: 3, respondedAt: Fixtures.day(-1)),
            SurveyResponse(id: "s_a2", accountID: "a2", kind: .nps, score: 5, respondedAt: Fixtures.day(-1)),
            SurveyResponse(id: "s_csat", accountID: "a1", kind: .csat, score: 1, respondedAt: Fixtures.day(-1)),
        ]
        return batch
    }

    @Test("an NPS answer fires the playbook once: trace, task for the owner, the wait, and the message while the task is open",
          arguments: Backend.allCases)
    func firesOnce(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let clock = MovableClock(Fixtures.now)
            let engine = PlaybookEngine(store: store, clock: clock.clock)
            try await store.write(Self.detractorWorld(), asOf: Fixtures.now)
            _ = try await engine.addPlaybook(source: Self.detractor, format: .yaml, activate: true)

            let pass = try await engine.run()
            #expect(pass.started == 1 && pass.heldOut == 0)
            let runs = try await store.runs(RunQuery(playbook: "Detractor follow-up")).items
            let run = try #require(runs.only)
            #expect(run.accountID == "a1" && run.status == .active && run.nextStep == 2 && run.nextStepAt == Fixtures.day(7))
            #expect(run.trace == "fired because NPS answer 3 on 2026-01-14; conditions matched: segment=smb, MRR 200.00 ≥ 150.00")
            let task = try #require(try await store.tasks(TaskQuery(playbookRunID: run.id)).items.only?.task)
            #expect(task.title == "Call Acme Analytics about their NPS 3")
            #expect(task.ownerID == "csm_1" && task.priority == .high)
            #expect(task.dueAt == Fixtures.day(2) && task.source == "playbook:Detractor follow-up" && task.playbookStep == 0)
            #expect(try await store.taskHistory(taskID: task.id).map(\.action) == [.created])
            #expect(try await store.events(EventQuery(type: .taskCreated)).items.map(\.accountID) == ["a1"])
            #expect(try await store.runSteps(runID: run.id).map(\.index) == [0, 1])

            // Another pass, and a pass after the week: nothing twice; the message goes out because the task is open.
            #expect(try await engine.run().started == 0)
            #expect(try await store.tasks(TaskQuery()).items.filter { $0.task.playbookRunID != nil }.count == 1)
            clock.advance(days: 7)
            #expect(try await engine.run().stepsExecuted == 1)
            let message = try #require(try await store.events(EventQuery(type: .playbookNotification)).items.only)
            #expect(message.data["channel"] == .string("slack"))
            #expect(message.data["text"] == .string("Detractor follow-up for Acme Analytics still open"))
            #expect(try await store.run(id: run.id)?.status == .completed)
        }
    }

    @Test("a step whose if fails is skipped and logged: the task was done before the week was out", arguments: Backend.allCases)
    func skipsWhenDone(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let clock = MovableClock(Fixtures.now)
            let engine = PlaybookEngine(store: store, clock: clock.clock)
            try await store.write(Self.detractorWorld(), asOf: Fixtures.now)
            _ = try await engine.addPlaybook(source: Self.detractor, format: .yaml, activate: true)
            try await engine.run()
            let run = try #require(try await store.runs(RunQuery()).items.only)
            let task = try #require(try await store.task(id: run.lastTaskID ?? ""))
            _ = try await store.updateTask(id: task.id, .complete(outcome: .saved, note: "Called"), actor: "ana", at: Fixtures.day(1))
            clock.advance(days: 7)
            try await engine.run()
            #expect(try await store.events(EventQuery(type: .playbookNotification)).items.isEmpty)
            let last = try #require(try await store.runSteps(runID: run.id).last)
            #expect(last.index == 2 && last.outcome.hasPrefix("skipped"))
            #expect(try await store.run(id: run.id)?.status == .completed)
        }
    }

    @Test("the dry run enrolls and holds out the accounts a real run over the same answers does, with the same traces",
          arguments: Backend.allCases)
    func dryRunEqualsRealRun(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let engine = PlaybookEngine(store: store, clock: .fixed(Fixtures.now))
            var batch = FactBatch()
            batch.csms = [CSM(id: "csm_1", name: "Ada Berg", email: "ada@cs.example.com")]
            for index in 0..<40 {
                batch.accounts.append(Fixtures.account("p\(index)", name: "Prospect \(index)", segment: index % 4 == 0 ? "enterprise" : "smb"))
                batch.surveyResponses.append(SurveyResponse(id: "s\(index)", accountID: "p\(index)", kind: .nps, score: index % 11,
                                                            respondedAt: Fixtures.day(-Double(index % 6) - 0.5)))
            }
            try await store.write(batch, asOf: Fixtures.now)
            let source = """
                name: Smb detractors
                trigger: {event: survey.response.created, where: {score: {lte: 6}}}
                conditions: {segment: smb}
                holdout: 0.3
                steps:
                  - task: {title: "Call {{account.name}}", owner: account_owner, due_days: 1}
                """
            let playbook = try PlaybookDocument.parse(source, format: .yaml)
            let dry = try await engine.dryRun(playbook, days: 7)
            // Scores 0…6 are index % 11 ≤ 6; of those, every fourth account is enterprise.
            let eligible = (0..<40).filter { $0 % 11 <= 6 && $0 % 4 != 0 }
            let heldOut = eligible.filter { Holdout.isHeldOut(playbook: "Smb detractors", accountID: "p\($0)", share: 0.3) }
            #expect(dry.occurrences == (0..<40).filter { $0 % 11 <= 6 }.count)
            #expect(dry.enrolled == eligible.count - heldOut.count && dry.heldOut == heldOut.count && dry.tasks == dry.enrolled)
            #expect(dry.load.map(\.tasks).reduce(0, +) == dry.tasks && Set(dry.load.map(\.owner)) == ["csm_1"])
            #expect(try await store.runs(RunQuery()).total == 0)
            #expect(try await store.tasks(TaskQuery()).total == 0)

            _ = try await engine.addPlaybook(source: source, format: .yaml, activate: true)
            try await engine.run()
            let runs = try await store.runs(RunQuery(limit: 100)).items
            #expect(runs.filter { $0.status != .heldOut }.count == dry.enrolled)
            #expect(Set(runs.filter { $0.status == .heldOut }.map(\.accountID)) == Set(heldOut.map { "p\($0)" }))
            #expect(try await store.tasks(TaskQuery(limit: 100)).total == dry.tasks)
            #expect(Set(runs.map(\.trace)) == Set(dry.entries.map(\.trace)))
        }
    }

    @Test("an overdue task escalates once per tier: to the owner's manager after 24 h, to the lead after 72 h", arguments: Backend.allCases)
    func escalates(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let clock = MovableClock(Fixtures.now)
            let policy = try EscalationPolicy(spec: "24h:manager, 72h:lead; lead lead@cs.example.com")
            let engine = PlaybookEngine(store: store, clock: clock.clock, configuration: PlaybookConfiguration(escalation: policy))
            var batch = Fixtures.batch()
            batch.csms = [CSM(id: "csm_1", name: "Ada Berg", email: "ada@cs.example.com", managerID: "csm_2"),
                          CSM(id: "csm_2", name: "Bea Chu", email: "bea@cs.example.com")]
            batch.tasks = []
            try await store.write(batch, asOf: Fixtures.now)
            let task = SuccessTask(id: "task_late", accountID: "a1", ownerID: "csm_1", title: "Send the proposal",
                                   dueAt: Fixtures.day(-1.25), createdAt: Fixtures.day(-3))
            try await store.createTask(task, actor: "ana", at: Fixtures.day(-3))

            let first = try await engine.run()
            #expect(first.overdue == 1 && first.escalated == 1)
            #expect(try await store.task(id: "task_late")?.escalationTier == 1)
            let escalation = try #require(try await store.taskHistory(taskID: "task_late").last)
            #expect(escalation.action == .escalated && escalation.detail.contains("Bea Chu <bea@cs.example.com>"))
            #expect(escalation.detail.contains("overdue by 30 h"))
            #expect(try await engine.run().escalated == 0)

            clock.advance(days: 2)
            #expect(try await engine.run().escalated == 1)
            #expect(try await store.task(id: "task_late")?.escalationTier == 2)
            #expect(try await store.taskHistory(taskID: "task_late").last?.detail.contains("lead@cs.example.com") == true)
            #expect(try await store.events(EventQuery(type: .taskEscalated)).total == 2)
            #expect(try await store.events(EventQuery(type: .taskOverdue)).total == 1)
        }
    }

    @Test("two engines passing at once over the same events start each run and create each task once", arguments: Backend.allCases)
    func twoEnginesAtOnce(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            var batch = FactBatch()
            batch.csms = [CSM(id: "csm_1", name: "Ada Berg", email: "ada@cs.example.com")]
            for index in 0..<30 {
                batch.accounts.append(Fixtures.account("q\(index)", name: "Quiet \(index)"))
                batch.surveyResponses.append(SurveyResponse(id: "r\(index)", accountID: "q\(index)", kind: .nps, score: 2,
                                                            respondedAt: Fixtures.day(-1)))
            }
            try await store.write(batch, asOf: Fixtures.now)
            let source = """
                name: Everyone
                trigger: {event: survey.response.created}
                steps:
                  - task: {title: "Call {{account.name}}", due_days: 1}
                  - task: {title: "Write to {{account.name}}", due_days: 3}
                """
            let first = PlaybookEngine(store: store, clock: .fixed(Fixtures.now))
            let second = PlaybookEngine(store: store, clock: .fixed(Fixtures.now))
            _ = try await first.addPlaybook(source: source, format: .yaml, activate: true)
            async let one = first.run()
            async let two = second.run()
            let passes = try await [one, two]
            #expect(passes.map(\.started).reduce(0, +) == 30)
            #expect(try await store.runs(RunQuery(limit: 100)).total == 30)
            #expect(try await store.tasks(TaskQuery(limit: 100)).total == 60)
            #expect(try await store.events(EventQuery(type: .taskCreated, limit: 100)).total == 60)
        }
    }

    @Test("the effect report counts planted outcomes: 2 of 20 enrolled churned, 10 of 20 held out", arguments: Backend.allCases)
    func effect(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let engine = PlaybookEngine(store: store, clock: .fixed(Fixtures.now))
            var batch = FactBatch()
            batch.products = [Product(id: "prod_growth", name: "Growth")]
            batch.prices = [Fixtures.growthMonthly]
            var runs: [PlaybookRun] = []
            for index in 0..<40 {
                let id = "e\(index)"
                let treated = index < 20
                let churns = treated ? index < 2 : index < 30
                let expands = treated && (2..<7).contains(index)
                batch.accounts.append(Fixtures.account(id, name: "Effect \(index)", created: -300))
                let live = Subscription(id: "sub_\(id)", accountID: id, status: .active,
                                        items: [SubscriptionItem(id: "si_\(id)", priceID: Fixtures.growthMonthly.id, quantity: 4)],
                                        currency: .usd, startedAt: Fixtures.day(-300), currentPeriodStart: Fixtures.day(-30),
                                        currentPeriodEnd: Fixtures.day(1))
                batch.subscriptionChanges.append(SubscriptionChange(effectiveAt: Fixtures.day(-300), state: live))
                var last = live
                if churns {
                    last.status = .canceled
                    last.canceledAt = Fixtures.day(-80)
                    last.endedAt = Fixtures.day(-80)
                    batch.subscriptionChanges.append(SubscriptionChange(effectiveAt: Fixtures.day(-80), state: last))
                } else if expands {
                    last.items[0].quantity = 6
                    batch.subscriptionChanges.append(SubscriptionChange(effectiveAt: Fixtures.day(-90), state: last))
                }
                batch.subscriptions.append(last)
                runs.append(PlaybookRun(playbook: "Rescue", version: 1, accountID: id, status: treated ? .completed : .heldOut,
                                        triggerKey: "planted:\(id)", trace: "planted", startedAt: Fixtures.day(-120)))
            }
            try await store.write(batch, asOf: Fixtures.now)
            for run in runs { #expect(try await store.startRun(run, steps: [])) }
            // One run too young to count: its 90 days are not over.
            #expect(try await store.startRun(PlaybookRun(playbook: "Rescue", version: 1, accountID: "e39", status: .completed,
                                                         triggerKey: "young", trace: "planted", startedAt: Fixtures.day(-10)), steps: []))

            let effect = try #require(try await engine.effect(playbook: "Rescue"))
            #expect(effect.enrolled == 21 && effect.heldOut == 20 && effect.maturedEnrolled == 20 && effect.maturedHeldOut == 20)
            #expect(effect.churn.treated.count == 20 && effect.churn.treated.events == 2)
            #expect(effect.churn.control.count == 20 && effect.churn.control.events == 10)
            #expect(abs((effect.churn.difference ?? 0) - -0.4) < 1e-12 && effect.churn.significant)
            #expect(effect.expansion.treated.events == 5 && effect.expansion.control.events == 0)
            #expect(effect.churn.note?.contains("too few") == true)
            #expect(try await engine.effect(playbook: "Never ran") == nil)
        }
    }
}

/// A clock tests move forward by hand.
final class MovableClock: Sendable {
    private let instant: Mutex<Date>

    init(_ start: Date) { instant = Mutex(start) }

    var clock: WallClock { WallClock { [self] in instant.withLock { $0 } } }

    func advance(days: Double) { instant.withLock { $0 = $0.adding(days: days) } }
}

extension Array {
    /// The one element of a one-element array; `nil` otherwise.
    var only: Element? { count == 1 ? first : nil }
}
