import Foundation

/// Why a statistical model could not be fitted or evaluated: a stable ``Code``
/// to branch on and a message a person can act on.
public struct PredictionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Hashable, Sendable {
        /// The input is malformed: lengths disagree, values are out of range or not finite.
        case invalidInput = "invalid_input"
        /// A matrix that must be symmetric positive definite is not (e.g. collinear features).
        case notPositiveDefinite = "not_positive_definite"
        /// A measure needs both classes (or an event) and the labels hold only one.
        case oneClass = "one_class"
        /// An iterative fit or series stopped before reaching its tolerance.
        case notConverged = "not_converged"
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, worded for a person, e.g. `"features has 3 rows but targets has 4 values"`; when ``column`` is
    /// set, the predicate of a sentence whose subject is that covariate.
    public var message: String
    /// The covariate the failure is about, when it is one.
    public var column: Int?

    /// A failure of kind `code` described by `message`, about covariate `column` when given.
    public init(_ code: Code, _ message: String, column: Int? = nil) {
        self.code = code
        self.message = message
        self.column = column
    }

    /// The message, for printing.
    public var description: String { column.map { "covariate \($0) \(message)" } ?? message }

    /// The message with the covariate called by its name in `names`.
    public func description(naming names: [String]) -> String {
        guard let column, names.indices.contains(column) else { return description }
        return "covariate \(names[column]) \(message)"
    }
}

extension PredictionError {
    /// Throws ``Code/invalidInput`` unless `count` equals `expected`.
    static func checkCount(_ count: Int, _ name: String, equals expected: Int, _ expectedName: String) throws(PredictionError) {
        guard count == expected else {
            throw PredictionError(.invalidInput, "\(name) has \(count) values but \(expectedName) has \(expected)")
        }
    }

    /// Throws ``Code/invalidInput`` naming the first value of `values` that is NaN or infinite.
    static func checkFinite(_ values: [Double], _ name: String) throws(PredictionError) {
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw PredictionError(.invalidInput, "\(name)[\(index)] is \(values[index]); every value must be a finite number")
        }
    }

    /// Throws ``Code/invalidInput`` naming the first label that is not 0 or 1; returns how many are 1.
    @discardableResult
    static func checkBinary(_ labels: [Double], _ name: String = "labels") throws(PredictionError) -> Int {
        var positives = 0
        for (index, label) in labels.enumerated() {
            guard label == 0 || label == 1 else {
                throw PredictionError(.invalidInput, "\(name)[\(index)] is \(label); labels must be 0 or 1")
            }
            if label == 1 { positives += 1 }
        }
        return positives
    }
}
