import Foundation
import Testing
@testable import TenureCore

@Suite("Cox proportional hazards")
struct CoxModelTests {
    // One covariate; x = 0 dies at 1; x = 1 and x = 0 die together at 2; x = 1 is censored at 3.
    let x: [Double] = [0, 1, 0, 1]
    let durations: [Double] = [1, 2, 2, 3]
    let events = [true, true, true, false]

    /// The log partial likelihood written out by hand for this data.
    func handLogLikelihood(_ beta: Double, _ ties: CoxTieMethod) -> Double {
        let e = exp(beta)
        let first = -log(2 + 2 * e)                         // risk set {0, 1, 0, 1}, event x = 0
        let risk = 1 + 2 * e, tied = e + 1                  // risk set {1, 0, 1}; tied events x = 1 and x = 0
        let second = ties == .efron ? beta - log(risk) - log(risk - tied / 2) : beta - 2 * log(risk)
        return first + second
    }

    @Test("the partial likelihood, gradient and Hessian match the hand-written formula", arguments: [CoxTieMethod.efron, .breslow])
    func partialLikelihood(ties: CoxTieMethod) throws {
        let likelihood = CoxPartialLikelihood(covariates: try DenseMatrix(columnValues: [x]), durations: durations, events: events, ties: ties)
        for beta in [-1.0, 0, 0.7] {
            let evaluation = likelihood.evaluate([beta])
            let h = 1e-4
            let slope = (handLogLikelihood(beta + h, ties) - handLogLikelihood(beta - h, ties)) / (2 * h)
            let curvature = (handLogLikelihood(beta + h, ties) - 2 * handLogLikelihood(beta, ties) + handLogLikelihood(beta - h, ties)) / (h * h)
            #expect(abs(evaluation.logLikelihood - handLogLikelihood(beta, ties)) < 1e-12)
            #expect(abs(evaluation.gradient[0] - slope) < 1e-7)
            #expect(abs(evaluation.hessian[0, 0] - curvature) < 1e-5)
        }
    }

    @Test("the fit maximises the hand-written likelihood; the baseline hazard is Breslow's at the means")
    func fitByHand() throws {
        let model = try CoxProportionalHazards(tolerance: 1e-12).fit(covariates: try DenseMatrix(columnValues: [x]), durations: durations, events: events)
        let beta = model.coefficients[0]
        let h = 1e-4
        let slope = (handLogLikelihood(beta + h, .efron) - handLogLikelihood(beta - h, .efron)) / (2 * h)
        #expect(abs(slope) < 1e-7)
        #expect(abs(model.logLikelihood - handLogLikelihood(beta, .efron)) < 1e-12)
        let curvature = (handLogLikelihood(beta + h, .efron) - 2 * handLogLikelihood(beta, .efron) + handLogLikelihood(beta - h, .efron)) / (h * h)
        #expect(abs(model.standardErrors[0] - (-1 / curvature).squareRoot()) < 1e-5)
        // Centred at the mean x = 0.5: φ = exp(±β/2); at time 1: 1 / Σφ over all four; at 2: 2 / Σφ over the last three.
        let low = exp(-beta / 2), high = exp(beta / 2)
        let step1 = 1 / (2 * low + 2 * high), step2 = 2 / (low + 2 * high)
        #expect(model.baselineCumulativeHazard.map(\.time) == [1, 2, 3])
        #expect(abs(model.baselineCumulativeHazard[0].cumulativeHazard - step1) < 1e-12)
        #expect(abs(model.baselineCumulativeHazard[2].cumulativeHazard - (step1 + step2)) < 1e-12)
        #expect(abs(model.survival([1], at: 2.5) - exp(-(step1 + step2) * high)) < 1e-12)
        #expect(model.survival([1], at: 0.5) == 1)
    }

