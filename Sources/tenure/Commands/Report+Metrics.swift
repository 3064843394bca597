import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure.Report {
    /// `tenure report metrics`: the revenue figures per period.
    struct Metrics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "MRR, its movements, customers, churn and retention rates, per month or day.",
            discussion: """
                Examples:
                  tenure report metrics --from 2026-01 --to 2026-06
                  tenure report metrics --by segment --format csv > by-segment.csv
                  tenure report metrics --interval day --from 2026-06-01 --to 2026-06-30 --plan Growth
                """)

        @Option(help: "Break every figure down by segment, plan, industry or csm.")
        var by: Breakdown?

        @OptionGroup var options: ReportOptions

        func run() async throws {
            let (snapshot, range) = try await options.load()
            let report = snapshot.revenueReport(range, breakdown: by, filter: snapshot.accounts(matching: options.filters))
            if options.format == .json {
                print(try ReportFormat.json(report))
                return
            }
            var rows: [[String]] = []
            let groups: [(String, [RevenueFigures])] = report.groups.map { $0.sorted { $0.key < $1.key } } ?? [("", report.periods)]
            for (group, periods) in groups {
                for figures in periods {
                    rows.append(Self.row(figures, group: group, currency: report.currency, format: options.format, grouped: by != nil))
                }
            }
            var columns = ["period", "mrr_start", "new", "expansion", "reactivation", "contraction", "churn", "mrr_end",
                           "reconciles", "customers", "arpa", "logo_churn", "gross_mrr_churn", "net_mrr_churn", "nrr", "grr",
                           "quick_ratio", "nrr_12m", "ltv"]
            if by != nil { columns.insert(by!.rawValue, at: 0) }
            print(TextTable(columns: columns, rows: rows).render(options.format))
            if !report.unconvertedAccounts.isEmpty {
                FileHandle.standardError.write(Data("\(report.unconvertedAccounts.count) accounts left out: no exchange rate into \(report.currency.code).\n".utf8))
            }
        }

        static func row(_ figures: RevenueFigures, group: String, currency: Currency, format: OutputFormat, grouped: Bool) -> [String] {
            let money = { (value: Int64) in ReportFormat.money(value, currency, format) }
            var row = [
                figures.period, money(figures.mrrStart), money(figures.new), money(figures.expansion),
                money(figures.reactivation), money(figures.contraction), money(figures.churn), money(figures.mrrEnd),
                figures.reconciles ? "yes" : "NO", String(figures.customersEnd),
                figures.arpa.map { money(Int64($0.rounded())) } ?? "",
                ReportFormat.rate(figures.logoChurnRate, format), ReportFormat.rate(figures.grossMRRChurnRate, format),
                ReportFormat.rate(figures.netMRRChurnRate, format), ReportFormat.rate(figures.nrr, format),
                ReportFormat.rate(figures.grr, format), figures.quickRatio.map { String(format: "%.2f", $0) } ?? "",
                ReportFormat.rate(figures.trailing12mNRR, format), figures.ltv.map { money(Int64($0.rounded())) } ?? "",
            ]
            if grouped { row.insert(group, at: 0) }
            return row
        }
    }

    /// `tenure report explain`: the rows behind one figure.
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the accounts and subscription changes behind a figure of one period.",
            discussion: """
                Metrics: \(RevenueMetric.allCases.map(\.rawValue).joined(separator: ", ")).

                Examples:
                  tenure report explain --metric expansion --period 2026-05
                  tenure report explain --metric nrr --period 2026-05 --segment enterprise --format json
                """)

        @Option(help: "The figure to explain.")
        var metric: RevenueMetric

        @Option(help: "The month (2026-05) or day (2026-05-14).")
        var period: String

        @Option(help: "Most rows to list.")
        var limit = 50

        @OptionGroup var options: ReportOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be positive") }
        }

        func run() async throws {
            let (snapshot, _) = try await options.load()
            guard let period = ReportingPeriod.parse(self.period, calendar: snapshot.policy.calendar) else {
                throw CommandFailure("--period must be a month like 2026-05 or a day like 2026-05-14")
            }
            let explanation = snapshot.explain(metric, in: period, accounts: snapshot.accounts(matching: options.filters), limit: limit)
            if options.format == .json {
                print(try ReportFormat.json(explanation))
                return
            }
            let currency = snapshot.policy.reportingCurrency
            let money = { (value: Int64) in ReportFormat.money(value, currency, options.format) }
            if options.format == .table {
                let value = explanation.value.map { metric.movementKinds.count == 1 || [.mrr, .arr, .arpa].contains(metric) ? money(Int64($0.rounded())) : String(format: "%.4f", $0) } ?? "n/a"
                print("\(metric.rawValue) in \(period.label): \(value)\n= \(explanation.formula)\n")
            }
            let rows: [[String]]
            if explanation.movements.isEmpty {
                rows = explanation.accounts.map { [$0.accountID, $0.accountName ?? "", money($0.amount)] }
                print(TextTable(columns: ["account", "name", "mrr"], rows: rows).render(options.format))
            } else {
                rows = explanation.movements.map { item in
                    [item.movement.at.formatted(.iso8601.year().month().day()), item.movement.kind.rawValue, item.movement.accountID,
                     item.accountName ?? "", money(item.movement.mrrBefore), money(item.movement.mrrAfter), money(item.movement.amount),
                     item.causes.map { "\($0.subscriptionID): \($0.description)" }.joined(separator: " | ")]
                }
                print(TextTable(columns: ["day", "kind", "account", "name", "mrr_before", "mrr_after", "change", "because"], rows: rows)
                    .render(options.format))
            }
            if explanation.omitted > 0 && options.format == .table { print("… and \(explanation.omitted) more (raise --limit).") }
        }
    }
}
