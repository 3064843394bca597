import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure {
    /// `tenure health`: scores, their validation against churn, calibration and alerts.
    struct Health: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show health scores, backtest them against real churn, calibrate their weights.",
            discussion: """
                A health score is a versioned definition (YAML): signals such as the login trend, core-feature \
                adoption, tickets and NPS, each mapped to 0–100 and weighted to a total of 100, with red < 50 < \
                yellow ≤ 70 < green. Start from the standard one:

                  tenure definitions template --kind health > health.yaml   # edit it
                  tenure health validate --file health.yaml                 # how well would it have predicted churn?
                  tenure definitions add --kind health health.yaml --activate
                  tenure health show --colour red

                The server recomputes scores when facts change and once a day; `tenure health recompute` does it now.
                """,
            subcommands: [Show.self, Validate.self, Calibrate.self, Recompute.self, Alerts.self])
    }
}

extension HealthColour: ExpressibleByArgument {}

extension Tenure.Health {
    /// `tenure health show`: the weakest accounts, or one account's breakdown.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List accounts by health (weakest first), or explain one account's score signal by signal.",
            discussion: """
                Examples:
                  tenure health show --colour red --top 25
                  tenure health show --account acct_0042
                """)

        @Option(help: "Explain this account's score: every signal's raw value, 0–100 value, weight and contribution.")
        var account: String?

        @Option(help: "Only accounts of this colour: red, yellow or green.")
        var colour: HealthColour?

        @OptionGroup var list: AccountListOptions
        @OptionGroup var database: DatabaseOptions

        var format: OutputFormat { list.format }

        func run() async throws {
            try await database.withStore(show)
        }

        private func show(_ store: any Store) async throws {
            let engine = HealthEngine(store: store)
            let active = try await engine.activeHealthDefinition(at: WallClock.command.now())
            let backtest = try await store.latestBacktest(definitionVersion: active.version)
            if format == .table {
                let validated = backtest.map { "validated AUC \(HealthEngine.format($0.report.auc)) for \($0.report.horizonDays)-day churn (backtest of \(JSONCoding.format($0.runAt).prefix(10)))" }
                    ?? "not yet validated: run `tenure health validate`"
                print("Definition v\(active.version) “\(active.definition.name)” — \(validated)\n")
            }
            if let account {
                try await explain(account, store: store)
            } else {
                let page = try await store.accounts(AccountQuery(
                    segment: list.segment, ownerID: list.csm, healthColour: colour, sort: .health, limit: list.top))
                if page.items.allSatisfy({ $0.health == nil }) && format == .table {
                    print("No health scores yet: run `tenure health recompute` (the server also does it on a schedule).")
                    return
                }
                let rows = page.items.map { item in
                    [item.account.id, item.account.name, item.account.segment ?? "", item.account.ownerID ?? "",
                     ReportFormat.money(item.mrr, item.account.currency, format),
                     item.health.map { format == .table ? String(format: "%.0f", $0.score) : String($0.score) } ?? "",
                     item.health?.colour.rawValue ?? ""]
                }
                print(TextTable(columns: ["account", "name", "segment", "owner", "mrr", "score", "colour"], rows: rows).render(format))
            }
        }

        private func explain(_ accountID: String, store: any Store) async throws {
            guard try await store.account(id: accountID) != nil else { throw CommandFailure("there is no account '\(accountID)'") }
            guard let record = try await store.healthRecord(accountID: accountID) else {
                throw CommandFailure("account '\(accountID)' has no health score: it needs a live subscription, and scores come from `tenure health recompute`")
            }
            if format == .json {
                let history = try await store.healthHistory(accountID: accountID, since: WallClock.command.now().adding(days: -180))
                print(try ReportFormat.json(["record": AnyEncodable(record), "history": AnyEncodable(history)]))
                return
            }
            let health = record.health
            if format == .table {
                print("""
                    \(accountID): \(String(format: "%.1f", health.score)) \(health.colour.rawValue) on \(JSONCoding.format(record.day).prefix(10)) \
                    (definition v\(record.definitionVersion)\(health.segment.map { ", \($0) variant" } ?? ""))
                    Adoption \(String(format: "%.0f", health.adoption.score)) (breadth \(String(format: "%.0f", health.adoption.breadth)), depth \(String(format: "%.0f", health.adoption.depth)))

                    """)
            }
            let rows = health.signals.map { part in
                [part.signal.rawValue, part.raw.map { format == .table ? String(format: "%.2f", $0) : String($0) } ?? "no data",
                 part.normalized.map { format == .table ? String(format: "%.0f", $0) : String($0) } ?? "left out",
                 format == .table ? String(format: "%.0f", part.weight) : String(part.weight),
                 format == .table ? String(format: "%.1f", part.effectiveWeight) : String(part.effectiveWeight),
                 format == .table ? String(format: "%.1f", part.contribution) : String(part.contribution),
                 part.signal.summary]
            }
            print(TextTable(columns: ["signal", "raw", "score", "weight", "effective_weight", "points", "meaning"], rows: rows).render(format))
        }
    }

    /// `tenure health recompute`: score every live account now (and optionally back-fill history).
    struct Recompute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply segmentation and score every live account now; optionally back-fill past scores for trends.",
            discussion: """
                Scores use only facts dated before each cut-off. Alerts are raised where a score fell by the \
                definition's alert drop within its window.

                Example (half a year of weekly history):
                  tenure health recompute --backfill-days 180 --every 7
                """)

        @Option(help: "Also score past days, this many back from today.")
        var backfillDays = 0

        @Option(help: "Days between back-filled scores.")
        var every = 7

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (0...3_650).contains(backfillDays) else { throw ValidationError("--backfill-days must be between 0 and 3650") }
            guard (1...365).contains(every) else { throw ValidationError("--every must be between 1 and 365") }
        }

        func run() async throws {
            let bar = ProgressBar(total: backfillDays / every + 1, label: "Scoring")
            let summary = try await database.withStore { store in
                try await HealthEngine(store: store).recompute(asOf: WallClock.command.now(), backfillDays: backfillDays, everyDays: every) { done, total in
                    bar.total = total
                    bar.update(done)
                }
            }
            let colours = HealthColour.allCases.map { "\(summary.colours[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
            print("Scored \(summary.scored) accounts with definition v\(summary.definitionVersion): \(colours).")
            if summary.segmentsChanged > 0 { print("\(summary.segmentsChanged) accounts changed segment.") }
            print("\(summary.alerts) score-drop alerts raised over \(summary.cutoffs) cut-off\(summary.cutoffs == 1 ? "" : "s").")
        }
    }

    /// `tenure health alerts`: recent score drops.
    struct Alerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List score-drop alerts: accounts whose health fell by the alert's points within its window.")

        @Option(help: "Alerts from this day on (YYYY-MM-DD). Default: the last 30 days.")
        var since: String?

        @Option(help: "Most alerts to list.")
        var limit = 50

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let start: Date
            if let since {
                guard let parsed = JSONCoding.parse(since) else { throw ValidationError("--since must be a date such as 2026-05-01") }
                start = parsed
            } else {
                start = WallClock.command.now().adding(days: -30)
            }
            let alerts = try await database.withStore { try await $0.healthAlerts(since: start, limit: limit) }
            let rows = alerts.map { stored in
                [String(JSONCoding.format(stored.alert.at).prefix(10)), stored.alert.accountID, stored.accountName, stored.ownerID ?? "",
                 String(format: "%.0f", stored.alert.from), String(format: "%.0f", stored.alert.to), String(format: "%.0f", stored.alert.drop)]
            }
            print(TextTable(columns: ["day", "account", "name", "owner", "from", "to", "drop"], rows: rows).render(format))
        }
    }
}

/// Any encodable value, for mixing types in one JSON object.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
