import Foundation
import TenureCore

/// Writing header fields by RFC 5322 and RFC 2047: text beyond ASCII as `=?UTF-8?B?…?=` encoded words,
/// lines folded at whitespace to at most 78 characters, and no way for a value to start a header of its own.
enum MailHeader {
    /// The longest line a header field is folded to, CRLF not counted.
    static let lineLength = 78

    /// Refuses CR, LF and NUL, which would let a value end its header and start another (header injection).
    static func refuseInjection(_ value: String, field: String) throws(ValidationError) {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw ValidationError(field: field, "must not contain CR, LF or NUL (they would start another header)")
        }
    }

    /// `Name: value` folded at its whitespace, each line ending in CRLF.
    static func field(_ name: String, _ value: String) -> String {
        var lines = ["\(name):"]
        for word in words(value) {
            let startsWithSpace = word.first == " " || word.first == "\t"
            if lines[lines.count - 1].count + word.count > lineLength, startsWithSpace, lines[lines.count - 1].count > name.count + 1 {
                lines.append(word)
            } else {
                lines[lines.count - 1] += word
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Free text such as a subject: as is when it is plain ASCII, else encoded words.
    static func unstructured(_ text: String) -> String {
        needsEncoding(text) ? encodedWords(text) : text
    }

    /// A display name: as is when it is a run of atoms, quoted when it holds specials, else encoded words.
    static func phrase(_ name: String) -> String {
        if needsEncoding(name) { return encodedWords(name) }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if name.allSatisfy(atext.contains) { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Text that must be encoded: anything beyond printable ASCII, something a reader would take for an encoded word,
    /// or a word too long to fold.
    private static func needsEncoding(_ text: String) -> Bool {
        text.unicodeScalars.contains { !(0x20...0x7E).contains($0.value) } || text.contains("=?")
            || text.split(separator: " ").contains { $0.count > 70 }
    }

    /// `text` as `=?UTF-8?B?…?=` words of at most 42 bytes each, never splitting a character's bytes, separated by spaces.
    private static func encodedWords(_ text: String) -> String {
        var chunks: [[UInt8]] = [[]]
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunks[chunks.count - 1].count + bytes.count > 42 { chunks.append([]) }
            chunks[chunks.count - 1] += bytes
        }
        return chunks.map { "=?UTF-8?B?\(Data($0).base64EncodedString())?=" }.joined(separator: " ")
    }

    /// `value` cut before each run of whitespace, so that a fold may go in front of any piece but the first.
    private static func words(_ value: String) -> [String] {
        var words: [String] = [" "]
        var inWord = false
        for character in value {
            let isSpace = character == " " || character == "\t"
            if isSpace && inWord { words.append("") }
            words[words.count - 1].append(character)
            inWord = !isSpace
        }
        return words
    }
}
