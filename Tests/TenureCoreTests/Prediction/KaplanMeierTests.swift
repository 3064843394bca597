import Foundation
import Testing
@testable import TenureCore

@Suite("Kaplan–Meier survival")
struct KaplanMeierTests {
    // Six subjects: events at 1, 2, 3, 6; censored at 2 and 5.
    let durations: [Double] = [1, 2, 2, 3, 5, 6]
    let events = [true, true, false, true, false, true]

    @Test("the table, worked by hand: survival multiplies (n − d)/n at each time")
    func tableByHand() throws {
        let estimate = try KaplanMeierEstimate(durations: durations, events: events)
        #expect(estimate.rows.map(\.time) == [0, 1, 2, 3, 5, 6])
        #expect(estimate.rows.map(\.atRisk) == [6, 6, 5, 3, 2, 1])
        #expect(estimate.rows.map(\.events) == [0, 1, 1, 1, 0, 1])
        #expect(estimate.rows.map(\.censored) == [0, 0, 1, 0, 1, 0])
        let expected = [1, 5.0 / 6, 5.0 / 6 * 4 / 5, 5.0 / 6 * 4 / 5 * 2 / 3, 5.0 / 6 * 4 / 5 * 2 / 3, 0]
        for (row, survival) in zip(estimate.rows, expected) { #expect(abs(row.survival - survival) < 1e-15) }
        #expect(estimate.medianSurvivalTime == 3)
        #expect(estimate.survival(at: 2.5) == estimate.rows[2].survival)
        #expect(estimate.survival(at: 0.5) == 1 && estimate.survival(at: 100) == 0)
    }

    @Test("bands are exponential Greenwood on the log(−log) scale, as lifelines prints them")
    func bands() throws {
        let estimate = try KaplanMeierEstimate(durations: durations, events: events)
        // Greenwood at time 2: 1/(6·5) + 1/(5·4).
        let s = 2.0 / 3, variance = 1.0 / 30 + 1.0 / 20, z = 1.959963984540054
        let lower = exp(-exp(log(-log(s)) + z * variance.squareRoot() / -log(s)))
        #expect(abs(estimate.rows[2].lower - lower) < 1e-12)
        // lifelines 0.30.3, KaplanMeierFitter().fit([1,2,2,3,5,6], [1,1,0,1,0,1]) to six decimals.
        let lifelines: [(Double, Double)] = [(1, 1), (0.273123, 0.974712), (0.194617, 0.904434),
                                             (0.066187, 0.784908), (0.066187, 0.784908), (0, 0)]
        for (row, band) in zip(estimate.rows, lifelines) {
            #expect(abs(row.lower - band.0) < 5e-7 && abs(row.upper - band.1) < 5e-7)
        }
    }

    @Test("a curve that stays above one half has no median, and events at time 0 drop it at once")
    func edges() throws {
        let high = try KaplanMeierEstimate(durations: [1, 2, 3], events: [true, false, false])
        #expect(high.medianSurvivalTime == nil)
        let atZero = try KaplanMeierEstimate(durations: [0, 0, 4], events: [true, false, true])
        #expect(atZero.rows.map(\.time) == [0, 4])
        #expect(abs(atZero.rows[0].survival - 2.0 / 3) < 1e-15)
        #expect(throws: PredictionError.self) { try KaplanMeierEstimate(durations: [-1], events: [true]) }
        #expect(throws: PredictionError.self) { try KaplanMeierEstimate(durations: [], events: []) }
    }

    @Test("groups are estimated separately and listed by name")
    func groups() throws {
        let grouped = try KaplanMeierEstimate.byGroup(durations: durations + [4, 4], events: events + [true, true],
                                                      groups: ["b", "a", "b", "a", "b", "a", "c", "c"])
        #expect(grouped.map(\.group) == ["a", "b", "c"])
        #expect(grouped[0].estimate.rows.map(\.time) == [0, 2, 3, 6])
        #expect(grouped[2].estimate.rows.last?.survival == 0)
    }
}
