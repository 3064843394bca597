import Foundation
import Testing
@testable import TenureCore

@Suite("Shifted-beta-geometric retention")
struct ShiftedBetaGeometricTests {
    @Test("the two cohorts of Fader & Hardie (2007) give the paper's α and β", arguments: [
        ([1000.0, 631, 468, 382, 326, 289, 262, 241], 0.704, 1.182),   // "regular"
        ([1000.0, 869, 743, 653, 593, 551, 517, 491], 0.668, 3.806),   // "high end"
    ])
    func paperCohorts(survivors: [Double], alpha: Double, beta: Double) throws {
        let fit = try ShiftedBetaGeometric.fit(survivors: survivors)
        #expect(fit.converged)
        #expect(abs(fit.model.alpha - alpha) < 0.0005 && abs(fit.model.beta - beta) < 0.0005)
        // The maximum: nudging either parameter lowers the likelihood.
        for (da, db) in [(1e-3, 0.0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)] {
            let nudged = try ShiftedBetaGeometric(alpha: fit.model.alpha + da, beta: fit.model.beta + db)
            #expect(nudged.logLikelihood(survivors: survivors) < fit.logLikelihood)
        }
    }

    @Test("survival, churn and retention agree with each other and with B(α, β + t) / B(α, β)")
    func identities() throws {
        let model = try ShiftedBetaGeometric(alpha: 0.668, beta: 3.806)
        func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }
        for t in 1...12 {
            #expect(abs(model.survival(period: t) - exp(logBeta(0.668, 3.806 + Double(t)) - logBeta(0.668, 3.806))) < 1e-12)
            #expect(abs(model.survival(period: t - 1) - model.survival(period: t) - model.churnProbability(period: t)) < 1e-15)
            #expect(abs(model.retentionRate(period: t) + model.churnRate(period: t) - 1) < 1e-15)
        }
        #expect(model.projectedSurvival(periods: 3) == (1...3).map { model.survival(period: $0) })
        // Heterogeneity: the retention rate rises over time.
        #expect(model.retentionRate(period: 2) > model.retentionRate(period: 1))
    }

    @Test("DERL's hypergeometric form equals the discounted sum of survival probabilities", arguments: [0, 3, 7])
    func derl(renewals: Int) throws {
        let model = try ShiftedBetaGeometric(alpha: 0.668, beta: 3.806)
        let d = 0.1, n = renewals + 1
        // Σₖ≥₀ S(n + k) / S(n − 1) / (1 + d)ᵏ: the next payment undiscounted, each later one discounted once more.
        var brute = 0.0, ratio = 1.0
        for k in 0..<5_000 {
            ratio = k == 0 ? model.retentionRate(period: n) : ratio * model.retentionRate(period: n + k)
            brute += ratio / pow(1 + d, Double(k))
        }
        let derl = try model.discountedExpectedResidualLifetime(discountRate: d, renewals: renewals)
        #expect(abs(derl - brute) < 1e-10)
        #expect(abs(try model.expectedResidualValue(marginPerPeriod: 50, discountRate: d, renewals: renewals) - 50 * derl) < 1e-9)
        #expect(throws: PredictionError.self) { try model.discountedExpectedResidualLifetime(discountRate: 0, renewals: renewals) }
    }

    @Test("the hypergeometric series matches the closed form ₂F₁(1, 1; 2; z) = −log(1 − z) / z")
    func hypergeometric() throws {
        for z in [0.1, 0.5, 0.9, 0.999] {
            #expect(abs(try ShiftedBetaGeometric.hypergeometric(b: 1, c: 2, z: z) - (-log(1 - z) / z)) < 1e-12)
        }
    }

    @Test("a cohort simulated from known α and β gives them back")
    func simulation() throws {
        var generator = SeededGenerator(seed: 2007)
        let (alpha, beta) = (0.9, 2.5)
        var survivors = [Double](repeating: 0, count: 9)
        for _ in 0..<200_000 {
            let x = gamma(alpha, &generator), y = gamma(beta, &generator)
            let churn = x / (x + y)
            var period = 0
            while period < 8 {
                survivors[period] += 1
                if generator.chance(churn) { break }
                period += 1
            }
            if period == 8 { survivors[8] += 1 }
        }
        let fit = try ShiftedBetaGeometric.fit(survivors: survivors)
        #expect(abs(fit.model.alpha / alpha - 1) < 0.06, "α = \(fit.model.alpha)")
        #expect(abs(fit.model.beta / beta - 1) < 0.06, "β = \(fit.model.beta)")
    }

    /// A Gamma(shape, 1) draw (Marsaglia & Tsang, with the shape + 1 boost below 1).
    func gamma(_ shape: Double, _ generator: inout SeededGenerator) -> Double {
        if shape < 1 { return gamma(shape + 1, &generator) * pow(max(generator.unit(), 1e-300), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let x = generator.normal(), v = pow(1 + c * x, 3)
            guard v > 0 else { continue }
            if log(max(generator.unit(), 1e-300)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    @Test("survivors that grow, never churn or are too few are refused")
    func invalidInput() {
        #expect(throws: PredictionError.self) { try ShiftedBetaGeometric.fit(survivors: [1000]) }
        #expect(throws: PredictionError.self) { try ShiftedBetaGeometric.fit(survivors: [1000, 900, 950]) }
        #expect(throws: PredictionError.self) { try ShiftedBetaGeometric.fit(survivors: [1000, 1000]) }
        #expect(throws: PredictionError.self) { try ShiftedBetaGeometric(alpha: 0, beta: 1) }
    }
}
