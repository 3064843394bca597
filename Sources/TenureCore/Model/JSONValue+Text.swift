/// Compact JSON text of values, written by hand for the columns every event fills (Foundation's
/// encoder costs more than the insert): the same bytes as ``JSONCoding/encoder`` writes — keys
/// sorted, slashes unescaped, whole numbers without `.0`.
extension JSONValue {
    /// The value as compact JSON text.
    public var jsonText: String {
        var text: [UInt8] = []
        write(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    func write(to text: inout [UInt8]) {
        switch self {
        case .null: text.append(contentsOf: "null".utf8)
        case .bool(let value): text.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value):
            let written = value.description
            text.append(contentsOf: written.utf8.dropLast(written.hasSuffix(".0") ? 2 : 0))
        case .string(let value): Self.write(value, to: &text)
        case .array(let elements):
            text.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { text.append(UInt8(ascii: ",")) }
                element.write(to: &text)
            }
            text.append(UInt8(ascii: "]"))
        case .object(let fields): Self.write(fields, to: &text)
        }
    }

    static func write(_ fields: [String: JSONValue], to text: inout [UInt8]) {
        text.append(UInt8(ascii: "{"))
        for (position, key) in fields.keys.sorted().enumerated() {
            if position > 0 { text.append(UInt8(ascii: ",")) }
            write(key, to: &text)
            text.append(UInt8(ascii: ":"))
            fields[key]!.write(to: &text)
        }
        text.append(UInt8(ascii: "}"))
    }

    private static func write(_ string: String, to text: inout [UInt8]) {
        text.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): text.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): text.append(contentsOf: #"\\"#.utf8)
            case 0x0A: text.append(contentsOf: #"\n"#.utf8)
            case 0x0D: text.append(contentsOf: #"\r"#.utf8)
            case 0x09: text.append(contentsOf: #"\t"#.utf8)
            case 0x08: text.append(contentsOf: #"\b"#.utf8)
            case 0x0C: text.append(contentsOf: #"\f"#.utf8)
            case 0x00..<0x20:
                text.append(contentsOf: #"\u00"#.utf8)
                Hex.append(byte, to: &text)
            default: text.append(byte)
            }
        }
        text.append(UInt8(ascii: "\""))
    }
}

extension [String: JSONValue] {
    /// The fields as one compact JSON object.
    public var jsonText: String {
        var text: [UInt8] = []
        JSONValue.write(self, to: &text)
        return String(decoding: text, as: UTF8.self)
    }
}
