import Foundation
import Testing
import TenureCore

@Suite("Strict JSON")
struct StrictJSONTests {
    static func problem(_ text: String) -> ValidationError? {
        do {
            try StrictJSON.check(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("RFC 8259 texts pass", arguments: [
        #"{}"#, #"[]"#, #"0"#, #"-0.5e+10"#, #""é \u00e9 \ud83d\ude00 \n""#, #" { "a" : [1, 2.5, true, false, null, {"b": "c"}] } "#,
        #"{"a":1,"A":2,"\u0061b":3}"#, #"[[[[[]]]]]"#, #"1E-3"#,
    ])
    func accepts(text: String) {
        #expect(Self.problem(text) == nil)
    }

    @Test("what lenient parsers let through is refused, naming where", arguments: [
        (#"{"a":1,}"#, "body", "trailing comma"), (#"[1,2,]"#, "body", "trailing comma"), (#"{"a":[1,]}"#, "a", "trailing comma"),
        (#"{"a":1,"a":2}"#, "a", "twice"), (#"{"x":{"k":1,"\u006b":2}}"#, "x.k", "twice"),
        (#"{"a":"\udc00"}"#, "a", "low surrogate"), (#"{"a":"\ud800"}"#, "a", "high surrogate"), (#"{"a":"\ud800\u0041"}"#, "a", "high surrogate"),
        (#"{"a":"x\u0000y"}"#, "a", "\\u0000"), ("{\"a\":\"x\ty\"}", "a", "control character"),
        (#"[01]"#, "[0]", "leading zeros"), (#"[NaN]"#, "[0]", "unexpected"), (#"[1.]"#, "[0]", "fraction"), (#"[.5]"#, "[0]", "unexpected"),
        (#"{"a":1} x"#, "body", "after"), (#"// c"#, "body", "unexpected"), (#"{'a':1}"#, "body", "quoted key"), (#"{"a" 1}"#, "body", "':'"),
        (#""abc"#, "body", "not closed"), (#"[1,2"#, "body", "',' or ']'"), (#"[tru]"#, "[0]", "unexpected"), (#""\x""#, "body", "escape"),
        (#"[{"b":[1,{"c":[1,2,]}]}]"#, "[0].b[1].c", "trailing comma"),
    ])
    func refuses(text: String, field: String, words: String) {
        let error = Self.problem(text)
        #expect(error?.field == field, "\(text)")
        #expect(error?.message.contains(words) == true, "\(text): \(error?.message ?? "accepted")")
    }

    @Test("nesting is bounded, invalid UTF-8 is refused")
    func limits() {
        #expect(Self.problem(String(repeating: "[", count: 256) + String(repeating: "]", count: 256)) == nil)
        #expect(Self.problem(String(repeating: "[", count: 257) + String(repeating: "]", count: 257))?.message.contains("deeper") == true)
        #expect(Self.problem(String(repeating: "[", count: 100_000))?.message.contains("deeper") == true)
        #expect((try? StrictJSON.check(Data([0x22, 0xFF, 0x22]))) == nil)
    }

    @Test("mutated documents never crash the checker, and what it accepts Foundation reads too", arguments: 1...20)
    func mutations(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919)
        let seeds = [#"{"batch":[{"type":"track","userId":"u1","event":"E","properties":{"n":1.5e3,"s":"\u00e9\ud83d\ude00"}}]}"#,
                     #"[{"a":[true,false,null,-0,"x\"y"]},{}]"#]
        let alphabet = Array(#"{}[],:"\ 0123456789eE+-.tfnu/\abcdefABCDEF"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
        for _ in 0..<500 {
            var bytes = Array(seeds[rng.int(in: 0...1)].utf8)
            for _ in 0..<rng.int(in: 1...4) {
                let index = rng.int(in: 0...(bytes.count - 1))
                switch rng.int(in: 0...2) {
                case 0: bytes[index] = alphabet[rng.int(in: 0...(alphabet.count - 1))]
                case 1: bytes.insert(alphabet[rng.int(in: 0...(alphabet.count - 1))], at: index)
                default: if bytes.count > 1 { bytes.remove(at: index) }
                }
            }
            let data = Data(bytes)
            if (try? StrictJSON.check(data)) != nil {
                #expect((try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil, "\(String(decoding: data, as: UTF8.self))")
            }
        }
    }

    @Test("whatever JSONSerialization writes passes, and Foundation reads what passes", arguments: 1...40)
    func randomDocuments(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        func value(_ depth: Int) -> Any {
            switch rng.int(in: depth > 3 ? 0...3 : 0...5) {
            case 0: return rng.int(in: -1_000_000...1_000_000)
            case 1: return Double(rng.int(in: -1_000...1_000)) / 7
            case 2: return String((0..<rng.int(in: 0...8)).map { _ in Character(Unicode.Scalar(UInt32(rng.int(in: 1...0x2FF)))!) })
            case 3: return rng.int(in: 0...1) == 0 ? NSNull() : (rng.int(in: 0...1) == 0)
            case 4: return (0..<rng.int(in: 0...4)).map { _ in value(depth + 1) }
            default: return Dictionary((0..<rng.int(in: 0...4)).map { ("k\($0)", value(depth + 1)) }, uniquingKeysWith: { a, _ in a })
            }
        }
        let document = ["root": value(0)]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.fragmentsAllowed])
        #expect(throws: Never.self) { try StrictJSON.check(data) }
        #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
    }
}
