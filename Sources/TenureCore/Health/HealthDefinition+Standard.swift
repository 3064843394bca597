import Foundation

extension HealthDefinition {
    /// Tenure's default score: the signals the customer success literature
    /// finds most predictive — engagement (against peers and against the
    /// account's own first month), core-feature adoption, NPS and first value
    /// — then friction (tickets, failed payments), recency, seat use and an
    /// executive sponsor, with the usual red < 50 ≤ yellow ≤ 70 < green
    /// thresholds. Zero-weight signals are tracked so backtests and
    /// calibration can judge them.
    public static let standard = HealthDefinition(
        name: "Standard health",
        description: "Behaviour first: engagement and its trend, adoption, sentiment and first value, then friction.",
        signals: [
            WeightedSignal(.engagement30Days, weight: 20, transform: .percentile(higherIsBetter: true)),
            WeightedSignal(.loginTrend, weight: 15, transform: .linear(from: 0.25, to: 1.0)),
            WeightedSignal(.coreFeatureShare, weight: 15, transform: .linear(from: 0.2, to: 0.8)),
            WeightedSignal(.latestNPS, weight: 15, transform: .bands([
                .init(below: 7, score: 0), .init(below: 9, score: 60), .init(below: nil, score: 100),
            ])),
            WeightedSignal(.firstValueReached, weight: 10, transform: .bands([.init(below: 0.5, score: 0), .init(below: nil, score: 100)])),
            WeightedSignal(.activeSeatShare, weight: 5, transform: .linear(from: 0.2, to: 0.8)),
            WeightedSignal(.tickets60Days, weight: 5, transform: .bands([
                .init(below: 1, score: 100), .init(below: 3, score: 60), .init(below: 5, score: 30), .init(below: nil, score: 0),
            ])),
            WeightedSignal(.daysSinceLastActivity, weight: 5, transform: .bands([
                .init(below: 7, score: 100), .init(below: 14, score: 70), .init(below: 30, score: 30), .init(below: nil, score: 0),
            ])),
            WeightedSignal(.executiveSponsor, weight: 5, transform: .bands([.init(below: 0.5, score: 0), .init(below: nil, score: 100)])),
            WeightedSignal(.failedPayments90Days, weight: 5, transform: .bands([
                .init(below: 1, score: 100), .init(below: 2, score: 50), .init(below: nil, score: 0),
            ])),
            WeightedSignal(.coreIntensity, weight: 0, transform: .percentile(higherIsBetter: true)),
            WeightedSignal(.csat90Days, weight: 0, transform: .linear(from: 2, to: 4.5)),
            WeightedSignal(.qbrs180Days, weight: 0, transform: .bands([.init(below: 1, score: 0), .init(below: nil, score: 100)])),
            WeightedSignal(.daysToRenewal, weight: 0, transform: .linear(from: 0, to: 120)),
        ])
}
