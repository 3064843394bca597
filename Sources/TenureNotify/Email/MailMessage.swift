import Foundation
import TenureCore

/// An email ready to send: checked when it is made, so that rendering it cannot fail or be steered by its content.
///
/// The text reaches the wire as 7-bit ASCII: bodies quoted-printable, a subject or name beyond ASCII as RFC 2047
/// encoded words. With an HTML body the message is `multipart/alternative`, the text part first.
public struct MailMessage: Sendable {
    /// The author, e.g. `Tenure <tenure@example.com>`.
    public let from: String
    /// The recipients' addresses, each `local@domain` or `Name <local@domain>`.
    public let to: [String]
    public let subject: String
    public let textBody: String
    public let htmlBody: String?
    /// Header fields written after the standard ones, in order, e.g. `("List-Unsubscribe", "<https://…>")`.
    public let extraHeaders: [(name: String, value: String)]
    /// `<random@domain-of-from>` unless the caller gave one (a retry keeps its message's id).
    public let messageID: String
    /// The `Date` header; when nil, the instant the message is rendered.
    public let date: Date?

    private let author: MailAddress
    private let recipients: [MailAddress]
    private let boundary: String

    /// Checks every header value for CR, LF and NUL and every address for plausibility, naming the header at fault.
    public init(from: String, to: [String], subject: String, textBody: String, htmlBody: String? = nil,
                extraHeaders: [(name: String, value: String)] = [], messageID: String? = nil, date: Date? = nil) throws(ValidationError) {
        author = try MailAddress(from, field: "From")
        guard !to.isEmpty else { throw ValidationError(field: "To", "must name at least one recipient") }
        var recipients: [MailAddress] = []
        for (index, address) in to.enumerated() {
            recipients.append(try MailAddress(address, field: "To[\(index)]"))
        }
        self.recipients = recipients
        try MailHeader.refuseInjection(subject, field: "Subject")
        for header in extraHeaders {
            try Self.check(header)
        }
        if let messageID {
            try MailHeader.refuseInjection(messageID, field: "Message-ID")
            guard messageID.hasPrefix("<"), messageID.hasSuffix(">"), MailAddress.isPlausible(String(messageID.dropFirst().dropLast())) else {
                throw ValidationError(field: "Message-ID", "must look like <unique-part@domain.example>")
            }
        }
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
        self.messageID = messageID ?? "<\(RandomHex.make(16))@\(author.domain)>"
        self.date = date
        boundary = "=_tenure_\(RandomHex.make(12))"
    }

    /// The address `MAIL FROM` names.
    var envelopeSender: String { author.address }
    /// The addresses `RCPT TO` names, one command each.
    var envelopeRecipients: [String] { recipients.map(\.address) }

    /// The message as RFC 5322 text with CRLF line endings, dated `date`, else `now`.
    public func rendered(now: Date) -> Data {
        var text = MailHeader.field("Date", Self.rfc5322(date ?? now))
            + MailHeader.field("Message-ID", messageID)
            + MailHeader.field("From", author.rendered)
            + MailHeader.field("To", recipients.map(\.rendered).joined(separator: ", "))
            + MailHeader.field("Subject", MailHeader.unstructured(subject))
        for header in extraHeaders {
            text += MailHeader.field(header.name, header.value)
        }
        text += MailHeader.field("MIME-Version", "1.0")
        if let htmlBody {
            text += MailHeader.field("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
                + "\r\n--\(boundary)\r\n" + Self.part("text/plain", textBody)
                + "\r\n--\(boundary)\r\n" + Self.part("text/html", htmlBody)
                + "\r\n--\(boundary)--\r\n"
        } else {
            text += Self.part("text/plain", textBody) + "\r\n"
        }
        return Data(text.utf8)
    }

    /// Header fields the message writes itself, which an extra header may not repeat or contradict.
    private static let ownHeaders: Set<String> = [
        "date", "message-id", "from", "to", "cc", "bcc", "subject", "mime-version", "content-type", "content-transfer-encoding",
    ]

    /// An extra header: a name of printable ASCII without a colon, not one of ``ownHeaders``; a value of printable ASCII.
    private static func check(_ header: (name: String, value: String)) throws(ValidationError) {
        let field = header.name
        try MailHeader.refuseInjection(header.name, field: field)
        try MailHeader.refuseInjection(header.value, field: field)
        guard (1...76).contains(header.name.utf8.count), header.name.utf8.allSatisfy({ (33...126).contains($0) && $0 != UInt8(ascii: ":") }) else {
            throw ValidationError(field: field, "is not a header name (printable ASCII without a colon)")
        }
        guard !ownHeaders.contains(header.name.lowercased()) else {
            throw ValidationError(field: field, "is written by the message itself")
        }
        guard header.value.utf8.count <= 900, header.value.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) || $0 == "\t" }) else {
            throw ValidationError(field: field, "must be printable ASCII of at most 900 characters")
        }
    }

    /// A text part's headers, a blank line and its body quoted-printable (no CRLF after the last line).
    private static func part(_ type: String, _ body: String) -> String {
        MailHeader.field("Content-Type", "\(type); charset=utf-8")
            + MailHeader.field("Content-Transfer-Encoding", "quoted-printable")
            + "\r\n" + QuotedPrintable.encode(body)
    }

    /// `Mon, 30 Nov 2026 13:45:00 +0000`: the instant in UTC, named in English whatever the locale.
    static func rfc5322(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func twoDigits(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(weekdays[parts.weekday! - 1]), \(twoDigits(parts.day)) \(months[parts.month! - 1]) \(parts.year!) "
            + "\(twoDigits(parts.hour)):\(twoDigits(parts.minute)):\(twoDigits(parts.second)) +0000"
    }
}
