import Foundation

/// Horizontal stacked bars, one row per category with its name at the left: readable with many long names (people,
/// queues) where vertical bars would thin their labels out. Each segment is titled with its category, series and
/// value; values are counts (zero or more).
public struct HorizontalBarChart: Sendable {
    public var id: String
    public var title: String
    public var categories: [String]
    public var series: [StackedBarChart.Series]
    public var format: ValueFormatter
    public var width: Double = 640
    /// Height of one row.
    public var rowHeight: Double = 26

    /// Makes a chart; `id` must be unique on the page.
    public init(id: String, title: String, categories: [String], series: [StackedBarChart.Series], format: @escaping ValueFormatter) {
        self.id = id
        self.title = title
        self.categories = categories
        self.series = series
        self.format = format
    }

    static let margin = (left: 170.0, right: 48.0, top: 8.0, bottom: 32.0)

    /// The sum of every series in each category.
    func totals() -> [Double] {
        categories.indices.map { index in series.reduce(0) { $0 + max(0, $1.values[safe: index] ?? 0) } }
    }

    /// The chart as inline SVG.
    public func svg() -> HTML {
        let margin = Self.margin
        let height = margin.top + rowHeight * Double(categories.count) + margin.bottom
        let totals = totals()
        let largest = max(1, totals.max() ?? 1)
        let scale = (width - margin.left - margin.right) / largest
        var parts: [HTML] = [.svgOpening(id: id, width: width, height: height, title: title, summary: summary(totals))]
        parts.append("<g font-size=\"12\" fill=\"#111827\">")
        for (index, category) in categories.enumerated() {
            let y = margin.top + rowHeight * Double(index)
            let name = category.count > 26 ? String(category.prefix(25)) + "…" : category
            parts.append("<text x=\"\(margin.left - 8)\" y=\"\(y + rowHeight / 2 + 4)\" text-anchor=\"end\">\(name)</text>")
            var x = margin.left
            for line in series {
                let value = max(0, line.values[safe: index] ?? 0)
                guard value > 0 else { continue }
                parts.append("""
                    <rect x="\(x)" y="\(y + 4)" width="\(value * scale)" height="\(rowHeight - 8)" fill="\(line.colour)">\
                    <title>\(category) · \(line.name): \(format(value))</title></rect>
                    """)
                x += value * scale
            }
            parts.append("<text x=\"\(x + 6)\" y=\"\(y + rowHeight / 2 + 4)\">\(format(totals[index]))</text>")
        }
        parts.append("</g>")
        parts.append(.legend(series.map { ($0.name, $0.colour) }, x: margin.left, y: height - 8))
        parts.append("</svg>")
        return HTML.join(parts)
    }

    /// A sentence for screen readers: each category's values.
    func summary(_ totals: [Double]) -> String {
        guard !categories.isEmpty else { return "No data." }
        return categories.indices.map { index in
            let values = series.map { "\($0.name.lowercased()) \(format($0.values[safe: index] ?? 0))" }.joined(separator: ", ")
            return "\(categories[index]): \(format(totals[index])) (\(values))"
        }.joined(separator: "; ") + "."
    }
}
