import Foundation

/// How the Cox partial likelihood treats events that happen at the same time.
public enum CoxTieMethod: String, Hashable, Sendable, Codable {
    /// Efron's approximation (lifelines' and R's default): the l-th of d tied events sees the
    /// risk set less l/d of the tied subjects' hazard.
    case efron
    /// Breslow's approximation: every tied event sees the whole risk set.
    case breslow
}

/// The Cox log partial likelihood with its gradient and Hessian at one coefficient vector, over
/// rows sorted by increasing duration. One backward pass accumulates the risk-set sums
/// Σφ and Σφ·x from the latest time to the earliest (O(n·p)); the risk-set second moments
/// Σφ·x·xᵀ are never formed per time: each row's share of them is a scalar weight, so they add up
/// to one weighted Gram matrix Xᵀ·diag(w)·X (O(n·p²), on every core).
struct CoxPartialLikelihood {
    /// Covariates, one row per subject, sorted by duration.
    let covariates: DenseMatrix
    /// Durations, increasing.
    let durations: [Double]
    /// Whether each subject's event was observed.
    let events: [Bool]
    /// How tied event times are handled.
    let ties: CoxTieMethod
    /// The rows of each distinct duration, by increasing duration.
    let timeGroups: [Range<Int>]

    init(covariates: DenseMatrix, durations: [Double], events: [Bool], ties: CoxTieMethod) {
        self.covariates = covariates
        self.durations = durations
        self.events = events
        self.ties = ties
        var groups: [Range<Int>] = [], start = 0
        for row in durations.indices where row + 1 == durations.count || durations[row + 1] != durations[row] {
            groups.append(start..<(row + 1))
            start = row + 1
        }
        timeGroups = groups
    }

    /// Log partial likelihood, gradient and Hessian (negative definite at a maximum).
    struct Evaluation {
        var logLikelihood: Double
        var gradient: [Double]
        var hessian: DenseMatrix

        /// Whether the likelihood, its gradient and its Hessian are all finite.
        var isFinite: Bool {
            logLikelihood.isFinite && gradient.allSatisfy(\.isFinite) && hessian.values.allSatisfy(\.isFinite)
        }

        /// The observed information, −Hessian.
        var information: DenseMatrix {
            var matrix = hessian
            matrix.withUnsafeMutableValues { values in
                for index in values.indices { values[index] = -values[index] }
            }
            return matrix
        }
    }

