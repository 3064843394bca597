import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure {
    /// `tenure tasks`: the customer-success work queue.
    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work the task queue: list, show, add, complete, snooze, reassign and comment on tasks.",
            discussion: """
                Tasks come from playbook steps, from a touchpoint's next step, or by hand. Each has an owner (a CSM) or \
                waits in a team queue, a due date and maybe an SLA deadline; a task past either is overdue. Every change is \
                kept in the task's history under the name cli:$USER.

                Examples:
                  tenure tasks list --owner csm_ana --overdue
                  tenure tasks show task_3f9a0c1d2e4b5a6978c1
                  tenure tasks done task_3f9a0c1d2e4b5a6978c1 --outcome saved --note "renewing"
                  tenure tasks snooze task_3f9a0c1d2e4b5a6978c1 --days 3
                  tenure tasks add --account acct_0000527 --title "Prepare the QBR" --due-days 5
                """,
            subcommands: [List.self, Show.self, Add.self, Done.self, Snooze.self, Reassign.self, Comment.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List tasks, soonest deadline first (open, in progress and snoozed unless --status says otherwise).",
                discussion: """
                    Examples:
                      tenure tasks list --owner csm_ana --overdue
                      tenure tasks list --queue onboarding --format csv
                      tenure tasks list --account acct_0000527 --status done
                    """)

            @Option(help: "Only tasks this CSM owns (none: tasks nobody owns).")
            var owner: String?
            @Option(help: "Only tasks waiting in this team queue.")
            var queue: String?
            @Option(help: "Only tasks about this account.")
            var account: String?
            @Flag(help: "Only tasks past their due date or SLA.")
            var overdue = false
            @Option(help: "Only tasks in this state: open, in_progress, snoozed, done or canceled (repeat for several).")
            var status: [SuccessTask.Status] = []
            @OptionGroup var paging: NotifyPaging
            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let now = WallClock.command.now()
                let query = TaskQuery(ownerID: owner, queue: queue, accountID: account, statuses: status, overdueAt: overdue ? now : nil,
                                      limit: paging.limit, offset: paging.offset)
                let page = try await database.withStore { try await $0.tasks(query) }
                let rows = page.items.map { row in
                    let task = row.task
                    let late = task.isOverdue(at: now)
                    return [task.id, WorkTime.text(task.dueAt, format), WorkTime.text(task.slaDueAt, format),
                            format == .table ? (late ? "OVERDUE" : "") : String(late), task.status.rawValue, task.priority.rawValue,
                            task.accountID ?? "", row.accountName ?? "", TaskOwner.text(task), task.title]
                }
                print(TextTable(columns: ["id", "due", "sla", "overdue", "status", "priority", "account_id", "account", "owner", "title"],
                                rows: rows).render(format))
                if format == .table, let more = page.remainder { print(more) }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show a task with its comments and its history (who changed what, when).",
                discussion: "Example:\n  tenure tasks show task_3f9a0c1d2e4b5a6978c1")

            @Argument(help: "The task's id (task_…).")
            var id: String
            @Option(help: "Output format: table or json.")
            var format: OutputFormat = .table
            @OptionGroup var database: DatabaseOptions

            /// A task with its comments and history, as `--format json` prints it.
            struct Detail: Encodable {
                var task: SuccessTask
                var accountName: String?
                var comments: [TaskComment]
                var history: [TaskChange]
            }

            func run() async throws {
                let detail = try await database.withStore { store in
                    guard let task = try await store.task(id: id) else { throw CommandFailure("there is no task '\(id)'") }
                    var accountName: String?
                    if let accountID = task.accountID { accountName = try await store.account(id: accountID)?.account.name }
                    return Detail(task: task, accountName: accountName, comments: try await store.comments(taskID: id),
                                  history: try await store.taskHistory(taskID: id))
                }
                if format == .json { return print(try ReportFormat.json(detail)) }
                let task = detail.task
                var lines = [
                    "\(task.id): \(task.title)",
                    "Status: \(task.status.rawValue)" + (task.snoozedUntil.map { " until \(WorkTime.text($0, .table)) UTC" } ?? "")
                        + (task.isOverdue(at: WallClock.command.now()) ? " (overdue)" : "")
                        + (task.outcome.map { "; outcome \($0.rawValue)" } ?? "") + (task.outcomeNote.map { ": “\($0)”" } ?? ""),
                    "Account: " + (task.accountID.map { id in detail.accountName.map { "\($0) (\(id))" } ?? id } ?? "none"),
                    "Owner: \(TaskOwner.text(task))    Priority: \(task.priority.rawValue)",
                    "Due: \(task.dueAt.map { WorkTime.text($0, .table) + " UTC" } ?? "none")    SLA: \(task.slaDueAt.map { WorkTime.text($0, .table) + " UTC" } ?? "none")",
                    "Source: \(task.source)" + (task.playbookRunID.map { " (run \($0), step \((task.playbookStep ?? 0) + 1))" } ?? ""),
                ]
                if task.escalationTier > 0 { lines.append("Escalated: tier \(task.escalationTier)") }
                if let details = task.details { lines += ["", details] }
                lines += ["", detail.comments.isEmpty ? "No comments." : "Comments:"]
                lines += detail.comments.map { "  \(WorkTime.text($0.createdAt, .table))  \($0.author): \($0.body)" }
                lines += ["", "History:"]
                lines += detail.history.map { change in
                    "  \(WorkTime.text(change.at, .table))  \(change.action.rawValue)  by \(change.actor)" + (change.detail.isEmpty ? "" : ": \(change.detail)")
                }
                print(lines.joined(separator: "\n"))
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a task by hand, owned by the account's owner unless --owner says otherwise.",
                discussion: """
                    A task about an account nobody owns, with no --owner, waits in the unassigned queue.

                    Example:
                      tenure tasks add --account acct_0000527 --title "Prepare the QBR" \\
                          --owner csm_ana --due-days 5 --priority high
                    """)

            @Option(help: "The account's id.")
            var account: String
            @Option(help: "What to do.")
            var title: String
            @Option(help: "The CSM who owns it (default: the account's owner).")
            var owner: String?
            @Option(help: "Days from now until it is due (0 to 3650).")
            var dueDays: Int?
            @Option(help: "low, normal, high or urgent.")
            var priority: Ticket.Priority = .normal
            @OptionGroup var database: DatabaseOptions

            func validate() throws {
                if let dueDays, !(0...3_650).contains(dueDays) { throw ArgumentParser.ValidationError("--due-days must be between 0 and 3650") }
            }

            func run() async throws {
                let now = WallClock.command.now()
                let task = try await database.withStore { store in
                    let task = try await TaskOwner.newTask(about: account, owner: owner, title: title, priority: priority, dueDays: dueDays,
                                                           store: store, at: now)
                    try await store.createTask(task, actor: CommandActor.current, at: now)
                    return task
                }
                print("Created task \(task.id) for \(TaskOwner.text(task))\(task.dueAt.map { ", due \(WorkTime.text($0, .table)) UTC" } ?? "").")
            }
        }

        struct Comment: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a comment to a task.",
                discussion: "Example:\n  tenure tasks comment task_3f9a0c1d2e4b5a6978c1 \"Left a voicemail; trying Thursday\"")

            @Argument(help: "The task's id (task_…).")
            var id: String
            @Argument(help: "The comment.")
            var text: String
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let comment = TaskComment(taskID: id, author: CommandActor.current, body: text, createdAt: WallClock.command.now())
                try comment.validate()
                guard try await database.withStore({ try await $0.addComment(comment) }) else {
                    throw CommandFailure("there is no task '\(id)'")
                }
                print("Commented on \(id).")
            }
        }
    }
}

