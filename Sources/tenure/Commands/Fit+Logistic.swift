import ArgumentParser
import Foundation
import TenureCore

extension Tenure.Fit {
    /// `tenure fit logistic`: L2-regularised logistic regression.
    struct Logistic: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit an L2-regularised logistic regression: which features predict a 0/1 target.",
            discussion: """
                Features are standardised (mean 0, population standard deviation 1) and ½‖w‖² \
                + C·Σ log-loss is minimised by Newton's method, the intercept unpenalised — \
                the same model as scikit-learn's StandardScaler + LogisticRegression(C=C).

                Prints JSON: coefficients and intercept on the features' own scale (change in \
                log-odds per unit), the same on the standardised scale (per standard \
                deviation, comparable across features), the log-likelihood, and in-sample ROC \
                AUC, average precision, Brier score, top-decile lift and a calibration table \
                (ten equal-width bins of predicted probability). In-sample measures flatter \
                the model; judge it on held-out rows: --holdout 0.2 fits on a seeded random 80% \
                and reports ROC AUC on the other 20%.

                Text inputs become one 0/1 column per level but the first (sorted), named \
                column=level; "input" in the JSON lists each column's levels, the dropped one, the \
                rows dropped for missing cells and the means that filled gaps (--impute mean).

                Examples:
                  tenure fit logistic --csv accounts.csv --target churned \\
                    --features logins,tickets --c 0.5
                  tenure fit logistic --csv telco.csv --target Churn --drop customerID \\
                    --holdout 0.2 --seed 7
                  tenure fit logistic --csv accounts.csv --target status --positive churned
                """)

        @OptionGroup var input: FitInput

        @Option(help: "The yes/no column to predict: 1/0, true/false, yes/no, or two levels with --positive.")
        var target: String

        @Option(help: ArgumentHelp("The --target level that counts as yes (e.g. churned), when it is not 1, true or yes.", valueName: "level"))
        var positive: String?

        @Option(help: "Comma-separated feature columns. Default: every column but the target.")
        var features: String?

        @OptionGroup var options: FeatureOptions

        @OptionGroup var holdout: HoldoutOptions

        @Option(name: .customLong("c"), help: "Inverse regularisation strength C (smaller: stronger penalty).")
        var inverseRegularization = 1.0

        func validate() throws {
            guard inverseRegularization > 0 else { throw ValidationError("--c must be positive") }
            if let features, FitOutput.names(features).isEmpty { throw ValidationError("--features names no column") }
        }

        func run() throws {
            let data = try input.load()
            let columns = try data.columns(features, excluding: [target: "target"], dropping: options.dropped)
            let table = try data.table([.binary(target, positive: positive)] + columns.map(NumericTable.Column.feature),
                                       missing: options.impute)
            let featureNames = table.featureNames
            let allLabels = try table.column(target), allFeatures = try table.matrix(featureNames)
            let split = try holdout.split(rowCount: table.rowCount)
            let rows = split?.training ?? Array(0..<table.rowCount)
            let labels = rows.map { allLabels[$0] }, matrix = allFeatures.rows(rows)
            let model = try LogisticRegression(inverseRegularization: inverseRegularization).fit(features: matrix, labels: labels)
            let probabilities = model.probabilities(matrix)
            try FitOutput.print(Result(
                coefficients: FitOutput.named(featureNames, model.coefficients), intercept: model.intercept,
                standardizedCoefficients: FitOutput.named(featureNames, model.standardizedCoefficients),
                standardizedIntercept: model.standardizedIntercept, logLikelihood: model.logLikelihood,
                auc: try ClassifierEvaluation.rocAUC(scores: probabilities, labels: labels),
                averagePrecision: try ClassifierEvaluation.averagePrecision(scores: probabilities, labels: labels),
                brierScore: try ClassifierEvaluation.brierScore(probabilities: probabilities, labels: labels),
                topDecileLift: try ClassifierEvaluation.topDecileLift(scores: probabilities, labels: labels),
                calibration: try CalibrationTable(probabilities: probabilities, labels: labels).bins,
                iterations: model.iterations, converged: model.converged, rows: labels.count,
                positives: labels.filter { $0 == 1 }.count, input: TableReport(table),
                holdout: try split.map { split in
                    let heldOutLabels = split.heldOut.map { allLabels[$0] }
                    let scores = model.probabilities(allFeatures.rows(split.heldOut))
                    return HeldOut(share: holdout.holdout ?? 0, seed: holdout.seed, rows: heldOutLabels.count,
                                   positives: heldOutLabels.filter { $0 == 1 }.count,
                                   auc: try ClassifierEvaluation.rocAUC(scores: scores, labels: heldOutLabels))
                }))
        }

        /// The fit judged on the rows it did not see.
        struct HeldOut: Encodable {
            var share: Double
            var seed: UInt64
            var rows: Int
            var positives: Int
            var auc: Double
        }

        struct Result: Encodable {
            var coefficients: [String: Double]
            var intercept: Double
            var standardizedCoefficients: [String: Double]
            var standardizedIntercept: Double
            var logLikelihood: Double
            var auc: Double
            var averagePrecision: Double
            var brierScore: Double
            var topDecileLift: Double
            var calibration: [CalibrationTable.Bin]
            var iterations: Int
            var converged: Bool
            var rows: Int
            var positives: Int
            var input: TableReport
            var holdout: HeldOut?
        }
    }
}
