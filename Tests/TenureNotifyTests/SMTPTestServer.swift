import Foundation
import Synchronization
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
    private let output = Output()

    /// Starts the server with `flags` (see the script) and waits until it listens.
    init(_ flags: [String]) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.e2e.appendingPathComponent("smtp_server.py").path,
                             "--out", directory.appendingPathComponent("received.jsonl").path,
                             "--auth-log", directory.appendingPathComponent("auth.jsonl").path] + flags
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [output] in output.append($0.availableData, error: false) }
        stderr.fileHandleForReading.readabilityHandler = { [output] in output.append($0.availableData, error: true) }
        try process.run()
        port = try await Self.waitForPort(output, process: process)
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

    private static func waitForPort(_ output: Output, process: Process) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let port = output.stdout.firstMatch(of: /listening on (\d+)/).flatMap({ Int($0.1) }) { return port }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGKILL)
        throw TestSetupError("smtp_server.py did not start: \(output.stderr)")
    }

    /// What the process wrote, collected as it arrives.
    private final class Output: Sendable {
        private let text = Mutex((stdout: "", stderr: ""))

        func append(_ data: Data, error: Bool) {
            let chunk = String(decoding: data, as: UTF8.self)
            text.withLock { error ? ($0.stderr += chunk) : ($0.stdout += chunk) }
        }

        var stdout: String { text.withLock { $0.stdout } }
        var stderr: String { text.withLock { $0.stderr } }
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
