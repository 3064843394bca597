import Foundation
import TenureTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `tenure` binary as a user would, capturing its output.
final class CommandRunner: @unchecked Sendable {
    /// The `tenure` executable next to the test bundle.
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("tenure").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("tenure")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private let process = Process()
    /// Where the child writes its output: plain files, read whenever a test looks. No pipe, so no dispatch source
    /// watches a descriptor the child's exit closes (libdispatch has crashed draining one), and no pipe can fill.
    private let outFile: URL
    private let errFile: URL

    init(_ arguments: [String], environment: [String: String] = [:], executable: URL = CommandRunner.binary) throws {
        process.executableURL = executable
        process.arguments = arguments
        // Every command runs at the tests' fixed instant unless a test says otherwise.
        process.environment = ProcessInfo.processInfo.environment.merging(TestClock.environment) { _, new in new }
            .merging(environment) { _, new in new }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-command-\(UUID().uuidString)")
        (outFile, errFile) = (base.appendingPathExtension("out"), base.appendingPathExtension("err"))
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: outFile), err = try FileHandle(forWritingTo: errFile)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    deinit {
        try? FileManager.default.removeItem(at: outFile)
        try? FileManager.default.removeItem(at: errFile)
    }

    var stdout: String { String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self) }
    var stderr: String { String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self) }

    /// Runs to completion and returns status and output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        let runner = try CommandRunner(arguments, environment: environment)
        return try await runner.finish(timeout: 300)
    }

    /// Waits (polling) until standard output matches `pattern`; returns the first capture group. The output is looked at
    /// once more after the deadline, so that a test process stalled by its neighbours' load does not fail a command that did
    /// answer.
    func waitForOutput(_ pattern: String, timeout: TimeInterval = 120) async throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let text = stdout
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
                let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
                return String(text[Range(range, in: text)!])
            }
            guard process.isRunning, Date() < deadline else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CommandTimeout(description: "no output matching \(pattern); stdout: \(stdout) stderr: \(stderr)")
    }

    /// Kills the process (SIGKILL) without waiting, for cleanup in `defer`: the test runner's children inherit a
    /// blocked SIGTERM, so a gentler signal would leave them running.
    func stop() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// The process's id, as it names itself in job leases (`host:pid:…`).
    var processIdentifier: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Kills the process with SIGKILL, as a crash or an out-of-memory kill would, and waits for it to go.
    func kill() async throws -> Result {
        Foundation.kill(process.processIdentifier, SIGKILL)
        return try await finish(timeout: 30)
    }

    /// Sends SIGINT (Ctrl-C) and waits for the process to exit.
    func interrupt() async throws -> Result {
        process.interrupt()
        return try await finish(timeout: 30)
    }

    /// Waits for the process to exit and returns status and output.
    func finish(timeout: TimeInterval = 300) async throws -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else {
                stop()
                throw CommandTimeout(description: "still running after \(timeout)s; stdout: \(stdout) stderr: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

struct CommandTimeout: Error, CustomStringConvertible {
    var description: String
}

/// A GET against a running server, returning status and parsed JSON.
func getJSON(_ url: String, token: String? = nil) async throws -> (status: Int, json: [String: Any]) {
    var request = URLRequest(url: URL(string: url)!)
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    let (data, response) = try await URLSession.shared.data(for: request)
    let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
