import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure.Report {
    /// `tenure report cohorts`: retention tables by first-paid month.
    struct Cohorts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Logo or revenue retention of accounts grouped by the month they first paid.",
            discussion: "Example:\n  tenure report cohorts --from 2025-06 --to 2026-06 --kind revenue --segment smb")

        /// Which retention the table shows.
        enum Kind: String, ExpressibleByArgument, CaseIterable { case logo, revenue }

        @Option(help: "logo (share of accounts still paying) or revenue (MRR ÷ first-month MRR).")
        var kind: Kind = .logo

        @OptionGroup var options: ReportOptions

        func run() async throws {
            let (snapshot, range) = try await options.load()
            guard range.interval == .month else { throw CommandFailure("cohorts are monthly: leave out --interval") }
            let rows = snapshot.ledger.cohorts(range.periods(snapshot.policy.calendar), accounts: snapshot.accounts(matching: options.filters))
            if options.format == .json {
                print(try ReportFormat.json(rows))
                return
            }
            let width = rows.map(\.mrr.count).max() ?? 0
            let table = rows.map { row in
                let values = kind == .logo ? row.logoRetention : row.revenueRetention
                return [row.cohort, String(row.accounts)] + (0..<width).map { index in
                    index < values.count ? ReportFormat.rate(values[index], options.format) : ""
                }
            }
            print(TextTable(columns: ["cohort", "accounts"] + (0..<width).map { "m\($0)" }, rows: table).render(options.format))
        }
    }

    /// `tenure report cs`: customer success figures.
    struct CustomerSuccess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cs",
            abstract: "NPS (with a 95% interval), CSAT, CES, time to first value, adoption, engaged accounts and tickets.",
            discussion: "Example:\n  tenure report cs --from 2026-01 --to 2026-06 --by segment")

        @Option(help: "Break the survey and milestone figures down by segment, plan, industry or csm.")
        var by: Breakdown?

        @OptionGroup var options: ReportOptions

        func run() async throws {
            let (_, _, report) = try await options.load { store, snapshot, range in
                try await TenureEngine.CustomerSuccessReport.load(from: store, snapshot: snapshot, range: range, breakdown: by)
            }
            if options.format == .json {
                print(try ReportFormat.json(report))
                return
            }
            var summary: [[String]] = [Self.row("all", report.nps, report.csat, report.timeToFirstValue, report.adoption, options.format)]
            for (group, figures) in (report.groups ?? [:]).sorted(by: { $0.key < $1.key }) {
                summary.append(Self.row(group, figures.nps, figures.csat, figures.timeToFirstValue, figures.adoption, options.format))
            }
            print(TextTable(columns: [by?.rawValue ?? "group", "nps", "nps_95ci", "nps_answers", "csat", "ttfv_median_days",
                                      "reached_first_value", "adoption"], rows: summary).render(options.format))
            if options.format == .table {
                print("\nCES average: \(report.ces.average.map { String(format: "%.2f", $0) } ?? "n/a") (\(report.ces.responses) answers)\n")
            }
            let activity = report.periods.map { period in
                [period.period, String(period.payingAccounts), String(period.engagedAccounts), String(period.tickets),
                 String(period.ticketsByPriority["urgent"] ?? 0), String(period.ticketsByPriority["high"] ?? 0)]
            }
            print(TextTable(columns: ["period", "paying", "engaged", "tickets", "urgent", "high"], rows: activity).render(options.format))
        }

        static func row(_ name: String, _ nps: NPSSummary, _ csat: ScoreSummary, _ ttfv: TimeToValueSummary?,
                        _ adoption: AdoptionSummary?, _ format: OutputFormat) -> [String] {
            [name, nps.score.map { String(format: "%.1f", $0) } ?? "",
             nps.confidenceInterval.map { String(format: "%.1f…%.1f", $0.lowerBound, $0.upperBound) } ?? "",
             String(nps.responses), ReportFormat.rate(csat.satisfiedShare, format),
             ttfv?.medianDays.map { String(format: "%.0f", $0) } ?? "",
             ttfv.map { $0.accounts > 0 ? ReportFormat.rate(Double($0.reached) / Double($0.accounts), format) : "" } ?? "",
             ReportFormat.rate(adoption?.averageShare, format)]
        }
    }

    /// `tenure report books`: each CSM's book of business.
    struct Books: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each CSM's accounts, MRR, ARR, trailing twelve-month NRR and GRR, and average health.")

        @OptionGroup var options: ReportOptions

        func run() async throws {
            let (snapshot, _, (names, health)) = try await options.load { store, _, _ in
                (Dictionary(try await store.csms().map { ($0.id, $0.name) }) { first, _ in first },
                 try await store.currentHealth(ofAccounts: nil))
            }
            let books = snapshot.books(names: names, health: health)
            if options.format == .json {
                print(try ReportFormat.json(books))
                return
            }
            let currency = snapshot.policy.reportingCurrency
            let rows = books.map { book in
                [book.csmID, book.name ?? "", String(book.accounts), String(book.payingAccounts),
                 ReportFormat.money(book.mrr, currency, options.format), ReportFormat.money(book.arr, currency, options.format),
                 ReportFormat.rate(book.trailing12mNRR, options.format), ReportFormat.rate(book.trailing12mGRR, options.format),
                 book.averageHealth.map { options.format == .table ? String(format: "%.0f", $0) : String($0) } ?? "",
                 String(book.redAccounts)]
            }
            print(TextTable(columns: ["csm", "name", "accounts", "paying", "mrr", "arr", "nrr_12m", "grr_12m", "avg_health", "red"], rows: rows)
                .render(options.format))
        }
    }
}
