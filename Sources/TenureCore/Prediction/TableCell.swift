import Foundation

/// One cell of a messy table read for a model: missing (blank, `NA`, `N/A`, `null`, `NaN`), a
/// number (`1,234.50`, `"42"`, `true`/`false` as 1/0), or text. Surrounding whitespace and one
/// pair of surrounding quotes are ignored.
public enum TableCell: Hashable, Sendable {
    case missing
    case number(Double)
    case text(String)

    /// The words that mean "no value", compared without regard to case.
    public static let missingWords: Set<String> = ["", "na", "n/a", "null", "nan"]

    /// Reads `cell`.
    public init(_ cell: String) {
        let text = Self.cleaned(cell)
        let lowered = text.lowercased()
        if Self.missingWords.contains(lowered) {
            self = .missing
        } else if lowered == "true" || lowered == "false" {
            self = .number(lowered == "true" ? 1 : 0)
        } else if let value = Double(Self.withoutThousandsSeparators(text)), value.isFinite {
            self = .number(value)
        } else {
            self = .text(text)
        }
    }

    /// `cell` without surrounding whitespace and one pair of surrounding quotes (`"…"` or `'…'`).
    public static func cleaned(_ cell: String) -> String {
        let text = cell.trimmingCharacters(in: .whitespaces)
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }

    /// `text` without its commas when they separate thousands (`-1,234,567.5`), else unchanged.
    static func withoutThousandsSeparators(_ text: String) -> String {
        guard text.contains(",") else { return text }
        let unsigned = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        let integerPart = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
        let isDigits = { (group: Substring) in !group.isEmpty && group.allSatisfy { $0.isASCII && $0.isNumber } }
        guard let first = groups.first, first.count <= 3, isDigits(first),
              groups.dropFirst().allSatisfy({ $0.count == 3 && isDigits($0) }) else { return text }
        return text.replacingOccurrences(of: ",", with: "")
    }
}
