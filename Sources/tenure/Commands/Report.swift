import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure {
    /// `tenure report`: revenue and customer success figures on the command line.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print revenue and customer success metrics, explain them, show cohorts and CSM books.",
            discussion: """
                Periods are months (2026-05) or days (2026-05-14) in the reporting time zone; money is in \
                major units of the reporting currency in tables and in minor units in JSON and CSV. \
                Every figure reconciles: MRR at the end = MRR at the start + new + expansion + reactivation \
                − contraction − churn, and `tenure report explain` lists the rows behind any of them.
                """,
            subcommands: [Metrics.self, Explain.self, Cohorts.self, CustomerSuccess.self, Books.self])
    }
}

/// Options every report takes: range, interval, filters, output format.
struct ReportOptions: ParsableArguments {
    @Option(help: "First period, e.g. 2026-01 (a month) or 2026-01-15 (a day). Default: 11 months (or 29 days) before --to.")
    var from: String?

    @Option(help: "Last period, e.g. 2026-06. Default: the current month (or day).")
    var to: String?

    @Option(help: "Period length: month or day.")
    var interval: ReportingPeriod.Interval = .month

    @Option(help: "Only accounts in this segment.")
    var segment: String?

    @Option(help: "Only accounts on this plan (product name, e.g. Growth).")
    var plan: String?

    @Option(help: "Only accounts in this industry.")
    var industry: String?

    @Option(help: "Only accounts owned by this CSM id.")
    var csm: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @OptionGroup var database: DatabaseOptions

    var filters: [Breakdown: String] {
        var filters: [Breakdown: String] = [:]
        filters[.segment] = segment
        filters[.plan] = plan
        filters[.industry] = industry
        filters[.csm] = csm
        return filters
    }

    /// Loads the metrics snapshot and resolves the range, with progress on standard error.
    func load() async throws -> (MetricsSnapshot, ReportRange) {
        let (snapshot, range, _) = try await load { _, _, _ in }
        return (snapshot, range)
    }

    /// Loads the metrics snapshot and resolves the range, then reads `more` from the store before closing it.
    func load<More>(_ more: (any Store, MetricsSnapshot, ReportRange) async throws -> More) async throws
        -> (MetricsSnapshot, ReportRange, More) {
        try await database.withStore { store in
            let started = Date()
            FileHandle.standardError.write(Data("Reading subscription history…".utf8))
            let snapshot = try await MetricsSnapshot.load(from: store, asOf: WallClock.command.now())
            FileHandle.standardError.write(Data(" \(snapshot.ledger.accounts.count) accounts in \(String(format: "%.1f", Date().timeIntervalSince(started)))s.\n".utf8))
            let range: ReportRange
            do {
                range = try ReportRange(from: from, to: to, interval: interval, calendar: snapshot.policy.calendar, now: snapshot.asOf)
            } catch let error as TenureCore.ValidationError {
                throw CommandFailure("--\(error.field ?? "from") \(error.message)")
            }
            return (snapshot, range, try await more(store, snapshot, range))
        }
    }
}

extension ReportingPeriod.Interval: ExpressibleByArgument {}
extension Breakdown: ExpressibleByArgument {}
extension RevenueMetric: ExpressibleByArgument {}

/// Formatting shared by the report commands.
enum ReportFormat {
    /// Minor units as major units with thousands separators for tables, raw minor units otherwise.
    static func money(_ minorUnits: Int64, _ currency: Currency, _ format: OutputFormat) -> String {
        guard format == .table else { return String(minorUnits) }
        let major = Money.formatMajorUnits(minorUnits, digits: currency.minorUnitDigits)
        let parts = major.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        var grouped = ""
        for (index, character) in whole.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (negative ? "-" : "") + String(grouped.reversed()) + (parts.count > 1 ? ".\(parts[1])" : "")
    }

    /// A fraction as a percentage for tables, the raw fraction otherwise; empty when `nil`.
    static func rate(_ value: Double?, _ format: OutputFormat) -> String {
        guard let value else { return "" }
        return format == .table ? String(format: "%.1f%%", value * 100) : String(value)
    }

    /// JSON of any encodable value, with Tenure's conventions.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONCoding.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
