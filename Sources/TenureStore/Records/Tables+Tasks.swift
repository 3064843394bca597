import TenureCore

/// Table mappings of customer-success tasks, their comments and their audit history.
extension Tables {
    static let tasks = Table<SuccessTask>(
        name: "tasks",
        columns: ["id", "account_id", "owner_id", "queue", "title", "details", "status", "priority", "due_at", "sla_due_at",
                  "snoozed_until", "created_at", "updated_at", "completed_at", "outcome", "outcome_note", "source", "playbook_run_id",
                  "playbook_step", "escalation_tier"],
        key: ["id"],
        encode: { task in
            [SQLValue(task.id), SQLValue(task.accountID), SQLValue(task.ownerID), SQLValue(task.queue), SQLValue(task.title),
             SQLValue(task.details), SQLValue(task.status), SQLValue(task.priority), SQLValue(task.dueAt), SQLValue(task.slaDueAt),
             SQLValue(task.snoozedUntil), SQLValue(task.createdAt), SQLValue(task.updatedAt), SQLValue(task.completedAt),
             SQLValue(task.outcome), SQLValue(task.outcomeNote), SQLValue(task.source), SQLValue(task.playbookRunID),
             SQLValue(task.playbookStep), SQLValue(task.escalationTier)]
        },
        decode: { row in
            SuccessTask(
                id: try row["id"], accountID: try row["account_id"], ownerID: try row["owner_id"], queue: try row["queue"],
                title: try row["title"], details: try row["details"], status: try row["status"], priority: try row["priority"],
                dueAt: try row["due_at"], slaDueAt: try row["sla_due_at"], snoozedUntil: try row["snoozed_until"],
                createdAt: try row["created_at"], updatedAt: try row["updated_at"], completedAt: try row["completed_at"],
                outcome: try row["outcome"], outcomeNote: try row["outcome_note"], source: try row["source"],
                playbookRunID: try row["playbook_run_id"], playbookStep: try row["playbook_step"],
                escalationTier: try row["escalation_tier"])
        })

    static let taskComments = Table<TaskComment>(
        name: "task_comments", columns: ["id", "task_id", "author", "body", "created_at"], key: ["id"],
        encode: { [SQLValue($0.id), SQLValue($0.taskID), SQLValue($0.author), SQLValue($0.body), SQLValue($0.createdAt)] },
        decode: { row in
            TaskComment(id: try row["id"], taskID: try row["task_id"], author: try row["author"], body: try row["body"],
                        createdAt: try row["created_at"])
        })

    /// Append-only, in the order written (`seq`).
    static let taskHistory = Table<TaskChange>(
        name: "task_history", columns: ["task_id", "at", "actor", "action", "detail"], key: [],
        encode: { [SQLValue($0.taskID), SQLValue($0.at), SQLValue($0.actor), SQLValue($0.action), SQLValue($0.detail)] },
        decode: { row in
            TaskChange(taskID: try row["task_id"], at: try row["at"], actor: try row["actor"], action: try row["action"],
                       detail: try row["detail"])
        })
}
