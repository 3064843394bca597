import Foundation
import Testing
@testable import TenureCore

@Suite("Classifier evaluation")
struct ClassifierEvaluationTests {
    @Test("ROC AUC counts tied scores as half a correct ordering")
    func aucWithTies() throws {
        // Positives 0.35, 0.4, 0.8 against negatives 0.1, 0.4: of 6 pairs, 4 are ordered right,
        // 0.4 vs 0.4 is a tie (½) and 0.35 < 0.4 is wrong: (4 + 0.5) / 6.
        let auc = try ClassifierEvaluation.rocAUC(scores: [0.1, 0.4, 0.35, 0.8, 0.4], labels: [0, 0, 1, 1, 1])
        #expect(abs(auc - 4.5 / 6) < 1e-15)
        #expect(try ClassifierEvaluation.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1]) == 0.75)
    }

    @Test("average precision sums precision at each recall step")
    func averagePrecision() throws {
        // Descending: 0.8 (+) P=1 R=.5; 0.4 (−); 0.35 (+) P=2/3 R=1 → 0.5·1 + 0.5·2/3.
        let ap = try ClassifierEvaluation.averagePrecision(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        #expect(abs(ap - (0.5 + 1.0 / 3)) < 1e-15)
        // A tie between a positive and a negative is one threshold: precision ½ at recall 1 after 0.9 (+).
        let tied = try ClassifierEvaluation.averagePrecision(scores: [0.9, 0.5, 0.5], labels: [1, 1, 0])
        #expect(abs(tied - (0.5 + 0.5 * 2.0 / 3)) < 1e-15)
    }

    @Test("Brier score and top-decile lift by hand")
    func brierAndLift() throws {
        let brier = try ClassifierEvaluation.brierScore(probabilities: [0.1, 0.9, 0.8, 0.3], labels: [0, 1, 1, 0])
        #expect(abs(brier - (0.01 + 0.01 + 0.04 + 0.09) / 4) < 1e-15)
        // 20 rows, 4 positives (rate 0.2); the top 2 scores hold 1 positive (rate 0.5): lift 2.5.
        let scores = (0..<20).map(Double.init)
        let labels: [Double] = (0..<20).map { [19, 5, 6, 7].contains($0) ? 1 : 0 }
        #expect(abs(try ClassifierEvaluation.topDecileLift(scores: scores, labels: labels) - 2.5) < 1e-12)
    }

    @Test("ranking measures refuse labels of one class, naming it")
    func oneClass() {
        do {
            _ = try ClassifierEvaluation.rocAUC(scores: [0.2, 0.3], labels: [1, 1])
            Issue.record("AUC of positives only")
        } catch {
            #expect(error.code == .oneClass && error.message.contains("only positives"))
        }
        #expect(throws: PredictionError.self) { try ClassifierEvaluation.averagePrecision(scores: [0.2], labels: [0]) }
        #expect(throws: PredictionError.self) { try ClassifierEvaluation.topDecileLift(scores: [0.2], labels: [0]) }
    }

    @Test("a calibration table bins by equal width or quantile and leaves empty bins out")
    func calibrationTable() throws {
        let probabilities = [0.05, 0.15, 0.1, 0.85, 0.95, 0.92]
        let labels: [Double] = [0, 0, 1, 1, 1, 0]
        let table = try CalibrationTable(probabilities: probabilities, labels: labels, binCount: 2)
        #expect(table.bins.count == 2)
        #expect(table.bins[0].count == 3 && abs(table.bins[0].meanPredicted - 0.1) < 1e-15 && abs(table.bins[0].observedRate - 1.0 / 3) < 1e-15)
        #expect(table.bins[1].lower == 0.5 && table.bins[1].observedRate == 2.0 / 3)
        let fine = try CalibrationTable(probabilities: probabilities, labels: labels, binCount: 10)
        #expect(fine.bins.map(\.count) == [2, 1, 1, 2])   // 0.1 sits on an edge and goes to the lower bin
        let quantiles = try CalibrationTable(probabilities: probabilities, labels: labels, binCount: 3, binning: .quantile)
        #expect(quantiles.bins.map(\.count) == [2, 2, 2])
    }
}
