import TenureCore

/// Table mappings of playbook versions, their runs and the runs' step logs.
extension Tables {
    static let playbooks = Table<StoredPlaybook>(
        name: "playbooks",
        columns: ["name", "version", "format", "source", "note", "author", "created_at", "active", "activated_at"],
        key: ["name", "version"],
        encode: { playbook in
            [SQLValue(playbook.name), SQLValue(playbook.version), SQLValue(playbook.format), SQLValue(playbook.source),
             SQLValue(playbook.note), SQLValue(playbook.author), SQLValue(playbook.createdAt), SQLValue(playbook.active),
             SQLValue(playbook.activatedAt)]
        },
        decode: { row in
            StoredPlaybook(
                name: try row["name"], version: try row["version"], format: try row["format"], source: try row["source"],
                note: try row["note"], author: try row["author"], createdAt: try row["created_at"], active: try row["active"],
                activatedAt: try row["activated_at"])
        })

    static let playbookRuns = Table<PlaybookRun>(
        name: "playbook_runs",
        columns: ["id", "playbook", "version", "account_id", "status", "trigger_key", "trace", "trigger_data", "started_at", "next_step",
                  "next_step_at", "last_task_id", "finished_at", "reason"],
        key: ["id"],
        encode: { run in
            [SQLValue(run.id), SQLValue(run.playbook), SQLValue(run.version), SQLValue(run.accountID), SQLValue(run.status),
             SQLValue(run.triggerKey), SQLValue(run.trace), .json(run.triggerData), SQLValue(run.startedAt), SQLValue(run.nextStep),
             SQLValue(run.nextStepAt), SQLValue(run.lastTaskID), SQLValue(run.finishedAt), SQLValue(run.reason)]
        },
        decode: { row in
            PlaybookRun(
                id: try row["id"], playbook: try row["playbook"], version: try row["version"], accountID: try row["account_id"],
                status: try row["status"], triggerKey: try row["trigger_key"], trace: try row["trace"],
                triggerData: try row.json("trigger_data"), startedAt: try row["started_at"], nextStep: try row["next_step"],
                nextStepAt: try row["next_step_at"], lastTaskID: try row["last_task_id"], finishedAt: try row["finished_at"],
                reason: try row["reason"])
        })

    /// Append-only, in the order written (`seq`).
    static let playbookRunSteps = Table<PlaybookRunStep>(
        name: "playbook_run_steps", columns: ["run_id", "step_index", "at", "outcome"], key: [],
        encode: { [SQLValue($0.runID), SQLValue($0.index), SQLValue($0.at), SQLValue($0.outcome)] },
        decode: { row in
            PlaybookRunStep(runID: try row["run_id"], index: try row["step_index"], at: try row["at"], outcome: try row["outcome"])
        })
}
