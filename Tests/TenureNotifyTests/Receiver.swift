import Foundation
import Synchronization
import TenureCore
import TenureTestSupport
@testable import TenureNotify

/// Tests/e2e/webhook_receiver.py in the background: an HTTP server on 127.0.0.1 that answers each request with the
/// next of its scripted answers (`500`, `429:7`, `410`, `301`, `slow:20`, `close`; then 200) and records every request.
final class WebhookReceiver: Sendable {
    /// One request as the receiver got it.
    struct Request: Decodable, Sendable {
        var method: String
        var path: String
        /// Header names lower-case.
        var headers: [String: String]
        var body: String
        /// The scripted answer it got.
        var answer: String
        /// Unix seconds by the machine's clock.
        var receivedAt: Double

        var webhookID: String? { headers["webhook-id"] }
    }

    let port: Int
    /// The JSON lines file the receiver appends to, for the Python verifiers.
    let requestsFile: URL
    private let process: Process
    private let directory: URL

    /// Starts the receiver with `answers` and waits until it listens.
    init(answers: [String] = []) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        requestsFile = directory.appendingPathComponent("requests.jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [PythonInterpreter.path, E2E.directory.appendingPathComponent("webhook_receiver.py").path,
                             "--out", requestsFile.path, "--answers", answers.joined(separator: ",")]
        let output = try ProcessOutput(process, in: directory)
        try process.run()
        self.process = process
        port = try await output.waitFor(/listening on (\d+)/, script: "webhook_receiver.py")
    }

    deinit { stop() }

    func url(_ path: String = "/hook") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The requests so far, in arrival order.
    func requests() throws -> [Request] {
        guard let text = try? String(contentsOf: requestsFile, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try text.split(separator: "\n").map { try decoder.decode(Request.self, from: Data($0.utf8)) }
    }

    /// Waits (by the machine's clock) until at least `count` requests arrived; returns them.
    @discardableResult
    func waitForRequests(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [Request] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let received = try requests()
            if received.count >= count || ContinuousClock.now >= deadline { return received }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Stops the receiver (SIGKILL: the test runner's children inherit a blocked SIGTERM) and removes what it wrote.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The Python scripts in Tests/e2e.
enum E2E {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../e2e").standardized

    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Each line of standard output decoded as `T`.
        func lines<T: Decodable>(_ type: T.Type) throws -> [T] {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try stdout.split(separator: "\n").map { try decoder.decode(T.self, from: Data($0.utf8)) }
        }
    }

    /// Runs `script` with `python3` to its end, on a thread of its own; its output goes through files, so neither pipe can fill.
    static func run(_ script: String, _ arguments: [String]) async throws -> Result {
        try await onOwnThread { try runToEnd(script, arguments) }
    }

    private static func runToEnd(_ script: String, _ arguments: [String]) throws -> Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-e2e-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [PythonInterpreter.path, directory.appendingPathComponent(script).path] + arguments
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return Result(status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// What a background process writes, in files read whenever a test looks: no pipe, so no dispatch source watches a
/// descriptor the child's exit closes (libdispatch has crashed draining one), and no pipe can fill.
final class ProcessOutput: Sendable {
    private let process: Process
    private let outFile: URL
    private let errFile: URL
    private let handles: [FileHandle]

    /// Points `process`'s output at files in `directory` (which the caller removes).
    init(_ process: Process, in directory: URL) throws {
        self.process = process
        outFile = directory.appendingPathComponent("stdout.log")
        errFile = directory.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        handles = [try FileHandle(forWritingTo: outFile), try FileHandle(forWritingTo: errFile)]
        process.standardOutput = handles[0]
        process.standardError = handles[1]
    }

    var stdout: String { String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self) }
    var stderr: String { String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self) }

    /// Waits until standard output matches `pattern` (one integer capture); kills the process if it never does. The output
    /// is looked at once more after the deadline: a test process stalled by its neighbours' load must not fail a script
    /// that did start.
    func waitFor(_ pattern: Regex<(Substring, Substring)>, script: String, timeout: Duration = .seconds(60)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let value = stdout.firstMatch(of: pattern).flatMap({ Int($0.1) }) { return value }
            guard process.isRunning, ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        throw TestSetupError("\(script) did not start: \(stderr)")
    }
}

/// A clock the test moves by hand: `now()` reads what the test last set.
final class TestTime: Sendable {
    private let current: Mutex<Date>

    /// Starts at `start`, by default the machine's time to the whole second (signatures are checked against it).
    init(_ start: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    var clock: WallClock { WallClock { [self] in self.now } }
}

extension DeliveryWorker {
    /// Shuts the worker's HTTP client down, for workers used through `pass()` only: `run()` in an already
    /// cancelled task makes no pass and shuts the client down (AsyncHTTPClient traps in debug builds on a
    /// client dropped while running).
    func shutDown() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await self.run()
        }
        try? await task.value
    }
}
