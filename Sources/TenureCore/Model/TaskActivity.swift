import Foundation

/// A comment on a task, by a person.
public struct TaskComment: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var taskID: String
    /// The user (or API key) who wrote it.
    public var author: String
    public var body: String
    public var createdAt: Date

    public init(id: String = "tcm_" + RandomHex.make(10), taskID: String, author: String, body: String, createdAt: Date) {
        self.id = id
        self.taskID = taskID
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }
}

extension TaskComment: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(body, "body", maxLength: 10_000)
        try Check.nonEmpty(author, "author", maxLength: 300)
    }
}

/// One line of a task's audit history: who changed what, when.
public struct TaskChange: Hashable, Sendable, Codable {
    public var taskID: String
    public var at: Date
    /// The user, API key or `"playbook:<name>"` / `"escalation"` that made the change.
    public var actor: String
    public var action: Action
    /// What changed, in words (e.g. `"owner csm_ana → csm_ben"`, `"snoozed until 2026-12-03"`).
    public var detail: String

    public init(taskID: String, at: Date, actor: String, action: Action, detail: String = "") {
        self.taskID = taskID
        self.at = at
        self.actor = actor
        self.action = action
        self.detail = detail
    }

    /// The kinds of change a task's history records.
    public enum Action: String, StringEnum, Hashable {
        case created, edited, completed, reopened, snoozed, woke, reassigned, commented, canceled, escalated, overdue
    }
}
