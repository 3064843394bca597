import Foundation
import Testing
@testable import TenureCore

@Suite("Probability calibration")
struct CalibrationTests {
    @Test("pool-adjacent-violators pools each decreasing run into its mean")
    func isotonicByHand() throws {
        // 3 > 2 pools to 2.5; 4 > 3 pools to 3.5.
        let fit = try IsotonicRegression(scores: [1, 2, 3, 4, 5, 6], targets: [1, 3, 2, 4, 3, 5])
        #expect(fit.thresholds == [1, 2, 3, 4, 5, 6])
        #expect(fit.values == [1, 2.5, 2.5, 3.5, 3.5, 5])
        #expect(fit.predict(3.5) == 3)
        #expect(fit.predict(0) == 1 && fit.predict(99) == 5)
    }

    @Test("equal scores are merged into their weighted mean before pooling")
    func isotonicTies() throws {
        // Score 2 holds 0 and 10 → 5, which does not violate 1 < 5; a later 4 at score 3 pools with it.
        let fit = try IsotonicRegression(scores: [1, 2, 2, 3], targets: [1, 0, 10, 4])
        #expect(fit.thresholds == [1, 2, 3])
        #expect(fit.values == [1, 14.0 / 3, 14.0 / 3])
        let weighted = try IsotonicRegression(scores: [1, 2], targets: [3, 1], weights: [3, 1])
        #expect(weighted.values == [2.5, 2.5])
    }

    @Test("Platt scaling without smoothing recovers the logistic curve through two groups' rates")
    func plattByHand() throws {
        // Score 0: 1 positive of 4; score 1: 3 of 4. σ(−(a·s + b)) must give 0.25 and 0.75.
        let scores: [Double] = [0, 0, 0, 0, 1, 1, 1, 1], labels: [Double] = [1, 0, 0, 0, 1, 1, 1, 0]
        let platt = try PlattScaling(scores: scores, labels: labels, smoothedTargets: false)
        #expect(abs(platt.intercept - log(3)) < 1e-9)
        #expect(abs(platt.slope + 2 * log(3)) < 1e-9)
        #expect(abs(platt.probability(1) - 0.75) < 1e-9)
    }

    @Test("smoothed targets keep Platt scaling finite when the scores separate the classes")
    func plattSeparated() throws {
        let platt = try PlattScaling(scores: [-2, -1, 1, 2], labels: [0, 0, 1, 1])
        #expect(platt.slope < 0 && platt.slope.isFinite)
        #expect(platt.probability(2) > 0.5 && platt.probability(2) < 1 && platt.probability(-2) < 0.5)
        #expect(throws: PredictionError.self) { try PlattScaling(scores: [-2, -1, 1, 2], labels: [0, 0, 1, 1], smoothedTargets: false) }
        #expect(throws: PredictionError.self) { try PlattScaling(scores: [1, 2], labels: [1, 1]) }
    }
}