/// Whose a task is, and the owner a new task gets.
enum TaskOwner {
    /// The owner's id, `queue:<name>`, or `unassigned`.
    static func text(_ task: SuccessTask) -> String {
        task.ownerID ?? task.queue.map { "queue:\($0)" } ?? "unassigned"
    }

    /// A new manual task about `accountID` (which must exist), owned by `owner`, else by the account's owner, else waiting in
    /// the unassigned queue; due `dueDays` calendar days from `now`.
    static func newTask(about accountID: String, owner: String?, title: String, priority: Ticket.Priority = .normal, dueDays: Int?,
                        source: String = "manual", store: any Store, at now: Date) async throws -> SuccessTask {
        guard let account = try await store.account(id: accountID)?.account else {
            throw TenureCore.ValidationError(field: "account_id", "there is no account '\(accountID)'")
        }
        let ownerID = owner ?? account.ownerID
        return SuccessTask(accountID: accountID, ownerID: ownerID, queue: ownerID == nil ? StepPlanner.unassignedQueue : nil, title: title,
                           priority: priority, dueAt: dueDays.map { now.addingTimeInterval(Double($0) * 86_400) }, createdAt: now, source: source)
    }
}

/// Who the command line records as making a change: `cli:` and the user's login name (`$USER`), or `cli:cli`.
enum CommandActor {
    static var current: String {
        let user = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli"
        return "cli:\(user)"
    }
}

/// How the work commands print instants: `2026-06-17 12:00` (UTC) in tables, ISO 8601 for machines, empty for none.
enum WorkTime {
    static func text(_ instant: Date?, _ format: OutputFormat) -> String {
        guard let instant else { return "" }
        let iso = JSONCoding.format(instant)
        return format == .table ? "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(5))" : iso
    }
}

extension Page {
    /// `120 in all; --offset 50 for more.` when more items follow this page.
    var remainder: String? {
        total > offset + items.count ? "\(total) in all; --offset \(offset + items.count) for more." : nil
    }
}

extension SuccessTask.Status: ExpressibleByArgument {}
extension SuccessTask.Outcome: ExpressibleByArgument {}
extension Ticket.Priority: ExpressibleByArgument {}
