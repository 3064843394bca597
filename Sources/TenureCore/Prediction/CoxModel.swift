import Foundation

/// A fitted ``CoxProportionalHazards`` model: coefficients with their standard errors, fit
/// statistics, the baseline cumulative hazard, and survival predictions for new subjects.
/// Every number is on the covariates' original scale, as lifelines reports them.
public struct CoxModel: Hashable, Sendable, Codable {
    /// One step of the baseline cumulative hazard.
    public struct BaselinePoint: Hashable, Sendable, Codable {
        /// A distinct duration of the training data (its time unit).
        public var time: Double
        /// Cumulative hazard up to and including `time` for a subject at the covariates' means.
        public var cumulativeHazard: Double
    }

    /// Log hazard ratio per unit of each covariate.
    public let coefficients: [Double]
    /// Standard error of each coefficient, from the inverse observed information.
    public let standardErrors: [Double]
    /// Covariance matrix of the coefficients (the inverse observed information).
    public let covariance: DenseMatrix
    /// Log partial likelihood at the coefficients (less the penalty, when penalised — as lifelines reports it).
    public let logLikelihood: Double
    /// Harrell's concordance of the training data's partial hazards with their durations.
    public let concordance: Double
    /// The covariates' training means: predictions are relative to a subject at the means.
    public let means: [Double]
    /// Breslow's estimate of the baseline cumulative hazard at each distinct training duration
    /// (lifelines' `baseline_cumulative_hazard_`).
    public let baselineCumulativeHazard: [BaselinePoint]
    /// Newton steps taken.
    public let iterations: Int
    /// Whether the steps reached the tolerance.
    public let converged: Bool

    init(likelihood: CoxPartialLikelihood, scaling: FeatureScaling, fit: CoxProportionalHazards.Fit) throws(PredictionError) {
        let size = fit.beta.count
        var covariance = try CholeskyFactorization(fit.evaluation.information).inverse()
        for j in 0..<size {
            for k in 0..<size { covariance[j, k] /= scaling.scales[j] * scaling.scales[k] }
        }
        coefficients = zip(fit.beta, scaling.scales).map { $0 / $1 }
        standardErrors = (0..<size).map { covariance[$0, $0].squareRoot() }
        self.covariance = covariance
        logLikelihood = fit.evaluation.logLikelihood
        means = scaling.means
        iterations = fit.iterations
        converged = fit.converged
        let linear = likelihood.covariates.multiplied(by: fit.beta)
        concordance = try ConcordanceIndex.harrell(durations: likelihood.durations, riskScores: linear, events: likelihood.events)
        baselineCumulativeHazard = likelihood.baselineCumulativeHazard(fit.beta)
    }

    /// Decodes a stored model, refusing one whose per-covariate lists differ in length.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        coefficients = try container.decode([Double].self, forKey: .coefficients)
        standardErrors = try container.decode([Double].self, forKey: .standardErrors)
        covariance = try container.decode(DenseMatrix.self, forKey: .covariance)
        logLikelihood = try container.decode(Double.self, forKey: .logLikelihood)
        concordance = try container.decode(Double.self, forKey: .concordance)
        means = try container.decode([Double].self, forKey: .means)
        baselineCumulativeHazard = try container.decode([BaselinePoint].self, forKey: .baselineCumulativeHazard)
        iterations = try container.decode(Int.self, forKey: .iterations)
        converged = try container.decode(Bool.self, forKey: .converged)
        let size = coefficients.count
        guard standardErrors.count == size, means.count == size, covariance.rows == size, covariance.columns == size else {
            throw DecodingError.dataCorruptedError(forKey: .coefficients, in: container,
                                                   debugDescription: "a Cox model needs one standard error, mean and covariance row per coefficient")
        }
    }

    /// Hazard ratio per unit of each covariate, exp(coefficient).
    public var hazardRatios: [Double] { coefficients.map(exp) }

    /// Wald z statistic of each coefficient.
    public var zScores: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided p-value of each coefficient's Wald test.
    public var pValues: [Double] { zScores.map(StandardNormal.twoSidedPValue) }

    /// The hazard of a subject with `covariates` (original units) relative to one at the means:
    /// exp((x − mean)·β), lifelines' `predict_partial_hazard`.
    public func partialHazard(_ covariates: [Double]) -> Double {
        precondition(covariates.count == coefficients.count, "one value per covariate")
        return exp(covariates.indices.reduce(0) { $0 + (covariates[$1] - means[$1]) * coefficients[$1] })
    }

    /// The predicted survival curve of a subject with `covariates`: exp(−H₀(t)·partial hazard) at
    /// each baseline time (a step function between them).
    public func survivalFunction(_ covariates: [Double]) -> [(time: Double, survival: Double)] {
        let hazard = partialHazard(covariates)
        return baselineCumulativeHazard.map { ($0.time, exp(-$0.cumulativeHazard * hazard)) }
    }

    /// The predicted probability that a subject with `covariates` survives beyond `time` (the
    /// step function's value at the last baseline time not after `time`; 1 before the first).
    /// lifelines' `predict_survival_function(times:)` interpolates linearly between baseline
    /// times instead, so the two agree at baseline times only.
    public func survival(_ covariates: [Double], at time: Double) -> Double {
        let later = baselineCumulativeHazard.partitionIndex { $0.time > time }
        guard later > 0 else { return 1 }
        return exp(-baselineCumulativeHazard[later - 1].cumulativeHazard * partialHazard(covariates))
    }

    /// The first baseline time at which the predicted survival of a subject with `covariates` is
    /// at most 0.5 (lifelines' `predict_median`), or `nil` when it stays above.
    public func medianSurvivalTime(_ covariates: [Double]) -> Double? {
        survivalFunction(covariates).first { $0.survival <= 0.5 }?.time
    }
}
