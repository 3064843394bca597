import Foundation

/// Checks that bytes are exactly one JSON text as RFC 8259 defines it, before a lenient
/// decoder sees them: no trailing commas, comments, `NaN` or single quotes; no duplicate keys
/// in an object; no lone surrogates or raw control characters in strings; no `\u0000`
/// (text stores cannot keep it); at most ``maximumDepth`` levels of nesting.
public enum StrictJSON {
    /// Deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 256

    /// Throws a ``ValidationError`` naming the field at fault (`batch[2].properties`, or `body`).
    public static func check(_ data: Data) throws(ValidationError) {
        try JSONReader.read(data) { reader throws(ValidationError) in try reader.skipValue() }
    }
}
