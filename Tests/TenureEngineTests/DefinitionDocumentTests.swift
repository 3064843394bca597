import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureStore

@Suite("Definition documents")
struct DefinitionDocumentTests {
    /// Nine levels of nine aliases: 283 bytes that expand to 9^9 strings.
    static let billionLaughs: String = {
        var text = "name: lol\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n" }
        return text
    }()

    @Test("YAML anchors and aliases are refused before anything is expanded")
    func aliases() {
        for text in [Self.billionLaughs, "name: x\nweights: &w {a: 1}\nother: *w\n", "name: &n x\n"] {
            let started = ContinuousClock.now
            #expect {
                _ = try DefinitionDocument.decode(HealthDefinition.self, from: text, format: .yaml)
            } throws: { error in
                let message = (error as? ValidationError)?.message ?? ""
                return message.contains("aliases") || message.contains("anchors")
            }
            #expect(ContinuousClock.now - started < .milliseconds(200))
        }
    }

    @Test("JSON definitions are parsed strictly: duplicate keys and trailing commas are refused")
    func strictJSON() {
        for text in [#"{"name":"a","name":"b"}"#, #"{"name":"a",}"#] {
            #expect {
                _ = try DefinitionDocument.decode(HealthDefinition.self, from: text, format: .json)
            } throws: { error in (error as? ValidationError)?.message.contains("not valid JSON") == true }
        }
    }
}
