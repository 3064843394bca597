import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure {
    /// `tenure playbooks`: versioned playbook definitions, their dry runs, runs, traces and effect.
    struct Playbooks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write playbooks as YAML, dry-run them over past months, activate them, follow their runs and measure their effect.",
            discussion: """
                A playbook says "when this happens to an account like that, do these steps": create a task, wait, notify, \
                change the account, start another playbook. Each `add` stores the next version of the playbook its document \
                names; one version is active. The playbooks job of every `tenure serve` and `tenure worker` starts runs and \
                executes their steps. docs/playbooks.md describes every field.

                Examples:
                  tenure playbooks dry-run detractors.yaml --days 90
                  tenure playbooks add detractors.yaml --activate --note "first cut"
                  tenure playbooks list
                  tenure playbooks runs "Detractor follow-up" --status active
                  tenure playbooks start "Detractor follow-up" --account acct_0000527
                  tenure playbooks effect "Detractor follow-up" --horizon-days 90
                """,
            subcommands: [List.self, Add.self, Activate.self, Deactivate.self, Show.self, DryRun.self, Runs.self, Run.self, Start.self,
                          Effect.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the playbooks: active and latest versions, and their runs by status.")

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let playbooks = try await database.withStore { try await $0.playbooks() }
                let rows = playbooks.map { playbook in
                    [playbook.name, playbook.activeVersion.map(String.init) ?? "", String(playbook.latestVersion),
                     String(playbook.runs[.active] ?? 0), String(playbook.runs[.completed] ?? 0), String(playbook.runs[.heldOut] ?? 0)]
                }
                print(TextTable(columns: ["name", "active_version", "latest_version", "active_runs", "completed_runs", "held_out_runs"], rows: rows).render(format))
                if format == .table && playbooks.isEmpty { print("No playbooks yet: `tenure playbooks add FILE` stores one.") }
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check a playbook file (YAML, or JSON by its .json extension) and store it as the next version.",
                discussion: """
                    A mistake is refused with the field named, e.g. `steps[2].notify.channel: must be one of slack, email, \
                    webhook`, and nothing is stored. Try a document with `tenure playbooks dry-run` first.

                    Example:
                      tenure playbooks add detractors.yaml --activate --note "owner fallback"
                    """)

            @Argument(help: "A YAML (or .json) file.")
            var file: String
            @Flag(help: "Make it the active version: its trigger starts runs from the next pass of the playbooks job.")
            var activate = false
            @Option(help: "Why this version exists, kept with it.")
            var note: String?
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let document = try PlaybookFile(file)
                let stored = try await database.withPlaybookEngine { engine in
                    try await document.checked {
                        try await engine.addPlaybook(source: document.source, format: document.format, note: note,
                                                     author: CommandActor.current, activate: activate)
                    }
                }
                print("Stored playbook “\(stored.name)” v\(stored.version)\(stored.active ? " and made it active" : " (not active: `tenure playbooks activate \"\(stored.name)\"`)").")
            }
        }

        struct Activate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a version of a playbook the active one (the latest when --version is not given).",
                discussion: "Example:\n  tenure playbooks activate \"Detractor follow-up\" --version 2")

            @Argument(help: "The playbook's name.")
            var name: String
            @Option(help: "The version to activate (default: the latest).")
            var version: Int?
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let activated = try await database.withStore { store in
                    let latest = try await store.playbookVersions(name: name).last?.version
                    guard let version = version ?? latest else {
                        throw CommandFailure("there is no playbook named '\(name)' (`tenure playbooks list` shows them)")
                    }
                    guard try await store.activatePlaybook(name: name, version: version, at: WallClock.command.now()) else {
                        throw CommandFailure("playbook '\(name)' has no version \(version)")
                    }
                    return version
                }
                print("Playbook “\(name)” v\(activated) is active.")
            }
        }

        struct Deactivate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Stop a playbook starting runs; its active runs go on to their end.",
                discussion: "Example:\n  tenure playbooks deactivate \"Detractor follow-up\"")

            @Argument(help: "The playbook's name.")
            var name: String
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                try await database.withStore { store in
                    guard try await store.deactivatePlaybook(name: name, at: WallClock.command.now()) else {
                        throw CommandFailure("playbook '\(name)' has no active version")
                    }
                }
                print("Playbook “\(name)” is inactive; its active runs go on.")
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print a version of a playbook as it was written (the active one, else the latest).",
                discussion: "Example:\n  tenure playbooks show \"Detractor follow-up\" --version 1 > detractors.yaml")

            @Argument(help: "The playbook's name.")
            var name: String
            @Option(help: "The version (default: the active one, else the latest).")
            var version: Int?
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                guard let stored = try await database.withStore({ try await $0.playbook(name: name, version: version) }) else {
                    throw CommandFailure(version.map { "playbook '\(name)' has no version \($0)" } ?? "there is no playbook named '\(name)'")
                }
                print(stored.source)
            }
        }

        struct Start: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Start the active version of a playbook for one account by hand, whatever its trigger.",
                discussion: """
                    The run's trace names who started it and whether the conditions held (it starts either way). Its first \
                    step runs on the next pass of the playbooks job.

                    Example:
                      tenure playbooks start "Red enterprise rescue" --account acct_0000527
                    """)

            @Argument(help: "The playbook's name.")
            var name: String
            @Option(help: "The account's id.")
            var account: String
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let run = try await database.withPlaybookEngine { engine in
                    guard try await engine.store.playbook(name: name, version: nil)?.active == true else {
                        throw CommandFailure("playbook '\(name)' has no active version (`tenure playbooks activate \"\(name)\"`)")
                    }
                    guard let run = try await engine.startManually(playbook: name, accountID: account, by: CommandActor.current) else {
                        throw CommandFailure("there is no account '\(account)'")
                    }
                    return run
                }
                print("Started run \(run.id) of “\(name)” v\(run.version) for \(account); its first step runs on the next pass of the playbooks job.")
                print("Trace: \(run.trace)")
            }
        }
    }
}

/// A playbook document read from a file: its text and its format (JSON for `.json`, else YAML).
struct PlaybookFile {
    var path: String
    var source: String
    var format: DefinitionFormat

    init(_ path: String) throws {
        self.path = path
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read \(path) as UTF-8 text: \(error.localizedDescription)")
        }
        format = DefinitionFormat(fileName: path)
    }

    /// The parsed playbook; a mistake fails naming the file and the field.
    func playbook() async throws -> Playbook {
        try await checked { try PlaybookDocument.parse(source, format: format) }
    }

    /// `body`'s result; a ``TenureCore/ValidationError`` it throws fails naming the file and the field.
    func checked<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as TenureCore.ValidationError { throw CommandFailure("\(path): \(error)") }
    }
}

extension DatabaseOptions {
    /// Opens the store and runs `body` with a playbook engine over it, on the command's clock, with the business calendar and
    /// escalation rules of the configuration file.
    func withPlaybookEngine<T>(_ body: (PlaybookEngine) async throws -> T) async throws -> T {
        let settings = try configuration().playbooks()
        return try await withStore { try await body(PlaybookEngine(store: $0, clock: .command, configuration: settings)) }
    }
}

extension PlaybookRun.Status: ExpressibleByArgument {}
