import Foundation

/// Named columns of numbers built from a messy table's text records (e.g. a CSV file's rows, split
/// into fields by the caller): the input of the `tenure fit` commands. Cells are read as
/// ``TableCell``s; a two-level column can be a yes/no target; text feature columns are one-hot
/// encoded (levels sorted, the first dropped); rows with missing cells are dropped and counted, or
/// numeric features' gaps filled with the column mean beside a `<name>_missing` indicator. Errors
/// name the line and column of the offending cell, or the column and the levels found.
public struct NumericTable: Hashable, Sendable {
    /// One row of text cells and the 1-based line of the source it starts on.
    public struct Record: Hashable, Sendable {
        /// The line number, for error messages.
        public var line: Int
        /// The cells, in header order.
        public var fields: [String]

        /// A record of `fields` read from `line`.
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// A column to read and what it holds.
    public struct Column: Hashable, Sendable {
        /// What a column holds.
        public enum Kind: Hashable, Sendable {
            /// Numbers, e.g. durations.
            case number
            /// Two levels read as 1 and 0: `positive` is the 1, or without it 1/0, true/false or yes/no.
            case binary(positive: String?)
            /// Text kept as it is, e.g. group labels.
            case label
            /// A model input: numbers as they are, text one-hot encoded.
            case feature
        }

        /// The column's name in the header.
        public var name: String
        /// What it holds.
        public var kind: Kind

        /// Column `name` holding numbers.
        public static func number(_ name: String) -> Column { Column(name: name, kind: .number) }
        /// Column `name` holding two levels, `positive` (or yes/true/1) the one read as 1.
        public static func binary(_ name: String, positive: String? = nil) -> Column { Column(name: name, kind: .binary(positive: positive)) }
        /// Column `name` holding text labels.
        public static func label(_ name: String) -> Column { Column(name: name, kind: .label) }
        /// Column `name` as a model input.
        public static func feature(_ name: String) -> Column { Column(name: name, kind: .feature) }
    }

    /// What becomes of rows with missing cells.
    public enum MissingCells: String, Hashable, Sendable, CaseIterable {
        /// Rows with a missing cell in any column read are dropped (and counted).
        case drop
        /// Numeric features' missing cells take the column mean, with a `<name>_missing` 0/1 column
        /// beside them; rows missing anything else are still dropped.
        case mean
    }

    /// How a text feature column became 0/1 columns: one per level but the first, named `column=level`.
    public struct Encoding: Hashable, Sendable, Encodable {
        /// The text column.
        public var column: String
        /// The first level in sorted order: the baseline, without a column of its own.
        public var dropped: String
        /// The other levels, sorted, each a 0/1 column `column=level`.
        public var kept: [String]
    }

    /// Every column name of the header, in order.
    public let columnNames: [String]
    /// The line each kept row came from.
    public let lines: [Int]
    /// How many rows were dropped for a missing cell.
    public let droppedRows: Int
    /// The model inputs the feature columns became, in order: numeric columns by name, text
    /// columns as `column=level`, imputed columns followed by `column_missing`.
    public let featureNames: [String]
    /// The text feature columns' one-hot encodings, in column order.
    public let encodings: [Encoding]
    /// The mean that filled each imputed column's missing cells.
    public let imputedMeans: [String: Double]
    private let numbers: [String: [Double]]
    private let labels: [String: [String]]

    /// Reads `columns` of `records` under `header`, treating missing cells as `missing` says; a text
    /// feature may have at most `maximumLevels` levels. Throws when a header name repeats, a column
    /// is missing, a record has the wrong number of cells, a number column holds text (or a mostly
    /// numeric feature column a stray text cell), a binary column is not a pair of levels, or a text
    /// feature has too many levels.
    public init(header: [String], records: [Record], columns: [Column], missing: MissingCells = .drop,
                maximumLevels: Int = 50) throws(PredictionError) {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions.updateValue(index, forKey: name) != nil {
            throw PredictionError(.invalidInput, "the header names column \"\(name)\" twice")
        }
        if let record = records.first(where: { $0.fields.count != names.count }) {
            throw PredictionError(.invalidInput, "line \(record.line) has \(record.fields.count) cells but the header has \(names.count)")
        }
        columnNames = names
        var cells: [[TableCell]] = []
        var isText: [Bool] = []
        for column in columns {
            guard let position = positions[column.name] else { throw Self.missing(column.name, among: names) }
            let read = records.map { TableCell($0.fields[position]) }
            cells.append(read)
            isText.append(try Self.holdsText(read, column, lines: records.map(\.line)))
        }
        let imputable = columns.indices.map { column in missing == .mean && columns[column].kind == .feature && !isText[column] }
        let kept = records.indices.filter { row in
            columns.indices.allSatisfy { imputable[$0] || cells[$0][row] != .missing }
        }
        lines = kept.map { records[$0].line }
        droppedRows = records.count - kept.count
        var numbers: [String: [Double]] = [:], labels: [String: [String]] = [:]
        var featureNames: [String] = [], encodings: [Encoding] = [], imputedMeans: [String: Double] = [:]
        for (index, column) in columns.enumerated() {
            let values = kept.map { cells[index][$0] }
            switch column.kind {
            case .number:
                numbers[column.name] = values.map(\.number)
            case .binary(let positive):
                numbers[column.name] = try Self.binary(values.map(\.text), column: column.name, positive: positive)
            case .label:
                labels[column.name] = values.map(\.text)
            case .feature where isText[index]:
                let encoding = try Self.encoding(values.map(\.text), column: column.name, maximumLevels: maximumLevels)
                for level in encoding.kept {
                    featureNames.append("\(column.name)=\(level)")
                    numbers["\(column.name)=\(level)"] = values.map { $0.text == level ? 1 : 0 }
                }
                encodings.append(encoding)
            case .feature:
                featureNames.append(column.name)
                let present = values.filter { $0 != .missing }.map(\.number)
                guard present.count < values.count else {
                    numbers[column.name] = present
                    continue
                }
                guard !present.isEmpty else {
                    throw PredictionError(.invalidInput, "column \"\(column.name)\" has no values, so its missing cells cannot take its mean")
                }
                let mean = present.reduce(0, +) / Double(present.count)
                numbers[column.name] = values.map { $0 == .missing ? mean : $0.number }
                numbers["\(column.name)_missing"] = values.map { $0 == .missing ? 1 : 0 }
                featureNames.append("\(column.name)_missing")
                imputedMeans[column.name] = mean
            }
        }
        self.numbers = numbers
        self.labels = labels
        self.featureNames = featureNames
        self.encodings = encodings
        self.imputedMeans = imputedMeans
    }

