import Foundation
import Testing
@testable import TenureCore

/// Transforms, weighting, colours, alerts and definition checks, on values computed by hand.
@Suite("Health scoring")
struct HealthScoringTests {
    static let ticketBands = SignalTransform.bands([.init(below: 1, score: 100), .init(below: 3, score: 60), .init(below: nil, score: 0)])

    @Test("bands pick the first band the value is under; the last catches the rest")
    func bands() {
        #expect(Self.ticketBands.score(0, among: []) == 100)
        #expect(Self.ticketBands.score(1, among: []) == 60)
        #expect(Self.ticketBands.score(2.99, among: []) == 60)
        #expect(Self.ticketBands.score(3, among: []) == 0)
        #expect(Self.ticketBands.score(400, among: []) == 0)
    }

    @Test("linear is 0 at `from`, 100 at `to`, clamped outside, and may run downhill")
    func linear() {
        let rising = SignalTransform.linear(from: 0.25, to: 1)
        #expect(rising.score(0.25, among: []) == 0)
        #expect(rising.score(0.625, among: []) == 50)
        #expect(rising.score(3, among: []) == 100)
        #expect(rising.score(-1, among: []) == 0)
        let falling = SignalTransform.linear(from: 30, to: 0)
        #expect(falling.score(0, among: []) == 100)
        #expect(falling.score(15, among: []) == 50)
        #expect(falling.score(45, among: []) == 0)
    }

    @Test("percentile is the mid-rank among the accounts scored together, reversed when lower is better")
    func percentile() {
        let population = [1.0, 2, 2, 3, 10]
        let higher = SignalTransform.percentile(higherIsBetter: true)
        #expect(higher.score(1, among: population) == 10)      // (0 + 0.5) / 5
        #expect(higher.score(2, among: population) == 40)      // (1 + 1) / 5
        #expect(higher.score(10, among: population) == 90)     // (4 + 0.5) / 5
        #expect(abs(SignalTransform.percentile(higherIsBetter: false).score(10, among: population) - 10) < 1e-9)
    }

    static let definition = HealthDefinition(name: "Test", signals: [
        WeightedSignal(.loginTrend, weight: 50, transform: .linear(from: 0, to: 1)),
        WeightedSignal(.tickets60Days, weight: 30, transform: ticketBands),
        WeightedSignal(.latestNPS, weight: 20, transform: .linear(from: 0, to: 10)),
    ])

    @Test("the score is the weighted mean; a signal without data spreads its weight over the others")
    func weighting() throws {
        let scorer = HealthScorer(definition: Self.definition)
        let scores = scorer.score([
            .init(accountID: "full", segment: nil, values: SignalValues([.loginTrend: 0.8, .tickets60Days: 2, .latestNPS: 9])),
            .init(accountID: "no_nps", segment: nil, values: SignalValues([.loginTrend: 0.8, .tickets60Days: 2])),
        ])
        // 0.5 × 80 + 0.3 × 60 + 0.2 × 90 = 40 + 18 + 18
        #expect(abs(scores[0].score - 76) < 1e-9)
        #expect(scores[0].colour == .green)
        // Without NPS: (50 × 80 + 30 × 60) / 80 = 72.5
        #expect(abs(scores[1].score - 72.5) < 1e-9)
        let nps = try #require(scores[1].signals.first { $0.signal == .latestNPS })
        #expect(nps.raw == nil && nps.normalized == nil && nps.effectiveWeight == 0 && nps.contribution == 0)
        let trend = try #require(scores[1].signals.first { $0.signal == .loginTrend })
        #expect(abs(trend.effectiveWeight - 62.5) < 1e-9)
        #expect(abs(scores[1].signals.map(\.contribution).reduce(0, +) - scores[1].score) < 1e-9)
    }

    @Test("a `missing` score stands in for absent data instead of spreading the weight")
    func missingScore() {
        var definition = Self.definition
        definition.signals[2].missing = 0
        let score = HealthScorer(definition: definition).score([
            .init(accountID: "a", segment: nil, values: SignalValues([.loginTrend: 0.8, .tickets60Days: 2])),
        ])[0]
        #expect(abs(score.score - 58) < 1e-9)   // 40 + 18 + 0
        #expect(score.colour == .yellow)
    }

    @Test("colours follow the thresholds: red below, green above, yellow between inclusive")
    func colours() {
        let thresholds = HealthDefinition.Thresholds()
        #expect(thresholds.colour(of: 49.9) == .red)
        #expect(thresholds.colour(of: 50) == .yellow)
        #expect(thresholds.colour(of: 70) == .yellow)
        #expect(thresholds.colour(of: 70.1) == .green)
    }

    @Test("a segment's override replaces the signals and thresholds for its accounts only")
    func segmentOverride() {
        var definition = Self.definition
        definition.segments["enterprise"] = .init(
            signals: [WeightedSignal(.executiveSponsor, weight: 100, transform: .bands([.init(below: 0.5, score: 0), .init(below: nil, score: 100)]))],
            thresholds: .init(redBelow: 60, greenAbove: 80))
        let values = SignalValues([.loginTrend: 1, .tickets60Days: 0, .latestNPS: 10, .executiveSponsor: 0])
        let scores = HealthScorer(definition: definition).score([
            .init(accountID: "e", segment: "enterprise", values: values), .init(accountID: "s", segment: "smb", values: values),
        ])
        #expect(scores[0].score == 0 && scores[0].segment == "enterprise")
        #expect(scores[1].score == 100 && scores[1].segment == nil)
    }

