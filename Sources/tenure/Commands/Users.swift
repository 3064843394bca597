import ArgumentParser
import Foundation
import TenureCore
import TenureServer
import TenureStore
#if canImport(Glibc)
import Glibc
#endif

extension Tenure {
    /// `tenure users`: people who sign in to the dashboard.
    struct Users: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create and list the people who sign in to the web dashboard.",
            discussion: """
                Roles: viewer reads every page, member also changes customer data, admin also manages users \
                and keys. Passwords are stored only as bcrypt hashes.
                """,
            subcommands: [Create.self, List.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create a dashboard user.",
                discussion: """
                    The password is read from standard input with --password-stdin (one line), or asked for \
                    at the terminal. It must be 10 to 72 bytes.

                    Example:
                      printf '%s\\n' "$PASSWORD" | tenure users create --email ana@example.com --name "Ana Ruiz" --role member --password-stdin
                    """)

            @Option(help: "Email address the person signs in with.")
            var email: String

            @Option(help: "Name shown in the dashboard.")
            var name: String

            @Option(help: "What the person may do: admin, member or viewer.")
            var role: Role = .member

            @Flag(help: "Read the password from standard input instead of asking for it.")
            var passwordStdin = false

            @OptionGroup var database: DatabaseOptions

            func validate() throws {
                guard role != .writer else { throw ValidationError("--role must be admin, member or viewer") }
                let parts = email.split(separator: "@")
                guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(where: \.isWhitespace) else {
                    throw ValidationError("--email must be an email address such as ana@example.com")
                }
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty") }
            }

            func run() async throws {
                let password = try readPassword()
                if let problem = Passwords.problem(with: password) { throw CommandFailure("the password \(problem)") }
                let user = UserRecord(id: "usr_" + SessionTokens.randomToken().prefix(16), email: email, name: name, role: role,
                                      passwordHash: try await Passwords.hash(password), createdAt: WallClock.command.now())
                try await database.withStore { store in
                    do {
                        try await store.insertUser(user)
                    } catch let error as StoreError where error.code == .conflict {
                        throw CommandFailure("a user with email \(user.email) already exists")
                    }
                }
                print("Created \(role.rawValue) user \(user.email) (\(user.id)).")
            }

            private func readPassword() throws -> String {
                if passwordStdin {
                    guard let line = Swift.readLine(strippingNewline: true) else { throw CommandFailure("no password on standard input") }
                    return line
                }
                guard isatty(STDIN_FILENO) == 1 else {
                    throw CommandFailure("standard input is not a terminal: pass the password with --password-stdin")
                }
                guard let first = getpass("Password for \(email): ").map({ String(cString: $0) }),
                      let second = getpass("Repeat the password: ").map({ String(cString: $0) }) else {
                    throw CommandFailure("could not read the password")
                }
                guard first == second else { throw CommandFailure("the two passwords differ") }
                return first
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List dashboard users (never their passwords).")

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let users = try await database.withStore { try await $0.users() }
                let rows = users.map { user in
                    [user.id, user.email, user.name, user.role.rawValue, JSONCoding.format(user.createdAt),
                     user.lastSignInAt.map(JSONCoding.format) ?? "", user.disabledAt.map(JSONCoding.format) ?? ""]
                }
                print(TextTable(columns: ["id", "email", "name", "role", "created_at", "last_sign_in_at", "disabled_at"], rows: rows).render(format))
            }
        }
    }
}
