import Foundation

/// The Python interpreter that `python3` on the PATH names, resolved once, for launching the e2e scripts.
///
/// Launched by this path, a helper server is the very process a test starts and kills. Launched as `python3`
/// through a version manager's shim (pyenv's is a shell script), the interpreter is a grandchild that outlives
/// the kill and keeps its port. Falls back to `python3` when the question cannot be answered.
public enum PythonInterpreter {
    public static let path: String = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.executable)"]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return "python3" }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && path.hasPrefix("/") ? path : "python3"
    }()
}
