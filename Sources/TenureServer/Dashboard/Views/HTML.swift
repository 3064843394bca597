import TenureNotify

/// A fragment of HTML (or SVG) whose interpolated values are escaped by
/// default: `"<td>\(name)</td>" as HTML` escapes `name`, while interpolating
/// another `HTML` value inserts it as it is. Views build pages out of these,
/// so nothing a customer typed can reach the page unescaped.
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The markup.
    public private(set) var text: String

    /// Markup taken as it is; only for text that is already safe.
    public init(unsafeRaw text: String) { self.text = text }

    /// Plain text, escaped.
    public init(text: String) { self.text = HTML.escape(text) }

    /// Builds the literal part as markup.
    public init(stringLiteral value: String) { text = value }

    /// Builds markup from literal parts and escaped values.
    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Empty markup.
    public static let empty = HTML(unsafeRaw: "")

    /// The fragments one after another.
    public static func join(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        HTML(unsafeRaw: parts.map(\.text).joined(separator: separator.text))
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` so `text` is safe in element content and quoted attributes.
    public static func escape(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    /// The interpolation that escapes values and keeps markup.
    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        /// Reserves room for the literal parts.
        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// Literal markup, kept as written.
        public mutating func appendLiteral(_ literal: String) { text += literal }
        /// Text, escaped.
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        /// Optional text, escaped; nothing for `nil`.
        public mutating func appendInterpolation(_ value: String?) { text += HTML.escape(value ?? "") }
        /// Markup, kept.
        public mutating func appendInterpolation(_ html: HTML) { text += html.text }
        /// Optional markup, kept; nothing for `nil`.
        public mutating func appendInterpolation(_ html: HTML?) { text += html?.text ?? "" }
        /// Fragments, one after another.
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { text += part.text } }
        /// A number, written plainly.
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        /// A number, written plainly.
        public mutating func appendInterpolation(_ value: Int64) { text += String(value) }
        /// A coordinate, written with at most two decimals.
        public mutating func appendInterpolation(_ value: Double) { text += HTML.number(value) }
    }

    /// `value` with at most two decimals and no trailing zeros (SVG coordinates).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
