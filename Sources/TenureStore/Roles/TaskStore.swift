import Foundation
import TenureCore

/// Customer-success tasks: the queue, their comments and audit history, snoozes, overdue marks and escalations.
/// Every change writes its history line (and its outbox events) in the transaction that makes it.
public protocol TaskStore: Sendable {
    /// Stores a new task with its `created` history line and a `task.created` event, in one transaction.
    func createTask(_ task: SuccessTask, actor: String, at now: Date) async throws
    func task(id: String) async throws -> SuccessTask?
    /// Tasks with their accounts' and owners' names, soonest due first.
    func tasks(_ query: TaskQuery) async throws -> Page<TaskRow>
    /// Applies `change` atomically with its history line; `nil` when there is no such task, a `conflict` ``StoreError``
    /// when the task's status does not allow it (completing a canceled task, say), a `ValidationError` (field `until`)
    /// for a snooze that does not end after `now`. A change that changes nothing returns the task and writes no line.
    func updateTask(id: String, _ change: TaskUpdate, actor: String, at now: Date) async throws -> SuccessTask?
    /// `false` when there is no such task.
    func addComment(_ comment: TaskComment) async throws -> Bool
    /// The task's comments, oldest first.
    func comments(taskID: String) async throws -> [TaskComment]
    /// The task's history, oldest first.
    func taskHistory(taskID: String) async throws -> [TaskChange]
    /// Wakes snoozed tasks whose time has come, and marks each open task whose due date or SLA has passed as
    /// overdue once per deadline (a history line by `tenure` and a `task.overdue` event); safe on several nodes at once.
    func sweepTasks(at now: Date) async throws -> TaskSweep
    /// Open tasks that are overdue at `now`, most overdue first, for the escalation rules.
    func overdueTasks(at now: Date, limit: Int) async throws -> [SuccessTask]
    /// Raises the task's escalation tier to `tier` if it is below it, with a history line and `events`, in one
    /// transaction; `false` when the tier was already reached (another node escalated it).
    func escalateTask(id: String, toTier tier: Int, detail: String, events: [DomainEvent], at now: Date) async throws -> Bool
    /// Each owner's (and each queue's) open tasks: overdue, due by `dayEnd`, due by `weekEnd`, and all; owners by name
    /// first, then queues, then the tasks neither owned nor queued.
    func taskLoad(at now: Date, dayEnd: Date, weekEnd: Date) async throws -> [TaskLoad]
}

/// Which tasks to list.
public struct TaskQuery: Sendable, Hashable {
    /// The owner's id, or ``AccountQuery/unowned`` for tasks nobody owns.
    public var ownerID: String?
    public var queue: String?
    public var accountID: String?
    /// Statuses to include; open, in progress and snoozed when empty.
    public var statuses: [SuccessTask.Status]
    /// Only tasks due (or past their SLA) before this instant.
    public var dueBefore: Date?
    /// Only tasks overdue at this instant.
    public var overdueAt: Date?
    public var playbookRunID: String?
    public var limit: Int
    public var offset: Int

    public init(ownerID: String? = nil, queue: String? = nil, accountID: String? = nil, statuses: [SuccessTask.Status] = [],
                dueBefore: Date? = nil, overdueAt: Date? = nil, playbookRunID: String? = nil, limit: Int = 50, offset: Int = 0) {
        self.ownerID = ownerID
        self.queue = queue
        self.accountID = accountID
        self.statuses = statuses
        self.dueBefore = dueBefore
        self.overdueAt = overdueAt
        self.playbookRunID = playbookRunID
        self.limit = limit
        self.offset = offset
    }
}

/// A task with the names people read beside it.
public struct TaskRow: Sendable, Hashable {
    public var task: SuccessTask
    public var accountName: String?
    public var ownerName: String?

    public init(task: SuccessTask, accountName: String?, ownerName: String?) {
        self.task = task
        self.accountName = accountName
        self.ownerName = ownerName
    }
}

/// A change to a task, as a person makes it.
public enum TaskUpdate: Sendable, Hashable {
    case start
    case complete(outcome: SuccessTask.Outcome?, note: String?)
    case reopen
    case snooze(until: Date)
    /// A new owner (or none), a new queue (or none).
    case reassign(ownerID: String?, queue: String?)
    case cancel(reason: String?)
    /// New values for the fields given; `nil` leaves a field as it is.
    case edit(title: String?, details: String?, dueAt: Date?, priority: Ticket.Priority?)
}

/// What one sweep of the task queue did.
public struct TaskSweep: Sendable, Hashable {
    public var woke: Int
    public var overdue: Int

    public init(woke: Int, overdue: Int) {
        self.woke = woke
        self.overdue = overdue
    }
}

/// One owner's (or queue's) open work.
public struct TaskLoad: Sendable, Hashable, Codable {
    /// The owner's id, `nil` for a queue's unowned tasks.
    public var ownerID: String?
    public var ownerName: String?
    public var queue: String?
    /// Open, in-progress and snoozed tasks.
    public var open: Int
    /// Open and in-progress tasks whose deadline (the earlier of due date and SLA) has passed.
    public var overdue: Int
    /// Open and in-progress tasks whose deadline falls from now to the end of the day (the overdue ones not counted).
    public var dueToday: Int
    /// Open and in-progress tasks whose deadline falls from now to the end of the week (today's included).
    public var dueThisWeek: Int

    public init(ownerID: String?, ownerName: String?, queue: String?, open: Int, overdue: Int, dueToday: Int, dueThisWeek: Int) {
        self.ownerID = ownerID
        self.ownerName = ownerName
        self.queue = queue
        self.open = open
        self.overdue = overdue
        self.dueToday = dueToday
        self.dueThisWeek = dueThisWeek
    }
}
