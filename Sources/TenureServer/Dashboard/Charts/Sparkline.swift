import Foundation

/// A small word-sized line of recent values (weekly usage), with a title
/// naming what it shows and its first and last values, and a dot on the last.
public struct Sparkline: Sendable {
    public var id: String
    public var title: String
    public var values: [Double]
    public var format: ValueFormatter
    public var width: Double = 160
    public var height: Double = 32

    /// Makes a sparkline; `id` must be unique on the page.
    public init(id: String, title: String, values: [Double], format: @escaping ValueFormatter) {
        self.id = id
        self.title = title
        self.values = values
        self.format = format
    }

    /// The sparkline as inline SVG.
    public func svg() -> HTML {
        let summary = values.isEmpty ? "No data." : "From \(format(values.first!)) to \(format(values.last!)) over \(values.count) points."
        var parts: [HTML] = [.svgOpening(id: id, width: width, height: height, title: title, summary: summary)]
        if values.count > 1 {
            let scale = ChartScale(covering: values, lowerPixel: height - 3, upperPixel: 3, tickCount: 1)
            let step = (width - 6) / Double(values.count - 1)
            let points = values.enumerated().map { index, value in
                "\(HTML.number(3 + step * Double(index))),\(HTML.number(scale.position(value)))"
            }
            parts.append("<polyline fill=\"none\" stroke=\"\(ChartPalette.blue)\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>")
            parts.append("<circle cx=\"\(3 + step * Double(values.count - 1))\" cy=\"\(scale.position(values.last!))\" r=\"2.5\" fill=\"\(ChartPalette.blue)\"/>")
        }
        parts.append("</svg>")
        return HTML.join(parts)
    }
}
