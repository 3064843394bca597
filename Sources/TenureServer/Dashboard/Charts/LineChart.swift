import Foundation

/// A line chart over categories (months, weeks): one line per series, value
/// grid and labels on the left, category labels below, a point with a
/// tooltip title per value, and a legend when there is more than one series.
/// Missing values (`nil`) break the line.
public struct LineChart: Sendable {
    /// One line.
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        public var colour: String

        /// Makes a series; `values` line up with the chart's categories.
        public init(name: String, values: [Double?], colour: String = ChartPalette.blue) {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }

    public var id: String
    public var title: String
    public var categories: [String]
    public var series: [Series]
    public var format: ValueFormatter
    public var width: Double = 640
    public var height: Double = 240
    /// Whether the value axis starts at zero (false for rates hovering near 100%).
    public var includeZero = true

    /// Makes a chart; `id` must be unique on the page.
    public init(id: String, title: String, categories: [String], series: [Series], includeZero: Bool = true,
                format: @escaping ValueFormatter) {
        self.id = id
        self.title = title
        self.categories = categories
        self.series = series
        self.includeZero = includeZero
        self.format = format
    }

    /// Left, right, top and bottom margins around the plot.
    static let margin = (left: 64.0, right: 16.0, top: 16.0, bottom: 40.0)

    /// The chart as inline SVG.
    public func svg() -> HTML {
        let margin = Self.margin
        let plotBottom = height - margin.bottom - (series.count > 1 ? 16 : 0)
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let scale = ChartScale(covering: values, lowerPixel: plotBottom, upperPixel: margin.top, includeZero: includeZero)
        let step = (width - margin.left - margin.right) / Double(max(1, categories.count))
        let centers = categories.indices.map { margin.left + step * (Double($0) + 0.5) }
        var parts: [HTML] = [.svgOpening(id: id, width: width, height: height, title: title, summary: summary())]
        parts.append(.valueAxis(scale, left: margin.left, right: width - margin.right, format: format))
        parts.append(.categoryAxis(categories, centers: centers, y: plotBottom + 16))
        for line in series {
            var segments: [[(Double, Double)]] = [[]]
            for (index, value) in line.values.enumerated() where index < centers.count {
                if let value { segments[segments.count - 1].append((centers[index], scale.position(value))) } else { segments.append([]) }
            }
            for segment in segments where segment.count > 1 {
                let points = segment.map { "\(HTML.number($0.0)),\(HTML.number($0.1))" }.joined(separator: " ")
                parts.append("<polyline fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2\" points=\"\(points)\"/>")
            }
            for (index, value) in line.values.enumerated() where index < centers.count {
                guard let value else { continue }
                parts.append("""
                    <circle cx="\(centers[index])" cy="\(scale.position(value))" r="3" fill="\(line.colour)">\
                    <title>\(categories[index]) · \(line.name): \(format(value))</title></circle>
                    """)
            }
        }
        if series.count > 1 {
            parts.append(.legend(series.map { ($0.name, $0.colour) }, x: margin.left, y: height - 8))
        }
        parts.append("</svg>")
        return HTML.join(parts)
    }

    /// A sentence describing the chart for screen readers: each series' first and last values.
    func summary() -> String {
        guard let first = categories.first, let last = categories.last else { return "No data." }
        return series.map { line in
            let known = line.values.compactMap { $0 }
            guard let start = known.first, let end = known.last else { return "\(line.name): no values." }
            return "\(line.name) from \(format(start)) to \(format(end))"
        }.joined(separator: "; ") + ", \(first) to \(last)."
    }
}
