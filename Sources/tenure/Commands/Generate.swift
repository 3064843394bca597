import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure {
    /// `tenure generate`: fills a database with a deterministic demo customer base.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a realistic demo customer base (24 months of history) into a database.",
            discussion: """
                The data is a B2B SaaS with self-serve, SMB, mid-market and enterprise accounts; monthly, \
                quarterly and annual plans; trials, upgrades, downgrades, seat changes, coupons, failed \
                payments with dunning, voluntary and involuntary churn with Stripe-style reasons, and \
                reactivations. Usage, tickets and survey answers really drive churn, so health scores and \
                churn models have signal to find. The same --seed always gives the same data.

                Examples:
                  tenure generate --accounts 2000
                  tenure generate --accounts 100000 --seed 7 --database postgres://tenure@localhost/tenure

                A load that stopped part way (a killed process, a lost connection) goes on with the same \
                options and --resume: the accounts already written are kept.
                """)

        @Option(help: "Number of accounts, from 1 to 1,000,000.")
        var accounts = 2_000

        @Option(help: "Random seed; the same seed and size give identical data.")
        var seed: UInt64 = 42

        @Option(name: .customLong("as-of"), help: "Last day of the simulated history (YYYY-MM-DD). Defaults to today.")
        var asOf: String?

        @Flag(help: "Write into a database that already holds accounts (records with the same ids are replaced).")
        var force = false

        @Flag(help: "Go on with a load that stopped part way, given the same --accounts, --seed and --as-of.")
        var resume = false

        @Option(help: "Days of weekly health-score history to compute after generating (0 skips scoring and the churn model).")
        var healthHistoryDays = 182

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...1_000_000).contains(accounts) else { throw ValidationError("--accounts must be between 1 and 1,000,000") }
            guard !(force && resume) else { throw ValidationError("--force writes into any database, --resume only into an interrupted load of the same options: pass one of them") }
            guard (0...730).contains(healthHistoryDays) else { throw ValidationError("--health-history-days must be between 0 and 730") }
            if let asOf, JSONCoding.parse(asOf) == nil { throw ValidationError("--as-of must be a date like 2026-11-01") }
        }

        func run() async throws {
            try await database.withStore { store in
                try await Self.generate(accounts: accounts, seed: seed, asOf: asOf.flatMap(JSONCoding.parse) ?? WallClock.command.now(),
                                        into: store, force: force, resume: resume, healthHistoryDays: healthHistoryDays)
            }
        }

        /// Loads the demo into `store` (from where an earlier load stopped, when `resume`) with a progress bar and prints
        /// a summary; then (unless `healthHistoryDays` is 0) activates the standard segmentation, scores health weekly
        /// over the last `healthHistoryDays` days and trains a churn model.
        static func generate(accounts: Int, seed: UInt64, asOf: Date, into store: any Store, force: Bool, resume: Bool = false,
                             healthHistoryDays: Int) async throws {
            let generator = DemoGenerator(seed: seed, accountCount: accounts, asOf: asOf)
            let start: Int
            if resume {
                do {
                    start = try await DemoLoader.resumePoint(of: generator, in: store)
                } catch let error as TenureCore.ValidationError {
                    throw CommandFailure("\(error.field ?? "--resume"): \(error.message)")
                }
                if start > 0 { print("Resuming at account \(start + 1) of \(accounts).") }
            } else {
                let existing = try await store.accounts(AccountQuery(limit: 1)).total
                guard existing == 0 || force else {
                    throw CommandFailure("the database already holds \(existing) accounts; pass --force to write into it anyway, --resume to go on with an interrupted load, or choose another --database")
                }
                start = 0
            }
            let progress = ProgressBar(total: accounts, label: "accounts", from: start)
            let started = Date()
            try await DemoLoader.load(generator, into: store, from: start) { progress.update($0) }
            let counts = try await store.factCounts()
            let elapsed = Date().timeIntervalSince(started)
            print("Generated \(accounts) accounts (seed \(seed), history to \(JSONCoding.format(generator.asOf).prefix(10))) in \(ProgressBar.duration(elapsed)).")
            let rows = counts.sorted { $0.key < $1.key }.filter { $0.value > 0 }.map { [$0.key, String($0.value)] }
            print(TextTable(columns: ["table", "rows"], rows: rows).render(.table))
            guard healthHistoryDays > 0 else { return }
            if try await store.activeDefinition(.segmentation) == nil {
                let segmentation = SegmentationDefinition.standard
                _ = try await store.addDefinition(StoredDefinition(
                    kind: .segmentation, name: segmentation.name, format: .yaml,
                    source: try DefinitionDocument.yaml(segmentation, comment: "Tenure's standard segmentation (see docs/health.md)."),
                    origin: .builtin, createdAt: asOf), activate: true)
            }
            let scoring = ProgressBar(total: healthHistoryDays / 7 + 1, label: "health history")
            let summary = try await HealthEngine(store: store).recompute(asOf: asOf, backfillDays: healthHistoryDays, everyDays: 7) {
                scoring.total = $1
                scoring.update($0)
            }
            let colours = HealthColour.allCases.map { "\(summary.colours[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
            print("Health: \(summary.scored) live accounts scored (\(colours)), \(summary.cutoffs) weekly cut-offs, \(summary.alerts) alerts.")
            let training = ProgressBar(total: 18, label: "churn model")
            do {
                let model = try await ChurnEngine(store: store).train(now: asOf) { training.total = $1; training.update($0) }
                print("Churn model v\(model.version): backtest ROC AUC \(String(format: "%.3f", model.report.rocAUC)) "
                      + "for churn within \(model.report.horizonDays) days; `tenure risk` lists who to call first.")
            } catch let error as TenureCore.ValidationError {
                print("No churn model: \(error.message).")
            }
        }
    }
}
