import Foundation
import Testing
import TenureCore

@Suite("JSON reader and writer")
struct JSONReaderTests {
    /// A random value of every kind, with strings that need every escape and numbers of every shape.
    static func randomValue(_ rng: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        switch rng.int(in: depth > 3 ? 0...4 : 0...6) {
        case 0: return .number(Double(rng.int(in: -1_000_000_000...1_000_000_000)))
        case 1:
            let shapes = [Double(rng.int(in: -1_000...1_000)) / 7, 1e300, -2.5e-300, 1e15, 1e16, 9_007_199_254_740_993, 0.1, -0.0, 1e21]
            return .number(shapes[rng.int(in: 0...(shapes.count - 1))])
        case 2:
            let alphabet: [Unicode.Scalar] = ["a", "Z", "/", "\\", "\"", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}",
                                              "\u{7F}", "é", "\u{2028}", "😀", " ", "'"]
            return .string(String(String.UnicodeScalarView((0..<rng.int(in: 0...10)).map { _ in alphabet[rng.int(in: 0...(alphabet.count - 1))] })))
        case 3: return rng.int(in: 0...1) == 0 ? .null : .bool(rng.int(in: 0...1) == 0)
        case 4: return .string("k\(rng.int(in: 0...100))")
        case 5: return .array((0..<rng.int(in: 0...4)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            let keys = ["a", "B", "a10", "a9", "userName", "_x", "é", "plan/tier", ""]
            return .object(Dictionary((0..<rng.int(in: 0...5)).map { _ in (keys[rng.int(in: 0...(keys.count - 1))], randomValue(&rng, depth: depth + 1)) },
                                      uniquingKeysWith: { first, _ in first }))
        }
    }

    static func read(_ text: String) throws(ValidationError) -> JSONValue {
        try JSONReader.read(Data(text.utf8)) { reader throws(ValidationError) in try reader.readValue() }
    }

    @Test("the hand-written text is byte for byte Foundation's encoder's, and reading it back gives the same value", arguments: 1...30)
    func writerMatchesFoundation(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        for _ in 0..<50 {
            let value = JSONValue.object(["root": Self.randomValue(&rng)])
            let foundation = String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self)
            #expect(value.jsonText == foundation)
            #expect(try Self.read(value.jsonText) == value, "\(foundation)")
            #expect(try Self.read(foundation) == JSONDecoder().decode(JSONValue.self, from: Data(foundation.utf8)))
        }
    }

    @Test("escapes, surrogate pairs, whitespace and numbers read as JSONSerialization reads them")
    func reading() throws {
        let text = #" { "s" : "a\"b\\c\/d\n\u00e9\ud83d\ude00" , "n" : [0, -0.5, 1E3, 2e-2, 123456789012345, 1.7976931348623157e308], "t": true, "f": false, "z": null } "#
        let value = try Self.read(text)
        #expect(value == .object(["s": .string("a\"b\\c/d\né😀"), "n": .array([.number(0), .number(-0.5), .number(1000), .number(0.02),
                                                                              .number(123_456_789_012_345), .number(1.7976931348623157e308)]),
                                  "t": .bool(true), "f": .bool(false), "z": .null]))
        // Numbers a Double cannot hold are refused (Foundation's decoder refuses them too), naming the field.
        #expect(throws: ValidationError(field: "n[1]", "is not valid JSON: a number is too large")) { try Self.read(#"{"n":[1,1e400]}"#) }
    }

    @Test("ids are strings or integers (in any notation), plain digits kept exactly; anything else is refused naming the field")
    func identifiers() throws {
        func identifier(_ text: String) throws(ValidationError) -> String? {
            try JSONReader.read(Data(#"{"userId":\#(text)}"#.utf8)) { reader throws(ValidationError) in
                _ = try reader.enterObject()
                _ = try reader.nextKey()
                let id = try reader.readIdentifier()
                _ = try reader.nextKey()
                return id
            }
        }
        #expect(try identifier(#""u 1""#) == "u 1")
        #expect(try identifier("42") == "42")
        #expect(try identifier("-7") == "-7")
        #expect(try identifier("9007199254740993") == "9007199254740993")
        // JSON Schema counts 42.0 and 1e3 as integers, and so do schema-driven clients.
        #expect(try identifier("42.0") == "42")
        #expect(try identifier("1e3") == "1000")
        #expect(try identifier("-1665470944672704.0") == "-1665470944672704")
        #expect(try identifier("null") == nil)
        #expect(try identifier("-9223372036854775808") == "-9223372036854775808")
        for refused in ["1.5", "1e300", "true", "[]", "{}", "99999999999999999999", "-9223372036854775809", "9223372036854775808"] {
            #expect(throws: ValidationError(field: "userId", "must be a string id"), "\(refused)") { try identifier(refused) }
        }
    }

    @Test("walking objects and arrays names the field a wrong kind of value is in")
    func walking() throws {
        let text = #"{"batch":[{"event":"a"},{"event":7}],"extra":{"deep":[1,{"x":null}]}}"#
        let error = #expect(throws: ValidationError.self) {
            try JSONReader.read(Data(text.utf8)) { reader throws(ValidationError) in
                _ = try reader.enterObject()
                while let key = try reader.nextKey() {
                    guard key == "batch", try reader.enterArray() else { try reader.skipValue(); continue }
                    while try reader.nextElement() {
                        _ = try reader.enterObject()
                        while try reader.nextKey() != nil { _ = try reader.readString() }
                    }
                }
            }
        }
        #expect(error == ValidationError(field: "batch[1].event", "must be a string"))
        // Objects with many keys still find a duplicate (past the short list, a set).
        let keys = (0..<40).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        #expect(throws: ValidationError(field: "k7", "is not valid JSON: the key appears twice in one object")) {
            try Self.read("{\(keys),\"k7\":0}")
        }
        #expect(try Self.read("{\(keys)}").object?.count == 40)
    }
}
