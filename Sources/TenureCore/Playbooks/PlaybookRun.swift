import Foundation

/// One account's enrollment in a playbook: why it started, where it is in the steps, and what each step did.
/// An account held out of the playbook (to measure its effect) gets a run too, with status `heldOut` and no steps.
public struct PlaybookRun: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var playbook: String
    /// The playbook version the run follows.
    public var version: Int
    public var accountID: String
    public var status: Status
    /// What started the run; one run per playbook, account and trigger key (a replayed trigger starts nothing).
    public var triggerKey: String
    /// Why the run fired and which conditions matched, in words.
    public var trace: String
    /// The data of the event that started the run, for the templates of later steps (`{{response.score}}`).
    public var triggerData: [String: JSONValue]
    public var startedAt: Date
    /// The index of the next step to execute (equal to the number of steps once finished).
    public var nextStep: Int
    /// When the next step is due.
    public var nextStepAt: Date?
    /// The last task a step of the run created (what `if: {task_open: true}` looks at).
    public var lastTaskID: String?
    public var finishedAt: Date?
    /// Why the run ended early (failed or canceled).
    public var reason: String?

    public init(id: String = PlaybookRun.newID(), playbook: String, version: Int, accountID: String, status: Status,
                triggerKey: String, trace: String, triggerData: [String: JSONValue] = [:], startedAt: Date, nextStep: Int = 0, nextStepAt: Date? = nil,
                lastTaskID: String? = nil, finishedAt: Date? = nil, reason: String? = nil) {
        self.id = id
        self.playbook = playbook
        self.version = version
        self.accountID = accountID
        self.status = status
        self.triggerKey = triggerKey
        self.trace = trace
        self.triggerData = triggerData
        self.startedAt = startedAt
        self.nextStep = nextStep
        self.nextStepAt = nextStepAt
        self.lastTaskID = lastTaskID
        self.finishedAt = finishedAt
        self.reason = reason
    }

    /// `run_` and 20 random hexadecimal digits.
    public static func newID() -> String { "run_" + RandomHex.make(10) }

    /// Where a run is.
    public enum Status: String, StringEnum, Hashable {
        /// Steps remain; at most one active run per playbook and account.
        case active
        case completed
        /// Eligible, but kept out of the playbook to measure its effect.
        case heldOut = "held_out"
        case canceled
        case failed
    }
}

/// One executed (or skipped) step of a run, for its trace.
public struct PlaybookRunStep: Hashable, Sendable, Codable {
    public var runID: String
    public var index: Int
    public var at: Date
    /// What the step did or why it was skipped, e.g. `"created task task_… for csm_ana, due 2026-12-02"`.
    public var outcome: String

    public init(runID: String, index: Int, at: Date, outcome: String) {
        self.runID = runID
        self.index = index
        self.at = at
        self.outcome = outcome
    }
}
