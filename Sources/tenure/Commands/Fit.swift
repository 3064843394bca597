import ArgumentParser
import Foundation
import TenureCore
import TenureIngest

extension Tenure {
    /// `tenure fit`: fit a churn or retention model to numbers and print the result as JSON.
    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit churn and retention models (logistic, Cox, Kaplan–Meier, sBG) and print them as JSON.",
            discussion: """
                The models behind churn prediction, fitted to a CSV file whose first row names \
                the columns and whose cells are numbers (true/false count as 1/0). The results \
                match scikit-learn and lifelines to their printed precision.

                  logistic  which signals predict a yes/no outcome (e.g. churn within 90 days)
                  cox       how much each signal multiplies the hazard of churning, over time
                  km        the share of customers still active after each duration, per group
                  sbg       a cohort's retention projected forward; what a customer is worth

                Examples:
                  tenure fit logistic --csv accounts.csv --target churned --features a,b
                  tenure fit cox --csv tenure.csv --duration days --event churned
                  tenure fit km --csv tenure.csv --duration days --event churned --group plan
                  tenure fit sbg --survivors 1000,869,743,653,593 --discount 0.1
                """,
            subcommands: [Logistic.self, Cox.self, KaplanMeier.self, SBG.self])
    }
}

/// The duration and event columns of survival data (`fit cox`, `fit km`).
struct SurvivalColumns: ParsableArguments {
    @Option(help: "The column of durations (time followed, non-negative).")
    var duration: String

    @Option(help: "The column that is 1 (or true) when the event was observed, 0 when censored.")
    var event: String
}

/// The `--csv` file a model is fitted to.
struct FitInput: ParsableArguments {
    @Option(name: .customLong("csv"), help: ArgumentHelp("The CSV file: a header row naming the columns, then one row per subject.", valueName: "file"))
    var path: String

    func validate() throws {
        guard FileManager.default.isReadableFile(atPath: path) else { throw ValidationError("cannot read --csv \(path)") }
    }

    /// The file's header and rows, parsed as RFC 4180 CSV.
    func load() throws -> FitData {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CommandFailure("cannot open \(path)") }
        defer { try? handle.close() }
        var parser = CSVParser(), parsed: [CSVParser.Record] = []
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try parser.feed(chunk, into: &parsed) }
            try parser.finish(into: &parsed)
        } catch let failure as CSVParser.Failure {
            throw CommandFailure("\(path): \(failure.description)")
        }
        guard let header = parsed.first else { throw CommandFailure("\(path) is empty; it needs a header row naming the columns") }
        guard parsed.count > 1 else { throw CommandFailure("\(path) has a header but no rows") }
        return FitData(header: header.fields.map { $0.trimmingCharacters(in: .whitespaces) },
                       records: parsed.dropFirst().map { NumericTable.Record(line: $0.line, fields: $0.fields) })
    }
}

/// A CSV file's header and rows, before any cell is read as a number.
struct FitData {
    /// The column names.
    var header: [String]
    /// The rows with their line numbers.
    var records: [NumericTable.Record]

    /// The columns `names`, read as numbers.
    func numbers(_ names: [String]) throws -> NumericTable {
        try NumericTable(header: header, records: records, selecting: names)
    }

    /// The cells of column `name` as text (e.g. group labels).
    func text(_ name: String) throws -> [String] {
        guard let position = header.firstIndex(of: name) else {
            throw CommandFailure("there is no column \"\(name)\"; the columns are \(header.joined(separator: ", "))")
        }
        return try records.map { record in
            guard position < record.fields.count else {
                throw CommandFailure("line \(record.line) has \(record.fields.count) cells but the header has \(header.count)")
            }
            return record.fields[position].trimmingCharacters(in: .whitespaces)
        }
    }

    /// `list` ("a,b") as column names, or every column but the `roles` columns (target, duration…)
    /// when `nil`; a role's column is refused as an input.
    func columns(_ list: String?, excluding roles: KeyValuePairs<String, String>) throws -> [String] {
        let names = list.map(FitOutput.names) ?? header.filter { name in !roles.contains { $0.key == name } }
        if let clash = roles.first(where: { names.contains($0.key) }) {
            throw CommandFailure("\(clash.key) is the \(clash.value) column, so it cannot also be an input")
        }
        guard !names.isEmpty else { throw CommandFailure("no columns are left to use as inputs") }
        if let repeated = names.indices.first(where: { names[..<$0].contains(names[$0]) }) {
            throw CommandFailure("column \(names[repeated]) is listed twice")
        }
        return names
    }
}

/// Helpers the `fit` subcommands share.
enum FitOutput {
    /// `list` ("a,b, c") as trimmed, non-empty names.
    static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `names` paired with `values` as a JSON object.
    static func named(_ names: [String], _ values: [Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(names, values))
    }

    /// Prints `value` as indented JSON with sorted snake_case keys (column names stay as they are).
    static func print<T: Encodable>(_ value: T) throws {
        Swift.print(try ReportFormat.json(value))
    }
}
