import Foundation
import Testing
@testable import TenureCore

@Suite("Dense linear algebra and feature scaling")
struct LinearAlgebraTests {
    // A = L·Lᵀ with L = [[2, 0, 0], [1, 3, 0], [-1, 2, 1]], multiplied out by hand.
    let matrix = try! DenseMatrix(rowValues: [[4, 2, -2], [2, 10, 5], [-2, 5, 6]])

    @Test("Cholesky recovers the hand-made lower factor, solves systems and inverts")
    func cholesky() throws {
        let factor = try CholeskyFactorization(matrix)
        #expect(factor.lower.values == [2, 0, 0, 1, 3, 0, -1, 2, 1])
        // A·[1, -1, 2] = [4 - 2 - 4, 2 - 10 + 10, -2 - 5 + 12] = [-2, 2, 5]
        let solution = factor.solve([-2, 2, 5])
        for (value, expected) in zip(solution, [1.0, -1, 2]) { #expect(abs(value - expected) < 1e-12) }
        let inverse = factor.inverse()
        for i in 0..<3 {
            for j in 0..<3 {
                let product = (0..<3).reduce(0.0) { $0 + matrix[i, $1] * inverse[$1, j] }
                #expect(abs(product - (i == j ? 1 : 0)) < 1e-12)
            }
        }
    }

    @Test("a matrix that is not positive definite is refused with the failing pivot")
    func notPositiveDefinite() throws {
        let singular = try DenseMatrix(rowValues: [[1, 2], [2, 4]])
        #expect(throws: PredictionError.self) { try CholeskyFactorization(singular) }
        do {
            _ = try CholeskyFactorization(try DenseMatrix(rowValues: [[1, 2], [2, 1]]))
            Issue.record("an indefinite matrix was factorised")
        } catch {
            #expect(error.code == .notPositiveDefinite)
            #expect(error.message.contains("pivot 1"))
        }
    }

    @Test("the weighted Gram matrix equals Σ wᵢ·xᵢ·xᵢᵀ, also when split over cores", arguments: [7, 40_001])
    func weightedGram(rows: Int) throws {
        var generator = SeededGenerator(seed: UInt64(rows))
        let columns = 5
        let x = try DenseMatrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in generator.normal() })
        let weights = (0..<rows).map { _ in generator.unit() }
        let gram = x.weightedGram(weights)
        for j in 0..<columns {
            for k in 0..<columns {
                let naive = (0..<rows).reduce(0.0) { $0 + weights[$1] * x[$1, j] * x[$1, k] }
                #expect(abs(gram[j, k] - naive) <= 1e-9 * max(1, abs(naive)))
            }
        }
    }

    @Test("products with a vector and with the transpose")
    func products() throws {
        let x = try DenseMatrix(rowValues: [[1, 2], [3, 4], [5, 6]])
        #expect(x.multiplied(by: [1, -1]) == [-1, -1, -1])
        #expect(x.transposeMultiplied(by: [1, 0, 2]) == [11, 14])
        #expect(try DenseMatrix(columnValues: [[1, 3, 5], [2, 4, 6]]) == x)
        #expect(throws: PredictionError.self) { try DenseMatrix(rowValues: [[1, 2], [3]]) }
    }

    @Test("scaling centres by the mean, divides by the population or sample deviation, and leaves constant columns at zero")
    func scaling() throws {
        let x = try DenseMatrix(columnValues: [[1, 2, 3, 4], [7, 7, 7, 7]])
        let population = FeatureScaling(fitting: x)
        #expect(population.means == [2.5, 7])
        #expect(abs(population.scales[0] - 1.25.squareRoot()) < 1e-15)
        #expect(population.scales[1] == 1 && population.isConstant == [false, true])
        let sample = FeatureScaling(fitting: x, deviation: .sample)
        #expect(abs(sample.scales[0] - (5.0 / 3).squareRoot()) < 1e-15)
        let design = population.standardized(x, appendingIntercept: true)
        #expect(design.columns == 3)
        #expect(design.column(1) == [0, 0, 0, 0] && design.column(2) == [1, 1, 1, 1])
        #expect(abs(design.column(0).reduce(0, +)) < 1e-12)
    }

    @Test("the normal quantile matches published values")
    func normalQuantile() {
        for (probability, z) in [(0.975, 1.959963984540054), (0.5, 0), (0.9, 1.2815515655446004),
                                 (0.999, 3.090232306167813), (1e-10, -6.361340902404056)] {
            #expect(abs(StandardNormal.quantile(probability) - z) < 1e-14)
        }
        #expect(abs(StandardNormal.twoSidedPValue(1.959963984540054) - 0.05) < 1e-15)
    }
}
