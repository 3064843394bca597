import Foundation
import TenureCore
import TenureStore

extension PlaybookEngine {
    /// Largest number of due runs advanced per pass.
    static let stepBatch = 200

    /// Executes the next step of every run that is due, until each waits or ends; returns how many steps ran.
    func executeDueSteps(at now: Date) async throws -> Int {
        var executed = 0
        var versions: [String: Playbook] = [:]
        for run in try await store.dueRuns(at: now, limit: Self.stepBatch) {
            let key = "\(run.playbook)\u{1F}\(run.version)"
            if versions[key] == nil, let stored = try await store.playbook(name: run.playbook, version: run.version) {
                versions[key] = try? PlaybookDocument.parse(stored.source, format: stored.format)
            }
            var current = run
            while current.status == .active, (current.nextStepAt ?? now) <= now {
                guard let advance = try await nextAdvance(of: current, playbook: versions[key], at: now),
                      try await store.advanceRun(advance, at: now) else { break }
                executed += 1
                current.nextStep = advance.nextStep
                current.nextStepAt = advance.nextStepAt
                current.status = advance.status
                current.lastTaskID = advance.lastTaskID
            }
        }
        return executed
    }

    /// What executing `run`'s next step writes; a run whose playbook version is gone or whose account was deleted fails.
    func nextAdvance(of run: PlaybookRun, playbook: Playbook?, at now: Date) async throws -> RunAdvance? {
        guard let playbook else {
            return RunAdvance(runID: run.id, fromStep: run.nextStep, nextStep: run.nextStep, nextStepAt: nil, status: .failed,
                              lastTaskID: run.lastTaskID, reason: "version \(run.version) of \(run.playbook) no longer parses")
        }
        guard run.nextStep < playbook.steps.count else {
            return RunAdvance(runID: run.id, fromStep: run.nextStep, nextStep: run.nextStep, nextStepAt: nil, status: .completed,
                              lastTaskID: run.lastTaskID)
        }
        guard let subject = try await subject(accountID: run.accountID) else {
            return RunAdvance(runID: run.id, fromStep: run.nextStep, nextStep: run.nextStep, nextStepAt: nil, status: .failed,
                              lastTaskID: run.lastTaskID, reason: "the account \(run.accountID) no longer exists")
        }
        let index = run.nextStep
        let taskOpen = try await run.lastTaskID.asyncMap { try await store.task(id: $0)?.status.isOpen ?? false }
        let occurrence = TriggerOccurrence(type: "run", accountID: run.accountID, at: run.startedAt, data: run.triggerData, key: run.triggerKey)
        let context = TemplateContext.make(subject: subject, occurrence: occurrence, playbook: playbook.name, runID: run.id)
        let planned = StepPlanner.plan(playbook.steps[index], subject: subject, context: context, taskOpen: taskOpen,
                                       now: now, dueDate: configuration.deadlines)
        let last = index + 1 == playbook.steps.count
        var advance = RunAdvance(runID: run.id, fromStep: index, nextStep: index + 1, nextStepAt: last ? nil : now,
                                 status: last ? .completed : .active, lastTaskID: run.lastTaskID,
                                 log: [PlaybookRunStep(runID: run.id, index: index, at: now, outcome: StepPlanner.describe(planned))])
        switch planned {
        case let .task(title, details, ownerID, queue, priority, dueAt, slaDueAt):
            let task = SuccessTask(accountID: run.accountID, ownerID: ownerID, queue: queue, title: title, details: details,
                                   priority: priority, dueAt: dueAt, slaDueAt: slaDueAt, createdAt: now,
                                   source: "playbook:\(run.playbook)", playbookRunID: run.id, playbookStep: index)
            advance.tasks = [task]
            advance.lastTaskID = task.id
        case .wait(let until):
            advance.nextStepAt = last ? nil : until
            if last { advance.nextStep = index + 1 }
        case let .notify(channel, text):
            advance.events = [DomainEvent(
                type: .playbookNotification, accountID: run.accountID, occurredAt: now,
                data: ["account_id": .string(run.accountID), "account_name": .string(subject.name), "playbook": .string(run.playbook),
                       "run_id": .string(run.id), "channel": .string(channel.rawValue), "text": .string(text)],
                key: "playbook.notification:\(run.id):\(index)")]
        case let .setOwner(ownerID, _):
            advance.accountChanges = [.owner(accountID: run.accountID, ownerID: ownerID)]
        case .setStage(let stage):
            advance.accountChanges = [.stage(accountID: run.accountID, stage)]
        case .addTag(let tag):
            advance.accountChanges = [.addTag(accountID: run.accountID, tag)]
        case .removeTag(let tag):
            advance.accountChanges = [.removeTag(accountID: run.accountID, tag)]
        case let .setTrait(key, value):
            advance.accountChanges = [.trait(accountID: run.accountID, key: key, value)]
        case .startPlaybook(let name):
            if let other = try await store.playbook(name: name, version: nil), other.active {
                advance.startRuns = [PlaybookRun(
                    playbook: name, version: other.version, accountID: run.accountID, status: .active,
                    triggerKey: "playbook:\(run.playbook):\(run.id)",
                    trace: "fired because step \(index + 1) of \(run.playbook) started it (run \(run.id))", startedAt: now,
                    nextStep: 0, nextStepAt: now)]
            }
        case .skipped:
            break
        }
        return advance
    }
}

extension Optional {
    /// The async counterpart of `map`.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
