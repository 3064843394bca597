import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TenureCore
@testable import TenureServer

/// Parses SVG as XML and collects its elements, so tests can check structure, not strings.
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text = "" }
    private(set) var elements: [Element] = []
    private var open: [Int] = []

    init(_ html: HTML) throws {
        super.init()
        let parser = XMLParser(data: Data(html.text.utf8))
        parser.delegate = self
        guard parser.parse() else { throw TestFailure("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")") }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("Dashboard charts")
struct DashboardChartTests {
    static let money: ValueFormatter = { Format.money(Int64($0), .usd) }

    @Test("a stacked bar chart is well-formed SVG with a title, a description and a titled rect per value")
    func stackedBarsAreAccessible() throws {
        let chart = StackedBarChart(
            id: "moves", title: "MRR <movements>", categories: ["Jan", "Feb"],
            series: [.init(name: "New", values: [10_000, 20_000], colour: ChartPalette.blue),
                     .init(name: "Churn", values: [-5_000, 0], colour: ChartPalette.vermillion)],
            format: Self.money)
        let svg = try SVGDocument(chart.svg())
        let root = try #require(svg.elements.first)
        #expect(root.name == "svg" && root.attributes["role"] == "img" && root.attributes["aria-labelledby"] == "moves-title moves-desc")
        #expect(svg.all("title").first?.text == "MRR <movements>", "the title is escaped in the markup and reads back whole")
        #expect(svg.all("desc").first?.text.contains("New $300") == true)
        let rects = svg.all("rect").filter { $0.attributes["height"] != "12" }
        #expect(rects.count == 3, "one segment per non-zero value")
        #expect(svg.all("title").contains { $0.text == "Feb · New: $200" })
        #expect(svg.all("text").contains { $0.text == "Jan" } && svg.all("text").contains { $0.text == "Feb" })
    }

    @Test("bar heights are proportional to values and negative stacks hang below zero")
    func barHeightsAreProportional() {
        let chart = StackedBarChart(
            id: "b", title: "t", categories: ["a", "b"],
            series: [.init(name: "Up", values: [100, 300], colour: "#000"), .init(name: "More", values: [50, 0], colour: "#111"),
                     .init(name: "Down", values: [-200, 0], colour: "#222")],
            format: { "\($0)" })
        let segments = chart.segments()
        let up = segments.filter { $0.series == "Up" }.map(\.height)
        #expect(abs(up[1] / up[0] - 3) < 1e-9)
        let more = segments.first { $0.series == "More" }!, first = segments.first { $0.series == "Up" && $0.category == 0 }!
        #expect(abs(more.height / first.height - 0.5) < 1e-9)
        #expect(abs(more.y + more.height - first.y) < 1e-9, "the second segment stacks on top of the first")
        let down = segments.first { $0.series == "Down" }!
        let zero = chart.scale().position(0)
        #expect(abs(down.y - zero) < 1e-9 && abs(down.height / first.height - 2) < 1e-9)
    }

    @Test("a line chart has axes with tick labels, a point titled per value, and breaks at missing values")
    func lineChart() throws {
        let chart = LineChart(id: "l", title: "NRR", categories: ["Jan", "Feb", "Mar", "Apr"],
                              series: [.init(name: "NRR", values: [0.98, nil, 1.01, 1.02])], includeZero: false,
                              format: { Format.percent($0) })
        let svg = try SVGDocument(chart.svg())
        #expect(svg.all("circle").count == 3)
        #expect(svg.all("polyline").count == 1, "the gap splits the line; a lone point draws no segment")
        #expect(svg.all("title").contains { $0.text == "Mar · NRR: 101.0%" })
        #expect(svg.all("line").count >= 2, "grid lines")
        #expect(svg.all("desc").first?.text == "NRR from 98.0% to 102.0%, Jan to Apr.")
    }

    @Test("a heatmap shades cells by value and titles each; a sparkline is titled")
    func heatmapAndSparkline() throws {
        let heatmap = Heatmap(id: "h", title: "Retention", columns: ["M0", "M1"],
                              rows: [.init(label: "May 2026", note: "(3)", values: [1, 0.5]), .init(label: "Jun & co", note: "(1)", values: [1, nil])],
                              format: { Format.percent($0, digits: 0) })
        let svg = try SVGDocument(heatmap.svg())
        let cells = svg.all("rect")
        #expect(cells.count == 3)
        #expect(cells[0].attributes["fill"] == Heatmap.fill(1) && cells[1].attributes["fill"] == Heatmap.fill(0.5))
        #expect(Heatmap.fill(1) != Heatmap.fill(0.5))
        #expect(svg.all("title").contains { $0.text == "May 2026, M1: 50%" })
        #expect(svg.all("title").contains { $0.text == "Jun & co, M0: 100%" })
        let spark = try SVGDocument(Sparkline(id: "s", title: "Weekly events", values: [1, 4, 2], format: { "\(Int($0))" }).svg())
        #expect(spark.all("title").first?.text == "Weekly events" && spark.all("polyline").count == 1)
    }

    @Test("scales pick nice ticks that cover the data and zero")
    func niceTicks() {
        let scale = ChartScale(covering: [3, 87], lowerPixel: 100, upperPixel: 0)
        #expect(scale.ticks == [0, 20, 40, 60, 80, 100])
        #expect(scale.position(0) == 100 && scale.position(100) == 0)
        let negative = ChartScale(covering: [-120, 40], lowerPixel: 100, upperPixel: 0)
        #expect(negative.ticks.first! <= -120 && negative.ticks.last! >= 40 && negative.ticks.contains(0))
    }

    @Test("interpolated text is escaped; markup interpolated as HTML is kept")
    func htmlEscaping() {
        let name = "<script>alert('x')</script> & \"friends\""
        let bold: HTML = "<b>\(name)</b>"
        #expect(bold.text == "<b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</b>")
        let outer: HTML = "<p>\(bold)</p>"
        #expect(outer.text == "<p>\(bold.text)</p>")
    }
}
