import Foundation

/// A linear map from data values to pixel positions, with "nice" tick values
/// (1, 2, 2.5 or 5 × a power of ten) covering the data and zero.
public struct ChartScale: Sendable, Hashable {
    /// The data range shown, widened to whole ticks.
    public let lower: Double
    public let upper: Double
    /// Pixel positions of `lower` and `upper` (SVG y grows downward, so `lowerPixel` is usually the larger).
    public let lowerPixel: Double
    public let upperPixel: Double
    /// Tick values from `lower` to `upper`.
    public let ticks: [Double]

    /// A scale covering `values` and zero, mapped onto `lowerPixel...upperPixel`, with about `tickCount` ticks.
    public init(covering values: [Double], lowerPixel: Double, upperPixel: Double, tickCount: Int = 5, includeZero: Bool = true) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if low == high {
            high = low == 0 ? 1 : low + abs(low) * 0.1
        }
        let step = ChartScale.niceStep((high - low) / Double(max(1, tickCount)))
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        var ticks: [Double] = []
        var tick = first
        while tick <= last + step / 2 {
            ticks.append(abs(tick) < step / 1e6 ? 0 : tick)
            tick += step
        }
        self.lower = first
        self.upper = last
        self.lowerPixel = lowerPixel
        self.upperPixel = upperPixel
        self.ticks = ticks
    }

    /// The pixel position of `value`.
    public func position(_ value: Double) -> Double {
        guard upper > lower else { return lowerPixel }
        return lowerPixel + (value - lower) / (upper - lower) * (upperPixel - lowerPixel)
    }

    /// The pixel length of `value` (its distance from zero).
    public func length(_ value: Double) -> Double {
        abs(position(value) - position(0))
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for factor in [1, 2, 2.5, 5, 10] as [Double] where factor * magnitude >= raw * 0.999_999 {
            return factor * magnitude
        }
        return 10 * magnitude
    }
}

/// How a chart writes its values on axes and in titles.
public typealias ValueFormatter = @Sendable (Double) -> String

/// Colours of the chart kit: the Okabe–Ito palette, readable by people with
/// the common colour-vision deficiencies.
public enum ChartPalette {
    public static let blue = "#0072B2"
    public static let green = "#009E73"
    public static let sky = "#56B4E9"
    public static let orange = "#E69F00"
    public static let vermillion = "#D55E00"
    public static let purple = "#CC79A7"
    public static let yellow = "#F0E442"
    public static let grey = "#6b7280"
    /// Colours for series in order.
    public static let series = [blue, orange, green, purple, sky, vermillion]
}

extension HTML {
    /// The opening of an accessible inline SVG: `role="img"`, a `<title>` and a `<desc>` it is labelled by.
    static func svgOpening(id: String, width: Double, height: Double, title: String, summary: String) -> HTML {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" id="\(id)" viewBox="0 0 \(width) \(height)" \
        width="\(width)" height="\(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" \
        preserveAspectRatio="xMinYMin meet"><title id="\(id)-title">\(title)</title><desc id="\(id)-desc">\(summary)</desc>
        """
    }

    /// Horizontal grid lines with their labels at the left edge, for a value scale.
    static func valueAxis(_ scale: ChartScale, left: Double, right: Double, format: ValueFormatter) -> HTML {
        var parts: [HTML] = ["<g class=\"axis axis-y\" font-size=\"11\" fill=\"#4b5563\">"]
        for tick in scale.ticks {
            let y = scale.position(tick)
            let stroke = tick == 0 ? "#6b7280" : "#e5e7eb"
            parts.append("""
                <line x1="\(left)" x2="\(right)" y1="\(y)" y2="\(y)" stroke="\(stroke)" stroke-width="1"/>\
                <text x="\(left - 6)" y="\(y + 4)" text-anchor="end">\(format(tick))</text>
                """)
        }
        parts.append("</g>")
        return HTML.join(parts)
    }

    /// Category labels under a chart, thinned so at most `maximum` show.
    static func categoryAxis(_ labels: [String], centers: [Double], y: Double, maximum: Int = 12) -> HTML {
        let every = max(1, Int((Double(labels.count) / Double(max(1, maximum))).rounded(.up)))
        var parts: [HTML] = ["<g class=\"axis axis-x\" font-size=\"11\" fill=\"#4b5563\" text-anchor=\"middle\">"]
        for (index, label) in labels.enumerated() where index % every == 0 {
            parts.append("<text x=\"\(centers[index])\" y=\"\(y)\">\(label)</text>")
        }
        parts.append("</g>")
        return HTML.join(parts)
    }

    /// A legend row of coloured squares and names.
    static func legend(_ entries: [(name: String, colour: String)], x: Double, y: Double) -> HTML {
        var parts: [HTML] = ["<g class=\"legend\" font-size=\"12\" fill=\"#111827\">"]
        var offset = x
        for entry in entries {
            parts.append("""
                <rect x="\(offset)" y="\(y - 10)" width="12" height="12" fill="\(entry.colour)"/>\
                <text x="\(offset + 16)" y="\(y)">\(entry.name)</text>
                """)
            offset += 16 + Double(entry.name.count) * 7 + 14
        }
        parts.append("</g>")
        return HTML.join(parts)
    }
}
