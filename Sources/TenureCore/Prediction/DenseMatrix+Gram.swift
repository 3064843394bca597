import Dispatch
import Foundation

extension DenseMatrix {
    /// Rows per task below which the Gram matrix is accumulated on one core.
    static let rowsPerParallelTask = 8_192

    /// Xᵀ·diag(`weights`)·X for this matrix X: the p × p matrix Σᵢ wᵢ·xᵢ·xᵢᵀ that Newton steps of
    /// logistic and Cox regression need. O(rows × columns²), split over the machine's cores;
    /// only the upper triangle is accumulated and then mirrored.
    public func weightedGram(_ weights: [Double]) -> DenseMatrix {
        precondition(weights.count == rows, "weightedGram needs one weight per row")
        let size = columns
        let tasks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows / Self.rowsPerParallelTask))
        var partials = [Double](repeating: 0, count: tasks * size * size)
        let rowCount = rows, rowsPerTask = (rows + tasks - 1) / tasks
        values.withUnsafeBufferPointer { matrix in
            weights.withUnsafeBufferPointer { weights in
                partials.withUnsafeMutableBufferPointer { partials in
                    guard let buffers = GramTaskBuffers(matrix: matrix, weights: weights, partials: partials) else { return }
                    DispatchQueue.concurrentPerform(iterations: tasks) { task in
                        let start = task * rowsPerTask
                        Self.accumulateUpperGram(
                            buffers.matrix, buffers.weights, rows: start..<min(rowCount, start + rowsPerTask), columns: size,
                            into: buffers.partials + task * size * size)
                    }
                }
            }
        }
        var gram = DenseMatrix(rows: size, columns: size)
        for task in 0..<tasks {
            for j in 0..<size {
                for k in j..<size { gram[j, k] += partials[task * size * size + j * size + k] }
            }
        }
        for j in 0..<size {
            for k in 0..<j { gram[j, k] = gram[k, j] }
        }
        return gram
    }

    /// Adds Σ wᵢ·xᵢ·xᵢᵀ over `rows` to the upper triangle of `gram`, four rows at a time so each
    /// pass over the triangle does four rank-one updates (the inner loop vectorises).
    private static func accumulateUpperGram(
        _ x: UnsafePointer<Double>, _ weights: UnsafePointer<Double>,
        rows: Range<Int>, columns size: Int, into g: UnsafeMutablePointer<Double>
    ) {
        var row = rows.lowerBound
        while row + 4 <= rows.upperBound {
            let x0 = x + row * size, x1 = x0 + size, x2 = x1 + size, x3 = x2 + size
            let w0 = weights[row], w1 = weights[row + 1], w2 = weights[row + 2], w3 = weights[row + 3]
            for j in 0..<size {
                let a0 = w0 * x0[j], a1 = w1 * x1[j], a2 = w2 * x2[j], a3 = w3 * x3[j]
                let target = g + j * size
                for k in j..<size {
                    target[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k]
                }
            }
            row += 4
        }
        while row < rows.upperBound {
            let xi = x + row * size, wi = weights[row]
            for j in 0..<size {
                let a = wi * xi[j]
                let target = g + j * size
                for k in j..<size { target[k] += a * xi[k] }
            }
            row += 1
        }
    }
}

/// The buffers the Gram tasks share: each task reads the matrix and weights and writes only its
/// own p × p slice of `partials`, so no two tasks touch the same memory.
private struct GramTaskBuffers: @unchecked Sendable {
    let matrix: UnsafePointer<Double>
    let weights: UnsafePointer<Double>
    let partials: UnsafeMutablePointer<Double>

    init?(matrix: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>, partials: UnsafeMutableBufferPointer<Double>) {
        guard let matrix = matrix.baseAddress, let weights = weights.baseAddress, let partials = partials.baseAddress else { return nil }
        self.matrix = matrix
        self.weights = weights
        self.partials = partials
    }
}
