import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// Who a task goes to, as the owner selects carry it: a CSM (`csm:<id>`) or a team queue (`queue:<name>`).
enum TaskOwnerChoice: Sendable, Hashable {
    case csm(String)
    case queue(String)

    /// Reads a select's value; `nil` for anything else.
    init?(formValue: String?) {
        guard let value = formValue else { return nil }
        if value.hasPrefix("csm:"), value.count > 4 {
            self = .csm(String(value.dropFirst(4)))
        } else if value.hasPrefix("queue:"), value.count > 6 {
            self = .queue(String(value.dropFirst(6)))
        } else {
            return nil
        }
    }

    /// The task's owner, else its queue; `nil` when it has neither.
    init?(_ task: SuccessTask) {
        if let owner = task.ownerID { self = .csm(owner) } else if let queue = task.queue { self = .queue(queue) } else { return nil }
    }

    /// The value a select's option carries.
    var formValue: String {
        switch self {
        case .csm(let id): "csm:\(id)"
        case .queue(let name): "queue:\(name)"
        }
    }

    /// The owner and queue a task assigned this way has.
    var assignment: (ownerID: String?, queue: String?) {
        switch self {
        case .csm(let id): (id, nil)
        case .queue(let name): (nil, name)
        }
    }

    /// Reads the `owner` field: a known CSM or a queue name.
    static func read(_ value: String?, csms: [CSM]) throws(ValidationError) -> TaskOwnerChoice {
        guard let choice = TaskOwnerChoice(formValue: value) else { throw ValidationError(field: "owner", "choose a CSM or a queue") }
        switch choice {
        case .csm(let id):
            guard csms.contains(where: { $0.id == id }) else { throw ValidationError(field: "owner", "there is no CSM with the id \(id)") }
        case .queue(let name):
            try Check.maxLength(name, "owner", 100)
        }
        return choice
    }
}

/// What a page needs to draw the task forms: the session's CSRF token, the page an action sends the person back to,
/// and who tasks can go to. Pages have none for people who may not change anything (viewers).
struct TaskForms: Sendable, Hashable {
    var csrf: String
    /// A local path with its query, checked again when a form comes back.
    var returnTo: String
    /// Active CSMs by name.
    var csms: [CSM]
    /// Queues that hold open tasks, by name.
    var queues: [String]

    /// The forms for `user` on the page at `returnTo`, with the CSMs and queues read from the store.
    static func load(store: any Store, user: DashboardUser, returnTo: String, now: Date) async throws -> TaskForms? {
        guard user.role.allows(.member) else { return nil }
        async let csms = store.csms()
        async let queues = queues(in: store, now: now)
        return TaskForms(user: user, returnTo: returnTo, csms: try await csms, queues: try await queues)
    }

    /// The queues that hold open tasks, by name.
    static func queues(in store: any Store, now: Date) async throws -> [String] {
        Array(Set(try await store.taskLoad(at: now, dayEnd: now, weekEnd: now).compactMap(\.queue))).sorted()
    }
}

extension TaskForms {
    /// The forms for `user` on the page at `returnTo`; `nil` unless the user may change tasks (members and admins).
    init?(user: DashboardUser, returnTo: String, csms: [CSM], queues: [String]) {
        guard user.role.allows(.member) else { return nil }
        self.init(csrf: user.csrfToken, returnTo: returnTo, csms: csms.filter(\.active).sorted { ($0.name, $0.id) < ($1.name, $1.id) },
                  queues: queues)
    }
}

/// One of the one-click changes to a task; each is a POST to `/tasks/{id}/<action>` (comments have their own route).
enum TaskAction: String, Sendable, CaseIterable {
    case complete, snooze, reassign, reopen, cancel
}

