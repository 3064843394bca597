import Dispatch
import Foundation

/// The products the models' Newton steps spend their time in. Each splits the rows into one
/// contiguous block per core (when there are enough rows) and walks raw buffers.
extension DenseMatrix {
    /// Rows per block below which a product runs on one core.
    static let rowsPerBlock = 8_192

    /// The product of this matrix and `vector` (one entry per column); O(rows × columns).
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "the vector needs one entry per column")
        var result = [Double](repeating: 0, count: rows)
        forEachBlock(writingInto: &result) { [self] _, rows, result in
            values.withUnsafeBufferPointer { x in
                vector.withUnsafeBufferPointer { v in
                    for row in rows {
                        // Four running sums instead of one: the additions no longer wait on each other.
                        let base = row * columns
                        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0), column = 0
                        while column + 4 <= columns {
                            s0 += x[base + column] * v[column]
                            s1 += x[base + column + 1] * v[column + 1]
                            s2 += x[base + column + 2] * v[column + 2]
                            s3 += x[base + column + 3] * v[column + 3]
                            column += 4
                        }
                        for column in column..<columns { s0 += x[base + column] * v[column] }
                        result[row] = (s0 + s1) + (s2 + s3)
                    }
                }
            }
        }
        return result
    }

    /// The product of this matrix's transpose and `vector` (one entry per row), Σᵢ vectorᵢ·rowᵢ;
    /// O(rows × columns).
    public func transposeMultiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == rows, "the vector needs one entry per row")
        return summingBlocks(size: columns) { [self] rows, sum in
            values.withUnsafeBufferPointer { x in
                vector.withUnsafeBufferPointer { v in
                    Self.accumulateTransposeProduct(x, v, rows: rows, size: columns, into: sum)
                }
            }
        }
    }

    /// Xᵀ·diag(`weights`)·X for this matrix X: the p × p matrix Σᵢ wᵢ·xᵢ·xᵢᵀ that Newton steps of
    /// logistic and Cox regression need; O(rows × columns²).
    public func weightedGram(_ weights: [Double]) -> DenseMatrix {
        weightedGram(weights, transposeProduct: nil).gram
    }

    /// Xᵀ·diag(`weights`)·X and, over the same blocks of rows, Xᵀ·`vector` (a gradient). Only the
    /// upper triangle is accumulated, four rows at a time — four rank-one updates per pass over
    /// the triangle, so the inner loop vectorises — and then mirrored.
    func weightedGram(_ weights: [Double], transposeProduct vector: [Double]?) -> (gram: DenseMatrix, product: [Double]) {
        precondition(weights.count == rows && (vector?.count ?? rows) == rows, "one weight (and vector entry) per row")
        let size = columns
        let sums = summingBlocks(size: size * size + size) { [self] rows, sums in
            values.withUnsafeBufferPointer { x in
                weights.withUnsafeBufferPointer { w in Self.accumulateGram(x, w, rows: rows, size: size, into: sums) }
                vector?.withUnsafeBufferPointer { v in Self.accumulateTransposeProduct(x, v, rows: rows, size: size, into: sums + size * size) }
            }
        }
        var gram = DenseMatrix(rows: size, columns: size)
        for j in 0..<size {
            for k in j..<size {
                gram[j, k] = sums[j * size + k]
                gram[k, j] = sums[j * size + k]
            }
        }
        return (gram, Array(sums[(size * size)...]))
    }

    /// Adds Σ wᵢ·xᵢ·xᵢᵀ over `rows` to the upper triangle of the size × size entries at `sums`.
    private static func accumulateGram(
        _ x: UnsafeBufferPointer<Double>, _ w: UnsafeBufferPointer<Double>, rows: Range<Int>, size: Int, into sums: UnsafeMutablePointer<Double>
    ) {
        guard let x = x.baseAddress else { return }
        var row = rows.lowerBound
        while row + 4 <= rows.upperBound {
            let x0 = x + row * size, x1 = x0 + size, x2 = x1 + size, x3 = x2 + size
            let w0 = w[row], w1 = w[row + 1], w2 = w[row + 2], w3 = w[row + 3]
            for j in 0..<size {
                let a0 = w0 * x0[j], a1 = w1 * x1[j], a2 = w2 * x2[j], a3 = w3 * x3[j]
                let target = sums + j * size
                for k in j..<size { target[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k] }
            }
            row += 4
        }
        for row in row..<rows.upperBound {
            let xi = x + row * size, wi = w[row]
            for j in 0..<size {
                let a = wi * xi[j], target = sums + j * size
                for k in j..<size { target[k] += a * xi[k] }
            }
        }
    }

    /// Adds Σ vᵢ·xᵢ over `rows` to the `size` entries at `sum`, four rows at a time.
    private static func accumulateTransposeProduct(
        _ x: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>, rows: Range<Int>, size: Int, into sum: UnsafeMutablePointer<Double>
    ) {
        guard let x = x.baseAddress else { return }
        var row = rows.lowerBound
        while row + 4 <= rows.upperBound {
            let x0 = x + row * size, x1 = x0 + size, x2 = x1 + size, x3 = x2 + size
            let v0 = v[row], v1 = v[row + 1], v2 = v[row + 2], v3 = v[row + 3]
            for k in 0..<size { sum[k] += v0 * x0[k] + v1 * x1[k] + v2 * x2[k] + v3 * x3[k] }
            row += 4
        }
        for row in row..<rows.upperBound {
            for k in 0..<size { sum[k] += v[row] * x[row * size + k] }
        }
    }

    /// How many blocks of rows the products split into.
    private var blockCount: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows / Self.rowsPerBlock)) }

    /// Runs `body` concurrently on each block of rows with a pointer to `output`; each block must
    /// write only entries no other block writes (its own rows, or its own slice).
    private func forEachBlock(
        writingInto output: inout [Double],
        _ body: @escaping @Sendable (_ block: Int, _ rows: Range<Int>, _ output: UnsafeMutablePointer<Double>) -> Void
    ) {
        let blocks = blockCount, rowCount = rows
        let rowsPerBlock = (rows + blocks - 1) / blocks
        output.withUnsafeMutableBufferPointer { output in
            guard let shared = SharedOutput(output) else { return }
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let start = block * rowsPerBlock
                body(block, start..<min(rowCount, start + rowsPerBlock), shared.base)
            }
        }
    }

    /// The sum over the blocks of rows of what `body` accumulates for a block into a zeroed buffer of `size`.
    private func summingBlocks(size: Int, _ body: @escaping @Sendable (_ rows: Range<Int>, _ sums: UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        var partials = [Double](repeating: 0, count: blockCount * size)
        forEachBlock(writingInto: &partials) { block, rows, partials in body(rows, partials + block * size) }
        var total = [Double](repeating: 0, count: size)
        for block in 0..<blockCount {
            for index in 0..<size { total[index] += partials[block * size + index] }
        }
        return total
    }
}

/// The output buffer the blocks of one product share: every block writes entries no other block
/// writes (and reads only immutable arrays), so handing the pointer to several threads is safe.
private struct SharedOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>

    init?(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return nil }
        self.base = base
    }
}
