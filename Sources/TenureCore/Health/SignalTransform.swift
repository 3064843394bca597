import Foundation

/// How a signal's raw value becomes a 0–100 score.
///
/// - `bands`: the score of the first band whose `below` bound the value is
///   under; the last band has no bound and catches the rest. E.g. tickets:
///   `below 1 → 100, below 3 → 60, else 0`.
/// - `linear`: 0 at `from`, 100 at `to`, straight in between and clamped
///   outside (`from > to` makes lower values better).
/// - `percentile`: the value's mid-rank among every account scored at the same
///   cut-off × 100, so the median account scores 50 (reversed when lower is better).
public enum SignalTransform: Hashable, Sendable, Codable {
    case bands([Band])
    case linear(from: Double, to: Double)
    case percentile(higherIsBetter: Bool)

    /// One step of a `bands` transform.
    public struct Band: Hashable, Sendable, Codable {
        /// Exclusive upper bound of raw values in the band; `nil` on the last band.
        public var below: Double?
        /// Score (0–100) of raw values in the band.
        public var score: Double

        public init(below: Double?, score: Double) {
            self.below = below
            self.score = score
        }
    }

    /// The score of `value`; `population` holds every value scored alongside
    /// it, sorted ascending (used by `percentile` only).
    public func score(_ value: Double, among population: [Double]) -> Double {
        switch self {
        case .bands(let bands):
            return (bands.first { $0.below.map { value < $0 } ?? true } ?? bands[bands.count - 1]).score
        case .linear(let from, let to):
            let fraction = (value - from) / (to - from)
            return 100 * min(1, max(0, fraction))
        case .percentile(let higherIsBetter):
            guard !population.isEmpty else { return 50 }
            let below = population.partitionIndex { $0 >= value }
            let atOrBelow = population.partitionIndex { $0 > value }
            let rank = (Double(below) + Double(atOrBelow - below) / 2) / Double(population.count)
            return 100 * (higherIsBetter ? rank : 1 - rank)
        }
    }

    /// Whether scoring needs the other accounts' values.
    public var needsPopulation: Bool {
        if case .percentile = self { return true }
        return false
    }

    private enum CodingKeys: String, CodingKey { case bands, linear, percentile }
    private struct Range: Codable { var from: Double; var to: Double }
    private struct Direction: Codable { var higherIsBetter: Bool? }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "a transform is exactly one of: bands, linear, percentile"))
        }
        switch key {
        case .bands: self = .bands(try container.decode([Band].self, forKey: .bands))
        case .linear:
            let range = try container.decode(Range.self, forKey: .linear)
            self = .linear(from: range.from, to: range.to)
        case .percentile:
            let direction = try container.decodeIfPresent(Direction.self, forKey: .percentile)
            self = .percentile(higherIsBetter: direction?.higherIsBetter ?? true)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .bands(let bands): try container.encode(bands, forKey: .bands)
        case .linear(let from, let to): try container.encode(Range(from: from, to: to), forKey: .linear)
        case .percentile(let higherIsBetter): try container.encode(Direction(higherIsBetter: higherIsBetter), forKey: .percentile)
        }
    }
}

extension SignalTransform {
    /// Throws when the transform cannot score: bands out of order or without a catch-all, scores outside 0–100.
    func validate(_ field: String) throws(ValidationError) {
        switch self {
        case .bands(let bands):
            guard !bands.isEmpty else { throw ValidationError(field: "\(field).bands", "must list at least one band") }
            for (index, band) in bands.enumerated() {
                try Check.range(band.score, "\(field).bands[\(index)].score", 0...100)
                let isLast = index == bands.count - 1
                if isLast != (band.below == nil) {
                    throw ValidationError(field: "\(field).bands[\(index)].below",
                                          isLast ? "must be left out on the last band, which catches every other value"
                                                 : "is required on every band but the last")
                }
                if index > 0, let below = band.below, let previous = bands[index - 1].below, below <= previous {
                    throw ValidationError(field: "\(field).bands[\(index)].below", "must be greater than the band before's (\(previous))")
                }
            }
        case .linear(let from, let to):
            guard from.isFinite, to.isFinite, from != to else {
                throw ValidationError(field: "\(field).linear", "needs finite, different `from` and `to` values")
            }
        case .percentile: break
        }
    }
}
