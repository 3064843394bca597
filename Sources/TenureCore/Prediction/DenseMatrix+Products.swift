import Dispatch
import Foundation

/// The products the models' Newton steps spend their time in. Each splits the rows into one
/// contiguous block per core (when there are enough rows) and walks raw buffers.
extension DenseMatrix {
    /// Rows per task below which a product runs on one core.
    static let rowsPerTask = 8_192

    /// The product of this matrix and `vector` (one entry per column); O(rows × columns).
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "the vector needs one entry per column")
        var result = [Double](repeating: 0, count: rows)
        let width = columns
        withBuffers(vector, output: &result) { matrix, vector, result, _, rows in
            for row in rows {
                let x = matrix + row * width
                var sum = 0.0
                for column in 0..<width { sum += x[column] * vector[column] }
                result[row] = sum
            }
        }
        return result
    }

    /// The product of this matrix's transpose and `vector` (one entry per row), Σᵢ vectorᵢ·rowᵢ;
    /// O(rows × columns).
    public func transposeMultiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == rows, "the vector needs one entry per row")
        let width = columns
        return reducing(vector, size: width) { matrix, vector, partial, rows in
            for row in rows {
                let x = matrix + row * width, weight = vector[row]
                for column in 0..<width { partial[column] += weight * x[column] }
            }
        }
    }

    /// Xᵀ·diag(`weights`)·X for this matrix X: the p × p matrix Σᵢ wᵢ·xᵢ·xᵢᵀ that Newton steps of
    /// logistic and Cox regression need. O(rows × columns²); only the upper triangle is
    /// accumulated, four rows at a time (four rank-one updates per pass, so the inner loop
    /// vectorises), and then mirrored.
    public func weightedGram(_ weights: [Double]) -> DenseMatrix {
        precondition(weights.count == rows, "weightedGram needs one weight per row")
        let size = columns
        let upper = reducing(weights, size: size * size) { x, weights, gram, rows in
            var row = rows.lowerBound
            while row + 4 <= rows.upperBound {
                let x0 = x + row * size, x1 = x0 + size, x2 = x1 + size, x3 = x2 + size
                let w0 = weights[row], w1 = weights[row + 1], w2 = weights[row + 2], w3 = weights[row + 3]
                for j in 0..<size {
                    let a0 = w0 * x0[j], a1 = w1 * x1[j], a2 = w2 * x2[j], a3 = w3 * x3[j]
                    let target = gram + j * size
                    for k in j..<size { target[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k] }
                }
                row += 4
            }
            for row in row..<rows.upperBound {
                let xi = x + row * size, wi = weights[row]
                for j in 0..<size {
                    let a = wi * xi[j], target = gram + j * size
                    for k in j..<size { target[k] += a * xi[k] }
                }
            }
        }
        var gram = DenseMatrix(rows: size, columns: size)
        for j in 0..<size {
            for k in j..<size {
                gram[j, k] = upper[j * size + k]
                gram[k, j] = upper[j * size + k]
            }
        }
        return gram
    }

    /// How many blocks of rows the products split into.
    private var taskCount: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows / Self.rowsPerTask)) }

    /// Runs `body` on each block of rows with the matrix, `input` and `output` buffers; the blocks
    /// run concurrently and each writes only its own rows of `output`.
    private func withBuffers(
        _ input: [Double], output: inout [Double],
        _ body: @escaping @Sendable (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int, Range<Int>) -> Void
    ) {
        let tasks = taskCount, rowCount = rows
        let rowsPerBlock = (rows + tasks - 1) / tasks
        values.withUnsafeBufferPointer { matrix in
            input.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { output in
                    guard let shared = SharedBuffers(matrix, input, output) else { return }
                    DispatchQueue.concurrentPerform(iterations: tasks) { task in
                        let start = task * rowsPerBlock
                        body(shared.matrix, shared.input, shared.output, task, start..<min(rowCount, start + rowsPerBlock))
                    }
                }
            }
        }
    }

    /// Sums, over the blocks of rows, what `body` accumulates for a block into a zeroed buffer of `size`.
    private func reducing(
        _ input: [Double], size: Int,
        _ body: @escaping @Sendable (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, Range<Int>) -> Void
    ) -> [Double] {
        var partials = [Double](repeating: 0, count: taskCount * size)
        withBuffers(input, output: &partials) { matrix, input, partials, task, rows in
            body(matrix, input, partials + task * size, rows)
        }
        var total = [Double](repeating: 0, count: size)
        for task in 0..<taskCount {
            for index in 0..<size { total[index] += partials[task * size + index] }
        }
        return total
    }
}

/// The buffers the blocks of one product share: every block reads the matrix and the input and
/// writes a part of the output no other block writes, so sharing them across threads is safe.
private struct SharedBuffers: @unchecked Sendable {
    let matrix: UnsafePointer<Double>
    let input: UnsafePointer<Double>
    let output: UnsafeMutablePointer<Double>

    init?(_ matrix: UnsafeBufferPointer<Double>, _ input: UnsafeBufferPointer<Double>, _ output: UnsafeMutableBufferPointer<Double>) {
        guard let matrix = matrix.baseAddress, let input = input.baseAddress, let output = output.baseAddress else { return nil }
        (self.matrix, self.input, self.output) = (matrix, input, output)
    }
}
