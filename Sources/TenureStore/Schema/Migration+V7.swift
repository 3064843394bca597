extension Migration {
    /// Playbooks, tasks and touchpoints: the task queue's columns (team queue, SLA, snooze, outcome, playbook step,
    /// escalation tier, overdue mark), task comments and history, touchpoint attendees and next steps, CSM managers,
    /// versioned playbooks with at most one active version each, and runs started once per account and trigger
    /// (at most one active per playbook and account) with their step logs.
    static let v7Playbooks = Migration(version: 7, name: "create task activity, playbook and run tables") { dialect in
        let taskColumns = [
            "queue TEXT", "sla_due_at BIGINT", "snoozed_until BIGINT", "updated_at BIGINT NOT NULL DEFAULT 0", "outcome TEXT",
            "outcome_note TEXT", "playbook_run_id TEXT", "playbook_step BIGINT", "escalation_tier BIGINT NOT NULL DEFAULT 0",
            "overdue_marked_at BIGINT",
        ]
        return taskColumns.map { "ALTER TABLE tasks ADD COLUMN \($0)" } + [
            "UPDATE tasks SET updated_at = created_at",
            "DROP INDEX tasks_owner",
            "CREATE INDEX tasks_queue ON tasks (owner_id, status, due_at)",
            "CREATE INDEX tasks_by_run ON tasks (playbook_run_id)",
            "CREATE INDEX tasks_snoozed ON tasks (status, snoozed_until)",
            """
            CREATE TABLE task_comments (
                seq \(dialect.serialPrimaryKey), id TEXT NOT NULL UNIQUE, task_id TEXT NOT NULL, author TEXT NOT NULL, body TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX task_comments_by_task ON task_comments (task_id, created_at)",
            """
            CREATE TABLE task_history (
                seq \(dialect.serialPrimaryKey), task_id TEXT NOT NULL, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX task_history_by_task ON task_history (task_id, seq)",
            "ALTER TABLE touchpoints ADD COLUMN attendees TEXT NOT NULL DEFAULT '[]'",
            "ALTER TABLE touchpoints ADD COLUMN next_step TEXT",
            "CREATE INDEX touchpoints_by_time ON touchpoints (occurred_at)",
            "ALTER TABLE csms ADD COLUMN manager_id TEXT",
            """
            CREATE TABLE playbooks (
                name TEXT NOT NULL, version BIGINT NOT NULL, format TEXT NOT NULL, source TEXT NOT NULL, note TEXT, author TEXT,
                created_at BIGINT NOT NULL, active INTEGER NOT NULL DEFAULT 0, activated_at BIGINT, PRIMARY KEY (name, version)
            )
            """,
            "CREATE UNIQUE INDEX playbooks_one_active ON playbooks (name) WHERE active = 1",
            """
            CREATE TABLE playbook_runs (
                id TEXT PRIMARY KEY, playbook TEXT NOT NULL, version BIGINT NOT NULL, account_id TEXT NOT NULL, status TEXT NOT NULL,
                trigger_key TEXT NOT NULL, trace TEXT NOT NULL, trigger_data TEXT NOT NULL DEFAULT '{}', started_at BIGINT NOT NULL,
                next_step BIGINT NOT NULL DEFAULT 0, next_step_at BIGINT, last_task_id TEXT, finished_at BIGINT, reason TEXT,
                UNIQUE (playbook, account_id, trigger_key)
            )
            """,
            "CREATE UNIQUE INDEX playbook_runs_one_active ON playbook_runs (playbook, account_id) WHERE status = 'active'",
            "CREATE INDEX playbook_runs_due ON playbook_runs (status, next_step_at)",
            "CREATE INDEX playbook_runs_by_account ON playbook_runs (account_id, started_at)",
            "CREATE INDEX playbook_runs_by_start ON playbook_runs (started_at)",
            """
            CREATE TABLE playbook_run_steps (
                seq \(dialect.serialPrimaryKey), run_id TEXT NOT NULL, step_index BIGINT NOT NULL, at BIGINT NOT NULL, outcome TEXT NOT NULL
            )
            """,
            "CREATE INDEX playbook_run_steps_by_run ON playbook_run_steps (run_id, seq)",
        ]
    }
}
