import Foundation
import TenureCore
import TenureStore

extension HealthEngine {
    /// Backtests the active definition over the last `months` month starts,
    /// fits new weights on the earlier two thirds of them and judges them on
    /// the rest (see ``HealthCalibration``). With `store: true` the proposal
    /// is saved as a new, inactive version — never replacing the active one.
    public func calibrate(months: Int = 12, horizonDays: Int = 90, inverseRegularization: Double = 1, save: Bool,
                          now: Date, progress: @Sendable (Int, Int) -> Void = { _, _ in })
        async throws -> (calibration: HealthCalibration, version: Int?)
    {
        let active = try await activeHealthDefinition(at: now)
        let context = try await Context.load(from: store, asOf: now)
        let cutoffs = Self.backtestCutoffs(before: now, months: months, horizonDays: horizonDays, calendar: context.snapshot.policy.calendar)
        guard cutoffs.count >= 3 else {
            throw ValidationError(field: "months", "calibration needs at least 3 past cut-offs whose \(horizonDays)-day horizon has ended; the data covers \(cutoffs.count)")
        }
        let samples = try await backtestSamples(active.definition, cutoffs: cutoffs, horizonDays: horizonDays, context: context,
                                                progress: progress)
        let split = cutoffs[cutoffs.count * 2 / 3]
        let calibration: HealthCalibration
        do {
            calibration = try HealthCalibration.propose(
                active.definition, training: samples.filter { $0.cutoff < split }, holdout: samples.filter { $0.cutoff >= split },
                inverseRegularization: inverseRegularization)
        } catch {
            let reason = error.code == .oneClass
                ? "the training cut-offs need both accounts that churned and accounts that stayed"
                : error.message
            throw ValidationError(field: nil, "cannot calibrate on \(samples.count) scored account-months: \(reason)")
        }
        guard save else { return (calibration, nil) }
        let note = "Calibrated on \(calibration.trainingCutoffs.count) cut-offs from version \(active.version); held-out AUC "
            + "\(Self.format(calibration.currentHoldoutAUC)) → \(Self.format(calibration.proposedHoldoutAUC))"
        let source = try DefinitionDocument.yaml(calibration.proposal, comment: note)
        let stored = try await store.addDefinition(
            StoredDefinition(kind: .health, name: calibration.proposal.name, format: .yaml, source: source, note: note,
                             origin: .calibration, createdAt: now), activate: false)
        return (calibration, stored.version)
    }

    /// An AUC with three decimals, or `n/a`.
    public static func format(_ auc: Double?) -> String {
        auc.map { $0.formatted(.number.precision(.fractionLength(3))) } ?? "n/a"
    }
}
