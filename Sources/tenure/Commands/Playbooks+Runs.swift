import ArgumentParser
import Foundation
import TenureCore
import TenureStore

extension Tenure.Playbooks {
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List playbook runs, newest first, with why each fired.",
            discussion: """
                Statuses: active, completed, held_out (kept out to measure the effect), canceled, failed.

                Examples:
                  tenure playbooks runs "Detractor follow-up" --status active
                  tenure playbooks runs --account acct_0000527 --format csv
                """)

        @Argument(help: "Only runs of this playbook.")
        var name: String?
        @Option(help: "Only runs for this account.")
        var account: String?
        @Option(help: "Only runs in this state: active, completed, held_out, canceled or failed.")
        var status: PlaybookRun.Status?
        @OptionGroup var paging: NotifyPaging
        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let query = RunQuery(playbook: name, accountID: account, status: status, limit: paging.limit, offset: paging.offset)
            let page = try await database.withStore { try await $0.runs(query) }
            let rows = page.items.map { run in
                [run.id, run.playbook, String(run.version), run.accountID, run.status.rawValue, WorkTime.text(run.startedAt, format),
                 run.status == .active ? WorkTime.text(run.nextStepAt, format) : "", run.trace]
            }
            print(TextTable(columns: ["id", "playbook", "version", "account_id", "status", "started_at", "next_step_at", "trace"], rows: rows)
                .render(format))
            if format == .table, let more = page.remainder { print(more) }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one run: why it fired, each step it executed or skipped, and the tasks it created.",
            discussion: "Example:\n  tenure playbooks run run_3f9a0c1d2e4b5a6978c1")

        @Argument(help: "The run's id (run_…).")
        var id: String
        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        /// A run with its step log and tasks, as `--format json` prints it.
        struct Detail: Encodable {
            var run: PlaybookRun
            var steps: [PlaybookRunStep]
            var tasks: [SuccessTask]
        }

        func run() async throws {
            let detail = try await database.withStore { store in
                guard let run = try await store.run(id: id) else { throw CommandFailure("there is no playbook run '\(id)'") }
                let tasks = try await store.tasks(TaskQuery(statuses: SuccessTask.Status.allCases, playbookRunID: id, limit: 500))
                return Detail(run: run, steps: try await store.runSteps(runID: id), tasks: tasks.items.map(\.task))
            }
            if format == .json { return print(try ReportFormat.json(detail)) }
            let run = detail.run
            var lines = [
                "\(run.id): “\(run.playbook)” v\(run.version) for \(run.accountID)",
                "Status: \(run.status.rawValue)" + (run.reason.map { " (\($0))" } ?? "")
                    + "; started \(WorkTime.text(run.startedAt, .table)) UTC"
                    + (run.finishedAt.map { ", finished \(WorkTime.text($0, .table)) UTC" } ?? "")
                    + (run.status == .active ? run.nextStepAt.map { "; step \(run.nextStep + 1) due \(WorkTime.text($0, .table)) UTC" } ?? "" : ""),
                "Trace: \(run.trace)",
            ]
            lines.append("")
            lines.append(run.status == .heldOut ? "No steps: the account was held out to measure the playbook's effect."
                : detail.steps.isEmpty ? "No steps executed yet." : "Steps:")
            lines += detail.steps.map { "  \($0.index + 1). \(WorkTime.text($0.at, .table))  \($0.outcome)" }
            if !detail.tasks.isEmpty {
                lines += ["", "Tasks:"]
                lines += detail.tasks.map { "  \($0.id)  \($0.status.rawValue)  \($0.title)" }
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
