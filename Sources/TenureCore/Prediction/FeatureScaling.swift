import Foundation

/// Centring and scaling of feature columns, (x − mean) / scale, learnt from training rows: what
/// scikit-learn's `StandardScaler` and lifelines' Cox fitter do to features before fitting, so
/// penalties treat every feature alike and Newton steps stay well conditioned.
public struct FeatureScaling: Hashable, Sendable {
    /// Which standard deviation divides the centred values.
    public enum Deviation: Hashable, Sendable {
        /// Divide by n (ddof = 0), as scikit-learn's `StandardScaler`.
        case population
        /// Divide by n − 1 (ddof = 1), as pandas' `std()` in lifelines.
        case sample
    }

    /// Each column's mean, in the column's own units.
    public let means: [Double]
    /// Each column's standard deviation, in the column's own units; 1 for a constant column,
    /// which is then only centred (every scaled value is 0).
    public let scales: [Double]
    /// Whether each column held a single value in the training rows.
    public let isConstant: [Bool]

    /// Learns the means and standard deviations of `matrix`'s columns (two passes, O(rows × columns)).
    public init(fitting matrix: DenseMatrix, deviation: Deviation = .population) {
        let (rows, width) = (matrix.rows, matrix.columns)
        var means = [Double](repeating: 0, count: width), squares = [Double](repeating: 0, count: width)
        var constant = [Bool](repeating: true, count: width)
        matrix.values.withUnsafeBufferPointer { x in
            for row in 0..<rows {
                for column in 0..<width { means[column] += x[row * width + column] }
            }
            for column in 0..<width { means[column] /= Double(max(rows, 1)) }
            for row in 0..<rows {
                for column in 0..<width {
                    let value = x[row * width + column], centred = value - means[column]
                    squares[column] += centred * centred
                    if value != x[column] { constant[column] = false }
                }
            }
        }
        let divisor = Double(deviation == .population ? rows : rows - 1)
        self.means = means
        isConstant = constant
        scales = squares.indices.map { constant[$0] || divisor <= 0 ? 1 : (squares[$0] / divisor).squareRoot() }
    }

    /// `matrix` with every column centred and scaled, and a last column of ones when
    /// `appendingIntercept` (the design matrix of a model with an intercept); O(rows × columns).
    public func standardized(_ matrix: DenseMatrix, appendingIntercept: Bool = false) -> DenseMatrix {
        precondition(matrix.columns == means.count, "the matrix needs one column per scaled feature")
        let width = matrix.columns + (appendingIntercept ? 1 : 0)
        let inverseScales = scales.map { 1 / $0 }
        return DenseMatrix(rows: matrix.rows, columns: width) { target in
            matrix.values.withUnsafeBufferPointer { source in
                for row in 0..<matrix.rows {
                    let from = row * matrix.columns, to = row * width
                    for column in 0..<matrix.columns {
                        target[to + column] = (source[from + column] - means[column]) * inverseScales[column]
                    }
                    if appendingIntercept { target[to + matrix.columns] = 1 }
                }
            }
        }
    }

    /// One row of features, centred and scaled.
    public func standardized(row: [Double]) -> [Double] {
        precondition(row.count == means.count, "the row needs one value per scaled feature")
        return row.indices.map { (row[$0] - means[$0]) / scales[$0] }
    }
}
