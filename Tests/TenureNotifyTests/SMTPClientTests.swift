import Foundation
import TenureCore
import TenureTestSupport
import Testing
@testable import TenureNotify

/// The client against a real SMTP server (aiosmtpd, Tests/e2e/smtp_server.py) with a self-signed certificate,
/// which reads each message it receives back with Python's `email` package.
@Suite("SMTP client")
struct SMTPClientTests {
    static let credentials = ["--user", "ana", "--password", "s3cr=t"]
    static let subject = "Réunion — Q3 : l'équipe a renouvelé ✅"
    static let textBody = "Bonjour Ana,\n.\n.a line that starts with a dot\n..and one with two\nCafé = coffee, 100 %\n"
    static let htmlBody = "<p>Bonjour <b>Ana</b>,</p>\n.<p>a dot first</p>\n<p>Café</p>\n"

    static func message(to: [String] = ["Ana Lima <ana@example.com>", "bo@example.org"]) throws -> MailMessage {
        try MailMessage(from: "Tenure <tenure@example.com>", to: to, subject: subject, textBody: textBody, htmlBody: htmlBody,
                        extraHeaders: [("List-Unsubscribe", "<https://tenure.example/unsubscribe/42>"),
                                       ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")])
    }

    static func configuration(_ url: String) throws -> SMTPConfiguration {
        try SMTPConfiguration(url: url, from: "Tenure <tenure@example.com>")
    }

    /// Sends and returns the ``SMTPError`` the send failed with.
    static func failure(sending message: MailMessage, to configuration: SMTPConfiguration,
                        client: SMTPClient = SMTPClient()) async throws -> SMTPError {
        do {
            try await client.send(message, configuration: configuration, now: TestClock.now)
        } catch let error as SMTPError {
            return error
        }
        throw TestSetupError("the send succeeded")
    }

    @Test("over STARTTLS with AUTH PLAIN a message arrives as written: subject, both parts, dot lines, headers")
    func startTLS() async throws {
        let server = try await SMTPTestServer(["--require-starttls"] + Self.credentials)
        defer { server.stop() }
        let message = try Self.message()
        try await SMTPClient().send(message, configuration: Self.configuration("smtp://ana:s3cr%3Dt@127.0.0.1:\(server.port)?tls_verify=none"),
                                    now: TestClock.now)
        let received = try #require(try server.received().only)
        #expect(received.mailFrom == "tenure@example.com")
        #expect(received.rcptTos == ["ana@example.com", "bo@example.org"])
        #expect(received.tls && received.authenticatedAs == "ana")
        #expect(try server.authAttempts().map(\.tls) == [true], "the credentials went over TLS only")
        #expect(received.data.contains("\r\n.a line that starts with a dot"), "the server undid the dot-stuffing")

        let mail = received.parsed
        #expect(mail.defects.isEmpty, "\(mail.defects)")
        #expect(mail.contentType == "multipart/alternative")
        #expect(mail.headers["Subject"] == Self.subject)
        #expect(mail.headers["From"] == "Tenure <tenure@example.com>")
        #expect(mail.headers["To"] == "Ana Lima <ana@example.com>, bo@example.org")
        #expect(mail.headers["Message-ID"] == message.messageID)
        #expect(mail.headers["Date"] == "Mon, 15 Jun 2026 12:00:00 +0000")
        #expect(mail.headers["List-Unsubscribe"] == "<https://tenure.example/unsubscribe/42>")
        #expect(mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        #expect(mail.parts.map(\.contentType) == ["text/plain", "text/html"])
        #expect(mail.parts.allSatisfy { $0.charset == "utf-8" && $0.transferEncoding == "quoted-printable" })
        #expect(mail.parts.map { $0.text.replacingOccurrences(of: "\r\n", with: "\n") } == [Self.textBody, Self.htmlBody])
    }

    @Test("over smtps:// (TLS from the start) with AUTH LOGIN when the server offers only that")
    func implicitTLS() async throws {
        let server = try await SMTPTestServer(["--implicit-tls", "--auth-mechanism", "LOGIN"] + Self.credentials)
        defer { server.stop() }
        let configuration = try Self.configuration("smtps://ana:s3cr%3Dt@127.0.0.1:\(server.port)?tls_verify=none")
        try await SMTPClient().send(try Self.message(), configuration: configuration)
        let received = try #require(try server.received().only)
        #expect(received.authenticatedAs == "ana")
        #expect(received.parsed.headers["Subject"] == Self.subject)
    }

    @Test("a wrong password is the server's permanent 535, and the error does not repeat it")
    func wrongPassword() async throws {
        let server = try await SMTPTestServer(Self.credentials)
        defer { server.stop() }
        let error = try await Self.failure(sending: Self.message(),
                                           to: Self.configuration("smtp://ana:not-the-password@127.0.0.1:\(server.port)?tls_verify=none"))
        #expect(error.code == 535)
        #expect(!error.isTransient)
        #expect(error.step == "AUTH PLAIN")
        #expect(!error.description.contains("not-the-password") && !error.description.contains("bm90LXRoZS1wYXNzd29yZA"))
        #expect(try server.received().isEmpty)
    }

    @Test("starttls=required against a server without STARTTLS fails before any credential is sent")
    func startTLSRequired() async throws {
        let server = try await SMTPTestServer(["--no-tls"] + Self.credentials)
        defer { server.stop() }
        let error = try await Self.failure(sending: Self.message(), to: Self.configuration("smtp://ana:s3cr%3Dt@127.0.0.1:\(server.port)"))
        #expect(error.step == "STARTTLS" && error.code == nil && !error.isTransient)
        #expect(error.text.contains("does not offer STARTTLS"))
        #expect(try server.authAttempts().isEmpty)
        #expect(try server.received().isEmpty)
    }

    @Test("starttls=optional sends no password over plain text: it fails instead, naming the reason")
    func noCredentialsInPlainText() async throws {
        let server = try await SMTPTestServer(["--no-tls"] + Self.credentials)
        defer { server.stop() }
        let error = try await Self.failure(sending: Self.message(),
                                           to: Self.configuration("smtp://ana:s3cr%3Dt@127.0.0.1:\(server.port)?starttls=optional"))
        #expect(error.step == "AUTH" && !error.isTransient)
        #expect(error.text.contains("not encrypted"))
        #expect(try server.authAttempts().isEmpty)
    }

    @Test("without credentials, starttls=none delivers over plain text (a local relay)")
    func plainRelay() async throws {
        let server = try await SMTPTestServer(["--no-tls"])
        defer { server.stop() }
        try await SMTPClient().send(try Self.message(), configuration: Self.configuration("smtp://127.0.0.1:\(server.port)?starttls=none"))
        let received = try #require(try server.received().only)
        #expect(!received.tls && received.authenticatedAs == nil)
    }

    @Test("a refused recipient is permanent (5xx), a deferred one transient (4xx)")
    func recipients() async throws {
        let server = try await SMTPTestServer(Self.credentials)
        defer { server.stop() }
        let configuration = try Self.configuration("smtp://ana:s3cr%3Dt@127.0.0.1:\(server.port)?tls_verify=none")
        let refused = try await Self.failure(sending: Self.message(to: ["ana@example.com", "x@refused.example"]), to: configuration)
        #expect(refused.code == 550 && !refused.isTransient && refused.step == "RCPT TO:<x@refused.example>")
        #expect(refused.text == "5.1.1 No such user here")
        let deferred = try await Self.failure(sending: Self.message(to: ["x@busy.example"]), to: configuration)
        #expect(deferred.code == 451 && deferred.isTransient)
        #expect("\(deferred)" == "SMTP RCPT TO:<x@busy.example> failed: 451 4.3.0 Try again later")
        #expect(try server.received().isEmpty)
    }

    @Test("a self-signed certificate is refused unless tls_verify=none")
    func certificateVerification() async throws {
        let server = try await SMTPTestServer(Self.credentials)
        defer { server.stop() }
        let error = try await Self.failure(sending: Self.message(), to: Self.configuration("smtp://ana:s3cr%3Dt@127.0.0.1:\(server.port)"))
        #expect(error.text.hasPrefix("TLS failed") && !error.isTransient, "\(error)")
        #expect(try server.authAttempts().isEmpty)
    }

    @Test("a silent server times out and a closed port fails to connect, both transient")
    func timeouts() async throws {
        let server = try await SMTPTestServer(["--silent"])
        defer { server.stop() }
        let client = SMTPClient(connectTimeout: .seconds(2), replyTimeout: .milliseconds(300))
        let started = ContinuousClock.now
        let silent = try await Self.failure(sending: Self.message(), to: Self.configuration("smtp://127.0.0.1:\(server.port)"), client: client)
        #expect(silent.step == "greeting" && silent.isTransient && silent.text.contains("no reply within"), "\(silent)")
        #expect(ContinuousClock.now - started < .seconds(2))
        server.stop()
        let closed = try await Self.failure(sending: Self.message(), to: Self.configuration("smtp://127.0.0.1:\(server.port)"), client: client)
        #expect(closed.step == "connect to 127.0.0.1:\(server.port)" && closed.isTransient, "\(closed)")
    }

    @Test("DATA doubles a dot that starts a line and ends with a lone dot")
    func dotStuffing() {
        let stuffed = SMTPClient.dotStuffed(Data(".a\r\nb.\r\n..c\r\n.\r\nend".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "..a\r\nb.\r\n...c\r\n..\r\nend\r\n.\r\n")
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
