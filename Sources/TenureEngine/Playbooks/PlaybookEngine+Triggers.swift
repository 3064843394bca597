import Foundation
import TenureCore
import TenureStore

extension PlaybookEngine {
    /// Largest number of outbox events read per pass.
    static let eventBatch = 500
    /// How long after an event is written the cursor may pass it. On PostgreSQL an event's number is taken before its
    /// transaction commits, so an event can appear after one with a higher number; events this young are read again
    /// on the next pass (starting a run twice is refused by the store), older ones are settled.
    static let settling: TimeInterval = 120

    /// Starts runs for the outbox events written since the settled cursor, then moves the cursor past the settled ones.
    func startFromEvents(_ playbooks: [ActivePlaybook], at now: Date) async throws -> StartCounts {
        let events = try await store.events(after: try await store.playbookCursor(), limit: Self.eventBatch)
        var counts = StartCounts()
        let listening = playbooks.filter { $0.playbook.trigger.listensToEvents }
        if !listening.isEmpty {
            for event in events {
                guard let occurrence = TriggerOccurrence(event) else { continue }
                for active in listening where active.playbook.trigger.matches(occurrence) {
                    counts.add(try await start(active, for: occurrence, at: now))
                }
            }
        }
        let settled = now.addingTimeInterval(-Self.settling)
        if let last = events.prefix(while: { $0.createdAt <= settled }).last?.seq {
            try await store.advancePlaybookCursor(to: last)
        }
        return counts
    }

    /// Decides on one occurrence for one playbook and, unless skipped, records the run (held out or active, with its
    /// first step due now).
    func start(_ active: ActivePlaybook, for occurrence: TriggerOccurrence, at now: Date) async throws -> StartCounts {
        guard let subject = try await subject(accountID: occurrence.accountID) else { return StartCounts(skipped: 1) }
        let name = active.playbook.name
        let hasActiveRun = try await store.runs(RunQuery(playbook: name, accountID: subject.accountID, status: .active, limit: 1)).total > 0
        let decision = PlaybookEvaluator.decide(
            active.playbook, occurrence: occurrence, subject: subject,
            lastStart: try await store.lastRunStart(playbook: name, accountID: subject.accountID), hasActiveRun: hasActiveRun,
            heldOut: Holdout.isHeldOut(playbook: name, accountID: subject.accountID, share: active.playbook.holdout))
        let run: PlaybookRun
        switch decision {
        case .skip:
            return StartCounts(skipped: 1)
        case .holdOut(let trace):
            run = PlaybookRun(playbook: name, version: active.stored.version, accountID: subject.accountID, status: .heldOut,
                              triggerKey: occurrence.key, trace: trace, triggerData: occurrence.data, startedAt: now,
                              nextStep: active.playbook.steps.count, finishedAt: now)
        case .enroll(let trace):
            run = PlaybookRun(playbook: name, version: active.stored.version, accountID: subject.accountID, status: .active,
                              triggerKey: occurrence.key, trace: trace, triggerData: occurrence.data, startedAt: now, nextStep: 0, nextStepAt: now)
        }
        guard try await store.startRun(run, steps: []) else { return StartCounts(skipped: 1) }
        return run.status == .heldOut ? StartCounts(heldOut: 1) : StartCounts(started: 1)
    }

    /// Starts a playbook for one account by hand; the trace names who started it. `nil` when the playbook has no active
    /// version or no such account; otherwise the run (held-out accounts are started too: a person asked).
    public func startManually(playbook name: String, accountID: String, by person: String) async throws -> PlaybookRun? {
        let now = Instants.wholeMilliseconds(clock.now())
        guard let active = try await activePlaybooks().first(where: { $0.playbook.name == name }),
              let subject = try await subject(accountID: accountID) else { return nil }
        let occurrence = TriggerOccurrence.manual(accountID: accountID, startedBy: person, at: now)
        let check = active.playbook.conditions.evaluate(subject, taskOpen: nil)
        let matched = check.matched.isEmpty ? "no conditions" : "conditions matched: " + check.matched.joined(separator: ", ")
        let trace = "fired because \(occurrence.reason); " + (check.passed ? matched : "conditions not met (\(check.failed ?? "")), started anyway")
        let run = PlaybookRun(playbook: name, version: active.stored.version, accountID: accountID, status: .active,
                              triggerKey: occurrence.key, trace: trace, triggerData: occurrence.data, startedAt: now, nextStep: 0,
                              nextStepAt: now)
        guard try await store.startRun(run, steps: []) else {
            throw StoreError(.conflict, "\(accountID) is already in an active run of \(name)")
        }
        return run
    }
}

extension StartCounts {
    mutating func add(_ other: StartCounts) {
        started += other.started
        heldOut += other.heldOut
        skipped += other.skipped
    }
}

extension TriggerOccurrence {
    /// The occurrence of a stored outbox event about an account; `nil` for events about no account.
    init?(_ event: StoredEvent) {
        guard let accountID = event.accountID else { return nil }
        self.init(type: event.type.rawValue, accountID: accountID, at: event.occurredAt, data: event.data, key: event.key)
    }
}

extension PlaybookTrigger {
    /// Whether outbox events can fire the trigger (event, segment and stage triggers).
    var listensToEvents: Bool {
        switch self {
        case .event, .segmentEntered, .segmentExited, .stageChanged: true
        case .milestoneMissed, .usageDrop, .schedule, .manual: false
        }
    }
}
