import Foundation

/// A trained churn model: which features it reads, how it fills and scales
/// them, its L2-regularised logistic regression, the Platt calibration that
/// maps its log-odds to a probability of churn within `horizonDays`, and a
/// Cox model of time to churn over the same features. Stored as JSON.
public struct ChurnModel: Hashable, Sendable, Codable {
    /// Feature names in column order (see ``ChurnFeatures``).
    public var features: [String]
    /// The training mean of each feature, used when a subject has no value.
    public var imputation: [Double]
    /// Standardisation: (value − mean) ÷ scale.
    public var means: [Double]
    public var scales: [Double]
    /// Logistic coefficients on the standardised features, and the intercept.
    public var coefficients: [Double]
    public var intercept: Double
    /// Platt calibration of the log-odds: P = σ(slope · logit + offset).
    public var calibrationSlope: Double
    public var calibrationOffset: Double
    /// Days after a cut-off in which churn is predicted.
    public var horizonDays: Int
    /// Time to churn, in days from the cut-off, by a Cox model on the standardised features
    /// listed in `survivalColumns` (those that varied in training).
    public var survival: CoxModel?
    public var survivalColumns: [Int]

    public init(features: [String], imputation: [Double], means: [Double], scales: [Double], coefficients: [Double], intercept: Double,
                calibrationSlope: Double = 1, calibrationOffset: Double = 0, horizonDays: Int, survival: CoxModel? = nil,
                survivalColumns: [Int] = []) {
        self.features = features
        self.imputation = imputation
        self.means = means
        self.scales = scales
        self.coefficients = coefficients
        self.intercept = intercept
        self.calibrationSlope = calibrationSlope
        self.calibrationOffset = calibrationOffset
        self.horizonDays = horizonDays
        self.survival = survival
        self.survivalColumns = survivalColumns
    }

    /// The subject's standardised feature row (missing values filled with the training means).
    public func standardizedRow(_ subject: AccountState) -> [Double] {
        let values = ChurnFeatures.values(of: subject)
        return features.indices.map { index in
            let name = features[index]
            let raw = values[name] ?? (name.hasPrefix(ChurnFeatures.segmentPrefix) ? 0 : imputation[index])
            return (raw - means[index]) / scales[index]
        }
    }

    /// The model's uncalibrated log-odds of churn for a standardised row.
    public func logOdds(_ row: [Double]) -> Double {
        zip(row, coefficients).reduce(intercept) { $0 + $1.0 * $1.1 }
    }

    /// The calibrated probability that `subject` churns within the horizon.
    public func probability(_ subject: AccountState) -> Double {
        calibrated(logOdds(standardizedRow(subject)))
    }

    /// The calibrated probability of a log-odds value.
    public func calibrated(_ logOdds: Double) -> Double {
        1 / (1 + exp(-(calibrationSlope * logOdds + calibrationOffset)))
    }

    /// One feature's push on a subject's risk, against an account at the training means.
    public struct Factor: Hashable, Sendable, Codable {
        public var feature: String
        /// Change in log-odds of churn this feature makes (positive raises the risk).
        public var logOdds: Double
        /// The fact behind it, in plain words.
        public var description: String

        public init(feature: String, logOdds: Double, description: String) {
            self.feature = feature
            self.logOdds = logOdds
            self.description = description
        }
    }

    /// Every feature's contribution for `subject`, largest effect first (ties by name).
    public func factors(_ subject: AccountState) -> [Factor] {
        let row = standardizedRow(subject)
        return features.indices.map { index in
            Factor(feature: features[index], logOdds: row[index] * coefficients[index] * calibrationSlope,
                   description: ChurnFeatures.describe(features[index], of: subject))
        }
        .filter { $0.logOdds != 0 }
        .sorted { abs($0.logOdds) == abs($1.logOdds) ? $0.feature < $1.feature : abs($0.logOdds) > abs($1.logOdds) }
    }

    /// The Cox model's probability that `subject` is still a customer `days` after its cut-off, and
    /// its median time to churn in days (`nil` when the curve stays above one half).
    public func timeToChurn(_ subject: AccountState, days: Double? = nil) -> (survival: Double, medianDays: Double?)? {
        guard let survival else { return nil }
        let row = survivalRow(standardizedRow(subject))
        return (survival.survival(row, at: days ?? Double(horizonDays)), survival.medianSurvivalTime(row))
    }

    /// The columns of a standardised row the Cox model reads.
    public func survivalRow(_ row: [Double]) -> [Double] {
        survivalColumns.map { row[$0] }
    }
}
