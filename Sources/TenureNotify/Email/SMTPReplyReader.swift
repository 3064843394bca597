import NIOCore

/// The channel handler that cuts what the server sends into lines and lines into replies, handing each reply
/// to the command waiting for it; it lives on the channel's event loop, and ``SMTPConnection`` reaches it there.
final class SMTPReplyReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Why no reply came.
    enum Failure: Error {
        case closed
        case timedOut
        case malformed(String)
    }

    /// The longest line and the most lines a reply may have; a server sending more is broken or hostile.
    private static let longestLine = 4_096, mostLines = 256

    private var context: ChannelHandlerContext?
    private var input = ByteBuffer()
    private var linesSoFar: [String] = []
    private var codeSoFar: Int?
    private var unclaimed: [SMTPReply] = []
    private var waiter: (promise: EventLoopPromise<SMTPReply>, timeout: Scheduled<Void>)?
    /// What ended the conversation: the connection closing, a timeout, a TLS or protocol error.
    private(set) var failure: (any Error)?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        input.writeBuffer(&bytes)
        do {
            try readReplies()
        } catch {
            stop(error)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop(Failure.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        stop(error)
        context.close(promise: nil)
    }

    /// Whether the server sent anything not yet handed out: after it agreed to STARTTLS that would be an injection.
    var hasUnreadInput: Bool { input.readableBytes > 0 || !linesSoFar.isEmpty || !unclaimed.isEmpty }

    /// The next reply, failing after `timeout` (which closes the connection); call on the channel's event loop.
    func nextReply(within timeout: TimeAmount, on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !unclaimed.isEmpty { return eventLoop.makeSucceededFuture(unclaimed.removeFirst()) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        guard let context else { return eventLoop.makeFailedFuture(Failure.closed) }
        precondition(waiter == nil, "one command at a time")
        let promise = context.eventLoop.makePromise(of: SMTPReply.self)
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.stop(Failure.timedOut)
            context.close(promise: nil)
        }
        waiter = (promise, timeout)
        return promise.futureResult
    }

    private func readReplies() throws {
        while failure == nil, let newline = input.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - input.readableBytesView.startIndex
            guard length <= Self.longestLine, var line = input.readString(length: length) else {
                throw Failure.malformed("a reply line longer than \(Self.longestLine) bytes")
            }
            input.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            try read(line)
        }
        guard input.readableBytes <= Self.longestLine else { throw Failure.malformed("a reply line longer than \(Self.longestLine) bytes") }
        input.discardReadBytes()
    }

    /// One line: `250-text` continues a reply, `250 text` or `250` ends it.
    private func read(_ line: String) throws {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(bytes[0]),
              bytes[1...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
              let code = Int(String(line.prefix(3))), codeSoFar == nil || codeSoFar == code,
              linesSoFar.count < Self.mostLines
        else { throw Failure.malformed("a reply that is not SMTP: \(line.prefix(80))") }
        linesSoFar.append(String(line.dropFirst(4)))
        codeSoFar = code
        guard bytes.count == 3 || bytes[3] == UInt8(ascii: " ") else { return }
        let reply = SMTPReply(code: code, lines: linesSoFar)
        linesSoFar = []
        codeSoFar = nil
        if let waiter {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.succeed(reply)
        } else {
            unclaimed.append(reply)
        }
    }

    /// Records the first failure and fails the waiting command with it.
    private func stop(_ error: any Error) {
        guard failure == nil else { return }
        failure = error
        if let waiter {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.fail(error)
        }
    }
}
