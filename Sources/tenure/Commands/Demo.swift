import ArgumentParser
import Foundation
import TenureCore
import TenureServer
import TenureStore

extension Tenure {
    /// `tenure demo`: the one command to see Tenure working.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a demo database if there is none, then serve it and print the dashboard URL, a sign-in and an admin API key.",
            discussion: """
                The first run generates --accounts demo accounts into --database (default \
                sqlite:tenure-demo.sqlite), which takes a few seconds; later runs reuse the file. \
                Each run creates a fresh admin API key named "demo" (revoking the previous run's) and sets a new \
                random password for the dashboard user demo@tenure.local (an admin), and prints both once.

                Example:
                  swift run -c release tenure demo
                """)

        @Option(help: "Accounts to generate when the database is empty.")
        var accounts = 2_000

        @Option(help: "Random seed for the generated data.")
        var seed: UInt64 = 42

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var server: ServerOptions

        func validate() throws {
            guard (1...1_000_000).contains(accounts) else { throw ValidationError("--accounts must be between 1 and 1,000,000") }
        }

        private static let defaultDatabase = "sqlite:tenure-demo.sqlite"

        func run() async throws {
            try await database.withStore(fallback: Self.defaultDatabase, demo(on:))
        }

        private func demo(on store: any Store) async throws {
            let url = database.url(fallback: Self.defaultDatabase)
            if try await store.accounts(AccountQuery(limit: 1)).total == 0 {
                print("Generating \(accounts) demo accounts into \(url)…")
                try await Generate.generate(accounts: accounts, seed: seed, asOf: WallClock.command.now(), into: store, force: false, healthHistoryDays: 182)
            } else {
                print("Using the existing demo data in \(url).")
            }
            // The previous run's key, printed on a terminal that may be long gone, stops working.
            for key in try await store.apiKeys() where key.name == "demo" && key.revokedAt == nil {
                _ = try await store.revokeAPIKey(id: key.id, at: WallClock.command.now())
            }
            let issued = APIKeys.issue(name: "demo", role: .admin, at: WallClock.command.now())
            try await store.insertAPIKey(issued.record)
            let token = issued.token
            let password = Passwords.generate()
            let email = "demo@tenure.local"
            let passwordHash = try await Passwords.hash(password)
            if let existing = try await store.user(email: email) {
                _ = try await store.setUserPassword(id: existing.id, passwordHash: passwordHash)
            } else {
                try await store.insertUser(UserRecord(id: "usr_demo", email: email, name: "Demo Admin", role: .admin,
                                                      passwordHash: passwordHash, createdAt: WallClock.command.now()))
            }
            try await server.run(store: store, file: database.configuration()) { base in
                print("""

                    Tenure is running at \(base)

                    Dashboard: \(base)/
                      Sign in as \(email) with password \(password)

                    Admin API key: \(token)

                    Try:
                      curl -H 'Authorization: Bearer \(token)' '\(base)/api/v1/accounts?sort=-mrr&limit=5'

                    Press Ctrl-C to stop.
                    """)
            }
        }
    }
}
