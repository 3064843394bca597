import Foundation

/// L2-regularised logistic regression, e.g. the probability an account churns in the next 90
/// days from its usage signals. It fits exactly what scikit-learn's
/// `StandardScaler` + `LogisticRegression(C: C, penalty: "l2")` fits: features are standardised
/// (population standard deviation; a constant column is only centred), then
///
///     ½‖w‖² + C·Σᵢ sᵢ·logloss(yᵢ, σ(b + w·xᵢ))
///
/// is minimised by Newton's method, with the intercept b not penalised.
public struct LogisticRegression: Hashable, Sendable {
    /// C: the inverse of the penalty's strength (larger C, weaker penalty; `.infinity` for none).
    public var inverseRegularization: Double
    /// Converged when no standardised coefficient moves by more than this in a Newton step.
    public var tolerance: Double
    /// Newton steps allowed before giving up (the model then reports `converged == false`).
    public var maxIterations: Int

    /// A fitter with penalty 1/`inverseRegularization`.
    public init(inverseRegularization: Double = 1, tolerance: Double = 1e-10, maxIterations: Int = 100) {
        self.inverseRegularization = inverseRegularization
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Fits the model to `features` (one row per example, one column per feature, original units)
    /// and `labels` (1 for the positive class, e.g. churned, 0 otherwise), optionally weighting each
    /// example by `sampleWeights`. Throws when the shapes disagree, a label is not 0 or 1, only one
    /// class is present, a value is not finite or C is not positive.
    public func fit(features: DenseMatrix, labels: [Double], sampleWeights: [Double]? = nil) throws(PredictionError) -> LogisticRegressionModel {
        try PredictionError.checkCount(labels.count, "labels", equals: features.rows, "the features' rows")
        guard inverseRegularization > 0 else {
            throw PredictionError(.invalidInput, "C (inverse regularisation) must be positive, not \(inverseRegularization)")
        }
        let positives = try PredictionError.checkBinary(labels)
        guard positives > 0, positives < labels.count else {
            throw PredictionError(.oneClass, "the labels hold only one class (\(positives) of \(labels.count) are 1); a classifier needs both")
        }
        try PredictionError.checkFinite(features.values, "features")
        if let sampleWeights {
            try PredictionError.checkCount(sampleWeights.count, "sample weights", equals: features.rows, "the features' rows")
            if let index = sampleWeights.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
                throw PredictionError(.invalidInput, "sampleWeights[\(index)] is \(sampleWeights[index]); weights must be finite and not negative")
            }
        }
        let scaling = FeatureScaling(fitting: features)
        let solution = try LogisticNewtonSolver(
            design: scaling.standardized(features, appendingIntercept: true), targets: labels,
            weights: sampleWeights ?? Array(repeating: 1, count: labels.count),
            penalty: 1 / inverseRegularization, tolerance: tolerance, maxIterations: maxIterations
        ).solve()
        return LogisticRegressionModel(
            scaling: scaling, standardizedCoefficients: Array(solution.coefficients.dropLast()),
            standardizedIntercept: solution.coefficients[features.columns], logLikelihood: solution.logLikelihood,
            iterations: solution.iterations, converged: solution.converged)
    }
}

/// A fitted ``LogisticRegression``: coefficients on the standardised and the original scale,
/// fit diagnostics, and predicted probabilities for new rows.
public struct LogisticRegressionModel: Hashable, Sendable {
    /// The standardisation learnt from the training features.
    public let scaling: FeatureScaling
    /// Change in log-odds per standard deviation of each feature (what the penalty acts on).
    public let standardizedCoefficients: [Double]
    /// Log-odds at the features' means.
    public let standardizedIntercept: Double
    /// Change in log-odds per unit of each feature, in the feature's original units.
    public let coefficients: [Double]
    /// Log-odds when every feature is zero in its original units.
    public let intercept: Double
    /// Unpenalised log-likelihood of the training labels at the fitted coefficients (natural log).
    public let logLikelihood: Double
    /// Newton steps taken.
    public let iterations: Int
    /// Whether the steps reached the tolerance.
    public let converged: Bool

    init(scaling: FeatureScaling, standardizedCoefficients: [Double], standardizedIntercept: Double,
         logLikelihood: Double, iterations: Int, converged: Bool) {
        self.scaling = scaling
        self.standardizedCoefficients = standardizedCoefficients
        self.standardizedIntercept = standardizedIntercept
        coefficients = zip(standardizedCoefficients, scaling.scales).map { $0 / $1 }
        intercept = standardizedIntercept - zip(coefficients, scaling.means).reduce(0) { $0 + $1.0 * $1.1 }
        self.logLikelihood = logLikelihood
        self.iterations = iterations
        self.converged = converged
    }

    /// The log-odds of the positive class for one row of features in original units.
    public func logOdds(_ row: [Double]) -> Double {
        precondition(row.count == coefficients.count, "the row needs one value per feature")
        return zip(row, coefficients).reduce(intercept) { $0 + $1.0 * $1.1 }
    }

    /// The probability of the positive class for one row of features in original units.
    public func probability(_ row: [Double]) -> Double {
        LogisticNewtonSolver.sigmoid(logOdds(row))
    }

    /// The probability of the positive class for every row of `features` (original units).
    public func probabilities(_ features: DenseMatrix) -> [Double] {
        features.multiplied(by: coefficients).map { LogisticNewtonSolver.sigmoid($0 + intercept) }
    }
}
