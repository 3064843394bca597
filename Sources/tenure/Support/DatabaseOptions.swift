import ArgumentParser
import Foundation
import TenureStore

/// The `--database` and `--config` options shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Database URL: sqlite:PATH (the default, sqlite:tenure.sqlite) or postgres://user@host:port/db.",
            discussion: "Falls back to the TENURE_DATABASE_URL environment variable, then to database in the configuration file.",
            valueName: "url"))
    var database: String?

    @Option(help: ArgumentHelp(
        "Configuration file (see deploy/tenure.yaml); defaults to TENURE_CONFIG, then ./tenure.yaml when it exists.",
        valueName: "path"))
    var config: String?

    /// The configuration file `--config` names (empty when there is none).
    func configuration() throws -> ConfigurationFile { try ConfigurationFile.load(config) }

    /// The URL to use: the flag, then the environment, then the configuration file, then `fallback`.
    func url(fallback: String = "sqlite:tenure.sqlite") -> String {
        database ?? (try? configuration())?.value(.database)?.text ?? fallback
    }

    func validate() throws {
        let file = try configuration()
        if let database = database ?? file.value(.database)?.text {
            do { _ = try DatabaseURL(database) } catch let error as StoreError { throw ValidationError(error.message) }
        }
    }

    /// Opens the store (migrating it unless told not to), runs `body` with it and closes it once, whether
    /// `body` returns or throws; a store failure becomes the command's error message.
    func withStore<T>(fallback: String = "sqlite:tenure.sqlite", migrate: Bool = true,
                      _ body: (any Store) async throws -> T) async throws -> T {
        do {
            return try await TenureStore.withStore(url(fallback: fallback), migrate: migrate, body)
        } catch let error as StoreError {
            throw CommandFailure(error.message)
        }
    }
}

/// A failure a command reports as `Error: <message>` with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
