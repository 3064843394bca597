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
                the model; judge it on held-out rows.

                Example:
                  tenure fit logistic --csv accounts.csv --target churned \\
                    --features logins,tickets --c 0.5
                """)

        @OptionGroup var input: FitInput

        @Option(help: "The 0/1 (or true/false) column to predict.")
        var target: String

        @Option(help: "Comma-separated feature columns. Default: every column but the target.")
        var features: String?

        @Option(name: .customLong("c"), help: "Inverse regularisation strength C (smaller: stronger penalty).")
        var inverseRegularization = 1.0

        func validate() throws {
            guard inverseRegularization > 0 else { throw ValidationError("--c must be positive") }
            if let features, FitOutput.names(features).isEmpty { throw ValidationError("--features names no column") }
        }

        func run() throws {
            let data = try input.load()
            let featureNames = try data.columns(features, excluding: [target: "target"])
            let table = try data.numbers([target] + featureNames)
            let labels = try table.booleanColumn(target).map { $0 ? 1.0 : 0 }
            let matrix = try table.matrix(featureNames)
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
                positives: labels.filter { $0 == 1 }.count))
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
        }
    }
}
