import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// A task as the API shows it: every field of ``SuccessTask``, the names of its account and owner, whether it is
/// overdue now, and on the detail route its comments and history, oldest first.
struct TaskResource: ResponseEncodable {
    var task: SuccessTask
    var accountName: String?
    var ownerName: String?
    var overdue: Bool
    var comments: [TaskComment]?
    var history: [TaskChange]?

    init(_ row: TaskRow, at now: Date, comments: [TaskComment]? = nil, history: [TaskChange]? = nil) {
        task = row.task
        accountName = row.accountName
        ownerName = row.ownerName
        overdue = row.task.isOverdue(at: now)
        self.comments = comments
        self.history = history
    }

    private enum ExtraKeys: String, CodingKey { case accountName, ownerName, overdue, comments, history }

    func encode(to encoder: any Encoder) throws {
        try task.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encodeIfPresent(accountName, forKey: .accountName)
        try container.encodeIfPresent(ownerName, forKey: .ownerName)
        try container.encode(overdue, forKey: .overdue)
        try container.encodeIfPresent(comments, forKey: .comments)
        try container.encodeIfPresent(history, forKey: .history)
    }
}

extension TaskRow {
    /// `task` with the names of its account and owner, read from `store`.
    static func named(_ task: SuccessTask, in store: any Store) async throws -> TaskRow {
        var accountName: String?
        if let accountID = task.accountID { accountName = try await store.account(id: accountID)?.account.name }
        let ownerName = task.ownerID == nil ? nil : try await store.csms().first { $0.id == task.ownerID }?.name
        return TaskRow(task: task, accountName: accountName, ownerName: ownerName)
    }
}

/// Each owner's (and each unowned queue's) open tasks, counted at `as_of` against the end of the UTC day and week.
struct TaskLoadResource: ResponseEncodable {
    var asOf: Date
    var dayEnd: Date
    var weekEnd: Date
    var data: [TaskLoad]
}

/// `POST /api/v1/tasks`: a task made by hand. Its owner is `owner_id` or `queue` (the account's owner when neither is
/// given); its due date `due_at` or `due_days` calendar days from now; its SLA `sla_business_hours` or
/// `sla_business_days` counted in the configured business calendar.
struct TaskDraft: Decodable {
    var accountID: String
    var title: String
    var details: String?
    var ownerID: String?
    var queue: String?
    var dueAt: Date?
    var dueDays: Int?
    var priority: Ticket.Priority?
    var slaBusinessHours: Int?
    var slaBusinessDays: Int?

    /// The task this draft makes at `now`, owned by `accountOwner` when it names neither an owner nor a queue.
    func task(accountOwner: String?, calendar: BusinessCalendar, at now: Date) throws -> SuccessTask {
        try BodyRules.nonBlank(ownerID, "owner_id")
        try BodyRules.nonBlank(queue, "queue")
        try BodyRules.oneOf(ownerID, "owner_id", queue, "queue")
        try BodyRules.oneOf(dueAt, "due_at", dueDays, "due_days")
        try BodyRules.oneOf(slaBusinessHours, "sla_business_hours", slaBusinessDays, "sla_business_days")
        try Check.range(dueDays, "due_days", 0...3_650)
        try Check.range(slaBusinessHours, "sla_business_hours", 1...10_000)
        try Check.range(slaBusinessDays, "sla_business_days", 1...3_650)
        let owner = ownerID ?? (queue == nil ? accountOwner : nil)
        let sla = slaBusinessHours.map { calendar.adding(businessHours: $0, to: now) }
            ?? slaBusinessDays.map { calendar.adding(businessDays: $0, to: now) }
        return SuccessTask(accountID: accountID, ownerID: owner, queue: owner == nil ? queue ?? StepPlanner.unassignedQueue : nil,
                           title: title, details: details, priority: priority ?? .normal,
                           dueAt: dueAt ?? dueDays.map { now.adding(days: Double($0)) }, slaDueAt: sla, createdAt: now)
    }
}

/// `PATCH /api/v1/tasks/{id}`: new values for the fields given.
struct TaskEdit: Decodable {
    var title: String?
    var details: String?
    var dueAt: Date?
    var priority: Ticket.Priority?
}

/// `POST …/complete`: what came of the task.
struct TaskCompletion: Decodable {
    var outcome: SuccessTask.Outcome?
    var note: String?
}

/// `POST …/snooze`: until an instant, or for a number of days.
struct TaskSnooze: Decodable {
    var until: Date?
    var days: Int?

    /// The instant the task comes back at, from `now`.
    func until(from now: Date) throws -> Date {
        try BodyRules.oneOf(until, "until", days, "days")
        try Check.range(days, "days", 1...365)
        guard let instant = until ?? days.map({ now.adding(days: Double($0)) }) else {
            throw ValidationError(field: "until", "is required (or give days)")
        }
        return instant
    }
}

/// `POST …/reassign`: a CSM or a team queue.
struct TaskReassignment: Decodable {
    var ownerID: String?
    var queue: String?
}

/// `POST …/cancel` and `POST /api/v1/playbook-runs/{id}/cancel`: why.
struct Cancellation: Decodable {
    var reason: String?
}

/// `POST …/comments`.
struct CommentDraft: Decodable {
    var body: String
}

/// Rules on request bodies beyond what one model checks, refused as ``ValidationError``s naming the field.
enum BodyRules {
    /// Refuses two fields of which a request may give only one, naming the second.
    static func oneOf(_ first: (some Any)?, _ firstName: String, _ second: (some Any)?, _ secondName: String) throws(ValidationError) {
        if first != nil && second != nil { throw ValidationError(field: secondName, "cannot be given with \(firstName); choose one") }
    }

    /// Refuses a given text that is empty or blank (an owner or queue named by nothing).
    static func nonBlank(_ value: String?, _ field: String) throws(ValidationError) {
        if let value, value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError(field: field, "must not be empty") }
    }
}
