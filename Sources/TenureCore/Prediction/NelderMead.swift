import Foundation

/// The Nelder–Mead simplex method: minimises a function of a few variables using values only,
/// which makes it robust for small likelihoods whose derivatives are awkward (the sBG model's).
struct NelderMead {
    /// Stop when the simplex's values differ by at most this (relative to the best, when above 1)…
    var valueTolerance = 1e-12
    /// …and every vertex lies within this of the best in every coordinate.
    var pointTolerance = 1e-9
    /// Function evaluations allowed per run.
    var maxEvaluations = 20_000

    /// The best point found, its value, and whether the tolerances were met.
    struct Result {
        var point: [Double]
        var value: Double
        var evaluations: Int
        var converged: Bool
    }

    /// Minimises `function` from `start`, with an initial simplex `step` along each axis, then
    /// restarts once from the result (a collapsed simplex can stop short of the minimum).
    func minimise(_ function: ([Double]) -> Double, from start: [Double], step: Double = 0.5) -> Result {
        let first = run(function, from: start, step: step)
        // The restart's simplex contains the first result, so it can only improve on it.
        var second = run(function, from: first.point, step: step / 10)
        second.evaluations += first.evaluations
        return second
    }

    private func run(_ function: ([Double]) -> Double, from start: [Double], step: Double) -> Result {
        let dimension = start.count
        var simplex = [start] + (0..<dimension).map { axis in
            var vertex = start
            vertex[axis] += step
            return vertex
        }
        var values = simplex.map(function)
        var evaluations = values.count
        func point(_ from: [Double], _ towards: [Double], _ coefficient: Double) -> [Double] {
            zip(from, towards).map { $0 + coefficient * ($1 - $0) }
        }
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let best = values[0], worst = values[dimension]
            let spread = simplex.dropFirst().flatMap { vertex in zip(vertex, simplex[0]).map { abs($0 - $1) } }.max() ?? 0
            if worst - best <= valueTolerance * max(1, abs(best)) && spread <= pointTolerance {
                return Result(point: simplex[0], value: best, evaluations: evaluations, converged: true)
            }
            let centroid = (0..<dimension).map { axis in simplex.dropLast().reduce(0) { $0 + $1[axis] } / Double(dimension) }
            let reflected = point(centroid, simplex[dimension], -1)
            let reflectedValue = function(reflected)
            evaluations += 1
            if reflectedValue < best {
                let expanded = point(centroid, simplex[dimension], -2)
                let expandedValue = function(expanded)
                evaluations += 1
                (simplex[dimension], values[dimension]) = expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < values[dimension - 1] {
                (simplex[dimension], values[dimension]) = (reflected, reflectedValue)
            } else {
                let outside = reflectedValue < worst
                let contracted = point(centroid, outside ? reflected : simplex[dimension], 0.5)
                let contractedValue = function(contracted)
                evaluations += 1
                if contractedValue < min(reflectedValue, worst) {
                    (simplex[dimension], values[dimension]) = (contracted, contractedValue)
                } else {
                    for vertex in 1...dimension {
                        simplex[vertex] = point(simplex[0], simplex[vertex], 0.5)
                        values[vertex] = function(simplex[vertex])
                    }
                    evaluations += dimension
                }
            }
        }
        let bestIndex = values.indices.min { values[$0] < values[$1] } ?? 0
        return Result(point: simplex[bestIndex], value: values[bestIndex], evaluations: evaluations, converged: false)
    }
}
