import ArgumentParser
import Foundation
import TenureCore
import TenureStore

extension Tenure.Tasks {
    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Complete a task, with what came of it.",
            discussion: """
                Outcomes: resolved, saved (the risk is lower), risk_confirmed, expansion, no_response, not_needed.

                Example:
                  tenure tasks done task_3f9a0c1d2e4b5a6978c1 --outcome saved \\
                      --note "Budget approved; renewing for two years"
                """)

        @Argument(help: "The task's id (task_…).")
        var id: String
        @Option(help: "What came of it: resolved, saved, risk_confirmed, expansion, no_response or not_needed.")
        var outcome: SuccessTask.Outcome?
        @Option(help: "What came of it, in words.")
        var note: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let task = try await database.changeTask(id, .complete(outcome: outcome, note: note))
            print("Completed \(task.id)\(task.outcome.map { " (\($0.rawValue))" } ?? ""): \(task.title)")
        }
    }

    struct Snooze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a task aside until a date; it comes back to the queue then.",
            discussion: """
                Examples:
                  tenure tasks snooze task_3f9a0c1d2e4b5a6978c1 --days 3
                  tenure tasks snooze task_3f9a0c1d2e4b5a6978c1 --until 2026-07-01
                """)

        @Argument(help: "The task's id (task_…).")
        var id: String
        @Option(help: "A date (2026-07-01, midnight UTC) or an ISO 8601 instant.")
        var until: String?
        @Option(help: "Days from now (1 to 365).")
        var days: Int?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (until == nil) != (days == nil) else { throw ArgumentParser.ValidationError("give either --until DATE or --days N") }
            if let days, !(1...365).contains(days) { throw ArgumentParser.ValidationError("--days must be between 1 and 365") }
            if let until, JSONCoding.parse(until) == nil {
                throw ArgumentParser.ValidationError("--until must be a date such as 2026-07-01 or an ISO 8601 instant")
            }
        }

        func run() async throws {
            let wake = until.flatMap(JSONCoding.parse) ?? WallClock.command.now().addingTimeInterval(Double(days ?? 0) * 86_400)
            let task = try await database.changeTask(id, .snooze(until: wake))
            print("Snoozed \(task.id) until \(WorkTime.text(wake, .table)) UTC: \(task.title)")
        }
    }

    struct Reassign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a task to another CSM, or put it in a team queue for anyone there to take.",
            discussion: """
                Examples:
                  tenure tasks reassign task_3f9a0c1d2e4b5a6978c1 --owner csm_ben
                  tenure tasks reassign task_3f9a0c1d2e4b5a6978c1 --queue onboarding
                """)

        @Argument(help: "The task's id (task_…).")
        var id: String
        @Option(help: "The CSM who takes it over.")
        var owner: String?
        @Option(help: "The team queue it waits in, owned by no one.")
        var queue: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (owner == nil) != (queue == nil) else { throw ArgumentParser.ValidationError("give either --owner ID or --queue NAME") }
        }

        func run() async throws {
            let task = try await database.changeTask(id, .reassign(ownerID: owner, queue: queue))
            print("Reassigned \(task.id) to \(TaskOwner.text(task)): \(task.title)")
        }
    }
}

extension DatabaseOptions {
    /// The task `id` after the person at the command line made `change`; fails when there is no such task or its status does not
    /// allow the change (completing a done task, say), in words.
    func changeTask(_ id: String, _ change: TaskUpdate) async throws -> SuccessTask {
        let updated = try await withStore { store in
            try await store.updateTask(id: id, change, actor: CommandActor.current, at: WallClock.command.now())
        }
        guard let updated else { throw CommandFailure("there is no task '\(id)'") }
        return updated
    }
}
