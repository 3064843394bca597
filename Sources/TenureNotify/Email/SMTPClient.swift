import Foundation

/// Sends email over SMTP (RFC 5321): one connection per message, TLS before any credential, every reply checked.
public struct SMTPClient: Sendable {
    /// The longest wait for the TCP connection.
    public var connectTimeout: Duration
    /// The longest wait for each reply of the server.
    public var replyTimeout: Duration

    public init(connectTimeout: Duration = .seconds(10), replyTimeout: Duration = .seconds(30)) {
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// Hands `message` to the server `configuration` names; throws an ``SMTPError`` when the server refuses it
    /// or the exchange fails (``SMTPError/isTransient`` says whether trying later may help).
    public func send(_ message: MailMessage, configuration: SMTPConfiguration, now: Date = Date()) async throws {
        var connection = try await SMTPConnection.open(to: configuration, connectTimeout: connectTimeout, replyTimeout: replyTimeout)
        do {
            try await withTaskCancellationHandler {
                try await Self.exchange(message.rendered(now: now), of: message, over: &connection, configuration: configuration)
            } onCancel: { [connection] in
                connection.abort()
            }
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    private static func exchange(_ data: Data, of message: MailMessage, over connection: inout SMTPConnection,
                                 configuration: SMTPConfiguration) async throws {
        try await connection.reply(to: "greeting", expecting: [220])
        var extensions = try await hello(over: connection)
        if !connection.isEncrypted && (configuration.tls == .startTLS || configuration.tls == .startTLSWhenOffered) {
            if extensions["STARTTLS"] != nil {
                try await connection.command("STARTTLS", expecting: [220])
                try await connection.startTLS(configuration)
                extensions = try await hello(over: connection)
            } else if configuration.tls == .startTLS {
                throw SMTPError(step: "STARTTLS", reason: "the server does not offer STARTTLS, which the configuration requires",
                                isTransient: false)
            }
        }
        if let credentials = configuration.credentials {
            guard connection.isEncrypted else {
                throw SMTPError(step: "AUTH", reason: "the connection is not encrypted (the server offers no STARTTLS), "
                                + "so the password is not sent", isTransient: false)
            }
            try await authenticate(credentials, mechanisms: extensions["AUTH"] ?? [], over: connection)
        }
        try await connection.command("MAIL FROM:<\(message.envelopeSender)>", expecting: [250])
        for recipient in message.envelopeRecipients {
            try await connection.command("RCPT TO:<\(recipient)>", expecting: [250, 251])
        }
        try await connection.command("DATA", expecting: [354])
        try await connection.write(dotStuffed(data), step: "DATA")
        try await connection.reply(to: "DATA", expecting: [250])
        // The message is accepted: a failed goodbye must not make a retry send it twice.
        _ = try? await connection.command("QUIT", expecting: [221])
    }

    /// EHLO, returning the extensions the server offers.
    private static func hello(over connection: SMTPConnection) async throws -> [String: [String]] {
        try await connection.command("EHLO \(connection.addressLiteral)", expecting: [250]).extensions
    }

    /// AUTH PLAIN, or AUTH LOGIN when the server offers only that; never the credentials in an error's step.
    private static func authenticate(_ credentials: SMTPConfiguration.Credentials, mechanisms: [String],
                                     over connection: SMTPConnection) async throws {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if mechanisms.contains("PLAIN") {
            try await connection.command("AUTH PLAIN " + base64("\0\(credentials.user)\0\(credentials.password)"),
                                         step: "AUTH PLAIN", expecting: [235])
        } else if mechanisms.contains("LOGIN") {
            try await connection.command("AUTH LOGIN", expecting: [334])
            try await connection.command(base64(credentials.user), step: "AUTH LOGIN user", expecting: [334])
            try await connection.command(base64(credentials.password), step: "AUTH LOGIN password", expecting: [235])
        } else {
            throw SMTPError(step: "AUTH", reason: "the server offers neither AUTH PLAIN nor AUTH LOGIN", isTransient: false)
        }
    }

    /// The message as DATA sends it: a `.` doubled at the start of every line, then the lone `.` that ends it.
    static func dotStuffed(_ data: Data) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count + 16)
        var atLineStart = true
        for byte in data {
            if atLineStart && byte == UInt8(ascii: ".") { bytes.append(byte) }
            bytes.append(byte)
            atLineStart = byte == 0x0A
        }
        if !atLineStart { bytes += Array("\r\n".utf8) }
        return bytes + Array(".\r\n".utf8)
    }
}
