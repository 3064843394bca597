import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure {
    /// `tenure segments`: the segmentation in force and each CSM's coverage.
    struct Segments: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show segments with their engagement models, each CSM's coverage, and apply the rules.",
            discussion: """
                Segmentation is a versioned definition: ordered segments with conditions on ARR, plan, company \
                size, industry, tags and usage, each with an engagement model (high, mid, tech or community \
                touch) and a target number of accounts per CSM. Until one is active, segments are whatever \
                imports and the API set.

                  tenure definitions template --kind segmentation > segments.yaml
                  tenure definitions add --kind segmentation segments.yaml --activate
                  tenure segments coverage
                """,
            subcommands: [Show.self, Coverage.self, Apply.self])

        /// The active segmentation, or a failure that says how to make one.
        static func active(_ store: any Store) async throws -> HealthEngine.Versioned<SegmentationDefinition> {
            guard let active = try await HealthEngine(store: store).activeSegmentation() else {
                throw CommandFailure("no segmentation is active: `tenure definitions template --kind segmentation` prints one to start from")
            }
            return active
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the active segments, their rules and how many accounts each holds.")

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let (active, counts) = try await database.withStore { store in
                    (try await Segments.active(store), try await HealthEngine(store: store).accountsPerSegment())
                }
                let rows = active.definition.segments.map { rule in
                    [rule.key, rule.engagementModel.rawValue, String(rule.accountsPerCSM), String(counts[rule.key] ?? 0),
                     rule.when.map(Self.describe) ?? "every other account"]
                }
                if format == .table { print("Segmentation v\(active.version) “\(active.definition.name)”\n") }
                print(TextTable(columns: ["segment", "engagement_model", "accounts_per_csm", "accounts", "when"], rows: rows).render(format))
            }

            static func describe(_ condition: SegmentCondition) -> String {
                var parts: [String] = []
                if let value = condition.arrAtLeast { parts.append("ARR ≥ \(Int(value))") }
                if let value = condition.arrBelow { parts.append("ARR < \(Int(value))") }
                if let value = condition.plans { parts.append("plan in \(value.joined(separator: "/"))") }
                if let value = condition.employeesAtLeast { parts.append("employees ≥ \(value)") }
                if let value = condition.employeesBelow { parts.append("employees < \(value)") }
                if let value = condition.industries { parts.append("industry in \(value.joined(separator: "/"))") }
                if let value = condition.tagsAny { parts.append("tagged \(value.joined(separator: "/"))") }
                if let usage = condition.usage {
                    parts.append("\(usage.event) in \(usage.lastDays)d" + (usage.atLeast.map { " ≥ \($0)" } ?? "") + (usage.below.map { " < \($0)" } ?? ""))
                }
                return parts.joined(separator: ", ")
            }
        }

        struct Coverage: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Each CSM's accounts per segment and load against the segments' accounts-per-CSM targets.",
                discussion: "A load of 100% is a full book; over 110% is overloaded, under 70% has room.")

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let (active, coverage, names) = try await database.withStore { store in
                    let active = try await Segments.active(store)
                    let (books, names) = try await HealthEngine(store: store).coverage(under: active.definition)
                    return (active, books, names)
                }
                if format == .json { return print(try ReportFormat.json(coverage)) }
                let keys = active.definition.segments.map(\.key)
                let rows = coverage.map { book in
                    [book.csmID ?? "(unowned)", book.csmID.flatMap { names[$0] } ?? ""] + keys.map { String(book.accounts[$0] ?? 0) }
                        + [String(book.totalAccounts), ReportFormat.rate(book.load, format), book.status]
                }
                print(TextTable(columns: ["csm", "name"] + keys + ["accounts", "load", "status"], rows: rows).render(format))
            }
        }

        struct Apply: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Assign every account its segment now (and rescore health).")

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let summary = try await database.withStore { store in
                    _ = try await Segments.active(store)
                    return try await HealthEngine(store: store).recompute(asOf: WallClock.command.now())
                }
                print("\(summary.segmentsChanged) accounts changed segment; \(summary.scored) accounts rescored.")
            }
        }
    }
}
