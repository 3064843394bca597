import Foundation

/// An account's health at one cut-off, with every signal's part in it.
public struct HealthScore: Hashable, Sendable, Codable {
    public var accountID: String
    /// 0–100; higher is healthier.
    public var score: Double
    public var colour: HealthColour
    /// The segment whose variant of the definition scored the account (`nil`: the default signals).
    public var segment: String?
    /// Each signal of the definition: raw value, 0–100 value, weight and contribution.
    public var signals: [SignalScore]
    public var adoption: AdoptionScore

    public init(accountID: String, score: Double, colour: HealthColour, segment: String?, signals: [SignalScore],
                adoption: AdoptionScore) {
        self.accountID = accountID
        self.score = score
        self.colour = colour
        self.segment = segment
        self.signals = signals
        self.adoption = adoption
    }
}

/// One signal's part in a score.
public struct SignalScore: Hashable, Sendable, Codable {
    public var signal: HealthSignal
    /// The raw value in the signal's unit; `nil` when the account has no data for it.
    public var raw: Double?
    /// The 0–100 value the transform gave (or the definition's `missing` score); `nil` when left out.
    public var normalized: Double?
    /// The configured weight (points out of 100).
    public var weight: Double
    /// The weight after spreading the weights of left-out signals over the rest.
    public var effectiveWeight: Double
    /// Points this signal adds to the score: `normalized × effectiveWeight ÷ 100`.
    public var contribution: Double

    public init(signal: HealthSignal, raw: Double?, normalized: Double?, weight: Double, effectiveWeight: Double,
                contribution: Double) {
        self.signal = signal
        self.raw = raw
        self.normalized = normalized
        self.weight = weight
        self.effectiveWeight = effectiveWeight
        self.contribution = contribution
    }
}

/// How broadly and deeply an account uses the product, apart from its health.
///
/// Breadth is the mean of the share of core features used and the share of
/// seats active (capped at 1), × 100. Depth is the percentile (0–100) of
/// core-feature events per active user among the accounts scored together.
/// The score is their mean.
public struct AdoptionScore: Hashable, Sendable, Codable {
    public var score: Double
    public var breadth: Double
    public var depth: Double

    public init(score: Double, breadth: Double, depth: Double) {
        self.score = score
        self.breadth = breadth
        self.depth = depth
    }
}
