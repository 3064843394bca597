import Foundation

/// A grid of shaded cells — rows (cohorts) by columns (months since start) —
/// each cell's shade proportional to its value in 0…1, with the value written
/// in the cell and in its title. Empty cells (`nil`) are left blank.
public struct Heatmap: Sendable {
    /// One row: a label, a note (e.g. the cohort's size) and its cells.
    public struct Row: Sendable {
        public var label: String
        public var note: String
        public var values: [Double?]

        /// Makes a row.
        public init(label: String, note: String, values: [Double?]) {
            self.label = label
            self.note = note
            self.values = values
        }
    }

    public var id: String
    public var title: String
    public var columns: [String]
    public var rows: [Row]
    public var format: ValueFormatter
    public var cellWidth: Double = 40
    public var cellHeight: Double = 22

    /// Makes a heatmap; `id` must be unique on the page.
    public init(id: String, title: String, columns: [String], rows: [Row], format: @escaping ValueFormatter) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.format = format
    }

    static let labelWidth = 130.0
    static let headerHeight = 24.0

    /// The fill of a cell holding `value` (0…1, clamped): white to dark blue.
    public static func fill(_ value: Double) -> String {
        let share = min(1, max(0, value))
        let lightness = 97 - share * 62
        return "hsl(205, 70%, \(HTML.number(lightness))%)"
    }

    /// The heatmap as inline SVG.
    public func svg() -> HTML {
        let width = Self.labelWidth + cellWidth * Double(columns.count) + 8
        let height = Self.headerHeight + cellHeight * Double(rows.count) + 8
        let summary = rows.isEmpty ? "No cohorts." : "\(rows.count) rows from \(rows.first!.label) to \(rows.last!.label); columns \(columns.first ?? "") to \(columns.last ?? "")."
        var parts: [HTML] = [.svgOpening(id: id, width: width, height: height, title: title, summary: summary)]
        parts.append("<g font-size=\"11\" fill=\"#374151\" text-anchor=\"middle\">")
        for (index, column) in columns.enumerated() {
            parts.append("<text x=\(quoted(Self.labelWidth + cellWidth * (Double(index) + 0.5))) y=\"16\">\(column)</text>")
        }
        parts.append("</g>")
        for (rowIndex, row) in rows.enumerated() {
            let y = Self.headerHeight + cellHeight * Double(rowIndex)
            parts.append("""
                <text x="4" y="\(y + cellHeight / 2 + 4)" font-size="11" fill="#111827">\(row.label) \
                <tspan fill="#6b7280">\(row.note)</tspan></text>
                """)
            for (columnIndex, value) in row.values.enumerated() {
                guard let value else { continue }
                let x = Self.labelWidth + cellWidth * Double(columnIndex)
                let ink = value > 0.55 ? "#ffffff" : "#111827"
                parts.append("""
                    <g><rect x="\(x)" y="\(y)" width="\(cellWidth - 1)" height="\(cellHeight - 1)" fill="\(Self.fill(value))">\
                    <title>\(row.label), \(columns[safe: columnIndex] ?? ""): \(format(value))</title></rect>\
                    <text x="\(x + cellWidth / 2)" y="\(y + cellHeight / 2 + 4)" font-size="10" fill="\(ink)" \
                    text-anchor="middle" aria-hidden="true">\(format(value))</text></g>
                    """)
            }
        }
        parts.append("</svg>")
        return HTML.join(parts)
    }

    private func quoted(_ value: Double) -> HTML { "\"\(value)\"" }
}
