import Foundation

/// The demo playbooks in an account's past: what would have fired them, the engine's decision on each (same evaluator,
/// same holdout), the steps the runs executed and the tasks those created — and the one place a playbook changes what
/// the customer does (``playbookChurnEffect(at:)``).
extension DemoAccountSimulation {
    /// The stand-in for the account's health colour at `instant`, read off the churn signals: the log-odds they add to
    /// the segment's base (falling logins, narrow use, tickets, a detractor, no first value), in tenths — red from 2.4,
    /// yellow from 1.
    func healthColour(at instant: Date) -> HealthColour {
        let risk = ((churnSignals(at: instant).logit - segment.baseChurnLogit) * 10).rounded() / 10
        return risk >= 2.4 ? .red : risk >= 1 ? .yellow : .green
    }

    /// The one place a playbook changes what a customer does: the log-odds a renewal decision at `instant` gains from
    /// each playbook in ``DemoPlaybooks/churnEffects`` that enrolled the account (not held out) in the
    /// ``DemoPlaybooks/effectDays`` before it.
    func playbookChurnEffect(at instant: Date) -> Double {
        DemoPlaybooks.churnEffects.reduce(0) { total, effect in
            let enrolled = playbookHistory.runs.contains { run in
                run.playbook == effect.key && run.status != .heldOut && run.startedAt <= instant
                    && instant < run.startedAt.adding(days: DemoPlaybooks.effectDays)
            }
            return total + (enrolled ? effect.value : 0)
        }
    }

    /// Decides the demo playbooks on what happened in one served week, in time order: its survey answers (the facts'
    /// from `firstSurvey` on), a renewal reaching its 120-day notice, and the health colour's change in the week's last
    /// minute (when the week's signals are all in).
    mutating func runPlaybooks(from weekStart: Date, to weekEnd: Date, surveysFrom firstSurvey: Int) {
        var occurrences = facts.surveyResponses[firstSurvey...].compactMap { TriggerOccurrence(event: FactEvents.surveyResponse($0)) }
        if let notice = renewalNotice(from: weekStart, to: weekEnd) { occurrences.append(notice) }
        if let change = healthChange(at: weekEnd.addingTimeInterval(-60)) { occurrences.append(change) }
        for occurrence in occurrences.sorted(by: { $0.at < $1.at }) where occurrence.at <= asOf && isServing(at: occurrence.at) {
            for playbook in DemoPlaybooks.playbooks where playbook.trigger.matches(occurrence) {
                decide(playbook, on: occurrence)
            }
        }
    }

    /// `renewal.upcoming` as the renewals job writes it (at 06:00) on the day the live subscription's renewal is 120
    /// days away, when that day is in the week.
    private func renewalNotice(from weekStart: Date, to weekEnd: Date) -> TriggerOccurrence? {
        guard let state = subscription, state.status == .active || state.status == .pastDue, state.cancelAt == nil else { return nil }
        let at = UTCCalendar.startOfDay(state.currentPeriodEnd).adding(days: -120).addingTimeInterval(6 * 3_600)
        guard at >= weekStart, at < weekEnd else { return nil }
        return AccountEvents.renewalUpcoming(
            accountID: accountID, subscriptionID: state.id, renewsAt: state.currentPeriodEnd,
            mrr: Self.mrrCalculator.monthlyAmount(of: state, at: at), currency: state.currency.code, at: at
        ).flatMap(TriggerOccurrence.init(event:))
    }

    /// `account.health.changed` (keyed as the health job keys it) when the colour at `instant` differs from the last
    /// week's; none the first time the account is scored.
    private mutating func healthChange(at instant: Date) -> TriggerOccurrence? {
        let colour = healthColour(at: instant)
        defer { lastHealthColour = colour }
        guard let previous = lastHealthColour, previous != colour else { return nil }
        return TriggerOccurrence(
            type: EventType.accountHealthChanged.rawValue, accountID: accountID, at: instant,
            data: ["account_id": .string(accountID), "previous": .object(["colour": .string(previous.rawValue)]),
                   "current": .object(["colour": .string(colour.rawValue)]), "reason": .string("colour")],
            key: "\(EventType.accountHealthChanged.rawValue):\(accountID):\(PlaybookText.day(instant)):\(colour.rawValue)")
    }

