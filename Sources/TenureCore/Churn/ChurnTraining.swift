import Foundation

/// One account at one past cut-off, with what happened next: the material a
/// churn model learns from and is judged on.
public struct ChurnSample: Hashable, Sendable {
    public var subject: AccountState
    /// Whether the account churned within the horizon after the cut-off.
    public var churned: Bool
    /// Days from the cut-off to its churn, if it churned before the data ends.
    public var daysToChurn: Double?
    /// Days from the cut-off to the end of the data (the censoring time when it did not churn).
    public var observedDays: Double

    public init(subject: AccountState, churned: Bool, daysToChurn: Double?, observedDays: Double) {
        self.subject = subject
        self.churned = churned
        self.daysToChurn = daysToChurn
        self.observedDays = observedDays
    }
}

/// Fits ``ChurnModel``s: an L2-regularised logistic regression on the
/// standardised features, Platt calibration on later cut-offs the
/// regression did not see, and a (lightly penalised) Cox model of time to churn.
public struct ChurnTrainer: Sendable {
    /// C of the logistic regression (smaller: stronger penalty).
    public var inverseRegularization: Double
    /// L2 penalty of the Cox model, which keeps near-certain features (a scheduled cancellation) finite.
    public var coxPenalizer: Double
    public var horizonDays: Int

    public init(inverseRegularization: Double = 1, coxPenalizer: Double = 0.1, horizonDays: Int = 90) {
        self.inverseRegularization = inverseRegularization
        self.coxPenalizer = coxPenalizer
        self.horizonDays = horizonDays
    }

    /// Fits on `training`; calibrates on `calibration` when it holds both outcomes.
    public func fit(training: [ChurnSample], calibration: [ChurnSample]) throws(PredictionError) -> ChurnModel {
        let segments = Set(training.compactMap(\.subject.segment)).sorted()
        let features = ChurnFeatures.fixed + segments.dropFirst().map { ChurnFeatures.segmentPrefix + $0 }
        let rows = training.map { ChurnFeatures.values(of: $0.subject) }
        let imputation = features.map { name -> Double in
            if name.hasPrefix(ChurnFeatures.segmentPrefix) { return 0 }
            let present = rows.compactMap { $0[name] }
            return present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
        }
        let filled = rows.flatMap { row in
            features.indices.map { row[features[$0]] ?? imputation[$0] }
        }
        let matrix = try DenseMatrix(rows: rows.count, columns: features.count, values: filled)
        let fitted = try LogisticRegression(inverseRegularization: inverseRegularization)
            .fit(features: matrix, labels: training.map { $0.churned ? 1 : 0 })
        var model = ChurnModel(
            features: features, imputation: imputation, means: fitted.scaling.means, scales: fitted.scaling.scales,
            coefficients: fitted.standardizedCoefficients, intercept: fitted.standardizedIntercept, horizonDays: horizonDays)
        if calibration.contains(where: \.churned) && calibration.contains(where: { !$0.churned }) {
            let platt = try PlattScaling(scores: calibration.map { model.logOdds(model.standardizedRow($0.subject)) },
                                         labels: calibration.map { $0.churned ? 1 : 0 })
            // Platt's form is 1 / (1 + exp(A·f + B)); the model keeps σ(a·f + b), so a = −A, b = −B.
            model.calibrationSlope = -platt.slope
            model.calibrationOffset = -platt.intercept
        }
        let rowsStandardized = training.map { model.standardizedRow($0.subject) }
        model.survivalColumns = features.indices.filter { column in
            rowsStandardized.contains { $0[column] != rowsStandardized[0][column] }
        }
        let standardized = try DenseMatrix(rowValues: rowsStandardized.map(model.survivalRow))
        model.survival = try CoxProportionalHazards(penalizer: coxPenalizer).fit(
            covariates: standardized, durations: training.map { max(0.5, $0.daysToChurn ?? $0.observedDays) },
            events: training.map { $0.daysToChurn != nil })
        return model
    }
}

/// How a churn model did on cut-offs it never saw: it is fitted on the
/// earliest 60 % of the cut-offs, calibrated on the next 20 % and tested on
/// the last 20 %, as it would have been used at the time.
public struct ChurnBacktestReport: Hashable, Sendable, Codable {
    public var horizonDays: Int
    public var trainingCutoffs: [Date]
    public var calibrationCutoffs: [Date]
    public var testCutoffs: [Date]
    /// Test samples (account-cut-offs) and how many churned.
    public var samples: Int
    public var churned: Int
    public var baseRate: Double
    public var rocAUC: Double
    /// Average precision: the area under the precision–recall curve.
    public var prAUC: Double
    public var brierScore: Double
    /// Churn among the 10 % riskiest ÷ the base rate.
    public var topDecileLift: Double
    public var calibration: [CalibrationTable.Bin]
    /// Harrell's concordance of the Cox model's risk with the test samples' times to churn.
    public var concordance: Double?

    private enum CodingKeys: String, CodingKey {
        case horizonDays, trainingCutoffs, calibrationCutoffs, testCutoffs, samples, churned, baseRate, brierScore, topDecileLift
        case calibration, concordance
        case rocAUC = "rocAuc", prAUC = "prAuc"
    }

    /// Splits `samples` by cut-off, fits with `trainer`, and judges the fit on the test cut-offs.
    public init(samples: [ChurnSample], trainer: ChurnTrainer) throws(PredictionError) {
        let cutoffs = Array(Set(samples.map(\.subject.cutoff))).sorted()
        guard cutoffs.count >= 5 else {
            throw PredictionError(.invalidInput, "a backtest needs at least 5 cut-offs with a full horizon behind them; the data has \(cutoffs.count)")
        }
        let trainEnd = cutoffs.count * 3 / 5, calibrationEnd = cutoffs.count * 4 / 5
        trainingCutoffs = Array(cutoffs[..<trainEnd])
        calibrationCutoffs = Array(cutoffs[trainEnd..<calibrationEnd])
        testCutoffs = Array(cutoffs[calibrationEnd...])
        let model = try trainer.fit(training: samples.filter { $0.subject.cutoff < cutoffs[trainEnd] },
                                    calibration: samples.filter { $0.subject.cutoff >= cutoffs[trainEnd] && $0.subject.cutoff < cutoffs[calibrationEnd] })
        let test = samples.filter { $0.subject.cutoff >= cutoffs[calibrationEnd] }
        let labels = test.map { $0.churned ? 1.0 : 0.0 }
        let probabilities = test.map { model.probability($0.subject) }
        horizonDays = trainer.horizonDays
        self.samples = test.count
        churned = test.filter(\.churned).count
        baseRate = Double(churned) / Double(max(1, test.count))
        rocAUC = try ClassifierEvaluation.rocAUC(scores: probabilities, labels: labels)
        prAUC = try ClassifierEvaluation.averagePrecision(scores: probabilities, labels: labels)
        brierScore = try ClassifierEvaluation.brierScore(probabilities: probabilities, labels: labels)
        topDecileLift = try ClassifierEvaluation.topDecileLift(scores: probabilities, labels: labels)
        calibration = try CalibrationTable(probabilities: probabilities, labels: labels, binCount: 10, binning: .quantile).bins
        if let survival = model.survival {
            concordance = try? ConcordanceIndex.harrell(
                durations: test.map { $0.daysToChurn ?? $0.observedDays },
                riskScores: test.map { survival.partialHazard(model.survivalRow(model.standardizedRow($0.subject))) },
                events: test.map { $0.daysToChurn != nil })
        }
    }
}
