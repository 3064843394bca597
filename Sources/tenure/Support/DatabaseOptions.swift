import ArgumentParser
import Foundation
import TenureStore

/// The `--database` option shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Database URL: sqlite:PATH (the default, sqlite:tenure.sqlite) or postgres://user@host:port/db.",
            discussion: "Falls back to the TENURE_DATABASE_URL environment variable.",
            valueName: "url"))
    var database: String?

    /// The URL to use: the flag, then the environment, then `fallback`.
    func url(fallback: String = "sqlite:tenure.sqlite") -> String {
        database ?? ProcessInfo.processInfo.environment["TENURE_DATABASE_URL"] ?? fallback
    }

    func validate() throws {
        if let database {
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
