import Foundation

/// Newton's method (iteratively reweighted least squares) for the ridge-penalised logistic loss
///
///     Σᵢ sᵢ·[−tᵢ·log σ(zᵢ) − (1 − tᵢ)·log(1 − σ(zᵢ))] + (penalty / 2)·Σⱼ θⱼ²,   z = X·θ,
///
/// where the last column of X is the intercept's column of ones and the intercept is not
/// penalised. Targets tᵢ may be soft (any value in [0, 1]), which Platt scaling needs. Each step
/// solves H·δ = g by Cholesky and halves the step until the loss does not rise.
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
        let width = design.columns
        var theta = [Double](repeating: 0, count: width)
        var linear = [Double](repeating: 0, count: design.rows)
        var loss = objective(linear, theta)
        for iteration in 1...max(1, maxIterations) {
            let (gradient, hessian) = derivatives(linear, theta)
            let step = try CholeskyFactorization(hessian).solve(gradient)
            let direction = design.multiplied(by: step)
            var scale = 1.0, candidate = linear, candidateTheta = theta, candidateLoss = loss
            for _ in 0..<30 {
                for i in linear.indices { candidate[i] = linear[i] - scale * direction[i] }
                for j in theta.indices { candidateTheta[j] = theta[j] - scale * step[j] }
                candidateLoss = objective(candidate, candidateTheta)
                if candidateLoss <= loss + 1e-12 * abs(loss) { break }
                scale /= 2
            }
            let largestMove = step.reduce(0) { max($0, abs($1)) } * scale
            (linear, theta, loss) = (candidate, candidateTheta, candidateLoss)
            let size = max(1, theta.reduce(0) { max($0, abs($1)) })
            if largestMove <= tolerance * size {
                return Solution(coefficients: theta, logLikelihood: logLikelihood(linear), iterations: iteration, converged: true)
            }
        }
        return Solution(coefficients: theta, logLikelihood: logLikelihood(linear), iterations: maxIterations, converged: false)
    }

    /// The penalised loss at linear predictor `linear` and coefficients `theta`.
    private func objective(_ linear: [Double], _ theta: [Double]) -> Double {
        -logLikelihood(linear) + 0.5 * penalty * theta.dropLast().reduce(0) { $0 + $1 * $1 }
    }

    private func logLikelihood(_ linear: [Double]) -> Double {
        var sum = 0.0
        for i in linear.indices where weights[i] != 0 {
            let z = linear[i]
            // log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z)
            sum -= weights[i] * (targets[i] * Self.softplus(-z) + (1 - targets[i]) * Self.softplus(z))
        }
        return sum
    }

    /// Gradient and Hessian of the penalised loss.
    private func derivatives(_ linear: [Double], _ theta: [Double]) -> ([Double], DenseMatrix) {
        var residuals = [Double](repeating: 0, count: linear.count)
        var curvature = [Double](repeating: 0, count: linear.count)
        for i in linear.indices {
            let p = Self.sigmoid(linear[i])
            residuals[i] = weights[i] * (p - targets[i])
            curvature[i] = weights[i] * p * (1 - p)
        }
        var gradient = design.transposeMultiplied(by: residuals)
        var hessian = design.weightedGram(curvature)
        for j in 0..<(theta.count - 1) {
            gradient[j] += penalty * theta[j]
            hessian[j, j] += penalty
        }
        return (gradient, hessian)
    }

    /// σ(z) = 1 / (1 + e^(−z)) without overflow.
    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// log(1 + eˣ) without overflow.
    static func softplus(_ x: Double) -> Double {
        max(x, 0) + log1p(exp(-abs(x)))
    }
}
