import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension DefinitionKind: ExpressibleByArgument {}

extension Tenure {
    /// `tenure definitions`: the versioned health and segmentation definitions.
    struct Definitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, show, add and activate versioned health score and segmentation definitions.",
            discussion: """
                Definitions are YAML (or JSON) documents; docs/health.md describes every field. Each `add` \
                stores a new version; versions are never edited, so every stored score names the version that \
                computed it. Activating a version recomputes scores and segments.

                Example:
                  tenure definitions template --kind segmentation > segments.yaml
                  tenure definitions add --kind segmentation segments.yaml --activate
                """,
            subcommands: [List.self, Show.self, Template.self, Add.self, Activate.self])

        /// `--kind`, shared by every subcommand.
        struct KindOption: ParsableArguments {
            @Option(help: "health or segmentation.")
            var kind: DefinitionKind
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the versions of a kind of definition.")

            @OptionGroup var kind: KindOption
            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let definitions = try await database.withStore { try await $0.definitions(kind.kind) }
                if format == .json { return print(try ReportFormat.json(definitions)) }
                let rows = definitions.map { definition in
                    [String(definition.version), definition.active ? "active" : "", definition.name, definition.origin.rawValue,
                     JSONCoding.format(definition.createdAt), definition.note ?? ""]
                }
                print(TextTable(columns: ["version", "status", "name", "origin", "created_at", "note"], rows: rows).render(format))
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print a stored version's document as it was written.")

            @OptionGroup var kind: KindOption
            @Argument(help: "The version (default: the active one).")
            var version: Int?
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let stored = try await database.withStore { store in
                    if let version { return try await store.definition(kind.kind, version: version) }
                    return try await store.activeDefinition(kind.kind)
                }
                guard let stored else {
                    throw CommandFailure(version.map { "there is no \(kind.kind.rawValue) definition version \($0)" }
                        ?? "no \(kind.kind.rawValue) definition is active yet")
                }
                print(stored.source)
            }
        }

        struct Template: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print Tenure's standard definition as YAML, a starting point to edit.")

            static let signalNames = HealthSignal.allCases.map(\.rawValue).joined(separator: ", ")

            @OptionGroup var kind: KindOption

            func run() async throws {
                switch kind.kind {
                case .health:
                    print(try DefinitionDocument.yaml(HealthDefinition.standard, comment: """
                        Tenure health score definition. Signals: \(Self.signalNames).
                        Transforms: bands [{below, score}… {score}], linear {from, to}, percentile {higher_is_better}.
                        Weights sum to 100; red below thresholds.red_below, green above thresholds.green_above.
                        """))
                case .segmentation:
                    print(try DefinitionDocument.yaml(SegmentationDefinition.standard, comment: """
                        Tenure segmentation. The first segment whose `when` conditions all hold wins; the last may leave `when` out.
                        Conditions: arr_at_least, arr_below (major units of the reporting currency), plans, employees_at_least,
                        employees_below, industries, tags_any, usage {event, last_days, at_least, below}.
                        """))
                }
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Check a definition file and store it as the next version.")

            @OptionGroup var kind: KindOption
            @Argument(help: "A YAML (or .json) file.")
            var file: String
            @Flag(help: "Make it the active version and recompute scores and segments.")
            var activate = false
            @Option(help: "Why this version exists, kept with it.")
            var note: String?
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let source: String
                do {
                    source = try String(contentsOfFile: file, encoding: .utf8)
                } catch {
                    throw CommandFailure("cannot read \(file) as UTF-8 text: \(error.localizedDescription)")
                }
                let format = DefinitionDocument.Format(fileName: file)
                let name: String
                do {
                    switch kind.kind {
                    case .health: name = try DefinitionDocument.decode(HealthDefinition.self, from: source, format: format).name
                    case .segmentation: name = try DefinitionDocument.decode(SegmentationDefinition.self, from: source, format: format).name
                    }
                } catch let error as TenureCore.ValidationError {
                    throw CommandFailure("\(file): \(error)")
                }
                let stored = try await database.withStore { store in
                    let stored = try await store.addDefinition(
                        StoredDefinition(kind: kind.kind, name: name, format: format, source: source, note: note, origin: .user,
                                         createdAt: WallClock.command.now()), activate: activate)
                    if activate { _ = try await HealthEngine(store: store).recompute(asOf: WallClock.command.now()) }
                    return stored
                }
                print("Stored \(kind.kind.rawValue) definition v\(stored.version) “\(name)”\(activate ? " and made it active; scores recomputed" : " (not active)").")
            }
        }

        struct Activate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Make a stored version active and recompute scores and segments.")

            @OptionGroup var kind: KindOption
            @Argument(help: "The version to activate.")
            var version: Int
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                try await database.withStore { store in
                    guard try await store.activateDefinition(kind.kind, version: version, at: WallClock.command.now()) else {
                        throw CommandFailure("there is no \(kind.kind.rawValue) definition version \(version)")
                    }
                    _ = try await HealthEngine(store: store).recompute(asOf: WallClock.command.now())
                }
                print("\(kind.kind.rawValue.capitalized) definition v\(version) is active; scores recomputed.")
            }
        }
    }
}
