import Foundation

/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix: the
/// way the models solve their Newton systems and invert information matrices.
public struct CholeskyFactorization: Sendable {
    /// The lower-triangular factor L (entries above the diagonal are zero).
    public let lower: DenseMatrix

    /// Factorises `matrix`, reading only its lower triangle (the matrix is taken to be symmetric).
    /// Throws ``PredictionError/Code/notPositiveDefinite`` naming the failing pivot when it is not
    /// positive definite — for a model's information matrix, a sign of collinear features.
    public init(_ matrix: DenseMatrix) throws(PredictionError) {
        guard matrix.rows == matrix.columns else {
            throw PredictionError(.invalidInput, "only a square matrix has a Cholesky factorisation, not \(matrix.rows) × \(matrix.columns)")
        }
        let size = matrix.rows
        var factor = [Double](repeating: 0, count: size * size)
        var failedPivot: (index: Int, value: Double)?
        matrix.values.withUnsafeBufferPointer { source in
            factor.withUnsafeMutableBufferPointer { factor in
                for j in 0..<size {
                    var diagonal = source[j * size + j]
                    for k in 0..<j { diagonal -= factor[j * size + k] * factor[j * size + k] }
                    guard diagonal > 0, diagonal.isFinite else {
                        failedPivot = (j, diagonal)
                        return
                    }
                    let pivot = diagonal.squareRoot()
                    factor[j * size + j] = pivot
                    for i in (j + 1)..<size {
                        var sum = source[i * size + j]
                        for k in 0..<j { sum -= factor[i * size + k] * factor[j * size + k] }
                        factor[i * size + j] = sum / pivot
                    }
                }
            }
        }
        if let failedPivot {
            throw PredictionError(.notPositiveDefinite, "the matrix is not positive definite (pivot \(failedPivot.index) is \(failedPivot.value)); a column may be constant or a combination of others")
        }
        lower = try DenseMatrix(rows: size, columns: size, values: factor)
    }

    /// The solution x of A·x = `rightHandSide`, by forward then back substitution; O(n²).
    public func solve(_ rightHandSide: [Double]) -> [Double] {
        let size = lower.rows
        precondition(rightHandSide.count == size, "the right-hand side needs one entry per row")
        var x = rightHandSide
        lower.values.withUnsafeBufferPointer { factor in
            for i in 0..<size {
                var sum = x[i]
                for k in 0..<i { sum -= factor[i * size + k] * x[k] }
                x[i] = sum / factor[i * size + i]
            }
            for i in stride(from: size - 1, through: 0, by: -1) {
                var sum = x[i]
                for k in (i + 1)..<size { sum -= factor[k * size + i] * x[k] }
                x[i] = sum / factor[i * size + i]
            }
        }
        return x
    }

    /// A⁻¹, column by column; O(n³). For a model, the inverse information matrix holds the
    /// variances of the coefficients.
    public func inverse() -> DenseMatrix {
        let size = lower.rows
        var inverse = DenseMatrix(rows: size, columns: size)
        for column in 0..<size {
            var unit = [Double](repeating: 0, count: size)
            unit[column] = 1
            for (row, value) in solve(unit).enumerated() { inverse[row, column] = value }
        }
        return inverse
    }
}
