import Foundation
import TenureTestSupport

/// The Python scripts in Tests/e2e: real clients (stripe, analytics-python) and reference
/// implementations (scikit-learn, lifelines) that the tests check Tenure against.
enum Python {
    /// The repository's root.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    /// Tests/e2e, where the scripts live.
    static let e2e = repository.appendingPathComponent("Tests/e2e")

    /// Runs `script` from Tests/e2e with `python3` (on a thread of its own) and returns its standard output, failing with its standard error.
    static func run(_ script: String, _ arguments: [String]) async throws -> String {
        try await onOwnThread { try runToEnd(script, arguments) }
    }

    private static func runToEnd(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [PythonInterpreter.path, e2e.appendingPathComponent(script).path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSetupError("\(script) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
