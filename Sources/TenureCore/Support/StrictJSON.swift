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
        guard String(validating: data, as: UTF8.self) != nil else { throw ValidationError(field: "body", "is not valid UTF-8") }
        let result: Result<Void, ValidationError> = data.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            do throws(ValidationError) {
                scanner.skipWhitespace()
                try scanner.value(depth: 0)
                scanner.skipWhitespace()
                if scanner.index < scanner.bytes.count { throw scanner.problem("has text after the JSON value") }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var path: [PathComponent] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func problem(_ message: String) -> ValidationError {
            var field = ""
            for component in path {
                switch component {
                case .key(let key): field += field.isEmpty ? key : ".\(key)"
                case .index(let index): field += "[\(index)]"
                }
            }
            return ValidationError(field: field.isEmpty ? "body" : field, "is not valid JSON: \(message)")
        }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func value(depth: Int) throws(ValidationError) {
            guard let byte = current else { throw problem("ends where a value was expected") }
            switch byte {
            case UInt8(ascii: "{"): try object(depth: depth + 1)
            case UInt8(ascii: "["): try array(depth: depth + 1)
            case UInt8(ascii: "\""): _ = try string(collecting: false)
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw problem("unexpected character '\(Character(Unicode.Scalar(byte)))'")
            }
        }

        mutating func object(depth: Int) throws(ValidationError) {
            guard depth <= StrictJSON.maximumDepth else { throw problem("nests deeper than \(StrictJSON.maximumDepth) levels") }
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "}") { index += 1; return }
            var keys = Set<String>()
            while true {
                guard current == UInt8(ascii: "\"") else {
                    throw problem(current == UInt8(ascii: "}") ? "has a trailing comma" : "expects a quoted key")
                }
                let key = try string(collecting: true)
                guard keys.insert(key).inserted else {
                    path.append(.key(key))
                    throw problem("the key appears twice in one object")
                }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw problem("expects ':' after a key") }
                index += 1
                skipWhitespace()
                path.append(.key(key))
                try value(depth: depth)
                path.removeLast()
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1; skipWhitespace()
                case UInt8(ascii: "}"): index += 1; return
                default: throw problem("expects ',' or '}' in an object")
                }
            }
        }

        mutating func array(depth: Int) throws(ValidationError) {
            guard depth <= StrictJSON.maximumDepth else { throw problem("nests deeper than \(StrictJSON.maximumDepth) levels") }
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "]") { index += 1; return }
            var position = 0
            while true {
                if current == UInt8(ascii: "]") { throw problem("has a trailing comma") }
                path.append(.index(position))
                try value(depth: depth)
                path.removeLast()
                position += 1
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1; skipWhitespace()
                case UInt8(ascii: "]"): index += 1; return
                default: throw problem("expects ',' or ']' in an array")
                }
            }
        }

        mutating func literal(_ word: String) throws(ValidationError) {
            for expected in word.utf8 {
                guard current == expected else { throw problem("unexpected characters where a value was expected") }
                index += 1
            }
        }

        mutating func number() throws(ValidationError) {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, isDigit(first) else { throw problem("a number needs digits") }
            index += 1
            if first == UInt8(ascii: "0"), let next = current, isDigit(next) { throw problem("a number may not have leading zeros") }
            while let byte = current, isDigit(byte) { index += 1 }
            if current == UInt8(ascii: ".") {
                index += 1
                guard let byte = current, isDigit(byte) else { throw problem("a fraction needs digits") }
                while let byte = current, isDigit(byte) { index += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let byte = current, isDigit(byte) else { throw problem("an exponent needs digits") }
                while let byte = current, isDigit(byte) { index += 1 }
            }
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        /// Scans a string; returns its decoded text when `collecting` (keys), else "".
        mutating func string(collecting: Bool) throws(ValidationError) -> String {
            index += 1
            let start = index
            var escaped: String.UnicodeScalarView?
            while true {
                guard let byte = current else { throw problem("a string is not closed") }
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard collecting else { return "" }
                    if let escaped { return String(escaped) }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
                case UInt8(ascii: "\\"):
                    if collecting && escaped == nil {
                        escaped = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).unicodeScalars
                    }
                    index += 1
                    let scalar = try escape()
                    if collecting { escaped?.append(scalar) }
                case 0x00..<0x20:
                    throw problem("a string holds a raw control character (escape it)")
                default:
                    let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                    if escaped != nil {
                        let end = min(index + length, bytes.count)
                        escaped?.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).unicodeScalars)
                    }
                    index += length
                }
            }
        }

        /// Reads the escape after a backslash.
        mutating func escape() throws(ValidationError) -> Unicode.Scalar {
            guard let byte = current else { throw problem("a string is not closed") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let unit = try hexQuad()
                if unit == 0 { throw problem("a string holds \\u0000, which text cannot store") }
                if (0xDC00...0xDFFF).contains(unit) { throw problem("a string holds a lone low surrogate") }
                guard (0xD800...0xDBFF).contains(unit) else { return Unicode.Scalar(unit)! }
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw problem("a string holds a lone high surrogate")
                }
                index += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw problem("a string holds a lone high surrogate") }
                return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))!
            default:
                throw problem("a string holds an unknown escape")
            }
        }

        mutating func hexQuad() throws(ValidationError) -> UInt16 {
            guard index + 4 <= bytes.count else { throw problem("a \\u escape needs four hex digits") }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw problem("a \\u escape needs four hex digits")
                }
                value = value << 4 | UInt16(digit)
                index += 1
            }
            return value
        }
    }
}
