import ArgumentParser
import Foundation

/// How a command prints rows: an aligned table for people, JSON or CSV for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Rows of text with named columns, printable in any ``OutputFormat``.
struct TextTable {
    var columns: [String]
    var rows: [[String]]

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table:
            let widths = columns.indices.map { index in
                ([columns[index]] + rows.map { $0[index] }).map(\.count).max() ?? 0
            }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            return ([line(columns), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
                .joined(separator: "\n")
        case .csv:
            func field(_ text: String) -> String {
                text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                    ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            }
            return ([columns] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
        case .json:
            let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
            let data = try! JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }
}
