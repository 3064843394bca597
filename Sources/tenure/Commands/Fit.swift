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
                the columns. Numbers may have thousands separators and quotes (1,234.50); a yes/no \
                column may be 1/0, true/false, yes/no or any two levels with --positive; text \
                inputs are one-hot encoded (levels sorted, the first dropped); rows with blank, NA, \
                N/A or null cells are dropped and counted (or --impute mean). The results match \
                scikit-learn and lifelines to their printed precision.

                  logistic  which signals predict a yes/no outcome (e.g. churn within 90 days)
                  cox       how much each signal multiplies the hazard of churning, over time
                  km        the share of customers still active after each duration, per group
                  sbg       a cohort's retention projected forward; what a customer is worth

                Examples:
                  tenure fit logistic --csv accounts.csv --target churned --features a,b
                  tenure fit logistic --csv telco.csv --target Churn --drop customerID --holdout 0.2 --seed 7
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

    @Option(help: "The column that is 1 (true, yes) when the event was observed, 0 (false, no) when censored.")
    var event: String

    @Option(help: ArgumentHelp("The --event level that means the event was observed, when it is not 1, true or yes.", valueName: "level"))
    var positive: String?
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

    /// The `columns` read (numbers, yes/no, labels, encoded features), rows with missing cells
    /// dropped or imputed as `missing` says.
    func table(_ columns: [NumericTable.Column], missing: NumericTable.MissingCells = .drop) throws -> NumericTable {
        try NumericTable(header: header, records: records, columns: columns, missing: missing)
    }

    /// `list` ("a,b") as column names, or every column but the `roles` columns (target, duration…)
    /// and the `dropped` ones when `nil`; a role's or a dropped column is refused as an input.
    func columns(_ list: String?, excluding roles: KeyValuePairs<String, String>, dropping dropped: [String] = []) throws -> [String] {
        if let unknown = dropped.first(where: { !header.contains($0) }) {
            throw CommandFailure("--drop names \(unknown), but there is no such column; the columns are \(header.joined(separator: ", "))")
        }
        let names = list.map(FitOutput.names)
            ?? header.filter { name in !roles.contains { $0.key == name } && !dropped.contains(name) }
        if let clash = roles.first(where: { names.contains($0.key) }) {
            throw CommandFailure("\(clash.key) is the \(clash.value) column, so it cannot also be an input")
        }
        if let clash = dropped.first(where: names.contains) {
            throw CommandFailure("\(clash) is both listed as an input and dropped")
        }
        guard !names.isEmpty else { throw CommandFailure("no columns are left to use as inputs") }
        if let repeated = names.indices.first(where: { names[..<$0].contains(names[$0]) }) {
            throw CommandFailure("column \(names[repeated]) is listed twice")
        }
        return names
    }
}

/// How the inputs of `fit logistic` and `fit cox` are chosen and cleaned: `--drop`, `--impute`.
struct FeatureOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated columns to leave out of the inputs (e.g. a customer id).", valueName: "columns"))
    var drop: String?

    @Option(help: """
        Cells that are blank, NA, N/A, null or NaN: drop the row (counted in the output), or fill \
        a numeric input's gaps with its mean, beside a 0/1 column <name>_missing.
        """)
    var impute: NumericTable.MissingCells = .drop

    /// The `--drop` columns.
    var dropped: [String] { drop.map(FitOutput.names) ?? [] }
}

/// `--holdout` and `--seed`: judge a fit on rows it did not see.
struct HoldoutOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Hold out this share of the rows (e.g. 0.2), fit on the rest and report the held-out measure.", valueName: "share"))
    var holdout: Double?

    @Option(help: "The seed of the held-out rows' random choice (the same seed holds out the same rows).")
    var seed: UInt64 = 0

    func validate() throws {
        if let holdout, !(holdout > 0 && holdout < 1) { throw ValidationError("--holdout must be between 0 and 1") }
    }

    /// The split of `rowCount` rows, or `nil` without `--holdout`.
    func split(rowCount: Int) throws -> HoldoutSplit? {
        try holdout.map { try HoldoutSplit(rowCount: rowCount, fraction: $0, seed: seed) }
    }
}

extension NumericTable.MissingCells: ExpressibleByArgument {}

/// What reading a CSV for a model did to it: rows dropped, text columns encoded, gaps filled.
struct TableReport: Encodable {
    var droppedRows: Int
    var encodings: [NumericTable.Encoding]
    var imputedMeans: [String: Double]

    init(_ table: NumericTable) {
        droppedRows = table.droppedRows
        encodings = table.encodings
        imputedMeans = table.imputedMeans
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
