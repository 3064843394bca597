import Foundation

extension ShiftedBetaGeometric {
    /// Discounted expected residual lifetime (DERL) of Fader & Hardie, "Customer-base valuation in a
    /// contractual setting: the perils of ignoring heterogeneity" (Marketing Science, 2010): the
    /// expected number of further payments, each discounted by `discountRate` per period, of a
    /// customer who has made `renewals` renewals (n − 1 in the paper) and is about to decide on the
    /// next one, whose payment — if they renew — counts undiscounted:
    ///
    ///     DERL(d | α, β, n − 1 renewals) = [B(α, β + n) / B(α, β + n − 1)] · ₂F₁(1, β + n; α + β + n; 1/(1 + d)).
    ///
    /// Multiply by the margin per period for the customer's expected residual value. Throws unless
    /// `discountRate` is positive (the series diverges without discounting when α ≤ 1).
    public func discountedExpectedResidualLifetime(discountRate: Double, renewals: Int) throws(PredictionError) -> Double {
        guard discountRate > 0, discountRate.isFinite else {
            throw PredictionError(.invalidInput, "the discount rate must be positive and finite, not \(discountRate)")
        }
        guard renewals >= 0 else { throw PredictionError(.invalidInput, "renewals must not be negative, not \(renewals)") }
        let n = Double(renewals + 1)
        let series = try Self.hypergeometric(b: beta + n, c: alpha + beta + n, z: 1 / (1 + discountRate))
        return retentionRate(period: renewals + 1) * series
    }

    /// Expected residual value of such a customer: DERL × `marginPerPeriod` (in the margin's currency units).
    public func expectedResidualValue(marginPerPeriod: Double, discountRate: Double, renewals: Int) throws(PredictionError) -> Double {
        try discountedExpectedResidualLifetime(discountRate: discountRate, renewals: renewals) * marginPerPeriod
    }

    /// Gauss's hypergeometric function ₂F₁(1, b; c; z) = Σₖ (b)ₖ/(c)ₖ·zᵏ for 0 < b < c and 0 ≤ z < 1.
    /// Successive terms shrink by (b + k)/(c + k)·z ≤ z, so the tail after a term t is at most
    /// t·z/(1 − z); the sum stops once that bound is below 1e-15 of the sum. Throws if that takes
    /// more than a million terms (z within about 1e-5 of 1).
    static func hypergeometric(b: Double, c: Double, z: Double) throws(PredictionError) -> Double {
        precondition(z >= 0 && z < 1 && b > 0 && c > b, "the series is summed for 0 ≤ z < 1 and 0 < b < c")
        var term = 1.0, sum = 1.0
        for k in 0..<1_000_000 {
            term *= (b + Double(k)) / (c + Double(k)) * z
            sum += term
            if term * z / (1 - z) <= 1e-15 * sum { return sum }
        }
        throw PredictionError(.notConverged, "the hypergeometric series ₂F₁(1, \(b); \(c); \(z)) did not converge in a million terms")
    }
}
