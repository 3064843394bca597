import Foundation

/// The shifted-beta-geometric (sBG) retention model of Fader & Hardie, "How to project customer
/// retention" (Journal of Interactive Marketing, 2007), for a cohort of subscribers who renew
/// (or not) once per period: each customer churns at every renewal opportunity with their own
/// probability θ, and θ varies across the cohort as Beta(α, β). Because the customers most likely
/// to churn leave first, the cohort's retention rate rises over time.
///
/// Periods are counted from the cohort's start: period t ends with the t-th renewal opportunity.
public struct ShiftedBetaGeometric: Hashable, Sendable {
    /// α of the Beta distribution of churn probabilities (positive).
    public let alpha: Double
    /// β of the Beta distribution of churn probabilities (positive).
    public let beta: Double

    /// The model with the given parameters; throws unless both are positive and finite.
    public init(alpha: Double, beta: Double) throws(PredictionError) {
        guard alpha > 0, beta > 0, alpha.isFinite, beta.isFinite else {
            throw PredictionError(.invalidInput, "α and β must be positive and finite, not \(alpha) and \(beta)")
        }
        self.alpha = alpha
        self.beta = beta
    }

    /// The cohort's mean churn probability per period, α / (α + β).
    public var meanChurnProbability: Double { alpha / (alpha + beta) }

    /// P(T = t): the probability that a new customer churns at the end of period `period` (≥ 1),
    /// B(α + 1, β + t − 1) / B(α, β).
    public func churnProbability(period: Int) -> Double {
        precondition(period >= 1, "periods start at 1")
        return survival(period: period - 1) * churnRate(period: period)
    }

    /// S(t): the probability that a new customer is still a customer after period `period` (≥ 0),
    /// B(α, β + t) / B(α, β).
    public func survival(period: Int) -> Double {
        precondition(period >= 0, "periods start at 0")
        return (0..<period).reduce(1) { $0 * retentionRate(period: $1 + 1) }
    }

    /// r(t): the share of customers alive at the start of period `period` (≥ 1) who renew at its
    /// end, (β + t − 1) / (α + β + t − 1).
    public func retentionRate(period: Int) -> Double {
        precondition(period >= 1, "periods start at 1")
        return (beta + Double(period) - 1) / (alpha + beta + Double(period) - 1)
    }

    /// The share of customers alive at the start of period `period` (≥ 1) who churn at its end,
    /// α / (α + β + t − 1) = 1 − r(t).
    public func churnRate(period: Int) -> Double {
        precondition(period >= 1, "periods start at 1")
        return alpha / (alpha + beta + Double(period) - 1)
    }

    /// S(1), …, S(`periods`): the share of the cohort left after each of the first `periods` periods.
    public func projectedSurvival(periods: Int) -> [Double] {
        var survival = 1.0
        return (0..<max(0, periods)).map { index in
            survival *= retentionRate(period: index + 1)
            return survival
        }
    }

    /// Log-likelihood of a cohort's survivor counts (or shares) `survivors` — the cohort's size
    /// first, then the number left after each period:
    /// Σₜ (nₜ₋₁ − nₜ)·log P(T = t) + n_last·log S(last).
    public func logLikelihood(survivors: [Double]) -> Double {
        var logLikelihood = 0.0, survival = 1.0
        for t in 1..<max(1, survivors.count) {
            let retention = retentionRate(period: t)
            let churned = survivors[t - 1] - survivors[t]
            if churned > 0 { logLikelihood += churned * log(survival * churnRate(period: t)) }
            survival *= retention
        }
        if let last = survivors.last, survivors.count > 1, last > 0 { logLikelihood += last * log(survival) }
        return logLikelihood
    }
}
