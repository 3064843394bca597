import ArgumentParser
import Logging
import TenureServer

/// How the server writes its log lines to standard error.
enum LogFormat: String, CaseIterable, ExpressibleByArgument {
    /// swift-log's plain lines, metadata as `key=value`.
    case text
    /// One JSON object per line (JSON Lines).
    case json

    /// Makes every logger of the process write in this format from `level` up.
    func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = switch self {
            case .text: StreamLogHandler.standardError(label: label)
            case .json: JSONLogHandler(label: label)
            }
            handler.logLevel = level
            return handler
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
