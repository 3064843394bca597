import Foundation

/// How much a playbook changed an outcome's rate (churn, renewal, expansion): enrolled accounts against held-out ones.
///
/// The interval is the 95 % confidence interval of the difference in rates by Newcombe's hybrid score method
/// ("method 10", Statistics in Medicine 1998), built from each group's Wilson score interval; it stays within
/// [-1, 1] and behaves at zero events, where the plain Wald interval collapses.
public struct EffectEstimate: Hashable, Sendable, Codable {
    /// Accounts in one arm and how many of them had the outcome.
    public struct Group: Hashable, Sendable, Codable {
        public let count: Int
        public let events: Int

        /// `events` of `count` accounts; `events` must lie in 0...`count`.
        public init(count: Int, events: Int) {
            precondition(count >= 0 && (0...count).contains(events), "a group needs 0 ≤ events ≤ count")
            self.count = count
            self.events = events
        }

        /// The share of accounts with the outcome; nil for an empty group.
        public var rate: Double? { count == 0 ? nil : Double(events) / Double(count) }

        /// The 95 % Wilson score interval of the rate; nil for an empty group.
        public var interval: ClosedRange<Double>? {
            guard let p = rate else { return nil }
            let z = EffectEstimate.z, n = Double(count)
            let center = (Double(events) + z * z / 2) / (n + z * z)
            let half = z * (n * p * (1 - p) + z * z / 4).squareRoot() / (n + z * z)
            return max(0, center - half)...min(1, center + half)
        }
    }

    /// Enrolled accounts.
    public let treated: Group
    /// Held-out accounts.
    public let control: Group
    /// The treated rate minus the control rate; nil while either group is empty.
    public let difference: Double?
    /// The lower end of the 95 % interval of ``difference``.
    public let low: Double?
    /// The upper end of the 95 % interval of ``difference``.
    public let high: Double?
    /// Whether the interval leaves out zero and both groups have at least ten accounts.
    public let significant: Bool
    /// Why the estimate cannot be trusted yet, e.g. `"too few accounts to tell (treated 4, held out 2)"`.
    public let note: String?

    /// Fewest accounts in a group for a significant result.
    public static let minimumForSignificance = 10
    /// Fewest accounts in each group before the estimate goes without a warning.
    public static let minimumForConfidence = 30
    /// The two-sided 95 % normal quantile, 1.959963984540054.
    static let z = StandardNormal.quantile(0.975)

    public init(treated: Group, control: Group) {
        self.treated = treated
        self.control = control
        switch (treated.count, control.count) {
        case (0, 0): note = "no enrolled or held-out accounts yet"
        case (0, _): note = "no enrolled accounts yet"
        case (_, 0): note = "no held-out accounts yet"
        case let (enrolled, heldOut) where min(enrolled, heldOut) < Self.minimumForConfidence:
            note = "too few accounts to tell (treated \(enrolled), held out \(heldOut))"
        default: note = nil
        }
        guard let treatedRate = treated.rate, let controlRate = control.rate, let t = treated.interval, let c = control.interval else {
            (difference, low, high, significant) = (nil, nil, nil, false)
            return
        }
        let difference = treatedRate - controlRate
        let low = difference - ((treatedRate - t.lowerBound) * (treatedRate - t.lowerBound)
            + (c.upperBound - controlRate) * (c.upperBound - controlRate)).squareRoot()
        let high = difference + ((t.upperBound - treatedRate) * (t.upperBound - treatedRate)
            + (controlRate - c.lowerBound) * (controlRate - c.lowerBound)).squareRoot()
        self.difference = difference
        self.low = low
        self.high = high
        significant = (low > 0 || high < 0) && min(treated.count, control.count) >= Self.minimumForSignificance
    }
}
