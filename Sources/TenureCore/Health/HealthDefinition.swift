import Foundation

/// A health score as configuration: which signals count, how each raw value
/// maps to 0–100, their weights (summing to 100), the colour thresholds, when
/// a drop raises an alert, and per-segment variants. Stored as versioned YAML
/// or JSON; see `docs/health.md`.
public struct HealthDefinition: Hashable, Sendable, Codable {
    public var name: String
    public var description: String?
    public var thresholds: Thresholds
    public var alert: AlertRule
    /// The weighted signals of accounts without a segment override.
    public var signals: [WeightedSignal]
    /// Signal lists (and optionally thresholds) that replace the defaults for accounts of a segment.
    public var segments: [String: SegmentOverride]

    public init(name: String, description: String? = nil, thresholds: Thresholds = Thresholds(),
                alert: AlertRule = AlertRule(), signals: [WeightedSignal], segments: [String: SegmentOverride] = [:]) {
        self.name = name
        self.description = description
        self.thresholds = thresholds
        self.alert = alert
        self.signals = signals
        self.segments = segments
    }

    /// Colour bands of a score: red below `redBelow`, green above `greenAbove`, yellow between (inclusive).
    public struct Thresholds: Hashable, Sendable, Codable {
        public var redBelow: Double
        public var greenAbove: Double

        public init(redBelow: Double = 50, greenAbove: Double = 70) {
            self.redBelow = redBelow
            self.greenAbove = greenAbove
        }

        /// The colour of `score`.
        public func colour(of score: Double) -> HealthColour {
            score < redBelow ? .red : score > greenAbove ? .green : .yellow
        }
    }

    /// An alert fires when an account's score falls by at least `drop` points within `withinDays` days.
    public struct AlertRule: Hashable, Sendable, Codable {
        public var drop: Double
        public var withinDays: Int

        public init(drop: Double = 15, withinDays: Int = 30) {
            self.drop = drop
            self.withinDays = withinDays
        }
    }

    /// The signals and thresholds used for one segment's accounts.
    public struct SegmentOverride: Hashable, Sendable, Codable {
        public var signals: [WeightedSignal]
        public var thresholds: Thresholds?

        public init(signals: [WeightedSignal], thresholds: Thresholds? = nil) {
            self.signals = signals
            self.thresholds = thresholds
        }
    }

    /// The signals weighed for an account of `segment`.
    public func signals(for segment: String?) -> [WeightedSignal] {
        segment.flatMap { segments[$0]?.signals } ?? signals
    }

    /// The thresholds used for an account of `segment`.
    public func thresholds(for segment: String?) -> Thresholds {
        segment.flatMap { segments[$0]?.thresholds } ?? thresholds
    }

    /// Every signal any variant of the definition weighs.
    public var allSignals: Set<HealthSignal> {
        Set(signals.map(\.signal) + segments.values.flatMap { $0.signals.map(\.signal) })
    }

    private enum CodingKeys: String, CodingKey { case name, description, thresholds, alert, signals, segments }

    /// Decodes a definition; `thresholds`, `alert` and `segments` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            description: try container.decodeIfPresent(String.self, forKey: .description),
            thresholds: try container.decodeIfPresent(Thresholds.self, forKey: .thresholds) ?? Thresholds(),
            alert: try container.decodeIfPresent(AlertRule.self, forKey: .alert) ?? AlertRule(),
            signals: try container.decode([WeightedSignal].self, forKey: .signals),
            segments: try container.decodeIfPresent([String: SegmentOverride].self, forKey: .segments) ?? [:])
    }
}

/// One signal of a definition: its weight (points out of 100), its transform,
/// and what to do when an account has no value for it.
public struct WeightedSignal: Hashable, Sendable, Codable {
    public var signal: HealthSignal
    /// Share of the score in points; the weights of a list sum to 100. Zero tracks a signal without scoring it.
    public var weight: Double
    public var transform: SignalTransform
    /// Score given when the account has no value; `nil` leaves the signal out and spreads its weight over the others.
    public var missing: Double?

    public init(_ signal: HealthSignal, weight: Double, transform: SignalTransform, missing: Double? = nil) {
        self.signal = signal
        self.weight = weight
        self.transform = transform
        self.missing = missing
    }
}

/// The colour band of a health score.
public enum HealthColour: String, StringEnum, Hashable, Comparable {
    case red, yellow, green

    public static func < (lhs: HealthColour, rhs: HealthColour) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension HealthDefinition: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(name, "name", maxLength: 200)
        try Self.validate(signals, "signals")
        try Self.validate(thresholds, "thresholds")
        try Check.range(alert.drop, "alert.drop", 1...100)
        try Check.range(alert.withinDays, "alert.within_days", 1...365)
        for (segment, variant) in segments.sorted(by: { $0.key < $1.key }) {
            try Check.nonEmpty(segment, "segments", maxLength: 100)
            try Self.validate(variant.signals, "segments.\(segment).signals")
            if let thresholds = variant.thresholds { try Self.validate(thresholds, "segments.\(segment).thresholds") }
        }
    }

    private static func validate(_ thresholds: Thresholds, _ field: String) throws(ValidationError) {
        try Check.range(thresholds.redBelow, "\(field).red_below", 0...100)
        try Check.range(thresholds.greenAbove, "\(field).green_above", 0...100)
        if thresholds.greenAbove < thresholds.redBelow {
            throw ValidationError(field: "\(field).green_above", "must not be below red_below (\(thresholds.redBelow))")
        }
    }

    private static func validate(_ signals: [WeightedSignal], _ field: String) throws(ValidationError) {
        guard !signals.isEmpty else { throw ValidationError(field: field, "must list at least one signal") }
        var seen: Set<HealthSignal> = []
        for (index, signal) in signals.enumerated() {
            let path = "\(field)[\(index)]"
            guard seen.insert(signal.signal).inserted else {
                throw ValidationError(field: "\(path).signal", "lists \(signal.signal.rawValue) twice")
            }
            try Check.range(signal.weight, "\(path).weight", 0...100)
            try Check.range(signal.missing, "\(path).missing", 0...100)
            try signal.transform.validate("\(path).transform")
        }
        let total = signals.reduce(0) { $0 + $1.weight }
        if abs(total - 100) > 1e-6 {
            throw ValidationError(field: field, "weights must sum to 100, not \(total.formatted(.number.precision(.fractionLength(0...2))))")
        }
    }
}