    /// The engine's decision on `occurrence` for `playbook`, recorded as a held-out run or a run with its steps.
    private mutating func decide(_ playbook: Playbook, on occurrence: TriggerOccurrence) {
        let earlier = playbookHistory.runs.filter { $0.playbook == playbook.name }
        let subject = playbookSubject(at: occurrence.at)
        let decision = PlaybookEvaluator.decide(
            playbook, occurrence: occurrence, subject: subject, lastStart: earlier.last?.startedAt,
            hasActiveRun: earlier.contains { $0.status != .heldOut && ($0.finishedAt ?? .distantFuture) > occurrence.at },
            heldOut: Holdout.isHeldOut(playbook: playbook.name, accountID: accountID, share: playbook.holdout))
        var run = PlaybookRun(
            id: "run_\(index + 1)_\(playbookHistory.runs.count + 1)", playbook: playbook.name, version: 1, accountID: accountID,
            status: .active, triggerKey: occurrence.key, trace: "", triggerData: occurrence.data, startedAt: occurrence.at,
            nextStepAt: occurrence.at)
        switch decision {
        case .skip:
            return
        case .holdOut(let trace):
            (run.trace, run.status, run.nextStep, run.nextStepAt, run.finishedAt) = (trace, .heldOut, playbook.steps.count, nil, occurrence.at)
        case .enroll(let trace):
            run.trace = trace
            execute(playbook, &run, subject: subject, context: TemplateContext.make(
                subject: subject, occurrence: occurrence, playbook: playbook.name, runID: run.id))
        }
        playbookHistory.runs.append(run)
    }

    /// Executes the run's steps as the engine would, each when it comes due, until the steps end (the run completes) or
    /// the next is due after `asOf` (the run stays active, waiting for it).
    private mutating func execute(_ playbook: Playbook, _ run: inout PlaybookRun, subject: PlaybookSubject, context: [String: JSONValue]) {
        var now = run.startedAt
        while run.nextStep < playbook.steps.count, now <= asOf {
            let lastTask = run.lastTaskID.flatMap { id in facts.tasks.last { $0.id == id } }
            let planned = StepPlanner.plan(
                playbook.steps[run.nextStep], subject: subject, context: context,
                taskOpen: lastTask.map { task in task.completedAt.map { $0 > now } ?? true }, now: now, dueDate: Self.deadlines)
            playbookHistory.steps.append(PlaybookRunStep(runID: run.id, index: run.nextStep, at: now, outcome: StepPlanner.describe(planned)))
            run.finishedAt = now
            switch planned {
            case let .task(title, details, ownerID, queue, priority, dueAt, slaDueAt):
                let task = worked(
                    SuccessTask(accountID: accountID, ownerID: ownerID, queue: queue, title: title, details: details, priority: priority,
                                dueAt: dueAt, slaDueAt: slaDueAt, createdAt: now, source: "playbook:\(playbook.name)",
                                playbookRunID: run.id, playbookStep: run.nextStep))
                facts.tasks.append(task)
                run.lastTaskID = task.id
            case .wait(let until):
                now = until
            default:
                break
            }
            run.nextStep += 1
        }
        if run.nextStep < playbook.steps.count {
            (run.nextStepAt, run.finishedAt) = (now, nil)
        } else {
            (run.status, run.nextStepAt) = (.completed, nil)
        }
    }

    /// The account as the engine's conditions and templates see it at `instant`.
    private func playbookSubject(at instant: Date) -> PlaybookSubject {
        PlaybookSubject(
            accountID: accountID, name: companyName, segment: segment.rawValue, ownerID: ownerID,
            mrr: subscription.map { Self.mrrCalculator.monthlyAmount(of: $0, at: instant) } ?? 0,
            healthColour: healthColour(at: instant), createdAt: signup, renewalAt: subscription?.currentPeriodEnd)
    }

    /// A task's deadlines as the engine sets them with the standard business calendar.
    private static func deadlines(_ step: TaskStep, from now: Date) -> (due: Date?, sla: Date?) {
        let calendar = BusinessCalendar.standard, plain = StepPlanner.calendarDays(step, from: now)
        return (step.dueBusinessDays.map { calendar.adding(businessDays: $0, to: now) } ?? plain.due,
                step.slaBusinessHours.map { calendar.adding(businessHours: $0, to: now) }
                    ?? step.slaBusinessDays.map { calendar.adding(businessDays: $0, to: now) })
    }

    private static let mrrCalculator = MRRCalculator(prices: DemoCatalog.pricesByID)
}

