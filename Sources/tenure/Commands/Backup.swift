import ArgumentParser
import Foundation
import TenureStore

extension Tenure {
    /// `tenure backup FILE`: a consistent copy of an SQLite database, or the `pg_dump` line for PostgreSQL.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database to a new file while the server keeps running; for PostgreSQL, print the pg_dump line to use.",
            discussion: """
                SQLite is copied with VACUUM INTO: one consistent snapshot, compacted, readable by its owner only. \
                To restore, stop the server and put the copy in place of the database file (or point --database at it).

                PostgreSQL is backed up by its own tools: the command prints the pg_dump line (and the pg_restore \
                line) for the configured database, without its password (pg_dump reads PGPASSWORD or ~/.pgpass).

                Examples:
                  tenure backup /var/backups/tenure-$(date +%F).sqlite
                  tenure backup --database postgres://tenure@db.internal/tenure tenure.dump
                """)

        @Argument(help: "The file to write; it must not exist.")
        var file: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let url = database.url()
            switch try DatabaseURL(url) {
            case .postgres(let location):
                let uri = Self.libpqURI(location)
                print("pg_dump --format=custom --no-owner --file=\(Self.quoted(file)) --dbname=\(Self.quoted(uri))")
                print("# restore: pg_restore --clean --if-exists --no-owner --dbname=\(Self.quoted(uri)) \(Self.quoted(file))")
            case .sqlite(path: nil):
                throw CommandFailure("an in-memory database has nothing to back up")
            case .sqlite(path: let path?):
                guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("there is no database at \(path)") }
                try await database.withStore(migrate: false) { store in
                    guard let store = store as? SQLStore else { throw CommandFailure("this store cannot be backed up") }
                    try await store.backup(to: file)
                }
                print("Backed up \(path) to \(file)")
            }
        }

        /// The database as a libpq connection URI, without the password.
        static func libpqURI(_ location: PostgresLocation) -> String {
            var components = URLComponents()
            components.scheme = "postgresql"
            components.user = location.username
            components.host = location.unixSocketPath == nil ? location.host : nil
            components.port = location.unixSocketPath == nil ? location.port : nil
            components.path = "/" + location.database
            components.queryItems = [URLQueryItem(name: "sslmode", value: location.sslMode)]
                + (location.unixSocketPath.map { [URLQueryItem(name: "host", value: $0)] } ?? [])
            return components.string ?? "postgresql:///\(location.database)"
        }

        /// `text` single-quoted for a POSIX shell.
        static func quoted(_ text: String) -> String {
            "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }
    }
}