    @Test("re-weighing a score from its 0–100 values equals scoring again with the new weights")
    func reweighing() {
        var heavier = Self.definition
        heavier.signals[0].weight = 20
        heavier.signals[1].weight = 60
        let subjects: [HealthScorer.Subject] = [
            .init(accountID: "a", segment: nil, values: SignalValues([.loginTrend: 0.3, .tickets60Days: 0, .latestNPS: 4])),
            .init(accountID: "b", segment: nil, values: SignalValues([.loginTrend: 1.2, .tickets60Days: 5])),
        ]
        let original = HealthScorer(definition: Self.definition).score(subjects)
        let direct = HealthScorer(definition: heavier).score(subjects)
        #expect(original.map { HealthScorer(definition: heavier).reweighed($0) } == direct)
    }

    @Test("adoption: breadth from feature and seat shares, depth from intensity against peers")
    func adoption() {
        let scores = HealthScorer(definition: Self.definition).score([
            .init(accountID: "a", segment: nil, values: SignalValues([.coreFeatureShare: 0.6, .activeSeatShare: 1.4, .coreIntensity: 10])),
            .init(accountID: "b", segment: nil, values: SignalValues([.coreFeatureShare: 0.2, .coreIntensity: 2])),
        ])
        #expect(scores[0].adoption.breadth == 80)   // (0.6 + 1.0 capped) / 2
        #expect(scores[0].adoption.depth == 75)     // (1 + 0.5) / 2
        #expect(scores[0].adoption.score == 77.5)
        #expect(abs(scores[1].adoption.breadth - 20) < 1e-9)
        #expect(scores[1].adoption.depth == 25)
    }

    @Test("an alert fires when the score fell by the drop from the window's peak, not from older peaks")
    func alerts() {
        let rule = HealthDefinition.AlertRule(drop: 15, withinDays: 30)
        let now = UTCCalendar.date(2026, 6, 1)
        let history: [(at: Date, score: Double)] = [(now.adding(days: -60), 95), (now.adding(days: -20), 80), (now.adding(days: -7), 70)]
        let alert = rule.alert(accountID: "a", score: 64, at: now, earlier: history)
        #expect(alert?.from == 80 && alert?.to == 64 && alert?.drop == 16 && alert?.fromAt == now.adding(days: -20))
        #expect(rule.alert(accountID: "a", score: 66, at: now, earlier: history) == nil)
        #expect(rule.alert(accountID: "a", score: 10, at: now, earlier: []) == nil)
    }

    /// A way to break ``definition``, and the field the error must name.
    enum Breakage: String, CaseIterable, Sendable {
        case weights, repeated, catchAll, order, score, linear, thresholds

        var field: String {
            switch self {
            case .weights: "signals"
            case .repeated: "signals[1].signal"
            case .catchAll: "signals[1].transform.bands[0].below"
            case .order: "signals[1].transform.bands[1].below"
            case .score: "signals[2].transform.bands[0].score"
            case .linear: "signals[0].transform.linear"
            case .thresholds: "thresholds.green_above"
            }
        }

        func apply(to definition: inout HealthDefinition) {
            switch self {
            case .weights: definition.signals[0].weight = 40
            case .repeated: definition.signals[1].signal = .loginTrend
            case .catchAll: definition.signals[1].transform = .bands([.init(below: 1, score: 100)])
            case .order:
                definition.signals[1].transform = .bands([.init(below: 3, score: 100), .init(below: 1, score: 50), .init(below: nil, score: 0)])
            case .score: definition.signals[2].transform = .bands([.init(below: nil, score: 120)])
            case .linear: definition.signals[0].transform = .linear(from: 1, to: 1)
            case .thresholds: definition.thresholds = .init(redBelow: 80, greenAbove: 60)
            }
        }
    }

    @Test("definitions are checked: weights sum to 100, bands ordered with a catch-all, no repeats", arguments: Breakage.allCases)
    func validation(breakage: Breakage) throws {
        try Self.definition.validate()
        var definition = Self.definition
        breakage.apply(to: &definition)
        let error = #expect(throws: ValidationError.self) { try definition.validate() }
        #expect(error?.field == breakage.field, "\(error.map(String.init(describing:)) ?? "")")
    }

    @Test("the standard definition is valid and its weights sum to 100")
    func standard() throws {
        try HealthDefinition.standard.validate()
        #expect(HealthDefinition.standard.signals.map(\.weight).reduce(0, +) == 100)
    }

    @Test("whole-point weights keep proportions and sum exactly to the total")
    func wholePoints() {
        #expect(HealthCalibration.wholePoints([1, 1, 1], summingTo: 100) == [34, 33, 33])
        #expect(HealthCalibration.wholePoints([0.5, 0.25, 0.25, 0], summingTo: 100) == [50, 25, 25, 0])
        #expect(HealthCalibration.wholePoints([0, 0], summingTo: 100) == [0, 0])
    }
}
