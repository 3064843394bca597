import Foundation

/// A fall in an account's score big enough for its definition's alert rule:
/// from the highest score of the window to the latest.
public struct HealthAlert: Hashable, Sendable, Codable {
    public var accountID: String
    /// When the lower score was computed.
    public var at: Date
    /// The highest score within the window before `at`, and when it was.
    public var from: Double
    public var fromAt: Date
    public var to: Double

    /// Points lost.
    public var drop: Double { from - to }

    public init(accountID: String, at: Date, from: Double, fromAt: Date, to: Double) {
        self.accountID = accountID
        self.at = at
        self.from = from
        self.fromAt = fromAt
        self.to = to
    }
}

extension HealthDefinition.AlertRule {
    /// The alert `score` at `instant` raises against `earlier` scores of the
    /// same account (any order), or `nil` when none within the window is
    /// `drop` points or more above it.
    public func alert(accountID: String, score: Double, at instant: Date,
                      earlier: [(at: Date, score: Double)]) -> HealthAlert? {
        let windowStart = instant.adding(days: -Double(withinDays))
        guard let peak = earlier.filter({ $0.at >= windowStart && $0.at < instant }).max(by: { $0.score < $1.score }),
              peak.score - score >= drop else { return nil }
        return HealthAlert(accountID: accountID, at: instant, from: peak.score, fromAt: peak.at, to: score)
    }
}
