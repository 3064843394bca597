import Foundation
import Testing
@testable import TenureCore

/// The effect estimate: Wilson intervals, Newcombe's hybrid score interval of the difference, significance and notes.
@Suite("Effect estimate")
struct EffectEstimateTests {
    static func estimate(_ treatedEvents: Int, of treated: Int, _ controlEvents: Int, of control: Int) -> EffectEstimate {
        EffectEstimate(treated: .init(count: treated, events: treatedEvents), control: .init(count: control, events: controlEvents))
    }

    static func close(_ value: Double?, _ expected: Double, within tolerance: Double = 1e-12) -> Bool {
        value.map { abs($0 - expected) <= tolerance } ?? false
    }

    // Expected values: Newcombe (1998), "Interval estimation for the difference between independent proportions",
    // Statistics in Medicine 17, Table II, method 10 (four decimals, z = 1.96); the full digits computed in Python from the
    // same formulas with z = NormalDist().inv_cdf(0.975) (statsmodels is not installed here to cross-check).

    @Test("Wilson score intervals of each group")
    func wilson() {
        let treated = EffectEstimate.Group(count: 70, events: 56)
        #expect(Self.close(treated.interval?.lowerBound, 0.6918335550374693) && Self.close(treated.interval?.upperBound, 0.8769526075163704))
        let control = EffectEstimate.Group(count: 80, events: 48)
        #expect(Self.close(control.interval?.lowerBound, 0.490454650051604) && Self.close(control.interval?.upperBound, 0.7003817240412906))
        let none = EffectEstimate.Group(count: 10, events: 0)
        #expect(none.interval?.lowerBound == 0 && Self.close(none.interval?.upperBound, 0.27753279986288915))
        let empty = EffectEstimate.Group(count: 0, events: 0)
        #expect(treated.rate == 0.8 && empty.rate == nil && empty.interval == nil)
    }

    @Test("Newcombe's example (a), 56/70 against 48/80: difference 0.2000, interval 0.0524 to 0.3339")
    func newcombeExample() {
        let effect = Self.estimate(56, of: 70, 48, of: 80)
        #expect(Self.close(effect.difference, 0.2))
        #expect(Self.close(effect.low, 0.0524314724023649) && Self.close(effect.low, 0.0524, within: 5e-5))
        #expect(Self.close(effect.high, 0.3338726540369059) && Self.close(effect.high, 0.3339, within: 5e-5))
        #expect(effect.significant && effect.note == nil)
    }

    @Test("zero events: Newcombe's (e) 0/10 against 0/20 gives -0.1611 to 0.2775, and (d) 5/56 against 0/29 -0.0381 to 0.1926")
    func zeroEvents() {
        let none = Self.estimate(0, of: 10, 0, of: 20)
        #expect(none.difference == 0)
        #expect(Self.close(none.low, -0.16112515805281932) && Self.close(none.high, 0.27753279986288915))
        #expect(!none.significant && none.note == "too few accounts to tell (treated 10, held out 20)")
        let few = Self.estimate(5, of: 56, 0, of: 29)
        #expect(Self.close(few.difference, 0.08928571428571429))
        #expect(Self.close(few.low, -0.03813714790353685) && Self.close(few.high, 0.19256001385511157))
        #expect(!few.significant)
    }

    @Test("significant only when the interval leaves out zero and both groups have at least ten accounts")
    func significance() {
        // (g) 10/10 against 0/20: interval 0.6791 to 1.0000.
        let clear = Self.estimate(10, of: 10, 0, of: 20)
        #expect(Self.close(clear.low, 0.6790860371419147) && Self.close(clear.high, 1, within: 1e-9))
        #expect(clear.significant && clear.note == "too few accounts to tell (treated 10, held out 20)")
        // A lower churn rate: 90/400 against 120/400, interval -0.1353 to -0.0140.
        let lower = Self.estimate(90, of: 400, 120, of: 400)
        #expect(Self.close(lower.difference, -0.075) && Self.close(lower.low, -0.13528192529406946) && Self.close(lower.high, -0.01400397977162382))
        #expect(lower.significant && lower.note == nil)
        // 9/9 against 0/9 excludes zero too, but nine accounts are too few to call it.
        let tiny = Self.estimate(9, of: 9, 0, of: 9)
        #expect(tiny.low! > 0 && !tiny.significant)
    }

    @Test("empty groups give no difference and say which group is missing")
    func emptyGroups() {
        let noControl = Self.estimate(4, of: 40, 0, of: 0)
        #expect(noControl.difference == nil && noControl.low == nil && noControl.high == nil && !noControl.significant)
        #expect(noControl.note == "no held-out accounts yet")
        #expect(Self.estimate(0, of: 0, 1, of: 5).note == "no enrolled accounts yet")
        #expect(Self.estimate(0, of: 0, 0, of: 0).note == "no enrolled or held-out accounts yet")
        #expect(Self.estimate(1, of: 4, 0, of: 2).note == "too few accounts to tell (treated 4, held out 2)")
    }

    @Test("encodes its groups, difference, interval and note")
    func coding() throws {
        let effect = Self.estimate(56, of: 70, 48, of: 80)
        let decoded = try JSONDecoder().decode(EffectEstimate.self, from: JSONEncoder().encode(effect))
        #expect(decoded == effect)
    }
}