    @Test("Harrell's C counts comparable pairs, half for tied risks, censored ties as later")
    func concordance() throws {
        // Subjects 0…4 with durations 1, 2, 2, 3, 2 (4 censored) and risks 3, 2, 1, 2, 1. Comparable
        // pairs: (0,1) (0,2) (0,3) (0,4) (1,3) (2,3), and (1,4) (2,4) because 4 is censored when 1 and 2
        // die; 1 and 2 die together, so they are not compared. Higher risk first: (0,1) (0,2) (0,3)
        // (0,4) (1,4); tied: (1,3) (2,4); wrong: (2,3). C = (5 + 2/2) / 8, as lifelines computes it.
        let c = try ConcordanceIndex.harrell(durations: [1, 2, 2, 3, 2], riskScores: [3, 2, 1, 2, 1],
                                             events: [true, true, true, true, false])
        #expect(abs(c - 0.75) < 1e-15)
        #expect(throws: PredictionError.self) { try ConcordanceIndex.harrell(durations: [1, 2], riskScores: [1, 2], events: [false, false]) }
    }

    @Test("a fitted model survives a JSON round trip; a stored model with mismatched lists is refused")
    func coding() throws {
        let model = try CoxProportionalHazards().fit(covariates: try DenseMatrix(columnValues: [x]), durations: durations, events: events)
        let json = try JSONEncoder().encode(model)
        #expect(try JSONDecoder().decode(CoxModel.self, from: json) == model)
        var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        object["means"] = [0.5, 1]
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CoxModel.self, from: try JSONSerialization.data(withJSONObject: object)) }
        let matrix = Data(#"{"rows": 2, "columns": 2, "values": [1, 2, 3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DenseMatrix.self, from: matrix) }
    }

    @Test("a constant covariate, no events and mismatched lengths are refused")
    func invalidInput() throws {
        let fitter = CoxProportionalHazards()
        #expect(throws: PredictionError.self) {
            try fitter.fit(covariates: try DenseMatrix(columnValues: [x, [1, 1, 1, 1]]), durations: durations, events: events)
        }
        #expect(throws: PredictionError.self) {
            try fitter.fit(covariates: try DenseMatrix(columnValues: [x]), durations: durations, events: [false, false, false, false])
        }
        #expect(throws: PredictionError.self) { try fitter.fit(covariates: try DenseMatrix(columnValues: [x]), durations: [1], events: [true]) }
    }

    /// Twelve subjects: `order` is higher the sooner the subject churns (it orders every event perfectly), `noise` is not.
    static let separated = (order: (0..<12).map { Double(12 - $0) }, noise: (0..<12).map { Double(($0 * 7) % 5) },
                            durations: (0..<12).map { Double($0 + 1) }, events: (0..<12).map { $0 % 3 != 2 })

    @Test("a covariate that orders every event is named as the cause, not collinearity; a penalizer fits it")
    func separation() throws {
        let data = Self.separated
        let covariates = try DenseMatrix(columnValues: [data.noise, data.order])
        do {
            _ = try CoxProportionalHazards().fit(covariates: covariates, durations: data.durations, events: data.events)
            Issue.record("a separated data set was fitted")
        } catch {
            #expect(error.code == .notConverged && error.column == 1, "\(error)")
            #expect(error.description(naming: ["noise", "order"]).hasPrefix("covariate order orders the events (nearly) perfectly"), "\(error)")
        }
        let penalised = try CoxProportionalHazards(penalizer: 0.1).fit(covariates: covariates, durations: data.durations, events: data.events)
        #expect(penalised.coefficients[1] > 0 && penalised.coefficients.allSatisfy(\.isFinite))
        // Collinear covariates are still told apart from separation: the information matrix is singular from the start.
        let collinear = try DenseMatrix(columnValues: [data.noise, data.noise.map { 2 * $0 + 1 }])
        do {
            _ = try CoxProportionalHazards().fit(covariates: collinear, durations: data.durations, events: data.events)
            Issue.record("collinear covariates were fitted")
        } catch {
            #expect(error.code == .notPositiveDefinite && error.column == nil, "\(error)")
        }
    }
}
