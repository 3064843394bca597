import Foundation

/// An sBG model fitted to one cohort's survivors by maximum likelihood.
public struct ShiftedBetaGeometricFit: Hashable, Sendable {
    /// The fitted model.
    public let model: ShiftedBetaGeometric
    /// The log-likelihood of the survivors at the fitted α and β.
    public let logLikelihood: Double
    /// Likelihood evaluations the optimiser used.
    public let evaluations: Int
    /// Whether the optimiser met its tolerances.
    public let converged: Bool
}

extension ShiftedBetaGeometric {
    /// Fits α and β to `survivors` — the cohort's size, then how many are left after each period,
    /// e.g. [1000, 869, 743, 653, 593, 551, 517, 491] (counts or shares) — by maximising
    /// ``logLikelihood(survivors:)`` over (log α, log β) with Nelder–Mead. Throws unless there are
    /// at least two values, non-negative and never increasing, with a positive first one and some
    /// churn.
    public static func fit(survivors: [Double]) throws(PredictionError) -> ShiftedBetaGeometricFit {
        guard survivors.count >= 2 else {
            throw PredictionError(.invalidInput, "survivors needs the cohort's size and at least one later count")
        }
        try PredictionError.checkFinite(survivors, "survivors")
        guard let first = survivors.first, first > 0, survivors.allSatisfy({ $0 >= 0 }) else {
            throw PredictionError(.invalidInput, "survivor counts must not be negative and the cohort's size must be positive")
        }
        if let rise = survivors.indices.dropFirst().first(where: { survivors[$0] > survivors[$0 - 1] }) {
            throw PredictionError(.invalidInput, "survivors[\(rise)] = \(survivors[rise]) is more than survivors[\(rise - 1)] = \(survivors[rise - 1]); a cohort can only shrink")
        }
        guard let last = survivors.last, last < first else {
            throw PredictionError(.invalidInput, "nobody churned, so α and β cannot be estimated")
        }
        func negativeLogLikelihood(_ point: [Double]) -> Double {
            guard let model = try? ShiftedBetaGeometric(alpha: exp(point[0]), beta: exp(point[1])) else { return .infinity }
            let value = -model.logLikelihood(survivors: survivors)
            return value.isNaN ? .infinity : value
        }
        let result = NelderMead().minimise(negativeLogLikelihood, from: [0, 0])
        let model = try ShiftedBetaGeometric(alpha: exp(result.point[0]), beta: exp(result.point[1]))
        return ShiftedBetaGeometricFit(model: model, logLikelihood: -result.value, evaluations: result.evaluations,
                                       converged: result.converged)
    }
}