    /// The partial likelihood and its derivatives at `beta`.
    ///
    /// At a time with d tied events, risk-set sums S₀ = Σφ, S₁ = Σφ·x and tied sums T₀, T₁, the l-th
    /// event (l = 0…d−1, f = l/d for Efron, 0 for Breslow) has denominator Dₗ = S₀ − f·T₀ and mean
    /// mₗ = (S₁ − f·T₁)/Dₗ = aₗ·U + cₗ·T₁ with U = S₁ − T₁, aₗ = 1/Dₗ, cₗ = (1 − f)/Dₗ. So Σₗ mₗ·mₗᵀ
    /// needs only the scalars Σa², Σa·c, Σc² and three outer products per time, not one per event;
    /// the coefficients are positive, so nothing cancels when everyone at risk has the event.
    func evaluate(_ beta: [Double]) -> Evaluation {
        let size = covariates.columns, x = covariates.values
        let linear = covariates.multiplied(by: beta)
        // exp(η − max η): the common factor cancels from every ratio and is added back to the log-likelihood.
        let shift = linear.max() ?? 0
        let hazards = linear.map { exp($0 - shift) }
        var logLikelihood = 0.0
        var gradient = [Double](repeating: 0, count: size), outer = [Double](repeating: 0, count: size * size)
        var riskSum = 0.0, riskFirst = [Double](repeating: 0, count: size)
        var tiedFirst = [Double](repeating: 0, count: size), survivors = [Double](repeating: 0, count: size)
        // Per row: Σ 1/denominator over the event times at or before its own, less its tie correction.
        var momentWeights = [Double](repeating: 0, count: durations.count)
        var inverseSums = [Double](repeating: 0, count: timeGroups.count)
        for (group, rows) in zip(timeGroups.indices, timeGroups).reversed() {
            var tiedSum = 0.0, tiedCount = 0
            for j in 0..<size { tiedFirst[j] = 0 }
            for row in rows {
                let phi = hazards[row], base = row * size
                riskSum += phi
                for j in 0..<size { riskFirst[j] += phi * x[base + j] }
                guard events[row] else { continue }
                tiedSum += phi
                tiedCount += 1
                logLikelihood += linear[row]
                for j in 0..<size {
                    tiedFirst[j] += phi * x[base + j]
                    gradient[j] += x[base + j]
                }
            }
            guard tiedCount > 0 else { continue }
            var (sumA, sumC, sumAA, sumAC, sumCC) = (0.0, 0.0, 0.0, 0.0, 0.0)
            for l in 0..<tiedCount {
                let fraction = ties == .efron ? Double(l) / Double(tiedCount) : 0
                let denominator = riskSum - fraction * tiedSum
                let a = 1 / denominator, c = (1 - fraction) / denominator
                logLikelihood -= log(denominator) + shift
                (sumA, sumC) = (sumA + a, sumC + c)
                (sumAA, sumAC, sumCC) = (sumAA + a * a, sumAC + a * c, sumCC + c * c)
            }
            for j in 0..<size {
                survivors[j] = riskFirst[j] - tiedFirst[j]
                gradient[j] -= sumA * survivors[j] + sumC * tiedFirst[j]
            }
            for j in 0..<size {
                for k in j..<size {
                    outer[j * size + k] += sumAA * survivors[j] * survivors[k] + sumCC * tiedFirst[j] * tiedFirst[k]
                        + sumAC * (survivors[j] * tiedFirst[k] + tiedFirst[j] * survivors[k])
                }
            }
            for row in rows where events[row] { momentWeights[row] = -(sumA - sumC) }
            inverseSums[group] = sumA
        }
        // A row is in the risk set of every event time up to its own: accumulate from the earliest.
        var cumulative = 0.0
        for (rows, inverseSum) in zip(timeGroups, inverseSums) {
            cumulative += inverseSum
            for row in rows { momentWeights[row] = hazards[row] * (momentWeights[row] + cumulative) }
        }
        var hessian = covariates.weightedGram(momentWeights)
        for j in 0..<size {
            for k in j..<size {
                hessian[j, k] = outer[j * size + k] - hessian[j, k]
                hessian[k, j] = hessian[j, k]
            }
        }
        return Evaluation(logLikelihood: logLikelihood, gradient: gradient, hessian: hessian)
    }

    /// Breslow's baseline cumulative hazard at `beta`: at each distinct duration t, the sum over
    /// durations t' ≤ t of (events at t') / Σ_{duration ≥ t'} exp(x·β) — lifelines'
    /// `baseline_cumulative_hazard_` (with centred covariates, a subject at the means).
    func baselineCumulativeHazard(_ beta: [Double]) -> [CoxModel.BaselinePoint] {
        let hazards = covariates.multiplied(by: beta).map(exp)
        var increments = [Double](repeating: 0, count: timeGroups.count)
        var riskSum = 0.0
        for (group, rows) in zip(timeGroups.indices, timeGroups).reversed() {
            riskSum += rows.reduce(0) { $0 + hazards[$1] }
            increments[group] = Double(rows.filter { events[$0] }.count) / riskSum
        }
        var cumulative = 0.0
        return zip(timeGroups, increments).map { rows, increment in
            cumulative += increment
            return CoxModel.BaselinePoint(time: durations[rows.lowerBound], cumulativeHazard: cumulative)
        }
    }
}
