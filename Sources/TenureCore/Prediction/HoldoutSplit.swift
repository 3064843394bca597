import Foundation

/// A stable random split of a table's rows into rows to fit on and rows held out to judge the fit:
/// the same row count, fraction and seed always hold out the same rows, on every platform.
public struct HoldoutSplit: Hashable, Sendable {
    /// The rows to fit on, in their original order.
    public let training: [Int]
    /// The rows held out, in their original order.
    public let heldOut: [Int]

    /// Holds out `fraction` (rounded to whole rows) of `rowCount` rows, shuffled by `seed`;
    /// throws unless the fraction is between 0 and 1 and leaves rows on both sides.
    public init(rowCount: Int, fraction: Double, seed: UInt64) throws(PredictionError) {
        guard fraction > 0 && fraction < 1 else {
            throw PredictionError(.invalidInput, "the held-out fraction must be between 0 and 1, not \(fraction)")
        }
        let count = Int((fraction * Double(rowCount)).rounded())
        guard count > 0 && count < rowCount else {
            throw PredictionError(.invalidInput, "holding out \(fraction) of \(rowCount) rows leaves no rows on one side")
        }
        var order = Array(0..<rowCount), generator = SeededGenerator(seed: seed)
        for index in stride(from: rowCount - 1, to: 0, by: -1) {
            order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        heldOut = order[..<count].sorted()
        training = order[count...].sorted()
    }
}
