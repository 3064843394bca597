import Foundation

/// A difference in rates with its 95% interval, drawn along a horizontal axis in percentage points: a bar from the
/// interval's low end to its high end, a point at the difference, and a line at zero, so that whether the interval
/// leaves out zero shows at a glance. Its title and description carry the numbers for screen readers.
public struct EffectIntervalChart: Sendable {
    public var id: String
    /// What is compared, e.g. `Churn`.
    public var outcome: String
    /// Treated rate minus control rate, and the interval's ends, as fractions.
    public var difference: Double
    public var low: Double
    public var high: Double
    public var width: Double = 480
    public var height: Double = 64

    /// Makes a chart; `id` must be unique on the page.
    public init(id: String, outcome: String, difference: Double, low: Double, high: Double) {
        self.id = id
        self.outcome = outcome
        self.difference = difference
        self.low = low
        self.high = high
    }

    static let margin = (left: 36.0, right: 36.0, top: 12.0, bottom: 22.0)

    /// The axis: covers the interval and zero.
    func scale() -> ChartScale {
        ChartScale(covering: [low, high, difference], lowerPixel: Self.margin.left, upperPixel: width - Self.margin.right, tickCount: 4)
    }

    /// `0.052` → `"+5.2 pp"`, `-0.1` → `"-10.0 pp"`, `0` → `"0.0 pp"`: a difference in percentage points, with
    /// `digits` decimals (`"+25 pp"` with none, for the axis).
    public static func points(_ fraction: Double, digits: Int = 1) -> String {
        let text = String(format: "%.\(digits)f", fraction * 100)
        let zero = Double(text) == 0
        return (fraction > 0 && !zero ? "+" : "") + (zero ? String(format: "%.\(digits)f", 0.0) : text) + " pp"
    }

    /// The numbers in one sentence: the difference, the interval, and where zero lies.
    public var summary: String {
        let zero = low > 0 ? "lies entirely above zero" : high < 0 ? "lies entirely below zero" : "includes zero"
        return "\(outcome): enrolled minus held out \(Self.points(difference)), 95% interval \(Self.points(low)) to \(Self.points(high)); "
            + "the interval \(zero)."
    }

    /// The chart as inline SVG.
    public func svg() -> HTML {
        let scale = scale()
        let margin = Self.margin
        let middle = margin.top + (height - margin.top - margin.bottom) / 2
        let axis = height - margin.bottom
        var parts: [HTML] = [.svgOpening(id: id, width: width, height: height,
                                         title: "\(outcome) difference \(Self.points(difference)) (95% interval \(Self.points(low)) to \(Self.points(high)))",
                                         summary: summary)]
        parts.append("<g class=\"axis axis-x\" font-size=\"11\" fill=\"#4b5563\" text-anchor=\"middle\">")
        for tick in scale.ticks {
            let x = scale.position(tick)
            parts.append("""
                <line x1="\(x)" x2="\(x)" y1="\(margin.top)" y2="\(axis)" stroke="\(tick == 0 ? "#6b7280" : "#e5e7eb")" \
                stroke-width="\(tick == 0 ? 2 : 1)"/><text x="\(x)" y="\(height - 6)">\(Self.points(tick, digits: 0))</text>
                """)
        }
        parts.append("</g>")
        let (from, to) = (scale.position(low), scale.position(high))
        parts.append("""
            <rect class="interval" x="\(from)" y="\(middle - 4)" width="\(max(1, to - from))" height="8" rx="4" fill="\(ChartPalette.sky)">\
            <title>95% interval \(Self.points(low)) to \(Self.points(high))</title></rect>\
            <circle class="estimate" cx="\(scale.position(difference))" cy="\(middle)" r="6" fill="\(ChartPalette.blue)" stroke="#fff" \
            stroke-width="1.5"><title>Difference \(Self.points(difference))</title></circle>
            """)
        parts.append("</svg>")
        return HTML.join(parts)
    }
}