/// The fields the task action forms post (each action reads its own).
struct TaskActionForm: Decodable, Sendable {
    var returnTo: String?
    var outcome: String?
    var note: String?
    var days: String?
    var owner: String?
    var body: String?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case outcome, note, days, owner, body, reason
        case returnTo = "return_to"
    }

    /// Longest snooze the buttons (and a hand-made form) may ask for, in days.
    static let longestSnooze = 90

    /// The change `action` asks for.
    func update(_ action: TaskAction, csms: [CSM], at now: Date) throws(ValidationError) -> TaskUpdate {
        switch action {
        case .complete:
            let outcome = try Self.outcome(outcome)
            let note = note.trimmedText
            try Check.maxLength(note, "note", 10_000)
            return .complete(outcome: outcome, note: note)
        case .snooze:
            guard let days = days.trimmedText.flatMap(Int.init), (1...Self.longestSnooze).contains(days) else {
                throw ValidationError(field: "days", "must be a whole number of days from 1 to \(Self.longestSnooze)")
            }
            return .snooze(until: now.adding(days: Double(days)))
        case .reassign:
            let assignment = try TaskOwnerChoice.read(owner, csms: csms).assignment
            return .reassign(ownerID: assignment.ownerID, queue: assignment.queue)
        case .reopen:
            return .reopen
        case .cancel:
            let reason = reason.trimmedText
            try Check.maxLength(reason, "reason", 1_000)
            return .cancel(reason: reason)
        }
    }

    /// The comment the form adds to `taskID`.
    func comment(on taskID: String, by author: String, at now: Date) throws(ValidationError) -> TaskComment {
        guard let body = body.trimmedText else { throw ValidationError(field: "body", "is required: write the comment") }
        try Check.maxLength(body, "body", 10_000)
        return TaskComment(taskID: taskID, author: author, body: body, createdAt: now)
    }

    /// The chosen outcome; `nil` for none.
    static func outcome(_ text: String?) throws(ValidationError) -> SuccessTask.Outcome? {
        guard let text = text.trimmedText else { return nil }
        guard let outcome = SuccessTask.Outcome(rawValue: text) else {
            throw ValidationError(field: "outcome", "choose one of \(SuccessTask.Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return outcome
    }

    /// Whole days from 0 to 365 in the field `field`; `fallback` when it is empty.
    static func dueDays(_ text: String?, field: String = "due_days", fallback: Int) throws(ValidationError) -> Int {
        guard let text = text.trimmedText else { return fallback }
        guard let days = Int(text), (0...365).contains(days) else { throw ValidationError(field: field, "must be a whole number of days from 0 to 365") }
        return days
    }
}

/// The new-task form (on My work and on Account 360): values kept as typed, so a refused form comes back as it was.
struct NewTaskForm: Decodable, Sendable, Hashable {
    var title: String?
    /// The account's id, or its exact name.
    var account: String?
    var owner: String?
    var dueDays: String?
    var priority: String?
    var returnTo: String?

    enum CodingKeys: String, CodingKey {
        case title, account, owner, priority
        case dueDays = "due_days"
        case returnTo = "return_to"
    }

    /// Days a new task is due in when the form leaves it empty.
    static let defaultDueDays = 3

    /// The task the form describes for the account `accountID`, created at `now`.
    func task(accountID: String, csms: [CSM], at now: Date) throws(ValidationError) -> SuccessTask {
        guard let title = title.trimmedText else { throw ValidationError(field: "title", "is required: say what needs doing") }
        let assignment = try TaskOwnerChoice.read(owner, csms: csms).assignment
        let days = try TaskActionForm.dueDays(dueDays, fallback: Self.defaultDueDays)
        let priorityText = priority.trimmedText ?? Ticket.Priority.normal.rawValue
        guard let priority = Ticket.Priority(rawValue: priorityText) else {
            throw ValidationError(field: "priority", "choose one of \(Ticket.Priority.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let task = SuccessTask(accountID: accountID, ownerID: assignment.ownerID, queue: assignment.queue, title: title, priority: priority,
                               dueAt: now.adding(days: Double(days)), createdAt: now, source: "manual")
        try task.validate()
        return task
    }

    /// The account the form names: by id, else by its exact name (case-insensitive) when only one account has it.
    func resolveAccount(in store: any Store) async throws -> AccountSummary {
        guard let text = account.trimmedText else { throw ValidationError(field: "account", "is required: name the account") }
        try Check.maxLength(text, "account", 200)
        if let account = try await store.account(id: text) { return account }
        let named = try await store.accounts(AccountQuery(search: text, limit: 20)).items
            .filter { $0.account.name.caseInsensitiveCompare(text) == .orderedSame }
        guard named.count == 1, let account = named.first else {
            throw ValidationError(field: "account", named.isEmpty ? "no account has the id or name “\(text)”"
                                  : "\(named.count) accounts are called “\(text)”: give the account's id")
        }
        return account
    }
}

/// The "Log a touchpoint" form on Account 360, values kept as typed.
struct TouchpointForm: Decodable, Sendable, Hashable {
    var kind: String?
    /// `YYYY-MM-DD`; today when empty.
    var date: String?
    var summary: String?
    var attendees: [String]?
    var nextStep: String?
    /// Present (`on`) when the next step should become a task.
    var createTask: String?
    var dueDays: String?
    var returnTo: String?

    enum CodingKeys: String, CodingKey {
        case kind, date, summary, attendees
        case nextStep = "next_step"
        case createTask = "create_task"
        case dueDays = "due_days"
        case returnTo = "return_to"
    }

    /// The touchpoint with `account` (whose contacts are `contacts`) held by `csmID`, and the task made of its next step
    /// (for `taskOwner`, due in the days the form asks) when the form asks for one.
    func touchpoint(account: Account, contacts: [Contact], csmID: String?, taskOwner: String?,
                    at now: Date) throws(ValidationError) -> (touchpoint: Touchpoint, task: SuccessTask?) {
        guard let kind = Touchpoint.Kind(rawValue: kind.trimmedText ?? "") else {
            throw ValidationError(field: "kind", "choose one of \(Touchpoint.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let today = UTCCalendar.startOfDay(now)
        let day = try date.trimmedText.map { text throws(ValidationError) -> Date in
            guard text.count == 10, let day = JSONCoding.parse(text) else { throw ValidationError(field: "date", "must be a date like 2026-06-15") }
            guard day <= today else { throw ValidationError(field: "date", "must not be in the future") }
            return day
        } ?? today
        guard let summary = summary.trimmedText else { throw ValidationError(field: "summary", "is required: say what was discussed") }
        let attendees = (attendees ?? []).filter { !$0.isEmpty }
        let nextStep = nextStep.trimmedText
        let touchpoint = Touchpoint(accountID: account.id, csmID: csmID, kind: kind, occurredAt: day == today ? now : day,
                                    summary: summary, executiveSponsorPresent: contacts.contains { attendees.contains($0.id) && $0.role == .executiveSponsor },
                                    attendees: attendees, nextStep: nextStep)
        try touchpoint.validate()
        try touchpoint.checkAttendees(among: contacts, of: account.name)
        guard createTask != nil else { return (touchpoint, nil) }
        guard let nextStep else { throw ValidationError(field: "next_step", "is required to create a task from it") }
        let days = try TaskActionForm.dueDays(dueDays, fallback: NewTaskForm.defaultDueDays)
        let task = SuccessTask(accountID: account.id, ownerID: taskOwner, title: String(nextStep.prefix(1_000)), dueAt: now.adding(days: Double(days)),
                               createdAt: now, source: "touchpoint:\(touchpoint.id)")
        try task.validate()
        return (touchpoint, task)
    }
}

/// What the last action did, carried in the query string of the page it redirects to (`done`, `task`).
struct TaskNotice: Sendable, Hashable {
    /// The actions a notice reports.
    enum Action: String, Sendable {
        case complete, snooze, reassign, reopen, cancel, comment, created, touchpoint
    }

    var action: Action
    var taskID: String?

    /// Reads `done` and `task`; `nil` without a known `done`.
    init?(query: [String: String]) {
        guard let action = query["done"].flatMap(Action.init(rawValue:)) else { return nil }
        self.action = action
        taskID = query["task"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
    }

    init(_ action: Action, taskID: String?) {
        self.action = action
        self.taskID = taskID
    }

    /// What happened, in words; `title` is the task's, when it was found.
    func message(title: String?) -> String {
        let task = title.map { "“\($0)”" } ?? taskID ?? "The task"
        switch action {
        case .complete: return "\(task) is done."
        case .snooze: return "\(task) is snoozed."
        case .reassign: return "\(task) is reassigned."
        case .reopen: return "\(task) is open again."
        case .cancel: return "\(task) is canceled."
        case .comment: return "Your comment on \(task) is saved."
        case .created: return "\(task) is created."
        case .touchpoint: return taskID == nil ? "The touchpoint is logged." : "The touchpoint is logged, and its next step is a task: \(task)."
        }
    }

    /// `path` (a local path, any earlier notice removed from its query) with this notice's parameters.
    func location(_ path: String) -> String {
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let kept = parts.count > 1 ? (URLEncodedFormDecoder.form([String: String].self, from: String(parts[1])) ?? [:]) : [:]
        let others = kept.filter { $0.key != "done" && $0.key != "task" }.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) }
        return String(parts[0]) + Layout.query(others + [("done", action.rawValue), ("task", taskID)])
    }
}
