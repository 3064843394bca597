import ArgumentParser
import Foundation
import TenureCore
import TenureEngine
import TenureStore

/// The cut-off options of the backtesting commands.
struct BacktestOptions: ParsableArguments {
    @Option(help: "Month starts to score, the latest whose horizon has ended first.")
    var months = 12

    @Option(help: "Days after each cut-off in which churn counts.")
    var horizonDays = 90

    func validate() throws {
        guard (1...60).contains(months) else { throw ValidationError("--months must be between 1 and 60") }
        guard (7...365).contains(horizonDays) else { throw ValidationError("--horizon-days must be between 7 and 365") }
    }
}

extension Tenure.Health {
    /// `tenure health validate`: backtest a definition against churn.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Backtest a health definition: score accounts at past month starts and compare with churn that followed.",
            discussion: """
                At each cut-off, every paying account is scored from the facts known then (nothing dated later), \
                and labelled by whether it churned within --horizon-days. The report gives the ROC AUC of the \
                score (0.5 = chance, 1 = perfect), the AUC of each signal alone, churn per colour band (it must \
                fall from red to green) and how many green accounts churned anyway. A stored version's report \
                is kept and shown beside its scores in the API.

                Examples:
                  tenure health validate                       # the active definition
                  tenure health validate --file health.yaml    # a draft, before you store it
                """)

        @Option(help: "A stored definition version (default: the active one).")
        var version: Int?

        @Option(help: "A definition file (YAML or JSON) to backtest without storing it.")
        var file: String?

        @OptionGroup var backtest: BacktestOptions

        @Option(help: "Output format: table, json or csv (csv lists the signals).")
        var format: OutputFormat = .table

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if version != nil && file != nil { throw ValidationError("give --version or --file, not both") }
        }

        func run() async throws {
            let draft = try file.map(Self.readDefinition)
            let wantedVersion = version
            let bar = ProgressBar(total: backtest.months, label: "Backtesting")
            let (report, label) = try await database.withStore { store in
                let engine = HealthEngine(store: store)
                let (definition, version): (HealthDefinition, Int?)
                if let draft {
                    (definition, version) = (draft, nil)
                } else if let wanted = wantedVersion {
                    guard let stored = try await store.definition(.health, version: wanted) else {
                        throw CommandFailure("there is no health definition version \(wanted); `tenure definitions list --kind health` lists them")
                    }
                    (definition, version) = (try stored.healthDefinition(), wanted)
                } else {
                    let active = try await engine.activeHealthDefinition(at: WallClock.command.now())
                    (definition, version) = (active.definition, active.version)
                }
                let report = try await engine.backtest(definition, version: version, months: backtest.months,
                                                       horizonDays: backtest.horizonDays, now: WallClock.command.now()) { done, total in
                    bar.total = total
                    bar.update(done)
                }
                return (report, version.map { "v\($0) “\(definition.name)”" } ?? "“\(definition.name)” (\(file ?? ""), not stored)")
            }
            print(Self.render(report, label: label, format: format))
        }

        /// Reads and checks a definition file, naming the file and field at fault.
        static func readDefinition(_ path: String) throws -> HealthDefinition {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw CommandFailure("cannot read \(path) as UTF-8 text: \(error.localizedDescription)")
            }
            do {
                return try DefinitionDocument.decode(HealthDefinition.self, from: text, format: .init(fileName: path))
            } catch let error as TenureCore.ValidationError {
                throw CommandFailure("\(path): \(error)")
            }
        }

        static func render(_ report: HealthBacktestReport, label: String, format: OutputFormat) -> String {
            let signalRows = report.signals.map { signal in
                [signal.signal.rawValue, String(format: "%.0f", signal.weight), String(signal.samples),
                 signal.auc.map { String(format: "%.3f", $0) } ?? "", signal.predictive ? "yes" : "no"]
            }
            let signals = TextTable(columns: ["signal", "weight", "samples", "auc", "predictive"], rows: signalRows)
            switch format {
            case .json: return (try? ReportFormat.json(report)) ?? "{}"
            case .csv: return signals.render(.csv)
            case .table:
                let bands = TextTable(columns: ["colour", "accounts", "churned", "churn_rate"], rows: report.bands.map { band in
                    [band.colour.rawValue, String(band.accounts), String(band.churned), ReportFormat.rate(band.churnRate, .table)]
                })
                let first = report.cutoffs.first.map { String(JSONCoding.format($0.at).prefix(7)) } ?? "–"
                let last = report.cutoffs.last.map { String(JSONCoding.format($0.at).prefix(7)) } ?? "–"
                return """
                    Backtest of \(label): \(report.cutoffs.count) monthly cut-offs \(first) … \(last), \(report.horizonDays)-day churn
                    \(report.samples) account-months scored, \(report.churned) churned.

                    Score AUC: \(HealthEngine.format(report.auc))
                    Churn by colour (\(report.bandsOrdered ? "falls from red to green, as it should" : "NOT ordered from red to green: the thresholds or weights need work")):
                    \(bands.render(.table))
                    Green accounts that churned anyway: \(report.greenChurned)

                    Each signal alone (AUC under \(HealthBacktestReport.predictiveAUC) predicts no better than chance):
                    \(signals.render(.table))
                    """
            }
        }
    }

    /// `tenure health calibrate`: propose weights learnt from churn.
    struct Calibrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit new weights on past churn and store them as a new, inactive definition version.",
            discussion: """
                Scores the active definition at past cut-offs, fits an L2-regularised logistic regression of \
                churn on each signal's 0–100 value over the earlier two thirds of them, and weighs each signal \
                by how strongly it protects against churn. Signals that do not predict are flagged and get no \
                weight. The proposal is judged on the later third (held-out AUC, before and after) and stored \
                as a new version that you activate only if you want it:

                  tenure health calibrate
                  tenure definitions activate --kind health <version it printed>
                """)

        @OptionGroup var backtest: BacktestOptions

        @Option(name: .customLong("c"), help: "Inverse regularisation strength C of the logistic fit (smaller = stronger penalty).")
        var inverseRegularization = 1.0

        @Flag(help: "Print the proposal without storing it.")
        var dryRun = false

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard backtest.months >= 3 else { throw ValidationError("--months must be at least 3 (two thirds to fit, one to judge)") }
            guard inverseRegularization > 0 && inverseRegularization.isFinite else { throw ValidationError("--c must be a positive number") }
        }

        func run() async throws {
            let bar = ProgressBar(total: backtest.months, label: "Scoring cut-offs")
            let (calibration, version) = try await database.withStore { store in
                try await HealthEngine(store: store).calibrate(
                    months: backtest.months, horizonDays: backtest.horizonDays, inverseRegularization: inverseRegularization,
                    save: !dryRun, now: WallClock.command.now()) { done, total in
                    bar.total = total
                    bar.update(done)
                }
            }
            if format == .json {
                print(try ReportFormat.json(["calibration": AnyEncodable(calibration), "proposed_version": AnyEncodable(version)]))
                return
            }
            let rows = calibration.signals.map { entry in
                [entry.signal.rawValue, String(format: "%.4f", entry.coefficient), entry.auc.map { String(format: "%.3f", $0) } ?? "",
                 String(format: "%.0f", entry.currentWeight), String(format: "%.0f", entry.proposedWeight), entry.flag ?? ""]
            }
            let table = TextTable(columns: ["signal", "coefficient", "auc", "weight_now", "weight_proposed", "flag"], rows: rows)
            guard format == .table else { return print(table.render(format)) }
            print("""
                Fitted on \(calibration.trainingCutoffs.count) cut-offs, judged on the \(calibration.holdoutCutoffs.count) later ones.
                Held-out AUC: now \(HealthEngine.format(calibration.currentHoldoutAUC)), proposed \(HealthEngine.format(calibration.proposedHoldoutAUC)).

                \(table.render(.table))

                \(version.map { "Stored as health definition v\($0) (not active). Activate it with:\n  tenure definitions activate --kind health \($0)" } ?? "Dry run: nothing stored.")
                """)
        }
    }
}
