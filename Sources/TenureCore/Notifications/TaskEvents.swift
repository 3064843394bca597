import Foundation

/// Events about tasks: created, overdue (once per deadline), escalated (once per tier).
public enum TaskEvents {
    /// `task.created`, once per task.
    public static func created(_ task: SuccessTask, at now: Date) -> DomainEvent {
        DomainEvent(type: .taskCreated, accountID: task.accountID, occurredAt: now, data: data(of: task), key: "task.created:\(task.id)")
    }

    /// `task.overdue`, once per task and deadline (a task given a new due date can fall overdue again).
    public static func overdue(_ task: SuccessTask, at now: Date) -> DomainEvent {
        let deadline = task.deadline.map(JSONCoding.format) ?? "none"
        var data = data(of: task)
        data["sla_due_at"] = task.slaDueAt.map { .string(JSONCoding.format($0)) } ?? .null
        return DomainEvent(type: .taskOverdue, accountID: task.accountID, occurredAt: now, data: data,
                           key: "task.overdue:\(task.id):\(deadline)")
    }

    /// `task.escalated` for the task reaching escalation `tier`, sent to `target` (a manager's id, a named escalation
    /// path) because of `reason`; once per task and tier.
    public static func escalated(_ task: SuccessTask, tier: Int, reason: String, target: String?, at now: Date) -> DomainEvent {
        var data = data(of: task)
        data["tier"] = .number(Double(tier))
        data["reason"] = .string(reason)
        data["target"] = target.map(JSONValue.string) ?? .null
        return DomainEvent(type: .taskEscalated, accountID: task.accountID, occurredAt: now, data: data,
                           key: "task.escalated:\(task.id):\(tier)")
    }

    /// The fields every task event carries.
    private static func data(of task: SuccessTask) -> [String: JSONValue] {
        ["account_id": task.accountID.map(JSONValue.string) ?? .null, "task_id": .string(task.id), "title": .string(task.title),
         "owner_id": task.ownerID.map(JSONValue.string) ?? .null, "queue": task.queue.map(JSONValue.string) ?? .null,
         "due_at": task.dueAt.map { .string(JSONCoding.format($0)) } ?? .null, "priority": .string(task.priority.rawValue),
         "source": .string(task.source)]
    }
}
