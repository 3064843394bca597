import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure.Playbooks {
    struct DryRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dry-run",
            abstract: "Replay a playbook file over the stored history of the last days, writing nothing: who it would have enrolled, and the load.",
            discussion: """
                The trigger's occurrences are rebuilt from what Tenure keeps (survey answers, payments, cancellations, \
                daily health colours, the outbox, schedules, milestones, usage) and each is decided exactly as a real run \
                would decide it. Conditions are checked against the accounts as they are today; tasks are taken to stay \
                open. Prints the accounts enrolled, held out and skipped (with the commonest reasons), the tasks and \
                notifications it would have created, the tasks per owner per ISO week, and each enrollment with its trace. \
                --format json prints the whole report; csv the enrollments.

                Examples:
                  tenure playbooks dry-run detractors.yaml --days 90
                  tenure playbooks dry-run rescue.yaml --days 180 --format json
                """)

        @Argument(help: "A YAML (or .json) playbook file.")
        var file: String
        @Option(help: "How many days back to replay (1 to 730).")
        var days = 90
        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...730).contains(days) else { throw ArgumentParser.ValidationError("--days must be between 1 and 730") }
        }

        func run() async throws {
            let playbook = try await PlaybookFile(file).playbook()
            let report = try await database.withPlaybookEngine { try await $0.dryRun(playbook, days: days) }
            switch format {
            case .json: print(try ReportFormat.json(report))
            case .csv: print(Self.entries(report, .csv).render(.csv))
            case .table: print(Self.text(report))
            }
        }

        /// The report for people: counts, skip reasons, the load per owner and week, and the enrollments.
        static func text(_ report: PlaybookDryRun) -> String {
            let days = Int((report.to.timeIntervalSince(report.from) / 86_400).rounded())
            var lines = [
                "Dry run of “\(report.playbook)” over \(WorkTime.text(report.from, .table)) → \(WorkTime.text(report.to, .table)) UTC (\(days) days); nothing was written.",
                "Trigger occurrences: \(report.occurrences)",
                "Accounts enrolled: \(report.enrolled), held out: \(report.heldOut), skipped: \(report.skipped)",
            ]
            if !report.skipReasons.isEmpty {
                lines.append("Top skip reasons:")
                lines += report.skipReasons.prefix(5).map { String(format: "  %5d  ", $0.count) + $0.reason }
            }
            lines.append("Would create \(report.tasks) \(report.tasks == 1 ? "task" : "tasks") and \(report.notifications) "
                + (report.notifications == 1 ? "notification." : "notifications."))
            if !report.load.isEmpty {
                lines += ["", "Tasks per owner and ISO week:", load(report).render(.table)]
            }
            if !report.entries.isEmpty {
                lines += ["", "Enrollments:", entries(report, .table).render(.table)]
            }
            return lines.joined(separator: "\n")
        }

        /// Owners down, ISO weeks across, with each owner's total.
        static func load(_ report: PlaybookDryRun) -> TextTable {
            let weeks = Array(Set(report.load.map(\.week))).sorted()
            let owners = Array(Set(report.load.map(\.owner))).sorted()
            let counts = Dictionary(report.load.map { ("\($0.owner)\u{1F}\($0.week)", $0.tasks) }, uniquingKeysWith: +)
            let rows = owners.map { owner in
                let cells = weeks.map { counts["\(owner)\u{1F}\($0)"] ?? 0 }
                return [owner] + cells.map(String.init) + [String(cells.reduce(0, +))]
            }
            return TextTable(columns: ["owner"] + weeks + ["total"], rows: rows)
        }

        static func entries(_ report: PlaybookDryRun, _ format: OutputFormat) -> TextTable {
            TextTable(columns: ["at", "account_id", "account", "held_out", "tasks", "trace"], rows: report.entries.map { entry in
                [WorkTime.text(entry.at, format), entry.accountID, entry.accountName, format == .table ? (entry.heldOut ? "held out" : "") : String(entry.heldOut),
                 entry.tasks.joined(separator: "; "), entry.trace]
            })
        }
    }

    struct Effect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Did the playbook work? Enrolled against held-out accounts: churn, renewal and expansion rates with 95% intervals.",
            discussion: """
                Only runs whose horizon is over count, every enrolled run whether it finished or not (intention to treat). \
                The difference (enrolled − held out) has a 95% interval by Newcombe's hybrid score method; it is called \
                significant only when the interval leaves out zero and each group has at least 10 accounts, and under 30 \
                in either group the report says the sample is small. A playbook needs a `holdout` share to be measured.

                Example:
                  tenure playbooks effect "Detractor follow-up" --horizon-days 90
                """)

        @Argument(help: "The playbook's name.")
        var name: String
        @Option(help: "Days after each start over which outcomes are counted (7 to 730).")
        var horizonDays = 90
        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (7...730).contains(horizonDays) else { throw ArgumentParser.ValidationError("--horizon-days must be between 7 and 730") }
        }

        func run() async throws {
            guard let effect = try await database.withPlaybookEngine({ try await $0.effect(playbook: name, horizonDays: horizonDays) }) else {
                throw CommandFailure("playbook '\(name)' has no runs yet (or there is no such playbook)")
            }
            if format == .json { return print(try ReportFormat.json(effect)) }
            let estimates = [("churn", effect.churn), ("renewal", effect.renewal), ("expansion", effect.expansion)]
            let table = TextTable(
                columns: ["outcome", "enrolled", "held_out", "difference", "low_95", "high_95", "significant"],
                rows: estimates.map { outcome, estimate in
                    [outcome, Self.rate(estimate.treated, format), Self.rate(estimate.control, format), Self.points(estimate.difference, format),
                     Self.points(estimate.low, format), Self.points(estimate.high, format),
                     format == .table ? (estimate.significant ? "significant" : "not significant") : String(estimate.significant)]
                })
            guard format == .table else { return print(table.render(format)) }
            print("""
                “\(effect.playbook)”: outcomes \(effect.horizonDays) days after each start, as of \(WorkTime.text(effect.asOf, .table)) UTC.
                Accounts: \(effect.enrolled) enrolled, \(effect.heldOut) held out; horizon over for \(effect.maturedEnrolled) enrolled and \
                \(effect.maturedHeldOut) held out (only these count).

                \(table.render(.table))
                """)
            let notes = estimates.compactMap { outcome, estimate in estimate.note.map { (outcome, $0) } }
            if !notes.isEmpty { print("") }
            for note in Set(notes.map(\.1)).sorted() {
                print("Note (\(notes.filter { $0.1 == note }.map(\.0).joined(separator: ", "))): \(note).")
            }
            print("""
                Small samples: a difference is called significant only when its 95% interval leaves out zero and each group \
                has at least \(EffectEstimate.minimumForSignificance) accounts; under \(EffectEstimate.minimumForConfidence) in \
                either group, read the rates as a hint, not a result.
                """)
        }

        /// `12.5% (3/24)` in tables, the rate as a fraction otherwise; `n/a (0)` (empty) for an empty group.
        static func rate(_ group: EffectEstimate.Group, _ format: OutputFormat) -> String {
            guard let rate = group.rate else { return format == .table ? "n/a (0)" : "" }
            return format == .table ? "\(ReportFormat.rate(rate, format)) (\(group.events)/\(group.count))" : String(rate)
        }

        /// A difference of rates (or an end of its interval) in percentage points in tables (`-8.3 pts`), as a fraction otherwise.
        static func points(_ value: Double?, _ format: OutputFormat) -> String {
            guard let value else { return "" }
            return format == .table ? String(format: "%+.1f pts", value * 100) : String(value)
        }
    }
}
