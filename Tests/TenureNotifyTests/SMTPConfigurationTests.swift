import TenureCore
import Testing
@testable import TenureNotify

@Suite("SMTP configuration")
struct SMTPConfigurationTests {
    static let from = "Tenure <tenure@example.com>"

    static func problem(_ url: String) -> ValidationError? {
        do {
            _ = try SMTPConfiguration(url: url, from: from)
            return nil
        } catch {
            return error
        }
    }

    @Test("smtp:// defaults to port 587 and STARTTLS required; the user and password are percent-decoded")
    func submission() throws {
        let configuration = try SMTPConfiguration(url: "smtp://ana%40corp:s3cr%3Dt%2F%3F%23@mail.example.com", from: Self.from)
        #expect(configuration.host == "mail.example.com")
        #expect(configuration.port == 587)
        #expect(configuration.tls == .startTLS)
        #expect(configuration.certificateVerification == .full)
        #expect(configuration.credentials == SMTPConfiguration.Credentials(user: "ana@corp", password: "s3cr=t/?#"))
        #expect(configuration.from == Self.from)
    }

    @Test("smtps:// is TLS from the start on port 465; ports, IPv6 and the STARTTLS modes are read", arguments: [
        ("smtps://ana:pw@mail.example.com", "mail.example.com", 465, SMTPConfiguration.TLS.implicit, true),
        ("SMTPS://ana:pw@mail.example.com:2465/", "mail.example.com", 2465, .implicit, true),
        ("smtp://relay.internal:25?starttls=none", "relay.internal", 25, SMTPConfiguration.TLS.none, false),
        ("smtp://127.0.0.1:2525?starttls=optional", "127.0.0.1", 2525, .startTLSWhenOffered, false),
        ("smtp://ana:pw@[::1]:2525?starttls=required&tls_verify=none", "::1", 2525, .startTLS, true),
        ("smtp://ana:p:w@host?", "host", 587, .startTLS, true),
    ])
    func parses(url: String, host: String, port: Int, tls: SMTPConfiguration.TLS, hasCredentials: Bool) throws {
        let configuration = try SMTPConfiguration(url: url, from: Self.from)
        #expect(configuration.host == host)
        #expect(configuration.port == port)
        #expect(configuration.tls == tls)
        #expect((configuration.credentials != nil) == hasCredentials)
    }

    @Test("tls_verify=none turns certificate checks off (for tests only)")
    func verification() throws {
        #expect(try SMTPConfiguration(url: "smtps://h.example?tls_verify=none", from: Self.from).certificateVerification == .none)
        #expect(try SMTPConfiguration(url: "smtps://h.example?tls_verify=full", from: Self.from).certificateVerification == .full)
    }

    @Test("hostile and broken URLs are refused, naming the problem", arguments: [
        ("http://ana:hunter2@host", "smtp:// or smtps://"),
        ("ana:hunter2@host", "must be a URL"),
        ("smtp://ana:hunter2@host\r\nRCPT TO:<x@y.z>", "control characters"),
        ("smtp://ana:hunter2@host\0", "control characters"),
        ("smtp://ana:hunter2%0D%0A@host", "password must not contain line breaks"),
        ("smtp://ana%0A:hunter2@host", "user must not contain line breaks"),
        ("smtp://ana:hunter2%zz@host", "password is not valid percent-encoding"),
        ("smtp://ana:hunter2@host?hunter2=1", "unknown query parameter"),
        ("smtp://ana:hunter2@host?starttls=hunter2", "starttls must be required, optional or none"),
        ("smtp://ana:hunter2@host?starttls=none", "need TLS"),
        ("smtp://ana:hunter2@host?starttls=optional&starttls=required", "repeats starttls"),
        ("smtp://ana:hunter2@host?tls_verify", "tls_verify needs a value"),
        ("smtp://ana:hunter2@host?tls_verify=hunter2", "tls_verify must be full or none"),
        ("smtps://ana:hunter2@host?starttls=required", "does not apply to smtps"),
        ("smtp://ana:hunter2@host:0", "port between 1 and 65535"),
        ("smtp://ana:hunter2@host:65536", "port between 1 and 65535"),
        ("smtp://ana:hunter2@host:-1", "port between 1 and 65535"),
        ("smtp://ana:hunter2@host:25x", "port between 1 and 65535"),
        ("smtp://ana:hunter2@host:", "port between 1 and 65535"),
        ("smtp://ana:hunter2@host:99999999999999999999", "port between 1 and 65535"),
        ("smtp://ana:hunter2@", "missing the host"),
        ("smtp://ana:hunter2@:25", "missing the host"),
        ("smtp://", "missing the host"),
        ("smtp://ana:hunter2@ho st", "not a host name"),
        ("smtp://ana:hunter2@hunter2.example/path", "must not have a path"),
        ("smtp://ana:hunt/er2@host", "must not have a path"),
        ("smtp://ana:hunter2@host#frag", "must not have a fragment"),
        ("smtp://ana@host", "needs a password"),
        ("smtp://:hunter2@host", "user is empty"),
        ("smtp://ana:@host", "password is empty"),
        ("smtp://ana:hunter2@[zz::1]", "not an IPv6 address"),
    ])
    func refuses(url: String, words: String) throws {
        let error = try #require(Self.problem(url), "\(url) was accepted")
        #expect(error.field == "TENURE_SMTP_URL")
        #expect(error.message.contains(words), "\(url): \(error.message)")
        #expect(!error.description.contains("hunter2"), "the password reached the message: \(error.description)")
    }

    @Test("the From address is checked as a mail address, CR and LF included")
    func fromAddress() {
        for from in ["tenure", "Tenure <tenure@example.com>\r\nBcc: x@example.com", "tenure@example.com\0"] {
            #expect { try SMTPConfiguration(url: "smtp://host.example", from: from) } throws: {
                ($0 as? ValidationError)?.field == "TENURE_SMTP_FROM"
            }
        }
    }

    @Test("the description masks the password, so a logged configuration does not leak it")
    func description() throws {
        let configuration = try SMTPConfiguration(url: "smtp://ana:hunter2@mail.example.com:2525?starttls=optional&tls_verify=none", from: Self.from)
        #expect("\(configuration)" == "smtp://ana:***@mail.example.com:2525?starttls=optional&tls_verify=none")
        #expect(!String(reflecting: configuration).contains("hunter2"))
        #expect("\(try SMTPConfiguration(url: "smtps://[::1]", from: Self.from))" == "smtps://[::1]:465")
    }
}
