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

    /// Opens and migrates the store, turning connection failures into a message that names the URL.
    func openStore(fallback: String = "sqlite:tenure.sqlite") async throws -> any Store {
        let url = url(fallback: fallback)
        do {
            return try await TenureStore.openStore(url)
        } catch let error as StoreError {
            throw CommandFailure(error.message)
        } catch {
            throw CommandFailure("could not open the database at \(url): \(error)")
        }
    }
}

extension DatabaseOptions {
    /// Opens the store, runs `body` with it and closes it, whether `body` succeeds or throws.
    func withStore<T>(_ body: (any Store) async throws -> T) async throws -> T {
        let store = try await openStore()
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}

/// A failure a command reports as `Error: <message>` with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
