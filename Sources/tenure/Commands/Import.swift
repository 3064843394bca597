import ArgumentParser
import Foundation
import TenureIngest
import TenureStore

extension Tenure {
    /// `tenure import`: load files.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import data from files.",
            subcommands: [CSV.self])

        struct CSV: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "csv",
                abstract: "Import accounts, subscriptions, events, tickets or survey answers from a CSV file.",
                discussion: """
                    The first row names the columns (any order, case-insensitive). Dates are 2026-05-01 or \
                    2026-05-01T12:00:00Z; money is in minor units (4900 = 49.00). Bad rows are reported with \
                    line, column and reason and left out; good rows go in batches of 1,000, each written whole \
                    or not at all. The file is streamed, so its size does not matter.

                    Columns (required first, then optional):
                      accounts       name | id, domain, stripe_customer_id, segment_group_id, industry,
                                     employee_count, owner_id, lifecycle_stage, segment, currency,
                                     tags (a;b;c), trait.<name>
                      subscriptions  id, account_id, status, price_id, quantity, effective_at (one row per
                                     state: the state from that instant on) | currency, started_at,
                                     current_period_start, current_period_end, trial_start, trial_end,
                                     cancel_at, canceled_at, ended_at, cancellation_reason,
                                     cancellation_feedback, coupon_id, percent_off, amount_off,
                                     discount_duration, discount_duration_in_months, discount_start,
                                     discount_end, price_amount, price_interval, price_interval_count,
                                     pricing_model, product_id, product_name
                      events         event, timestamp | message_id, type (track|page), user_id,
                                     anonymous_id, account_id, group_id, property.<name>
                      tickets        id, account_id, subject, opened_at | priority, status, category, resolved_at
                      surveys        id, account_id, kind (nps|csat|ces), score, responded_at | contact_id, comment

                    Examples:
                      tenure import csv --kind accounts accounts.csv
                      tenure import csv --kind subscriptions history.csv --dry-run
                    """)

            @Option(help: "What the file holds: accounts, subscriptions, events, tickets or surveys.")
            var kind: CSVKind

            @Argument(help: "The CSV file.")
            var file: String

            @Flag(help: "Check every row and report, writing nothing.")
            var dryRun = false

            @Option(help: "Output format of the report: table or json.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func validate() throws {
                guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
                guard format != .csv else { throw ValidationError("--format must be table or json") }
            }

            func run() async throws {
                let progress = ProgressBar(total: 0, label: "bytes")
                let report: CSVImporter.Report
                do {
                    report = try await database.withStore { store in
                        try await CSVImporter(store: store, kind: kind, dryRun: dryRun).run(file: URL(fileURLWithPath: file)) { read, size in
                            progress.total = Int(size)
                            progress.update(Int(read))
                        }
                    }
                } catch let problem as CSVImporter.FileProblem {
                    throw CommandFailure(problem.description)
                }
                if format == .json {
                    print(try ReportFormat.json(report))
                } else {
                    Self.printReport(report)
                }
                if !report.rejected.isEmpty || report.batches.contains(where: { !$0.committed && !report.dryRun }) {
                    throw ExitCode(2)
                }
            }

            static func printReport(_ report: CSVImporter.Report) {
                let verb = report.dryRun ? "Would import" : "Imported"
                print("\(verb) \(report.imported) of \(report.rows) \(report.kind.rawValue) rows; \(report.rejectedCount) rejected.")
                for batch in report.batches {
                    let state = report.dryRun ? "checked" : batch.committed ? "committed" : "NOT committed: \(batch.error ?? "")"
                    print("  lines \(batch.firstLine)–\(batch.lastLine): \(batch.rows) rows \(state)")
                }
                guard !report.rejected.isEmpty else { return }
                print("")
                let shown = report.rejected.prefix(100).map { [String($0.line), $0.column ?? "", $0.reason] }
                print(TextTable(columns: ["line", "column", "reason"], rows: shown).render(.table))
                if report.rejectedCount > 100 {
                    print("… and \(report.rejectedCount - 100) more (--format json lists the first \(CSVImporter.keptProblems)).")
                }
            }
        }
    }
}

extension CSVKind: ExpressibleByArgument {}
