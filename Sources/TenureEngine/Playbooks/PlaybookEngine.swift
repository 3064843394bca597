import Foundation
import TenureCore
import TenureStore

/// Runs the playbooks: starts runs when triggers fire (events, daily checks, schedules, a person), executes their due
/// steps, sweeps the task queue for snoozes and overdue tasks, and escalates tasks that slip.
///
/// Each pass runs on one node at a time (it is a cluster job), and is idempotent: a run is unique per playbook, account
/// and trigger, and a step is written only by the transaction that moves the run past it.
public struct PlaybookEngine: Sendable {
    public let store: any Store
    public let clock: WallClock
    public let configuration: PlaybookConfiguration
    /// Where the effect report reads revenue from: by default a ledger built from the store now; a server passes its
    /// cached snapshot's, so that a page of effects builds it once.
    let revenue: @Sendable () async throws -> RevenueLedger

    public init(store: any Store, clock: WallClock, configuration: PlaybookConfiguration = PlaybookConfiguration(),
                revenue: (@Sendable () async throws -> RevenueLedger)? = nil) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.revenue = revenue ?? { try await MetricsSnapshot.load(from: store, asOf: clock.now()).ledger }
    }

    /// One pass over everything due; returns what it did.
    @discardableResult
    public func run() async throws -> PlaybookPass {
        let now = Instants.wholeMilliseconds(clock.now())
        let playbooks = try await activePlaybooks()
        var pass = PlaybookPass()
        pass.add(try await startFromEvents(playbooks, at: now))
        pass.add(try await startFromDailyChecks(playbooks, at: now))
        pass.stepsExecuted = try await executeDueSteps(at: now)
        pass.overdue = try await store.sweepTasks(at: now).overdue
        pass.escalated = try await escalateTasks(at: now)
        return pass
    }

    /// The active version of every playbook, parsed; a stored version that no longer parses is left out.
    func activePlaybooks() async throws -> [ActivePlaybook] {
        try await store.activePlaybooks().compactMap { stored in
            (try? PlaybookDocument.parse(stored.source, format: stored.format)).map { ActivePlaybook(stored: stored, playbook: $0) }
        }
    }

    /// The account as conditions and templates see it now; `nil` when there is no such account.
    func subject(accountID: String) async throws -> PlaybookSubject? {
        guard let summary = try await store.account(id: accountID) else { return nil }
        let probability = try await store.churnProbabilities(ofAccounts: [accountID])[accountID]
        let renewal = try await store.subscriptions(ofAccount: accountID)
            .filter { [.active, .trialing, .pastDue].contains($0.status) }.map(\.currentPeriodEnd).min()
        return PlaybookSubject(summary, churnProbability: probability, renewalAt: renewal)
    }
}

/// A playbook's active version with its parsed definition.
struct ActivePlaybook: Sendable {
    var stored: StoredPlaybook
    var playbook: Playbook
}

/// What one engine pass did.
public struct PlaybookPass: Sendable, Hashable, Codable {
    public var started = 0
    public var heldOut = 0
    public var skipped = 0
    public var stepsExecuted = 0
    public var overdue = 0
    public var escalated = 0

    public init() {}

    /// The pass in words, for the job log.
    public var summary: String {
        "runs started \(started), held out \(heldOut), skipped \(skipped); steps executed \(stepsExecuted); tasks overdue \(overdue), escalated \(escalated)"
    }

    mutating func add(_ starts: StartCounts) {
        started += starts.started
        heldOut += starts.heldOut
        skipped += starts.skipped
    }
}

/// Runs started, held out and skipped by one batch of trigger occurrences.
struct StartCounts {
    var started = 0
    var heldOut = 0
    var skipped = 0
}

extension PlaybookSubject {
    /// The subject of a stored account.
    init(_ summary: AccountSummary, churnProbability: Double?, renewalAt: Date?) {
        let account = summary.account
        self.init(accountID: account.id, name: account.name, segment: account.segment, stage: account.lifecycleStage,
                  ownerID: account.ownerID, tags: account.tags, traits: account.traits, mrr: summary.mrr, currency: account.currency,
                  healthScore: summary.health?.score, healthColour: summary.health?.colour, churnProbability: churnProbability,
                  createdAt: account.createdAt, renewalAt: renewalAt)
    }
}
