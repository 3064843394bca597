import Foundation

/// Newton's method (iteratively reweighted least squares) for the ridge-penalised logistic loss
///
///     Σᵢ sᵢ·[−tᵢ·log σ(zᵢ) − (1 − tᵢ)·log(1 − σ(zᵢ))] + (penalty / 2)·Σⱼ θⱼ²,   z = X·θ,
///
/// where the last column of X is the intercept's column of ones and the intercept is not
/// penalised. Targets tᵢ may be soft (any value in [0, 1]), which Platt scaling needs. It starts
/// from the intercept-only fit; each step solves H·δ = g by Cholesky (reusing the last H once
/// steps are small) and halves the step until the loss does not rise.
struct LogisticNewtonSolver {
    /// The design matrix; its last column is the (unpenalised) intercept's.
    var design: DenseMatrix
    /// Targets in [0, 1].
    var targets: [Double]
    /// A weight per row.
    var weights: [Double]
    /// Ridge penalty on every coefficient but the last (1/C in scikit-learn's terms); 0 for none.
    var penalty: Double
    /// Converged when no coefficient moves by more than this (relative to the largest, when above 1).
    var tolerance: Double
    /// Newton steps allowed.
    var maxIterations: Int

    /// The minimiser and how it was reached.
    struct Solution {
        var coefficients: [Double]
        /// Σ sᵢ·[tᵢ·log pᵢ + (1 − tᵢ)·log(1 − pᵢ)] at the coefficients: the unpenalised log-likelihood.
        var logLikelihood: Double
        var iterations: Int
        var converged: Bool
    }

    func solve() throws(PredictionError) -> Solution {
        // Start from the intercept-only fit, log(mean / (1 − mean)), where the intercept's gradient is zero.
        var theta = [Double](repeating: 0, count: design.columns)
        let totalWeight = weights.reduce(0, +), mean = zip(weights, targets).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
        if mean > 0 && mean < 1, let last = theta.indices.last { theta[last] = log(mean / (1 - mean)) }
        var current = Point(design.multiplied(by: theta))
        current.evaluate(self, theta)
        // Replaced on the first iteration, which always computes the Hessian (the last move is infinite).
        var factorization = try CholeskyFactorization(.identity(design.columns)), lastMove = Double.infinity
        for iteration in 1...max(1, maxIterations) {
            // Near the minimum the Hessian hardly changes: reusing the last one keeps the steps
            // converging (the fixed point is still a zero gradient) and spares a pass of O(n·p²).
            let size = max(1, theta.reduce(0) { max($0, abs($1)) })
            let (gradient, hessian) = current.derivatives(self, theta, withHessian: lastMove > 1e-2 * size)
            if let hessian { factorization = try CholeskyFactorization(hessian) }
            let step = factorization.solve(gradient)
            let direction = design.multiplied(by: step)
            var scale = 1.0, candidate = current, candidateTheta = theta
            for _ in 0..<30 {
                for i in candidate.linear.indices { candidate.linear[i] = current.linear[i] - scale * direction[i] }
                for j in theta.indices { candidateTheta[j] = theta[j] - scale * step[j] }
                candidate.evaluate(self, candidateTheta)
                if candidate.loss <= current.loss + 1e-12 * abs(current.loss) { break }
                scale /= 2
            }
            // A step that had to be shortened asks for a fresh Hessian next time.
            lastMove = scale < 1 ? .infinity : step.reduce(0) { max($0, abs($1)) }
            (current, theta) = (candidate, candidateTheta)
            if step.reduce(0, { max($0, abs($1)) }) * scale <= tolerance * max(1, theta.reduce(0) { max($0, abs($1)) }) {
                return Solution(coefficients: theta, logLikelihood: current.logLikelihood, iterations: iteration, converged: true)
            }
        }
        return Solution(coefficients: theta, logLikelihood: current.logLikelihood, iterations: maxIterations, converged: false)
    }

    /// The linear predictor at some coefficients, with what the loss and its derivatives need of it.
    private struct Point {
        /// z = X·θ.
        var linear: [Double]
        /// e^(−|z|) per row, shared by the loss and the probabilities.
        var decay: [Double]
        /// The unpenalised log-likelihood.
        var logLikelihood = 0.0
        /// The penalised loss.
        var loss = 0.0

        init(_ linear: [Double]) {
            self.linear = linear
            decay = Array(repeating: 1, count: linear.count)
        }

        /// Sets the log-likelihood and loss for `linear` and `theta`.
        mutating func evaluate(_ solver: LogisticNewtonSolver, _ theta: [Double]) {
            var sum = 0.0
            for i in linear.indices {
                let z = linear[i], e = exp(-abs(z))
                decay[i] = e
                // log σ(z) = −softplus(−z) and log(1 − σ(z)) = −softplus(z), softplus(x) = max(x, 0) + log(1 + e^(−|x|)).
                let shared = log1p(e), t = solver.targets[i]
                sum -= solver.weights[i] * (t * (max(-z, 0) + shared) + (1 - t) * (max(z, 0) + shared))
            }
            logLikelihood = sum
            loss = -sum + 0.5 * solver.penalty * theta.dropLast().reduce(0) { $0 + $1 * $1 }
        }

        /// Gradient of the penalised loss, with its Hessian (in the same pass over the design) when asked.
        func derivatives(_ solver: LogisticNewtonSolver, _ theta: [Double], withHessian: Bool) -> ([Double], DenseMatrix?) {
            var residuals = [Double](repeating: 0, count: linear.count)
            var curvature = [Double](repeating: 0, count: withHessian ? linear.count : 0)
            for i in linear.indices {
                let e = decay[i], p = linear[i] >= 0 ? 1 / (1 + e) : e / (1 + e)
                residuals[i] = solver.weights[i] * (p - solver.targets[i])
                if withHessian { curvature[i] = solver.weights[i] * p * (1 - p) }
            }
            var gradient: [Double], hessian: DenseMatrix?
            if withHessian {
                (hessian, gradient) = solver.design.weightedGram(curvature, transposeProduct: residuals)
            } else {
                gradient = solver.design.transposeMultiplied(by: residuals)
            }
            for j in 0..<(theta.count - 1) {
                gradient[j] += solver.penalty * theta[j]
                hessian?[j, j] += solver.penalty
            }
            return (gradient, hessian)
        }
    }

    /// σ(z) = 1 / (1 + e^(−z)) without overflow.
    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }
}
