import NIOCore
import NIOPosix
import NIOSSL

/// One connection to an SMTP server as async code sees it: a line out, a checked reply in, TLS put under the
/// conversation mid-stream for STARTTLS. Every failure comes out as an ``SMTPError`` naming the step.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let reader: NIOLoopBound<SMTPReplyReader>
    private let replyTimeout: Duration
    /// Whether what is sent from now on is encrypted.
    private(set) var isEncrypted: Bool

    /// Connects to the configured server, with TLS from the first byte for `smtps://`.
    static func open(to configuration: SMTPConfiguration, connectTimeout: Duration, replyTimeout: Duration) async throws -> SMTPConnection {
        let step = "connect to \(configuration.host):\(configuration.port)"
        let tls = configuration.tls == .implicit ? try tlsContext(for: configuration, step: step) : nil
        let serverName = serverName(of: configuration)
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(connectTimeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyReader())
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
            let reader = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyReader.self), eventLoop: channel.eventLoop)
            }.get()
            return SMTPConnection(channel: channel, reader: reader, replyTimeout: replyTimeout, isEncrypted: tls != nil)
        } catch {
            throw failure(of: step, error, replyTimeout: replyTimeout)
        }
    }

    /// The TLS settings for the configured server: the system's trust roots unless verification is off (for tests).
    static func tlsContext(for configuration: SMTPConfiguration, step: String) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if configuration.certificateVerification == .none { tls.certificateVerification = .none }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError(step: step, reason: "TLS could not be set up: \(error)", isTransient: false)
        }
    }

    /// The name TLS sends and checks the certificate against; none for an IP address.
    static func serverName(of configuration: SMTPConfiguration) -> String? {
        configuration.hostIsIPAddress ? nil : configuration.host
    }

    /// This end's address as EHLO names it, e.g. `[127.0.0.1]` or `[IPv6:::1]`.
    var addressLiteral: String {
        guard let address = channel.localAddress, let ip = address.ipAddress else { return "localhost" }
        if case .v6 = address { return "[IPv6:\(ip)]" }
        return "[\(ip)]"
    }

    /// Sends `line` and waits for a reply whose code is one of `expected`; `step` names it in errors, and must stand
    /// in for a line that carries a credential.
    @discardableResult
    func command(_ line: String, step: String? = nil, expecting expected: Set<Int>) async throws -> SMTPReply {
        try await write(Array((line + "\r\n").utf8), step: step ?? line)
        return try await reply(to: step ?? line, expecting: expected)
    }

    /// Sends `bytes` as they are; when that fails, the error names what broke the connection (a refused
    /// certificate, say) rather than the write's "I/O on closed channel".
    func write(_ bytes: [UInt8], step: String) async throws {
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
        } catch {
            let cause = try? await channel.eventLoop.submit { [reader] in reader.value.failure }.get()
            throw Self.failure(of: step, cause ?? error, replyTimeout: replyTimeout)
        }
    }

    /// The server's next reply, which must have one of the `expected` codes.
    @discardableResult
    func reply(to step: String, expecting expected: Set<Int>) async throws -> SMTPReply {
        let reply: SMTPReply
        do {
            reply = try await channel.eventLoop.flatSubmit { [reader, replyTimeout, channel] in
                reader.value.nextReply(within: TimeAmount(replyTimeout), on: channel.eventLoop)
            }.get()
        } catch {
            throw Self.failure(of: step, error, replyTimeout: replyTimeout)
        }
        guard expected.contains(reply.code) else { throw SMTPError(step: step, reply: reply) }
        return reply
    }

    /// Puts TLS under the conversation once the server has agreed to STARTTLS, refusing to go on when it sent
    /// anything more before the handshake (text injected there would pass for a reply under TLS).
    mutating func startTLS(_ configuration: SMTPConfiguration) async throws {
        let step = "STARTTLS"
        let tls = try Self.tlsContext(for: configuration, step: step)
        let serverName = Self.serverName(of: configuration)
        do {
            try await channel.eventLoop.submit { [reader, channel] in
                guard !reader.value.hasUnreadInput else {
                    throw SMTPError(step: step, reason: "the server sent more than its reply to STARTTLS", isTransient: false)
                }
                let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch {
            throw Self.failure(of: step, error, replyTimeout: replyTimeout)
        }
        isEncrypted = true
    }

    /// Closes the connection without waiting, e.g. when the sending task is cancelled.
    func abort() { channel.close(promise: nil) }

    /// Closes the connection, unless the server already has.
    func close() async { try? await channel.close().get() }

    /// `error` as an ``SMTPError`` of `step`: time-outs and lost connections transient, TLS and protocol failures not.
    private static func failure(of step: String, _ error: any Error, replyTimeout: Duration) -> SMTPError {
        switch error {
        case let error as SMTPError:
            error
        case SMTPReplyReader.Failure.timedOut:
            SMTPError(step: step, reason: "no reply within \(replyTimeout)", isTransient: true)
        case SMTPReplyReader.Failure.closed:
            SMTPError(step: step, reason: "the server closed the connection", isTransient: true)
        case SMTPReplyReader.Failure.malformed(let what):
            SMTPError(step: step, reason: "the server sent \(what)", isTransient: false)
        case is NIOSSLError, is BoringSSLError:
            SMTPError(step: step, reason: "TLS failed: \(error)", isTransient: false)
        default:
            SMTPError(step: step, reason: "\(error)", isTransient: true)
        }
    }
}
