import Foundation
import TenureCore

/// Playbook definitions (versioned, one active version per playbook) and their runs: started once per account and
/// trigger, advanced one step at a time, each step's tasks, events and account changes written with the step.
public protocol PlaybookStore: Sendable {
    /// Stores `playbook` as the next version of its name (its `version` is ignored), active if `activate`; of two
    /// versions of one name added at the same moment, the second fails with a `conflict` ``StoreError``.
    func addPlaybook(_ playbook: StoredPlaybook, activate: Bool) async throws -> StoredPlaybook
    /// Every version of the playbook `name`, oldest first (empty when there is none).
    func playbookVersions(name: String) async throws -> [StoredPlaybook]
    /// The version of `name`; its active version (or latest, when none is active) when `version` is `nil`.
    func playbook(name: String, version: Int?) async throws -> StoredPlaybook?
    /// One line per playbook: its latest and active versions and its runs by status.
    func playbooks() async throws -> [PlaybookSummary]
    /// The active version of every playbook that has one.
    func activePlaybooks() async throws -> [StoredPlaybook]
    /// Makes `version` the playbook's active one; `false` when there is no such version.
    func activatePlaybook(name: String, version: Int, at now: Date) async throws -> Bool
    /// Leaves the playbook without an active version (its active runs go on); `false` when it had none.
    func deactivatePlaybook(name: String, at now: Date) async throws -> Bool

    /// Starts `run` with its first step log lines; `false` (nothing written) when the playbook already has a run for
    /// the account and trigger key, or an active run for the account. Safe on several nodes at once.
    func startRun(_ run: PlaybookRun, steps: [PlaybookRunStep]) async throws -> Bool
    /// When the playbook's latest run (of any status, held out included) for the account started.
    func lastRunStart(playbook: String, accountID: String) async throws -> Date?
    func run(id: String) async throws -> PlaybookRun?
    /// Runs, newest first.
    func runs(_ query: RunQuery) async throws -> Page<PlaybookRun>
    /// The run's step log, oldest first.
    func runSteps(runID: String) async throws -> [PlaybookRunStep]
    /// Active runs whose next step is due at `now` (or has no time, meaning at once), earliest first.
    func dueRuns(at now: Date, limit: Int) async throws -> [PlaybookRun]
    /// Executes one step: writes its tasks (with history and `task.created` events), events, account changes and log
    /// lines, runs it starts, and moves the run on — only if the run is still active at `advance.fromStep`;
    /// `false` (nothing written) otherwise, so a step is executed once across nodes.
    func advanceRun(_ advance: RunAdvance, at now: Date) async throws -> Bool
    /// Cancels an active run; `false` when it is not active.
    func cancelRun(id: String, reason: String, at now: Date) async throws -> Bool

    /// The last outbox sequence number the playbook engine has evaluated triggers for (0 at first).
    func playbookCursor() async throws -> Int64
    /// Moves the cursor forward to `seq` (never back).
    func advancePlaybookCursor(to seq: Int64) async throws
    /// Outbox events after `seq`, oldest first, with their payloads.
    func events(after seq: Int64, limit: Int) async throws -> [StoredEvent]
}

/// One version of a playbook, kept exactly as written.
public struct StoredPlaybook: Sendable, Hashable, Codable {
    public var name: String
    public var version: Int
    public var format: DefinitionFormat
    /// The document as it was written (comments and all).
    public var source: String
    public var note: String?
    /// Who added it (a user's email, an API key's name, `demo`).
    public var author: String?
    public var createdAt: Date
    public var active: Bool
    public var activatedAt: Date?

    public init(name: String, version: Int = 0, format: DefinitionFormat, source: String, note: String? = nil, author: String? = nil,
                createdAt: Date, active: Bool = false, activatedAt: Date? = nil) {
        self.name = name
        self.version = version
        self.format = format
        self.source = source
        self.note = note
        self.author = author
        self.createdAt = createdAt
        self.active = active
        self.activatedAt = activatedAt
    }
}

/// A playbook at a glance.
public struct PlaybookSummary: Sendable, Hashable {
    public var name: String
    public var latestVersion: Int
    public var activeVersion: Int?
    /// Runs by status.
    public var runs: [PlaybookRun.Status: Int]

    public init(name: String, latestVersion: Int, activeVersion: Int?, runs: [PlaybookRun.Status: Int]) {
        self.name = name
        self.latestVersion = latestVersion
        self.activeVersion = activeVersion
        self.runs = runs
    }
}

/// Which runs to list.
public struct RunQuery: Sendable, Hashable {
    public var playbook: String?
    public var accountID: String?
    public var status: PlaybookRun.Status?
    /// Runs started at or after this instant.
    public var since: Date?
    public var limit: Int
    public var offset: Int

    public init(playbook: String? = nil, accountID: String? = nil, status: PlaybookRun.Status? = nil, since: Date? = nil,
                limit: Int = 50, offset: Int = 0) {
        self.playbook = playbook
        self.accountID = accountID
        self.status = status
        self.since = since
        self.limit = limit
        self.offset = offset
    }
}

/// Everything one executed step writes, in one transaction.
public struct RunAdvance: Sendable, Hashable {
    public var runID: String
    /// The step the run must still be at.
    public var fromStep: Int
    public var nextStep: Int
    public var nextStepAt: Date?
    /// `active` while steps remain, `completed` (or `failed`) at the end.
    public var status: PlaybookRun.Status
    public var lastTaskID: String?
    public var reason: String?
    public var tasks: [SuccessTask]
    public var events: [DomainEvent]
    public var accountChanges: [AccountChange]
    public var log: [PlaybookRunStep]
    /// Runs of other playbooks the step starts (each skipped as ``PlaybookStore/startRun(_:steps:)`` would).
    public var startRuns: [PlaybookRun]

    public init(runID: String, fromStep: Int, nextStep: Int, nextStepAt: Date?, status: PlaybookRun.Status, lastTaskID: String? = nil,
                reason: String? = nil, tasks: [SuccessTask] = [], events: [DomainEvent] = [], accountChanges: [AccountChange] = [],
                log: [PlaybookRunStep] = [], startRuns: [PlaybookRun] = []) {
        self.runID = runID
        self.fromStep = fromStep
        self.nextStep = nextStep
        self.nextStepAt = nextStepAt
        self.status = status
        self.lastTaskID = lastTaskID
        self.reason = reason
        self.tasks = tasks
        self.events = events
        self.accountChanges = accountChanges
        self.log = log
        self.startRuns = startRuns
    }
}

/// A change a playbook step makes to an account.
public enum AccountChange: Sendable, Hashable {
    case owner(accountID: String, ownerID: String?)
    case stage(accountID: String, LifecycleStage)
    case addTag(accountID: String, String)
    case removeTag(accountID: String, String)
    case trait(accountID: String, key: String, JSONValue)
}
