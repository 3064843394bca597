import Foundation
import TenureCore

/// The rules of a task's life: which change each status allows, and the history line that records it.
extension TaskUpdate {
    /// `task` after this change by `actor` at `now`, with the history line that records it; `nil` when the change leaves
    /// the task as it is (starting a task in progress, reassigning to the same owner, an edit with no new value).
    /// Throws a `conflict` ``StoreError`` when the task's status does not allow the change (start, complete, snooze and
    /// cancel need an open task, reopen a done or canceled one), a `ValidationError` for a value the task cannot take.
    func applied(to task: SuccessTask, by actor: String, at now: Date) throws -> (task: SuccessTask, change: TaskChange)? {
        var updated = task
        let action: TaskChange.Action
        let detail: [String?]
        switch self {
        case .start:
            try Self.require(task, isOpen: true, toBe: "started")
            (updated.status, updated.snoozedUntil) = (.inProgress, nil)
            action = .edited
            detail = ["status \(task.status.rawValue) → \(updated.status.rawValue)"]
        case .complete(let outcome, let note):
            try Self.require(task, isOpen: true, toBe: "completed")
            (updated.status, updated.snoozedUntil, updated.completedAt) = (.done, nil, now)
            (updated.outcome, updated.outcomeNote) = (outcome, note)
            action = .completed
            detail = [outcome.map { "outcome \($0.rawValue)" }, note.map { "note “\($0)”" }]
        case .reopen:
            try Self.require(task, isOpen: false, toBe: "reopened")
            (updated.status, updated.completedAt, updated.outcome, updated.outcomeNote) = (.open, nil, nil, nil)
            action = .reopened
            detail = ["status \(task.status.rawValue) → open"]
        case .snooze(let until):
            try Self.require(task, isOpen: true, toBe: "snoozed")
            guard until > now else { throw ValidationError(field: "until", "must be in the future") }
            (updated.status, updated.snoozedUntil) = (.snoozed, until)
            action = .snoozed
            detail = ["snoozed until \(TaskChange.describe(until))"]
        case .reassign(let ownerID, let queue):
            (updated.ownerID, updated.queue) = (ownerID, queue)
            action = .reassigned
            detail = [Self.change("owner", task.ownerID, ownerID), Self.change("queue", task.queue, queue)]
        case .cancel(let reason):
            try Self.require(task, isOpen: true, toBe: "canceled")
            (updated.status, updated.snoozedUntil) = (.canceled, nil)
            action = .canceled
            detail = [reason]
        case .edit(let title, let details, let dueAt, let priority):
            updated.title = title ?? task.title
            updated.details = details ?? task.details
            updated.dueAt = dueAt ?? task.dueAt
            updated.priority = priority ?? task.priority
            action = .edited
            detail = [Self.change("title", task.title, updated.title, quoted: true),
                      updated.details == task.details ? nil : "details edited",
                      Self.change("due", task.dueAt.map(TaskChange.describe), updated.dueAt.map(TaskChange.describe)),
                      Self.change("priority", task.priority.rawValue, updated.priority.rawValue)]
        }
        guard updated != task else { return nil }
        updated.updatedAt = now
        try updated.validate()
        let line = TaskChange(taskID: task.id, at: now, actor: actor, action: action, detail: detail.compactMap { $0 }.joined(separator: "; "))
        return (updated, line)
    }

    /// Refuses the change unless the task is open (open, in progress or snoozed) — or, for `isOpen: false`, done or canceled.
    private static func require(_ task: SuccessTask, isOpen: Bool, toBe verb: String) throws {
        guard task.status.isOpen == isOpen else {
            throw StoreError(.conflict, "the task is \(task.status.rawValue): it cannot be \(verb)")
        }
    }

    /// `"<field> <old> → <new>"` (`none` for no value), or `nil` when the value did not change.
    private static func change(_ field: String, _ old: String?, _ new: String?, quoted: Bool = false) -> String? {
        guard old != new else { return nil }
        let text = { (value: String?) in value.map { quoted ? "“\($0)”" : $0 } ?? "none" }
        return "\(field) \(text(old)) → \(text(new))"
    }
}

extension TaskChange {
    /// An instant as history lines write it: `2026-12-03 09:00 UTC`.
    static func describe(_ instant: Date) -> String {
        let text = JSONCoding.format(instant)
        return "\(text.prefix(10)) \(text.dropFirst(11).prefix(5)) UTC"
    }
}
