/// Why an email was not sent: the server's refusal (its reply code and text), or the reason the client stopped.
public struct SMTPError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The server's three-digit reply code, e.g. 535; nil when the client stopped without a reply to blame
    /// (no STARTTLS on offer, a timeout, a dropped connection, a failed TLS handshake).
    public let code: Int?
    /// The server's reply text (its lines joined by newlines), or the client's reason.
    public let text: String
    /// What the client was doing, e.g. `AUTH PLAIN` or `RCPT TO:<ana@example.com>` (never a credential).
    public let step: String
    /// Whether the same message may go through later: a 4xx reply, a timeout or a lost connection.
    public let isTransient: Bool

    /// The server refused `step` with `reply`; 4xx replies are transient, 5xx (and anything unexpected) permanent.
    init(step: String, reply: SMTPReply) {
        code = reply.code
        text = reply.text
        self.step = step
        isTransient = (400..<500).contains(reply.code)
    }

    /// The client gave up on `step` for `reason`.
    init(step: String, reason: String, isTransient: Bool) {
        code = nil
        text = reason
        self.step = step
        self.isTransient = isTransient
    }

    public var description: String {
        "SMTP \(step) failed: " + (code.map { "\($0) \(text)" } ?? text)
    }
}
