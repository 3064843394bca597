import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

extension Tenure {
    /// `tenure predict`: train and judge churn models; activation thresholds; survival curves.
    struct Predict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a churn model on your history, show how it did on months it never saw, find activation thresholds.",
            discussion: """
                The model is Tenure's own L2-regularised logistic regression over point-in-time features \
                (health signals, their 30/60/90-day trends, tenure, MRR, seats, billing events, tickets, \
                survey answers, days to renewal, segment), calibrated with Platt scaling, plus a Cox model of \
                time to churn. Nothing dated after a cut-off is read at that cut-off.

                  tenure predict train          # backtest, fit, store, and predict every paying account
                  tenure risk --top 25          # who to call first: expected MRR loss, factors, renewal, owner
                  tenure predict activation     # the early-usage counts that separate retained from churned
                """,
            subcommands: [Train.self, Backtest.self, Activation.self, Survival.self])

        struct Train: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Backtest, fit and store a churn model, then predict every paying account with it.",
                discussion: """
                    Uses the last --months month starts whose --horizon-days have passed. The backtest fits on the \
                    earliest 60 % of them, calibrates on the next 20 % and tests on the last 20 %: ROC AUC, PR AUC, \
                    Brier score, calibration table and top-decile lift. The stored model is then fitted on the \
                    earliest 80 % and calibrated on the rest.
                    """)

            @Option(help: "Month starts to learn from (at least 5).")
            var months = 18

            @Option(help: "Days after a cut-off in which churn is predicted.")
            var horizonDays = 90

            @Option(name: .customLong("c"), help: "Inverse regularisation C of the logistic regression.")
            var inverseRegularization = 1.0

            @Option(help: "Output format: table or json.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func validate() throws {
                guard (5...60).contains(months) else { throw ValidationError("--months must be between 5 and 60") }
                guard (7...365).contains(horizonDays) else { throw ValidationError("--horizon-days must be between 7 and 365") }
                guard inverseRegularization > 0 && inverseRegularization.isFinite else { throw ValidationError("--c must be a positive number") }
            }

            func run() async throws {
                let bar = ProgressBar(total: months, label: "Reading cut-offs")
                let stored = try await database.withStore { store in
                    try await ChurnEngine(store: store).train(
                        months: months, horizonDays: horizonDays,
                        trainer: ChurnTrainer(inverseRegularization: inverseRegularization, horizonDays: horizonDays),
                        now: WallClock.command.now()) { done, total in
                        bar.total = total
                        bar.update(done)
                    }
                }
                print(Backtest.render(stored, format: format))
            }
        }

        struct Backtest: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show the newest model's backtest: ranking, calibration and lift on held-out months.")

            @Option(help: "Output format: table, json or csv (csv: the calibration table).")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                guard let stored = try await database.withStore({ try await $0.latestChurnModel() }) else {
                    throw CommandFailure("no churn model yet: run `tenure predict train`")
                }
                print(Self.render(stored, format: format))
            }

            static func render(_ stored: StoredChurnModel, format: OutputFormat) -> String {
                let report = stored.report
                let bins = TextTable(columns: ["from", "to", "accounts", "predicted", "observed"], rows: report.calibration.map { bin in
                    [String(format: "%.3f", bin.lower), String(format: "%.3f", bin.upper), String(bin.count),
                     String(format: "%.3f", bin.meanPredicted), String(format: "%.3f", bin.observedRate)]
                })
                switch format {
                case .json: return (try? ReportFormat.json(["version": AnyEncodable(stored.version), "trained_at": AnyEncodable(stored.trainedAt),
                                                            "report": AnyEncodable(report)])) ?? "{}"
                case .csv: return bins.render(.csv)
                case .table:
                    func day(_ dates: [Date]) -> String {
                        guard let first = dates.first, let last = dates.last else { return "–" }
                        return "\(JSONCoding.format(first).prefix(7))…\(JSONCoding.format(last).prefix(7))"
                    }
                    return """
                        Churn model v\(stored.version), trained \(JSONCoding.format(stored.trainedAt).prefix(10)), predicting churn within \(report.horizonDays) days.
                        Backtest: fitted on \(day(report.trainingCutoffs)), calibrated on \(day(report.calibrationCutoffs)), tested on \(day(report.testCutoffs)).
                        Test: \(report.samples) account-months, \(report.churned) churned (base rate \(ReportFormat.rate(report.baseRate, .table))).

                        ROC AUC          \(String(format: "%.3f", report.rocAUC))
                        PR AUC           \(String(format: "%.3f", report.prAUC))   (a coin toss scores the base rate)
                        Brier score      \(String(format: "%.4f", report.brierScore))
                        Top-decile lift  \(String(format: "%.2f", report.topDecileLift))×
                        Time to churn    concordance \(report.concordance.map { String(format: "%.3f", $0) } ?? "n/a") (Cox)

                        Calibration (deciles of predicted probability):
                        \(bins.render(.table))
                        """
                }
            }
        }

        struct Activation: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Find, for each event, the count in an account's first days that best separates retained from churned accounts.",
                discussion: """
                    Each paying account's events in its first --days days of usage are counted, and the account is \
                    called retained if it still pays --horizon-days after that window. For each event the threshold \
                    maximising Youden's J (share of retained accounts that reached it minus share of churned ones) \
                    is reported with its support and lift. --apply makes the best one the first-value milestone.
                    """)

            @Option(help: "Length of the early window, in days.")
            var days = 30

            @Option(help: "Days after the window at which retention is judged.")
            var horizonDays = 180

            @Flag(help: "Store the best threshold as the product configuration's first-value milestone.")
            var apply = false

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func validate() throws {
                guard (1...365).contains(days) else { throw ValidationError("--days must be between 1 and 365") }
                guard (1...730).contains(horizonDays) else { throw ValidationError("--horizon-days must be between 1 and 730") }
            }

            func run() async throws {
                let (accounts, thresholds) = try await database.withStore { store in
                    let found = try await ChurnEngine(store: store).activationThresholds(days: days, horizonDays: horizonDays, now: WallClock.command.now())
                    if apply, let best = found.thresholds.first {
                        var product = try await store.decodedSetting(SettingKey.productConfiguration, as: ProductConfiguration.self)
                            ?? ProductConfiguration()
                        product.firstValue = .init(event: best.event, count: best.threshold)
                        try await store.setEncodedSetting(SettingKey.productConfiguration, to: product)
                    }
                    return found
                }
                if format == .json { return print(try ReportFormat.json(thresholds)) }
                let rows = thresholds.map { item in
                    [item.event, String(item.threshold), ReportFormat.rate(item.support, format), ReportFormat.rate(item.retentionReached, format),
                     ReportFormat.rate(item.retentionMissed, format), item.churnRatio.map { String(format: "%.1f×", $0) } ?? "",
                     String(format: "%.3f", item.separation)]
                }
                let table = TextTable(columns: ["event", "threshold", "reached", "retained_if_reached", "retained_if_missed",
                                                "churn_ratio", "separation"], rows: rows)
                guard format == .table else { return print(table.render(format)) }
                print("\(accounts) accounts with a full \(days)-day window and \(horizonDays) days after it.\n")
                print(table.render(.table))
                if let best = thresholds.first {
                    print("\nBest: \(best.threshold) × \(best.event) in the first \(days) days"
                          + (apply ? " — stored as the first-value milestone." : " (use --apply to make it the first-value milestone)."))
                }
            }
        }

        struct Survival: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Kaplan–Meier survival of customer lifetimes (first payment to first churn), overall or by segment, plan, industry or CSM.")

            @Option(help: "Group by segment, plan, industry or csm.")
            var by: Breakdown?

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let curves = try await database.withStore { try await ChurnEngine(store: $0).survivalCurves(by: by, now: WallClock.command.now()) }
                if format == .json {
                    return print(try ReportFormat.json(curves.map { ["group": AnyEncodable($0.group), "median_days": AnyEncodable($0.estimate.medianSurvivalTime),
                                                                      "rows": AnyEncodable($0.estimate.rows)] }))
                }
                let horizons: [Double] = [30, 90, 180, 365, 730]
                let rows = curves.map { curve in
                    [curve.group, String(curve.estimate.rows.first?.atRisk ?? 0)]
                        + horizons.map { ReportFormat.rate(curve.estimate.survival(at: $0), format) }
                        + [curve.estimate.medianSurvivalTime.map { String(Int($0)) } ?? "not reached"]
                }
                print(TextTable(columns: ["group", "customers", "30d", "90d", "180d", "365d", "730d", "median_days"], rows: rows).render(format))
            }
        }
    }
}
