import Foundation
import TenureCore
import TenureTestSupport
import Testing
@testable import TenureNotify

@Suite("Mail messages")
struct MailMessageTests {
    static func message(subject: String = "Weekly digest", textBody: String = "Hello", htmlBody: String? = nil,
                        extraHeaders: [(name: String, value: String)] = []) throws -> MailMessage {
        try MailMessage(from: "Tenure <tenure@example.com>", to: ["ana@example.com", "Bo Li <bo@example.org>"], subject: subject,
                        textBody: textBody, htmlBody: htmlBody, extraHeaders: extraHeaders)
    }

    static func text(_ message: MailMessage, now: Date = TestClock.now) -> String {
        String(decoding: message.rendered(now: now), as: UTF8.self)
    }

    /// The header section, folded lines joined again (RFC 5322 unfolding).
    static func headers(_ text: String) -> [String: String] {
        let head = text.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
        var headers: [String: String] = [:]
        for line in head.components(separatedBy: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// What a reader makes of a header of `=?UTF-8?B?…?=` words: their bytes, concatenated.
    static func decodeEncodedWords(_ value: String) -> String {
        let bytes = value.split(separator: " ").flatMap { word -> [UInt8] in
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="), "\(word)")
            return Array(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data())
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("quoted-printable: hand-computed cases", arguments: [
        ("café = ok", "caf=C3=A9 =3D ok"),
        ("trailing space \nand tab\t", "trailing space=20\r\nand tab=09"),
        ("lf\ncrlf\r\ncr\rend", "lf\r\ncrlf\r\ncr\r\nend"),
        ("tab\tinside, ~ and ! stay", "tab\tinside, ~ and ! stay"),
        ("nul \u{0} del \u{7F}", "nul =00 del =7F"),
        ("ends with a break\n", "ends with a break\r\n"),
        (String(repeating: "x", count: 76), String(repeating: "x", count: 76)),
        (String(repeating: "x", count: 77), String(repeating: "x", count: 75) + "=\r\nxx"),
        (String(repeating: "x", count: 75) + " ", String(repeating: "x", count: 75) + "=\r\n=20"),
    ])
    func quotedPrintable(text: String, encoded: String) {
        #expect(QuotedPrintable.encode(text) == encoded)
    }

    @Test("quoted-printable: a 200-character line is soft-wrapped into lines of at most 76, never splitting =XX")
    func softLineBreaks() {
        let a = String(repeating: "a", count: 75)
        #expect(QuotedPrintable.encode(String(repeating: "a", count: 200)) == "\(a)=\r\n\(a)=\r\n" + String(repeating: "a", count: 50))
        // 40 × é is 80 bytes of =XX: 25 to a line (75 characters and the soft break's =), 5 on the last.
        let encoded = QuotedPrintable.encode(String(repeating: "é", count: 40))
        let row = String(repeating: "=C3=A9", count: 12) + "=C3"
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count == 4)
        #expect(lines[0] == row + "=")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.joined().replacingOccurrences(of: "=", with: "").count == 160, "80 bytes of two hex digits each, plus the soft breaks")
    }

    @Test("the Date header is RFC 5322 in UTC, the message's own date before now")
    func date() throws {
        #expect(Self.headers(Self.text(try Self.message()))["Date"] == "Mon, 15 Jun 2026 12:00:00 +0000")
        let dated = try MailMessage(from: "tenure@example.com", to: ["ana@example.com"], subject: "s", textBody: "b",
                                    date: Date(timeIntervalSince1970: 1_796_115_907))
        #expect(Self.headers(Self.text(dated))["Date"] == "Tue, 01 Dec 2026 09:05:07 +0000")
    }

    @Test("a subject beyond ASCII is one RFC 2047 encoded word; a long one is folded into words that decode to it")
    func subjects() throws {
        let text = Self.text(try Self.message(subject: "Réunion — Q3"))
        #expect(text.contains("\r\nSubject: =?UTF-8?B?UsOpdW5pb24g4oCUIFEz?=\r\n"))
        let long = String(repeating: "Überprüfung der Kündigungen — ", count: 6) + "😀 fin"
        let folded = Self.text(try Self.message(subject: long))
        let subjectLines = folded.components(separatedBy: "\r\n")
            .drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count > 3)
        #expect(subjectLines.allSatisfy { $0.count <= 78 })
        #expect(Self.decodeEncodedWords(try #require(Self.headers(folded)["Subject"])) == long)
        let ascii = String(repeating: "Your weekly churn digest is ready ", count: 4) + "now"
        let asciiText = Self.text(try Self.message(subject: ascii))
        #expect(asciiText.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(Self.headers(asciiText)["Subject"] == ascii, "plain ASCII is folded at its spaces, not encoded")
        let lookalike = "=?UTF-8?B?SGk=?="
        let encodedLookalike = try #require(Self.headers(Self.text(try Self.message(subject: lookalike)))["Subject"])
        #expect(encodedLookalike != lookalike && Self.decodeEncodedWords(encodedLookalike) == lookalike,
                "text that looks like an encoded word is encoded, so a reader shows it as written")
    }

    @Test("addresses: names plain, quoted or encoded; a fresh Message-ID at the From domain")
    func addresses() throws {
        let message = try MailMessage(from: "Café Team <team@example.com>", to: ["\"Doe, Jane\" <jane@example.com>", "bo@example.org"],
                                      subject: "s", textBody: "b")
        let headers = Self.headers(Self.text(message))
        #expect(headers["From"] == "=?UTF-8?B?Q2Fmw6kgVGVhbQ==?= <team@example.com>")
        #expect(headers["To"] == "\"Doe, Jane\" <jane@example.com>, bo@example.org")
        #expect(message.envelopeSender == "team@example.com")
        #expect(message.envelopeRecipients == ["jane@example.com", "bo@example.org"])
        #expect(message.messageID.wholeMatch(of: /<[0-9a-f]{32}@example\.com>/) != nil, "\(message.messageID)")
        #expect(headers["Message-ID"] == message.messageID)
        #expect(try Self.message().messageID != Self.message().messageID)
    }

    @Test("implausible addresses are refused, naming the header", arguments: [
        "ana", "ana@", "@example.com", "ana@example", "a b@example.com", "ana@exa_mple.com", "Ana <ana@example.com",
        "ana..b@example.com", ".ana@example.com", "ana@-example.com", "ána@example.com", "ana@example.com>",
    ])
    func implausibleAddresses(address: String) {
        #expect { try MailMessage(from: address, to: ["ana@example.com"], subject: "s", textBody: "b") } throws: {
            ($0 as? ValidationError)?.field == "From"
        }
        #expect { try MailMessage(from: "tenure@example.com", to: ["ok@example.com", address], subject: "s", textBody: "b") } throws: {
            ($0 as? ValidationError)?.field == "To[1]"
        }
    }

    @Test("CR, LF and NUL in any header value are refused, naming the header")
    func headerInjection() throws {
        for bad in ["Hi\r\nBcc: victim@example.com", "Hi\nthere", "Hi\rthere", "Hi\0"] {
            #expect(throws: ValidationError(field: "Subject", "must not contain CR, LF or NUL (they would start another header)")) {
                try Self.message(subject: bad)
            }
            #expect { try Self.message(extraHeaders: [("List-Unsubscribe", bad)]) } throws: {
                ($0 as? ValidationError)?.field == "List-Unsubscribe"
            }
            #expect { try MailMessage(from: "Tenure\(bad) <t@example.com>", to: ["a@example.com"], subject: "s", textBody: "b") } throws: {
                ($0 as? ValidationError)?.field == "From"
            }
            #expect { try MailMessage(from: "t@example.com", to: ["a@example.com\(bad)"], subject: "s", textBody: "b") } throws: {
                ($0 as? ValidationError)?.field == "To[0]"
            }
        }
        #expect { try Self.message(extraHeaders: [("X-Evil\r\nBcc", "v")]) } throws: { ($0 as? ValidationError)?.field == "X-Evil\r\nBcc" }
        #expect { try Self.message(extraHeaders: [("Bcc", "victim@example.com")]) } throws: {
            ($0 as? ValidationError)?.message == "is written by the message itself"
        }
        #expect { try Self.message(extraHeaders: [("X:Y", "v")]) } throws: { ($0 as? ValidationError)?.field == "X:Y" }
        #expect { try Self.message(extraHeaders: [("X-Note", "café")]) } throws: { ($0 as? ValidationError)?.field == "X-Note" }
    }

    @Test("CRLF everywhere, no line past 78, and only ASCII on the wire")
    func lineEndings() throws {
        let message = try Self.message(subject: "Réunion — Q3", textBody: "line one\nline two\r\n" + String(repeating: "long ", count: 40),
                                       htmlBody: "<p>Hello\n<b>world</b></p>", extraHeaders: [("List-Unsubscribe", "<https://tenure.example/u/1>")])
        let bytes = Array(message.rendered(now: TestClock.now))
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D, "LF without CR at \(index)") }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "CR without LF at \(index)") }
        }
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
    }

    @Test("with an HTML body: multipart/alternative, the text part then the HTML part, both quoted-printable UTF-8")
    func multipart() throws {
        let text = Self.text(try Self.message(textBody: "Plain café", htmlBody: "<p>Rich café</p>",
                                              extraHeaders: [("List-Unsubscribe", "<https://tenure.example/u/1>"),
                                                             ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]))
        let headers = Self.headers(text)
        #expect(headers["MIME-Version"] == "1.0")
        #expect(headers["List-Unsubscribe"] == "<https://tenure.example/u/1>")
        #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        let contentType = try #require(headers["Content-Type"])
        let boundary = try #require(contentType.firstMatch(of: /^multipart\/alternative; boundary="([^"]+)"$/)?.1)
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(body == """
            --\(boundary)\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Plain caf=C3=A9\r
            --\(boundary)\r
            Content-Type: text/html; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            <p>Rich caf=C3=A9</p>\r
            --\(boundary)--\r

            """)
    }

    @Test("without an HTML body: one text/plain quoted-printable part")
    func singlePart() throws {
        let text = Self.text(try Self.message(textBody: "Hi =)"))
        #expect(text.hasSuffix("""
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Hi =3D)\r

            """))
    }

    @Test("HTML escaping covers & < > \" and '")
    func htmlEscaping() {
        #expect(HTMLEscaping.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLEscaping.escape("café") == "café")
    }
}
