import Foundation

/// Reads JSON bytes value by value, strictly as RFC 8259 defines them: no trailing commas,
/// comments, `NaN` or single quotes; no duplicate keys in an object; no lone surrogates or raw
/// control characters in strings; no `\u0000` (text stores cannot keep it); numbers that fit a
/// `Double`; at most ``StrictJSON/maximumDepth`` levels of nesting. Every error names the field
/// at fault (`batch[2].properties`, or `body`), so a caller decodes its own types without a
/// `Decoder` and answers as precisely as ``StrictJSON/check(_:)``.
public struct JSONReader: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var path: [PathComponent] = []
    /// Keys already read in each open object, by depth (reused from object to object).
    private var keys: [KeyList] = []

    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    /// The kinds of JSON value, as ``peek()`` tells them apart.
    public enum Kind: Sendable {
        case object, array, string, number, bool, null
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Runs `body` over `data`'s one JSON value, then checks that nothing but whitespace follows it.
    public static func read<T>(_ data: Data, _ body: (inout JSONReader) throws(ValidationError) -> T) throws(ValidationError) -> T {
        guard String(validating: data, as: UTF8.self) != nil else { throw ValidationError(field: "body", "is not valid UTF-8") }
        let result: Result<T, ValidationError> = data.withUnsafeBytes { raw in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            do throws(ValidationError) {
                reader.skipWhitespace()
                let value = try body(&reader)
                reader.skipWhitespace()
                if reader.index < reader.bytes.count { throw reader.problem("has text after the JSON value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: Reading values

    /// The kind of the next value, without reading it.
    public func peek() throws(ValidationError) -> Kind {
        guard let byte = current else { throw problem("ends where a value was expected") }
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw problem("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    /// Reads `null` and returns true, or reads nothing and returns false.
    public mutating func readNull() throws(ValidationError) -> Bool {
        guard try peek() == .null else { return false }
        try literal("null")
        return true
    }

    /// The next value, which must be a string (or `null`, read as `nil`).
    public mutating func readString() throws(ValidationError) -> String? {
        if try readNull() { return nil }
        guard try peek() == .string else { throw mismatch("must be a string") }
        return try string()
    }

    /// The next value as text: a string as it is, an integer as its digits (ids sent as `42`); `null` is `nil`.
    public mutating func readIdentifier() throws(ValidationError) -> String? {
        if try readNull() { return nil }
        switch try peek() {
        case .string:
            return try string()
        case .number:
            // An integer in any notation (`42`, `42.0`, `4.2e1`, as JSON Schema counts integers); plain digits stay exact past 2^53.
            let number = try number()
            let digits = String(decoding: number.text, as: UTF8.self)
            if !digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                guard let integer = Int64(digits) else { throw mismatch("must be a string id") }
                return String(integer)
            }
            guard number.value == number.value.rounded(), abs(number.value) < 0x1p63 else { throw mismatch("must be a string id") }
            return String(Int64(number.value))
        default:
            throw mismatch("must be a string id")
        }
    }

    /// The next value, whatever it is.
    public mutating func readValue() throws(ValidationError) -> JSONValue {
        try value()
    }

    /// The next value, which must be an object of values (or `null`, read as `nil`).
    public mutating func readObject() throws(ValidationError) -> [String: JSONValue]? {
        if try readNull() { return nil }
        guard try peek() == .object, case .object(let fields) = try readValue() else { throw mismatch("must be an object") }
        return fields
    }

    /// Checks the next value and moves past it.
    public mutating func skipValue() throws(ValidationError) {
        try skip()
    }

    // MARK: Walking objects and arrays

    /// Enters the object that comes next (after `null` it returns false and there is nothing to enter).
    /// Read its fields with ``nextKey()`` until that returns `nil`.
    public mutating func enterObject() throws(ValidationError) -> Bool {
        if try readNull() { return false }
        guard try peek() == .object else { throw mismatch("must be an object") }
        try open(depth: path.count + 1)
        while keys.count <= path.count { keys.append(KeyList()) }
        keys[path.count].removeAll()
        path.append(.key(""))
        return true
    }

    /// The next key of the object entered last, positioned before its value; `nil` after the last.
    /// The value must be read (or skipped) before the next call.
    public mutating func nextKey() throws(ValidationError) -> String? {
        guard case .key = path.last else { preconditionFailure("nextKey() outside an object") }
        if !keys[path.count - 1].isEmpty {
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "}"): index += 1; path.removeLast(); return nil
            default: throw separatorProblem("expects ',' or '}' in an object")
            }
            guard current == UInt8(ascii: "\"") else {
                throw separatorProblem(current == UInt8(ascii: "}") ? "has a trailing comma" : "expects a quoted key")
            }
        } else {
            skipWhitespace()
            if current == UInt8(ascii: "}") { index += 1; path.removeLast(); return nil }
            guard current == UInt8(ascii: "\"") else { throw separatorProblem("expects a quoted key") }
        }
        let key = try string()
        path[path.count - 1] = .key(key)
        guard keys[path.count - 1].insert(key) else { throw problem("the key appears twice in one object") }
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw separatorProblem("expects ':' after a key") }
        index += 1
        skipWhitespace()
        return key
    }

    /// Enters the array that comes next (after `null` it returns false). Read its elements while ``nextElement()`` is true.
    public mutating func enterArray() throws(ValidationError) -> Bool {
        if try readNull() { return false }
        guard try peek() == .array else { throw mismatch("must be an array") }
        try open(depth: path.count + 1)
        path.append(.index(-1))
        return true
    }

    /// True when the array entered last has another element, positioned before it; false after the last.
    public mutating func nextElement() throws(ValidationError) -> Bool {
        guard case .index(let position) = path.last else { preconditionFailure("nextElement() outside an array") }
        skipWhitespace()
        if position >= 0 {
            switch current {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "]"): index += 1; path.removeLast(); return false
            default: throw separatorProblem("expects ',' or ']' in an array")
            }
            if current == UInt8(ascii: "]") { throw separatorProblem("has a trailing comma") }
        } else if current == UInt8(ascii: "]") {
            index += 1
            path.removeLast()
            return false
        }
        path[path.count - 1] = .index(position + 1)
        return true
    }

    /// An error at the current field: `message` says what the value must be.
    public func mismatch(_ message: String) -> ValidationError {
        ValidationError(field: field ?? "body", message)
    }

    /// The field being read, as `batch[2].properties`; `nil` at the top.
    public var field: String? { Self.field(path[...]) }

    private static func field(_ path: ArraySlice<PathComponent>) -> String? {
        var field = ""
        for component in path {
            switch component {
            case .key(let key): field += field.isEmpty ? key : ".\(key)"
            case .index(let index): field += "[\(index)]"
            }
        }
        return field.isEmpty ? nil : field
    }

    // MARK: Scanning

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func problem(_ message: String) -> ValidationError {
        ValidationError(field: field ?? "body", "is not valid JSON: \(message)")
    }

    /// A problem between the values of the object or array being read, named after that object or array.
    private func separatorProblem(_ message: String) -> ValidationError {
        ValidationError(field: Self.field(path.dropLast()) ?? "body", "is not valid JSON: \(message)")
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func open(depth: Int) throws(ValidationError) {
        guard depth <= StrictJSON.maximumDepth else { throw problem("nests deeper than \(StrictJSON.maximumDepth) levels") }
        index += 1
    }

    private mutating func value() throws(ValidationError) -> JSONValue {
        switch try peek() {
        case .object:
            _ = try enterObject()
            var fields: [String: JSONValue] = [:]
            while let key = try nextKey() { fields[key] = try value() }
            return .object(fields)
        case .array:
            _ = try enterArray()
            var elements: [JSONValue] = []
            while try nextElement() { elements.append(try value()) }
            return .array(elements)
        case .string: return .string(try string())
        case .number: return .number(try number().value)
        case .bool:
            if current == UInt8(ascii: "t") { try literal("true"); return .bool(true) }
            try literal("false")
            return .bool(false)
        case .null:
            try literal("null")
            return .null
        }
    }

    private mutating func skip() throws(ValidationError) {
        switch try peek() {
        case .object:
            _ = try enterObject()
            while try nextKey() != nil { try skip() }
        case .array:
            _ = try enterArray()
            while try nextElement() { try skip() }
        case .string: _ = try scanString()
        case .number: _ = try number()
        case .bool: try literal(current == UInt8(ascii: "t") ? "true" : "false")
        case .null: try literal("null")
        }
    }

    private mutating func literal(_ word: StaticString) throws(ValidationError) {
        for offset in 0..<word.utf8CodeUnitCount {
            guard current == word.utf8Start[offset] else { throw problem("unexpected characters where a value was expected") }
            index += 1
        }
    }

    /// A number's text and value; a number too large for a `Double` is refused.
    private mutating func number() throws(ValidationError) -> (text: UnsafeBufferPointer<UInt8>, value: Double) {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { throw problem("a number needs digits") }
        index += 1
        if first == UInt8(ascii: "0"), let next = current, isDigit(next) { throw problem("a number may not have leading zeros") }
        var integer: Int64 = Int64(first - UInt8(ascii: "0"))
        var digits = 1
        while let byte = current, isDigit(byte) {
            integer = integer &* 10 &+ Int64(byte - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        var plain = true
        if current == UInt8(ascii: ".") {
            plain = false
            index += 1
            guard let byte = current, isDigit(byte) else { throw problem("a fraction needs digits") }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            plain = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, isDigit(byte) else { throw problem("an exponent needs digits") }
            while let byte = current, isDigit(byte) { index += 1 }
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
        // Up to 15 digits an integer is exact in a Double; anything else goes through the standard library's parser.
        if plain && digits <= 15 { return (text, Double(bytes[start] == UInt8(ascii: "-") ? -integer : integer)) }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            throw problem("a number is too large")
        }
        return (text, value)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Reads a string; text without escapes is taken from the bytes as it is.
    private mutating func string() throws(ValidationError) -> String {
        let start = index + 1
        guard try scanString() else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self) }
        // Escapes: read again, decoding them.
        index = start
        var scalars = String.UnicodeScalarView()
        while true {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return String(scalars) }
            if byte == UInt8(ascii: "\\") {
                index += 1
                scalars.append(try escape())
                continue
            }
            let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self).unicodeScalars)
            index += length
        }
    }

    /// Moves past a string, checking its characters and escapes; true when it holds escapes.
    private mutating func scanString() throws(ValidationError) -> Bool {
        index += 1
        var escaped = false
        while true {
            guard let byte = current else { throw problem("a string is not closed") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return escaped
            case UInt8(ascii: "\\"):
                index += 1
                _ = try escape()
                escaped = true
            case 0x00..<0x20:
                throw problem("a string holds a raw control character (escape it)")
            default:
                // The whole text is valid UTF-8 (checked first), so a lead byte says how long its character is.
                index += byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            }
        }
    }

    /// Reads the escape after a backslash.
    private mutating func escape() throws(ValidationError) -> Unicode.Scalar {
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

    private mutating func hexQuad() throws(ValidationError) -> UInt16 {
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

/// The keys of one object, for the duplicate check: a list while short, a set once long.
private struct KeyList {
    private var list: [String] = []
    private var set: Set<String>?

    var isEmpty: Bool { list.isEmpty }

    mutating func removeAll() {
        list.removeAll(keepingCapacity: true)
        set = nil
    }

    /// Adds `key`; false when the object had it already.
    mutating func insert(_ key: String) -> Bool {
        if set == nil && list.count >= 16 { set = Set(list) }
        if set != nil {
            guard set!.insert(key).inserted else { return false }
        } else if list.contains(key) {
            return false
        }
        list.append(key)
        return true
    }
}
