import Foundation
import Synchronization

/// A progress bar on standard error: redrawn in place on a terminal, a line
/// every 10% otherwise (so CI logs stay short).
final class ProgressBar: Sendable {
    private struct State {
        var total: Int
        var lastDecile = -1
    }

    private let label: String
    /// Units already done before this run (a resumed load), left out of the rate.
    private let initial: Int
    private let started = Date()
    private let interactive = isatty(STDERR_FILENO) == 1
    private let state: Mutex<State>

    init(total: Int, label: String, from initial: Int = 0) {
        self.label = label
        self.initial = initial
        state = Mutex(State(total: total))
    }

    /// Units of work in all; may be set once known.
    var total: Int {
        get { state.withLock { $0.total } }
        set { state.withLock { $0.total = newValue } }
    }

    /// Shows that `done` of `total` units are finished.
    func update(_ done: Int) {
        state.withLock { state in
            let total = state.total
            let fraction = min(1, Double(done) / Double(max(total, 1)))
            let elapsed = Date().timeIntervalSince(started)
            let rate = elapsed > 0 ? Double(done - initial) / elapsed : 0
            let remaining = rate > 0 ? Double(total - done) / rate : 0
            let status = "\(label) \(done)/\(total) \(Int(fraction * 100))%  \(Self.duration(elapsed)) elapsed, ~\(Self.duration(remaining)) left"
            if interactive {
                let width = 30
                let filled = Int(fraction * Double(width))
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(status)".utf8))
                if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
            } else {
                let decile = Int(fraction * 10)
                guard decile > state.lastDecile else { return }
                state.lastDecile = decile
                FileHandle.standardError.write(Data("\(status)\n".utf8))
            }
        }
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}
