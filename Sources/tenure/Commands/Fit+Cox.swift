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
                event 20% likelier at any time.

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
            let names = try data.columns(covariates, excluding: [duration: "duration", event: "event"])
            let table = try data.numbers([duration, event] + names)
            let matrix = try table.matrix(names)
            if let constant = FeatureScaling(fitting: matrix).isConstant.firstIndex(of: true) {
                throw CommandFailure("covariate \(names[constant]) has the same value in every row, so its effect cannot be estimated")
            }
            let model = try CoxProportionalHazards(penalizer: penalizer, ties: ties)
                .fit(covariates: matrix, durations: try table.column(duration), events: try table.booleanColumn(event))
            try FitOutput.print(Result(
                coefficients: FitOutput.named(names, model.coefficients), hazardRatios: FitOutput.named(names, model.hazardRatios),
                standardErrors: FitOutput.named(names, model.standardErrors), z: FitOutput.named(names, model.zScores),
                pValues: FitOutput.named(names, model.pValues), logLikelihood: model.logLikelihood,
                concordance: model.concordance, iterations: model.iterations, converged: model.converged,
                rows: table.rowCount, events: try table.booleanColumn(event).filter { $0 }.count,
                baselineCumulativeHazard: baseline ? model.baselineCumulativeHazard : nil))
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
            var baselineCumulativeHazard: [CoxModel.BaselinePoint]?
        }
    }
}

extension CoxTieMethod: ExpressibleByArgument {}
