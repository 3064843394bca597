import ArgumentParser
import TenureStore

extension Tenure {
    /// `tenure migrate`: brings a database's schema up to date.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or upgrade the database schema.",
            discussion: """
                Applies every schema migration the database has not seen yet, each in its own transaction. \
                Safe to run any number of times; `serve` and `generate` also migrate on start.

                Example:
                  tenure migrate --database postgres://tenure@localhost:5432/tenure
                """)

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let applied = try await database.withStore(migrate: false) { try await $0.migrate() }
            print(applied.isEmpty ? "The schema is up to date." : "Applied migrations \(applied.map(String.init).joined(separator: ", ")).")
        }
    }
}
