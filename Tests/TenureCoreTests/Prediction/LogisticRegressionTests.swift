import Foundation
import Testing
@testable import TenureCore

@Suite("Logistic regression")
struct LogisticRegressionTests {
    func logit(_ p: Double) -> Double { log(p / (1 - p)) }

    @Test("without a penalty, one binary feature gives the log odds of each group by hand")
    func oddsRatio() throws {
        // Group 0: 1 positive of 4; group 1: 3 positives of 5.
        let feature: [Double] = [0, 0, 0, 0, 1, 1, 1, 1, 1]
        let labels: [Double] = [1, 0, 0, 0, 1, 1, 1, 0, 0]
        let model = try LogisticRegression(inverseRegularization: .infinity)
            .fit(features: try DenseMatrix(columnValues: [feature]), labels: labels)
        #expect(model.converged)
        #expect(abs(model.intercept - logit(0.25)) < 1e-9)
        #expect(abs(model.coefficients[0] - (logit(0.6) - logit(0.25))) < 1e-9)
        #expect(abs(model.probability([1]) - 0.6) < 1e-9)
        // At the maximum every row's probability is its group's rate.
        let expectedLogLikelihood = log(0.25) + 3 * log(0.75) + 3 * log(0.6) + 2 * log(0.4)
        #expect(abs(model.logLikelihood - expectedLogLikelihood) < 1e-9)
    }

    @Test("the penalised fit satisfies its optimality conditions on the standardised scale")
    func optimality() throws {
        var generator = SeededGenerator(seed: 7)
        let rows = 500
        let columns = [(0..<rows).map { _ in generator.normal(mean: 10, deviation: 3) },
                       (0..<rows).map { _ in generator.unit() * 100 },
                       (0..<rows).map { _ in generator.chance(0.3) ? 1.0 : 0 }]
        let labels = (0..<rows).map { row in generator.chance(1 / (1 + exp(-(columns[0][row] - 10) / 2 - columns[2][row]))) ? 1.0 : 0 }
        let features = try DenseMatrix(columnValues: columns)
        let c = 0.05
        let model = try LogisticRegression(inverseRegularization: c).fit(features: features, labels: labels)
        // w + C·Σ (p − y)·z = 0 for each standardised feature z, and Σ (p − y) = 0 for the intercept.
        let standardized = model.scaling.standardized(features)
        let residuals = model.probabilities(features).enumerated().map { $0.element - labels[$0.offset] }
        #expect(abs(residuals.reduce(0, +)) < 1e-8)
        for j in 0..<3 {
            let gradient = model.standardizedCoefficients[j] + c * (0..<rows).reduce(0.0) { $0 + residuals[$1] * standardized[$1, j] }
            #expect(abs(gradient) < 1e-8)
            #expect(abs(model.coefficients[j] * model.scaling.scales[j] - model.standardizedCoefficients[j]) < 1e-12)
        }
        // The original-scale intercept predicts at x = 0 what the standardised model predicts there.
        let atZero = model.standardizedIntercept + (0..<3).reduce(0.0) {
            $0 + model.standardizedCoefficients[$1] * (0 - model.scaling.means[$1]) / model.scaling.scales[$1]
        }
        #expect(abs(model.intercept - atZero) < 1e-9)
    }

    @Test("without a penalty, a weight of 2 is the same as the row appearing twice")
    func sampleWeights() throws {
        let x: [Double] = [0.5, 1.5, 2, 3, 3.5, 4], y: [Double] = [0, 0, 1, 0, 1, 1]
        let fitter = LogisticRegression(inverseRegularization: .infinity)
        let weighted = try fitter.fit(features: try DenseMatrix(columnValues: [x]), labels: y, sampleWeights: [1, 2, 1, 1, 2, 1])
        let repeated = try fitter.fit(features: try DenseMatrix(columnValues: [x + [1.5, 3.5]]), labels: y + [0, 1])
        #expect(abs(weighted.coefficients[0] - repeated.coefficients[0]) < 1e-9)
        #expect(abs(weighted.intercept - repeated.intercept) < 1e-9)
        #expect(abs(weighted.logLikelihood - repeated.logLikelihood) < 1e-9)
    }

    @Test("labels other than 0 and 1, mismatched lengths and a non-positive C are refused")
    func invalidInput() throws {
        let x = try DenseMatrix(columnValues: [[1, 2, 3]])
        #expect(throws: PredictionError.self) { try LogisticRegression().fit(features: x, labels: [0, 1, 2]) }
        #expect(throws: PredictionError.self) { try LogisticRegression().fit(features: x, labels: [0, 1]) }
        #expect(throws: PredictionError.self) { try LogisticRegression(inverseRegularization: 0).fit(features: x, labels: [0, 1, 1]) }
    }
}
