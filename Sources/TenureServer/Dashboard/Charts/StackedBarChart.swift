import Foundation

/// A stacked bar chart per category: positive values stack upward from zero,
/// negative ones downward, each segment's height proportional to its value and
/// titled with its category, series and formatted value. Used for MRR
/// movements (new, expansion, reactivation up; contraction, churn down).
public struct StackedBarChart: Sendable {
    /// One kind of segment across categories.
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]
        public var colour: String

        /// Makes a series; `values` line up with the chart's categories.
        public init(name: String, values: [Double], colour: String) {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }

    /// One drawn segment, exposed for tests.
    public struct Segment: Sendable, Hashable {
        public var category: Int
        public var series: String
        public var value: Double
        public var y: Double
        public var height: Double
    }

    public var id: String
    public var title: String
    public var categories: [String]
    public var series: [Series]
    public var format: ValueFormatter
    public var width: Double = 640
    public var height: Double = 260

    /// Makes a chart; `id` must be unique on the page.
    public init(id: String, title: String, categories: [String], series: [Series], format: @escaping ValueFormatter) {
        self.id = id
        self.title = title
        self.categories = categories
        self.series = series
        self.format = format
    }

    static let margin = (left: 64.0, right: 16.0, top: 16.0, bottom: 56.0)

    /// The value scale: from the deepest negative stack to the tallest positive one.
    func scale() -> ChartScale {
        let ups = categories.indices.map { index in series.reduce(0) { $0 + max(0, $1.values[safe: index] ?? 0) } }
        let downs = categories.indices.map { index in series.reduce(0) { $0 + min(0, $1.values[safe: index] ?? 0) } }
        return ChartScale(covering: ups + downs, lowerPixel: height - Self.margin.bottom, upperPixel: Self.margin.top)
    }

    /// Every segment with its position: stacks grow away from zero in series order.
    public func segments() -> [Segment] {
        let scale = scale()
        let zero = scale.position(0)
        var segments: [Segment] = []
        for index in categories.indices {
            var up = zero, down = zero
            for line in series {
                let value = line.values[safe: index] ?? 0
                guard value != 0 else { continue }
                let length = scale.length(value)
                if value > 0 {
                    up -= length
                    segments.append(Segment(category: index, series: line.name, value: value, y: up, height: length))
                } else {
                    segments.append(Segment(category: index, series: line.name, value: value, y: down, height: length))
                    down += length
                }
            }
        }
        return segments
    }

    /// The chart as inline SVG.
    public func svg() -> HTML {
        let margin = Self.margin
        let scale = scale()
        let step = (width - margin.left - margin.right) / Double(max(1, categories.count))
        let barWidth = max(2, step * 0.7)
        let centers = categories.indices.map { margin.left + step * (Double($0) + 0.5) }
        let colours = Dictionary(series.map { ($0.name, $0.colour) }) { first, _ in first }
        var parts: [HTML] = [.svgOpening(id: id, width: width, height: height, title: title, summary: summary())]
        parts.append(.valueAxis(scale, left: margin.left, right: width - margin.right, format: format))
        parts.append(.categoryAxis(categories, centers: centers, y: height - margin.bottom + 16))
        for segment in segments() {
            parts.append("""
                <rect x="\(centers[segment.category] - barWidth / 2)" y="\(segment.y)" width="\(barWidth)" \
                height="\(max(0.5, segment.height))" fill="\(colours[segment.series] ?? ChartPalette.grey)">\
                <title>\(categories[segment.category]) · \(segment.series): \(format(segment.value))</title></rect>
                """)
        }
        parts.append(.legend(series.map { ($0.name, $0.colour) }, x: margin.left, y: height - 8))
        parts.append("</svg>")
        return HTML.join(parts)
    }

    /// A sentence for screen readers: each series' total over the chart.
    func summary() -> String {
        guard let first = categories.first, let last = categories.last else { return "No data." }
        let totals = series.map { "\($0.name) \(format($0.values.reduce(0, +)))" }.joined(separator: ", ")
        return "Totals from \(first) to \(last): \(totals)."
    }
}

extension Array {
    /// The element at `index`, or `nil` when out of range.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
