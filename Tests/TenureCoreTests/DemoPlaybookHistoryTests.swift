import Foundation
import Testing
@testable import TenureCore

/// The demo's playbooks and their past: documents that read, runs decided as the engine decides them, a holdout close
/// to each playbook's share, and the rescue's effect applied in one place.
@Suite("Demo playbooks")
struct DemoPlaybookHistoryTests {
    static let generator = DemoGeneratorTests.generator
    static let history = DemoGeneratorTests.batch.playbooks
    static let facts = DemoGeneratorTests.facts

    @Test("the three documents read into the playbooks the demo describes")
    func documentsRead() throws {
        let playbooks = try DemoPlaybooks.documents.map { try Playbook(json: JSONDecoder().decode(JSONValue.self, from: Data($0.utf8))) }
        #expect(playbooks == DemoPlaybooks.playbooks)
        #expect(playbooks.map(\.name) == ["Detractor follow-up", "Red account rescue", "Renewal 120 days out"])
        #expect(playbooks.map(\.holdout) == [0.2, 0.3, 0.1])
        let (detractor, rescue, renewal) = (playbooks[0], playbooks[1], playbooks[2])
        #expect(detractor.trigger == .event(.surveyResponseCreated, where: [
            "kind": .equals(.string("nps")), "score": ValueTest([.init(.lte, .number(6))]),
        ]))
        #expect(detractor.conditions == PlaybookConditions(segment: ["mid_market", "enterprise"], mrr: ValueTest([.init(.gte, .number(150_000))])))
        #expect(detractor.limit == EnrollmentLimit(oncePerAccountDays: 30))
        #expect(detractor.steps.count == 3 && detractor.steps[1] == PlaybookStep(.wait(7 * 86_400)))
        #expect(detractor.steps[2].condition == PlaybookConditions(taskOpen: true))
        #expect(rescue.trigger == .event(.accountHealthChanged, where: ["current.colour": .equals(.string("red"))]))
        #expect(rescue.conditions == PlaybookConditions(segment: ["mid_market", "enterprise"]))
        guard case .task(let call) = rescue.steps[0].action, case .task(let sponsor) = rescue.steps[2].action,
              case .notify(let message) = rescue.steps[3].action else {
            Issue.record("the rescue's steps are not task, wait, task, notify")
            return
        }
        #expect(call.title.text == "Rescue call with {{account.name}}" && call.dueBusinessDays == 1 && call.priority == .high)
        #expect(rescue.steps[1] == PlaybookStep(.wait(3 * 86_400)))
        #expect(sponsor.title.text.hasPrefix("Executive sponsor check-in") && message.channel == .slack)
        #expect(renewal.trigger == .event(.renewalUpcoming, where: ["notice_days": .equals(.number(120))]))
        guard case .task(let prepare) = renewal.steps.first?.action else {
            Issue.record("the renewal playbook does not start with a task")
            return
        }
        #expect(renewal.steps.count == 1 && prepare.title.text == "Prepare renewal for {{account.name}}" && prepare.dueDays == 14)
        let segments = Set(DemoSegment.allCases.map(\.rawValue))
        #expect(playbooks.allSatisfy { Set($0.conditions.segment ?? []).isSubset(of: segments) })
    }

    @Test("the same seed gives the same runs, steps and tasks, whatever the batches; another seed gives others")
    func determinism() {
        let again = DemoGenerator(seed: 42, accountCount: 3_000, asOf: DemoGeneratorTests.asOf)
        var stitched = again.batch(forAccounts: 0..<150)
        stitched.append(contentsOf: again.batch(forAccounts: 150..<300))
        let first = Self.generator.batch(forAccounts: 0..<300)
        #expect(stitched == first)
        let accounts = Set(first.facts.accounts.map(\.id))
        #expect(first.playbooks.runs == Self.history.runs.filter { accounts.contains($0.accountID) })
        #expect(first.playbooks.runs.count > 50)
        let other = DemoGenerator(seed: 43, accountCount: 3_000, asOf: DemoGeneratorTests.asOf).batch(forAccounts: 0..<300)
        #expect(other.playbooks != first.playbooks)
    }

    @Test("each playbook holds out close to its share of the accounts it fired for, each account always on one side")
    func holdouts() {
        for playbook in DemoPlaybooks.playbooks {
            let runs = Self.history.runs.filter { $0.playbook == playbook.name }
            let accounts = Set(runs.map(\.accountID))
            let heldOut = Set(runs.filter { $0.status == .heldOut }.map(\.accountID))
            for run in runs {
                #expect((run.status == .heldOut) == Holdout.isHeldOut(playbook: playbook.name, accountID: run.accountID, share: playbook.holdout))
            }
            #expect(accounts.count > 100, "\(playbook.name) fired for \(accounts.count) accounts")
            // Within three standard deviations of a binomial share (rescue: 31 of 138 accounts held out, 22.5% for 30%).
            let share = Double(heldOut.count) / Double(accounts.count)
            let tolerance = 3 * (playbook.holdout * (1 - playbook.holdout) / Double(accounts.count)).squareRoot()
            #expect(abs(share - playbook.holdout) <= tolerance, "\(playbook.name): \(heldOut.count) of \(accounts.count) held out")
        }
    }

    @Test("every run fits its account: fired by what its trigger names while the account paid, its steps and tasks in order")
    func runsFitTheirAccounts() throws {
        let asOf = DemoGeneratorTests.asOf
        let accounts = Dictionary(uniqueKeysWithValues: Self.facts.accounts.map { ($0.id, $0) })
        let changes = Dictionary(grouping: Self.facts.subscriptionChanges, by: \.state.accountID)
            .mapValues { $0.sorted { $0.effectiveAt < $1.effectiveAt } }
        let responses = Dictionary(uniqueKeysWithValues: Self.facts.surveyResponses.map { ($0.id, $0) })
        let logs = Dictionary(grouping: Self.history.steps, by: \.runID)
        let tasks = Dictionary(grouping: Self.facts.tasks.filter { $0.playbookRunID != nil }) { $0.playbookRunID! }
        let playbooks = Dictionary(uniqueKeysWithValues: DemoPlaybooks.playbooks.map { ($0.name, $0) })
        #expect(Set(Self.history.runs.map(\.status)) == [.heldOut, .completed, .active])
        for run in Self.history.runs {
            let account = try #require(accounts[run.accountID])
            let playbook = try #require(playbooks[run.playbook])
            #expect(run.startedAt >= account.createdAt && run.startedAt <= asOf)
            let state = changes[run.accountID]?.last { $0.effectiveAt <= run.startedAt }?.state
            #expect(state.map { [.active, .pastDue, .trialing].contains($0.status) } == true, "\(run.id) started for an account not paying")
            #expect(playbook.conditions.segment?.contains(account.segment ?? "") ?? true)
            #expect(run.trace.hasPrefix("fired because ") && run.trace.contains("conditions matched: segment="))
            let data = run.triggerData
            switch run.playbook {
            case "Detractor follow-up":
                let response = try #require(data["response_id"]?.stringValue.flatMap { responses[$0] })
                #expect(response.kind == .nps && response.score <= 6 && response.respondedAt == run.startedAt)
            case "Red account rescue":
                #expect(data.value(atPath: "current.colour") == .string("red") && data.value(atPath: "previous.colour") != .string("red"))
            default:
                let renewsAt = try #require(data["renews_at"]?.stringValue.flatMap(JSONCoding.parse))
                #expect(data["notice_days"] == .number(120) && state?.currentPeriodEnd == renewsAt)
                #expect(run.startedAt == UTCCalendar.startOfDay(renewsAt).adding(days: -120).addingTimeInterval(6 * 3_600))
            }
            let log = logs[run.id] ?? []
            guard run.status != .heldOut else {
                #expect(log.isEmpty && tasks[run.id] == nil && run.trace.hasSuffix("held out of the playbook (\(Int(playbook.holdout * 100))% holdout)"))
                continue
            }
            #expect(log.map(\.index) == Array(0..<run.nextStep) && log.first?.at == run.startedAt && log.allSatisfy { $0.at <= asOf })
            if run.status == .completed {
                #expect(run.nextStep == playbook.steps.count && run.finishedAt == log.last?.at && run.nextStepAt == nil)
            } else {
                #expect(run.nextStep < playbook.steps.count && (run.nextStepAt ?? asOf) > asOf && run.finishedAt == nil)
            }
            for task in tasks[run.id] ?? [] {
                let line = try #require(task.playbookStep.map { log[$0] })
                #expect(task.createdAt == line.at && line.outcome.hasPrefix("created task “\(task.title)” for \(account.ownerID ?? "")"))
                #expect(task.ownerID == account.ownerID && task.source == "playbook:\(run.playbook)")
            }
        }
    }

    @Test("a rescue starts when the account's signals turn red")
    func rescuesStartWhenRed() {
        let rescues = Dictionary(grouping: Self.history.runs.filter { $0.playbook == "Red account rescue" }, by: \.accountID)
        for (accountID, runs) in rescues {
            var simulation = DemoAccountSimulation(generator: Self.generator, index: Int(accountID.dropFirst("acct_".count))! - 1)
            _ = simulation.run()
            for run in runs { #expect(simulation.healthColour(at: run.startedAt) == .red, "\(run.id)") }
        }
    }

    @Test("the health colour stands in for red from 2.4 added log-odds: falling logins alone are yellow, with narrow use red")
    func healthColour() {
        var simulation = DemoAccountSimulation(generator: Self.generator, index: 0)
        simulation.logins = [100, 100, 100, 100, 40, 40, 40, 40]
        simulation.reportsPerWeek = [5, 0, 0, 0, 0, 0, 0, 0]
        simulation.breadth = [3, 3, 3, 3, 2, 2, 2, 2]
        let week8 = simulation.signup.adding(days: 7 * 8 - 1)
        // Logins (160 + 1) / (400 + 1) = 0.40 < 0.5: +1.8; first value reached; breadth 2: nothing.
        #expect(simulation.healthColour(at: week8) == .yellow)
        simulation.breadth[7] = 1
        simulation.breadth[6] = 1
        simulation.breadth[5] = 1
        simulation.breadth[4] = 1
        // Breadth at most 1 in the last 4 weeks: +0.6, 2.4 in all.
        #expect(simulation.healthColour(at: week8) == .red)
        simulation.logins = [100, 100, 100, 100, 60, 60, 60, 60]
        // (240 + 1) / 401 = 0.60: the login signal is gone, 0.6 is green.
        #expect(simulation.healthColour(at: week8) == .green)
    }

    @Test("an enrolled rescue adds -3 to churn log-odds for 90 days; a held-out run and the detractor follow-up add nothing")
    func effectInOnePlace() {
        var simulation = DemoAccountSimulation(generator: Self.generator, index: 0)
        let start = UTCCalendar.date(2026, 3, 1)
        func run(_ playbook: String, _ status: PlaybookRun.Status) -> PlaybookRun {
            PlaybookRun(id: "run_\(playbook)", playbook: playbook, version: 1, accountID: simulation.accountID, status: status,
                        triggerKey: playbook, trace: "", startedAt: start)
        }
        simulation.playbookHistory.runs = [run("Detractor follow-up", .completed), run("Red account rescue", .heldOut)]
        #expect(simulation.playbookChurnEffect(at: start.adding(days: 10)) == 0)
        simulation.playbookHistory.runs.append(run("Red account rescue", .completed))
        #expect(simulation.playbookChurnEffect(at: start.adding(days: -1)) == 0)
        #expect(simulation.playbookChurnEffect(at: start) == -3)
        #expect(simulation.playbookChurnEffect(at: start.adding(days: 89.9)) == -3)
        #expect(simulation.playbookChurnEffect(at: start.adding(days: 90)) == 0)
    }

    @Test("the CSMs' tasks from playbook steps and touchpoint next steps: most done with an outcome, each CSM with open ones, some overdue")
    func tasks() {
        let asOf = DemoGeneratorTests.asOf
        let open = Self.facts.tasks.filter(\.status.isOpen)
        let done = Self.facts.tasks.filter { $0.status == .done && $0.source != "manual" }
        #expect(done.count > open.count && done.allSatisfy { $0.outcome != nil && $0.completedAt != nil })
        #expect(open.allSatisfy { $0.outcome == nil && $0.completedAt == nil })
        #expect(open.contains { $0.isOverdue(at: asOf) })
        #expect(open.contains { ($0.dueAt ?? .distantPast) > asOf && ($0.dueAt ?? .distantPast) <= asOf.adding(days: 7) })
        let touchpoints = Dictionary(uniqueKeysWithValues: Self.facts.touchpoints.map { ($0.id, $0) })
        for task in Self.facts.tasks where task.source.hasPrefix("touchpoint:") {
            let touchpoint = touchpoints[String(task.source.dropFirst("touchpoint:".count))]
            #expect(touchpoint?.nextStep == task.title && touchpoint?.occurredAt == task.createdAt && touchpoint?.csmID == task.ownerID)
        }
        for csm in Self.generator.csms {
            #expect(open.contains { $0.ownerID == csm.id }, "\(csm.id) has no open task")
        }
    }
}
