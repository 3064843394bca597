import Foundation
import TenureTestSupport

/// Tests/e2e/smtp_server.py in the background: a real SMTP server (aiosmtpd) on 127.0.0.1 that records what it receives.
final class SMTPTestServer {
    /// Tests/e2e, where the Python scripts live.
    static let e2e = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../e2e").standardized

    /// One message as the server received it.
    struct Received: Decodable {
        var mailFrom: String
        var rcptTos: [String]
        var data: String
        var parsed: ParsedMail
        var tls: Bool
        var authenticatedAs: String?
    }

    /// One AUTH command as the server saw it arrive.
    struct AuthAttempt: Decodable {
        var tls: Bool
    }

    let port: Int
    private let process = Process()
    private let directory: URL

    /// Starts the server with `flags` (see the script) and waits until it listens.
    init(_ flags: [String]) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [PythonInterpreter.path, Self.e2e.appendingPathComponent("smtp_server.py").path,
                             "--out", directory.appendingPathComponent("received.jsonl").path,
                             "--auth-log", directory.appendingPathComponent("auth.jsonl").path] + flags
        let output = try ProcessOutput(process, in: directory)
        try process.run()
        port = try await output.waitFor(/listening on (\d+)/, script: "smtp_server.py")
    }

    deinit { stop() }

    /// Stops the server and removes what it wrote. SIGKILL, because the test runner's children inherit a blocked SIGTERM.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The messages received so far, oldest first.
    func received() throws -> [Received] { try lines("received.jsonl") }

    /// The AUTH commands received so far, successful or not.
    func authAttempts() throws -> [AuthAttempt] { try lines("auth.jsonl") }

    private func lines<T: Decodable>(_ file: String) throws -> [T] {
        guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try text.split(separator: "\n").map { try decoder.decode(T.self, from: Data($0.utf8)) }
    }
}

/// A raw message as Python's `email` package (Tests/e2e/parse_mail.py) reads it: what a mail reader would show.
struct ParsedMail: Decodable {
    struct Part: Decodable {
        var contentType: String
        var charset: String?
        var transferEncoding: String?
        var text: String
    }

    var contentType: String
    var headers: [String: String]
    var parts: [Part]
    /// What the parser found wrong, anywhere in the message.
    var defects: [String]
}
