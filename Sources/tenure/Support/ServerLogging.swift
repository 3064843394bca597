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

/// `--log-format` and `--log-level`, shared by `serve`, `demo` and `worker`.
struct LogOptions: ParsableArguments {
    @Option(help: "Log lines as text or json (one JSON object per line) on standard error (TENURE_LOG_FORMAT; default text).")
    var logFormat: LogFormat?

    @Option(help: "Least severe log level written: trace, debug, info (a line per request), notice, warning, error or critical (TENURE_LOG_LEVEL; default info).")
    var logLevel: Logger.Level?

    /// Sets up logging for the process from the flags, else the environment or `file`, else text from info up.
    func bootstrap(_ file: ConfigurationFile) throws {
        let format = try logFormat ?? file.value(.logFormat, expected: "text or json", LogFormat.init(rawValue:)) ?? .text
        let level = try logLevel ?? file.value(.logLevel, expected: "a log level", Logger.Level.init(rawValue:)) ?? .info
        format.bootstrap(level: level)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
