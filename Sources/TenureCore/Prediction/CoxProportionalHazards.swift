import Foundation

/// Cox proportional hazards regression — e.g. how much each signal multiplies an account's
/// hazard of churning, whatever the baseline churn curve. It fits what lifelines'
/// `CoxPHFitter(penalizer:)` fits: covariates are centred and divided by their sample standard
/// deviation, the (Efron) log partial likelihood less ½·n·penalizer·‖β‖² on that scale is maximised
/// by Newton–Raphson with step halving, and the results are rescaled to the original units.
public struct CoxProportionalHazards: Hashable, Sendable {
    /// L2 penalty strength in lifelines' terms: ½·penalizer·n·‖β‖² on standardised covariates; 0 for none.
    public var penalizer: Double
    /// How tied event times are handled.
    public var ties: CoxTieMethod
    /// Converged when no standardised coefficient moves by more than this in a Newton step.
    public var tolerance: Double
    /// Newton steps allowed before giving up (the model then reports `converged == false`).
    public var maxIterations: Int

    /// A fitter; the defaults are lifelines' (`penalizer` 0, Efron ties) with a tighter tolerance.
    public init(penalizer: Double = 0, ties: CoxTieMethod = .efron, tolerance: Double = 1e-10, maxIterations: Int = 100) {
        self.penalizer = penalizer
        self.ties = ties
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Fits the model: `covariates` has one row per subject (original units), `durations` the
    /// time each was followed (any unit, e.g. days), `events` whether the event (e.g. churn) was
    /// observed at that time (false: censored). Throws when shapes disagree, values are not
    /// finite, there is no event, a covariate is constant, or the information matrix is singular.
    public func fit(covariates: DenseMatrix, durations: [Double], events: [Bool]) throws(PredictionError) -> CoxModel {
        try PredictionError.checkCount(durations.count, "durations", equals: covariates.rows, "the covariates' rows")
        try PredictionError.checkCount(events.count, "events", equals: covariates.rows, "the covariates' rows")
        try PredictionError.checkFinite(durations, "durations")
        try PredictionError.checkFinite(covariates.values, "covariates")
        guard events.contains(true) else { throw PredictionError(.oneClass, "no event was observed, so there is nothing to fit") }
        guard penalizer >= 0 else { throw PredictionError(.invalidInput, "the penalizer must not be negative, not \(penalizer)") }
        let scaling = FeatureScaling(fitting: covariates, deviation: .sample)
        if let constant = scaling.isConstant.firstIndex(of: true) {
            throw PredictionError(.invalidInput, "covariate \(constant) has the same value in every row, so its effect cannot be estimated")
        }
        let order = durations.ascendingOrder()
        let likelihood = CoxPartialLikelihood(
            covariates: scaling.standardized(covariates).rows(order), durations: order.map { durations[$0] },
            events: order.map { events[$0] }, ties: ties)
        let fit = try maximise(likelihood)
        return try CoxModel(likelihood: likelihood, scaling: scaling, fit: fit)
    }

    /// The maximiser of the penalised partial likelihood on the standardised scale.
    struct Fit {
        var beta: [Double]
        var evaluation: CoxPartialLikelihood.Evaluation
        var iterations: Int
        var converged: Bool
    }

    private func maximise(_ likelihood: CoxPartialLikelihood) throws(PredictionError) -> Fit {
        let size = likelihood.covariates.columns
        let penaltyWeight = penalizer * Double(likelihood.durations.count)
        func evaluate(_ beta: [Double]) -> CoxPartialLikelihood.Evaluation {
            var evaluation = likelihood.evaluate(beta)
            guard penaltyWeight > 0 else { return evaluation }
            for j in 0..<size {
                evaluation.logLikelihood -= 0.5 * penaltyWeight * beta[j] * beta[j]
                evaluation.gradient[j] -= penaltyWeight * beta[j]
                evaluation.hessian[j, j] -= penaltyWeight
            }
            return evaluation
        }
        var beta = [Double](repeating: 0, count: size)
        var current = evaluate(beta)
        for iteration in 1...max(1, maxIterations) {
            let step: [Double]
            do {
                step = try CholeskyFactorization(current.information).solve(current.gradient)
            } catch {
                // At the start a singular information matrix means collinear covariates; after steps that kept raising the
                // likelihood, it means a coefficient is running off to infinity.
                throw iteration == 1 ? error : Self.separation(beta)
            }
            if step.allSatisfy({ abs($0) <= tolerance }) {
                return Fit(beta: beta, evaluation: current, iterations: iteration, converged: true)
            }
            var scale = 1.0
            while true {
                let candidate = zip(beta, step).map { $0 + scale * $1 }
                let next = evaluate(candidate)
                if next.isFinite && next.logLikelihood >= current.logLikelihood - 1e-12 * abs(current.logLikelihood) {
                    (beta, current) = (candidate, next)
                    break
                }
                scale /= 2
                guard scale > 1e-10 else { throw Self.separation(beta) }
            }
        }
        return Fit(beta: beta, evaluation: current, iterations: maxIterations, converged: false)
    }

    /// The likelihood has no maximum: the covariate with the largest standardised coefficient orders the events (nearly)
    /// perfectly, so its coefficient grows without bound.
    static func separation(_ beta: [Double]) -> PredictionError {
        let index = beta.indices.max { abs(beta[$0]) < abs(beta[$1]) } ?? 0
        return PredictionError(.notConverged, """
            orders the events (nearly) perfectly, so the partial likelihood has no maximum and its coefficient grows without \
            bound; drop it, or fit with a penalizer (e.g. 0.1)
            """, column: index)
    }
}
