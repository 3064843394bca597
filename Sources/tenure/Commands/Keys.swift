import ArgumentParser
import Foundation
import TenureCore
import TenureServer
import TenureStore

extension Tenure {
    /// `tenure keys`: manage API keys.
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, list and revoke API keys.",
            discussion: """
                Keys authenticate API calls (`Authorization: Bearer tnr_…`). Roles: viewer reads, \
                member also changes customer data, admin also manages keys; writer is a source's write \
                key for the Segment-compatible tracking API (/v1/track and friends) and can do nothing \
                else. Only a hash of each key is stored: the token is shown once, when it is created.
                """,
            subcommands: [Create.self, List.self, Revoke.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create an API key and print its token (shown only this once).",
                discussion: "Example:\n  tenure keys create --role admin --name \"ops laptop\"")

            @Option(help: "What the key may do: admin, member, viewer, or writer (tracking API only).")
            var role: Role = .viewer

            @Option(help: "A name to recognise the key by.")
            var name = "cli"

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let issued = APIKeys.issue(name: name, role: role, at: WallClock.command.now())
                try await database.withStore { try await $0.insertAPIKey(issued.record) }
                print(issued.token)
                FileHandle.standardError.write(Data("Created \(role.rawValue) key \(issued.record.id) ('\(name)'). Store the token now: it cannot be shown again.\n".utf8))
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List API keys (never their secrets).")

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let keys = try await database.withStore { try await $0.apiKeys() }
                let rows = keys.map { key in
                    [key.id, key.name, key.role.rawValue, JSONCoding.format(key.createdAt),
                     key.lastUsedAt.map(JSONCoding.format) ?? "", key.revokedAt.map(JSONCoding.format) ?? ""]
                }
                print(TextTable(columns: ["id", "name", "role", "created_at", "last_used_at", "revoked_at"], rows: rows).render(format))
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke an API key by its id (the part after tnr_).")

            @Argument(help: "Id of the key, as `tenure keys list` shows it.")
            var id: String

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let revoked = try await database.withStore { try await $0.revokeAPIKey(id: id, at: WallClock.command.now()) }
                guard revoked else { throw CommandFailure("no active key with id '\(id)'") }
                print("Revoked key \(id).")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
extension OutputFormat: CustomStringConvertible {
    var description: String { rawValue }
}
