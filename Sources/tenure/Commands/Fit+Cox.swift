import ArgumentParser
import Foundation
import TenureCore

extension Tenure.Fit {
    /// `tenure fit cox`: Cox proportional hazards regression.
    struct Cox: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a Cox proportional hazards model: how each covariate multiplies the hazard of the event.",
            discussion: """
                Each row is one subject: how long it was followed (--duration, any time unit), \
                whether the event happened then (--event: 1/true) or the subject was still \
                active (0/false, censored), and its covariates. Ties use Efron's method; the \
                fit is lifelines' CoxPHFitter (covariates standardised while fitting, results \
                on their own scale).

                Prints JSON: coefficients (log hazard ratio per unit), hazard ratios, standard \
                errors, z and two-sided p-values, the log partial likelihood and Harrell's \
                concordance. A hazard ratio of 1.2 means each unit of the covariate makes the \
                event 20% likelier at any time. Text covariates are one-hot encoded as in \
                `tenure fit logistic`; --holdout 0.2 fits on a seeded random 80% and reports \
                Harrell's concordance on the other 20%.

                Example:
                  tenure fit cox --csv tenure.csv --duration days --event churned \\
                    --covariates seats,tickets
                """)

        @OptionGroup var input: FitInput

        @OptionGroup var survival: SurvivalColumns
        var duration: String { survival.duration }
        var event: String { survival.event }

        @Option(help: "Comma-separated covariate columns. Default: every column but the duration and event.")
        var covariates: String?

        @OptionGroup var options: FeatureOptions

        @OptionGroup var holdout: HoldoutOptions

        @Option(help: "L2 penalty as lifelines' penalizer (0: none).")
        var penalizer = 0.0

        @Option(help: "Tie handling: efron or breslow.")
        var ties: CoxTieMethod = .efron

        @Flag(help: "Also print the baseline cumulative hazard (subject at the covariates' means) at every duration.")
        var baseline = false

        func validate() throws {
            guard penalizer >= 0 else { throw ValidationError("--penalizer must not be negative") }
        }

        func run() throws {
            let data = try input.load()
            let columns = try data.columns(covariates, excluding: [duration: "duration", event: "event"], dropping: options.dropped)
            let table = try data.table([.number(duration), .binary(event, positive: survival.positive)]
                                           + columns.map(NumericTable.Column.feature), missing: options.impute)
            let names = table.featureNames
            let allCovariates = try table.matrix(names)
            let allDurations = try table.column(duration), allEvents = try table.booleanColumn(event)
            let split = try holdout.split(rowCount: table.rowCount)
            let rows = split?.training ?? Array(0..<table.rowCount)
            let matrix = allCovariates.rows(rows), events = rows.map { allEvents[$0] }
            if let constant = FeatureScaling(fitting: matrix).isConstant.firstIndex(of: true) {
                throw CommandFailure("covariate \(names[constant]) has the same value in every row, so its effect cannot be estimated")
            }
            let model: CoxModel
            do {
                model = try CoxProportionalHazards(penalizer: penalizer, ties: ties)
                    .fit(covariates: matrix, durations: rows.map { allDurations[$0] }, events: events)
            } catch {
                throw CommandFailure(error.description(naming: names))
            }
            try FitOutput.print(Result(
                coefficients: FitOutput.named(names, model.coefficients), hazardRatios: FitOutput.named(names, model.hazardRatios),
                standardErrors: FitOutput.named(names, model.standardErrors), z: FitOutput.named(names, model.zScores),
                pValues: FitOutput.named(names, model.pValues), logLikelihood: model.logLikelihood,
                concordance: model.concordance, iterations: model.iterations, converged: model.converged,
                rows: rows.count, events: events.filter { $0 }.count, input: TableReport(table),
                holdout: try split.map { split in
                    let heldOutEvents = split.heldOut.map { allEvents[$0] }
                    return HeldOut(share: holdout.holdout ?? 0, seed: holdout.seed, rows: split.heldOut.count,
                                   events: heldOutEvents.filter { $0 }.count,
                                   concordance: try ConcordanceIndex.harrell(
                                       durations: split.heldOut.map { allDurations[$0] },
                                       riskScores: split.heldOut.map { model.partialHazard(Array(allCovariates.row($0))) },
                                       events: heldOutEvents))
                },
                baselineCumulativeHazard: baseline ? model.baselineCumulativeHazard : nil))
        }

        /// The fit judged on the subjects it did not see.
        struct HeldOut: Encodable {
            var share: Double
            var seed: UInt64
            var rows: Int
            var events: Int
            var concordance: Double
        }

        struct Result: Encodable {
            var coefficients: [String: Double]
            var hazardRatios: [String: Double]
            var standardErrors: [String: Double]
            var z: [String: Double]
            var pValues: [String: Double]
            var logLikelihood: Double
            var concordance: Double
            var iterations: Int
            var converged: Bool
            var rows: Int
            var events: Int
            var input: TableReport
            var holdout: HeldOut?
            var baselineCumulativeHazard: [CoxModel.BaselinePoint]?
        }
    }
}

extension CoxTieMethod: ExpressibleByArgument {}