    /// How many rows the table has (after dropping).
    public var rowCount: Int { lines.count }

    /// The values of number, binary or feature column `name` (`column=level` for a text feature's level).
    public func column(_ name: String) throws(PredictionError) -> [Double] {
        guard let values = numbers[name] else { throw Self.missing(name, among: columnNames) }
        return values
    }

    /// The values of binary column `name` as booleans, for event indicators.
    public func booleanColumn(_ name: String) throws(PredictionError) -> [Bool] {
        try column(name).map { $0 == 1 }
    }

    /// The cells of label column `name`.
    public func labelColumn(_ name: String) throws(PredictionError) -> [String] {
        guard let values = labels[name] else { throw Self.missing(name, among: columnNames) }
        return values
    }

    /// The columns `names` side by side, one row per record.
    public func matrix(_ names: [String]) throws(PredictionError) -> DenseMatrix {
        var selected: [[Double]] = []
        for name in names { selected.append(try column(name)) }
        return try DenseMatrix(columnValues: selected)
    }

    /// Whether `column`'s `cells` are text (else numbers), throwing at a cell that does not fit:
    /// text in a number column, or a stray text cell in a feature column that is mostly numbers.
    private static func holdsText(_ cells: [TableCell], _ column: Column, lines: [Int]) throws(PredictionError) -> Bool {
        guard let firstText = cells.firstIndex(where: \.isText) else { return false }
        let numberCount = cells.filter(\.isNumber).count, textCount = cells.filter(\.isText).count
        switch column.kind {
        case .number:
            throw PredictionError(.invalidInput, "line \(lines[firstText]), column \"\(column.name)\": \"\(cells[firstText].text)\" is not a finite number")
        case .feature where numberCount > textCount:
            throw PredictionError(.invalidInput, "line \(lines[firstText]), column \"\(column.name)\": \"\(cells[firstText].text)\" is not a number, "
                + "though \(numberCount) of the column's cells are; correct it or blank it out")
        case .binary, .label, .feature:
            return true
        }
    }

    /// `cells` (no missing ones) as 1 and 0.
    private static func binary(_ cells: [String], column: String, positive: String?) throws(PredictionError) -> [Double] {
        let levels = Set(cells).sorted()
        let found = "column \"\(column)\" has \(levels.count) level\(levels.count == 1 ? "" : "s") (\(levels.joined(separator: ", ")))"
        if let positive {
            guard levels.count == 2 else { throw PredictionError(.invalidInput, "\(found); a yes/no column needs exactly two") }
            guard levels.contains(positive) else {
                throw PredictionError(.invalidInput, "\(found), and the positive level \"\(positive)\" is not one of them")
            }
            return cells.map { $0 == positive ? 1 : 0 }
        }
        let folded = Set(levels.map { $0.lowercased() })
        let meanings = folded.map(yesOrNo)
        guard folded.count <= 2, !meanings.contains(nil), Set(meanings).count == folded.count else {
            let hint = folded.count == 2 ? "; name the one that counts as yes (--positive LEVEL)" : "; a yes/no column needs two: 1/0, true/false or yes/no"
            throw PredictionError(.invalidInput, found + hint)
        }
        return cells.map { yesOrNo($0.lowercased()) == true ? 1 : 0 }
    }

    /// What a lowercased level means as a yes/no answer: 1, true, yes are yes; 0, false, no are no.
    private static func yesOrNo(_ level: String) -> Bool? {
        switch level {
        case "1", "true", "yes": true
        case "0", "false", "no": false
        default: nil
        }
    }

    /// The one-hot encoding of text `cells` (no missing ones), refusing more than `maximumLevels` levels.
    private static func encoding(_ cells: [String], column: String, maximumLevels: Int) throws(PredictionError) -> Encoding {
        let levels = Set(cells).sorted()
        guard levels.count <= maximumLevels else {
            throw PredictionError(.invalidInput, "column \"\(column)\" has \(levels.count) different text values, more than \(maximumLevels): "
                + "one-hot encoding would make a column of each; if it is an identifier, leave it out (--drop \(column))")
        }
        return Encoding(column: column, dropped: levels.first ?? "", kept: Array(levels.dropFirst()))
    }

    private static func missing(_ name: String, among names: [String]) -> PredictionError {
        PredictionError(.invalidInput, "there is no column \"\(name)\"; the columns are \(names.joined(separator: ", "))")
    }
}

private extension TableCell {
    var isText: Bool { if case .text = self { true } else { false } }
    var isNumber: Bool { if case .number = self { true } else { false } }
    /// The number (0 for text or missing, which callers have excluded).
    var number: Double { if case .number(let value) = self { value } else { 0 } }
    /// The cell as a level: text as it is, numbers in their shortest form (`1.0` and `1` are one level).
    var text: String {
        switch self {
        case .missing: ""
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .text(let text): text
        }
    }
}
