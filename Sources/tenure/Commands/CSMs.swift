import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure {
    /// `tenure csms`: the customer success managers who own accounts.
    struct CSMs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csms",
            abstract: "List, add and edit the customer success managers who own accounts.",
            discussion: """
                A CSM owns accounts (an account's owner_id), receives tasks, the daily digest and escalations \
                (through their manager). A dashboard user whose email is a CSM's sees that CSM's work on My work.
                """,
            subcommands: [List.self, Set.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the CSMs.")

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let csms = try await database.withStore { try await $0.csms() }
                let rows = csms.map { [$0.id, $0.name, $0.email, $0.active ? "yes" : "no", $0.managerID ?? ""] }
                print(TextTable(columns: ["id", "name", "email", "active", "manager"], rows: rows).render(format))
            }
        }

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a CSM, or change one: options left out keep their values.",
                discussion: """
                    Examples:
                      tenure csms set csm_ana --name "Ana Ruiz" --email ana@example.com --manager csm_lee
                      tenure csms set csm_ana --inactive      # takes no new accounts; keeps the ones owned
                    """)

            @Argument(help: "The CSM's id, as accounts name it in owner_id.")
            var id: String
            @Option(help: "Name shown on pages, tasks and digests (needed for a new CSM).")
            var name: String?
            @Option(help: "Email address for the digest and for matching a dashboard user (needed for a new CSM).")
            var email: String?
            @Option(help: "The id of the CSM whom escalations of this CSM's overdue tasks reach.")
            var manager: String?
            @Flag(help: "Remove the manager.")
            var noManager = false
            @Flag(help: "Whether the CSM takes accounts (new CSMs are active).")
            var status: Status?

            enum Status: String, EnumerableFlag { case active, inactive }

            @OptionGroup var database: DatabaseOptions

            func validate() throws {
                if manager != nil && noManager { throw ValidationError("pass --manager ID or --no-manager, not both") }
            }

            func run() async throws {
                let (csm, created) = try await database.withStore { store in
                    let existing = try await store.csms().first { $0.id == id }
                    guard let name = name ?? existing?.name, let email = email ?? existing?.email else {
                        throw CommandFailure("there is no CSM '\(id)': a new CSM needs --name and --email")
                    }
                    let csm = CSM(id: id, name: name, email: email, active: status.map { $0 == .active } ?? existing?.active ?? true,
                                  managerID: noManager ? nil : manager ?? existing?.managerID)
                    try await CSMDirectory(store: store).save(csm)
                    return (csm, existing == nil)
                }
                print("\(created ? "Added" : "Updated") CSM \(csm.id): \(csm.name) <\(csm.email)>\(csm.active ? "" : ", inactive")"
                      + (csm.managerID.map { ", reports to \($0)" } ?? "") + ".")
            }
        }
    }
}
