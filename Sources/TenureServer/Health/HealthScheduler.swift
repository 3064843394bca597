import Foundation
import Logging
import ServiceLifecycle
import TenureCore
import TenureEngine
import TenureStore

/// Keeps health scores, segments and churn predictions current, one recompute at a time in this
/// process: the `health` job (see ``JobRunner``) refreshes them when the facts moved or the day
/// turned, and API calls that change definitions recompute through it too. Predictions use the
/// newest trained model, from the same point-in-time context as the scores.
public actor HealthScheduler {
    let engine: HealthEngine
    let clock: WallClock
    private var running: Task<HealthRecomputeSummary, any Error>?

    public init(store: any Store, clock: WallClock) {
        engine = HealthEngine(store: store)
        self.clock = clock
    }

    /// Recomputes now, after any recompute already running.
    public func recompute() async throws -> HealthRecomputeSummary {
        let previous = running
        let engine = self.engine, now = clock.now()
        let task = Task {
            _ = try? await previous?.value
            return try await engine.recompute(asOf: now, andThen: { context in
                try await ChurnEngine(store: engine.store).predict(now: now, context: context)
            })
        }
        running = task
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// The `health` job's work: recomputes when scores are older than the facts or than today.
    public func refreshIfStale() async throws -> String {
        guard try await engine.isStale(now: clock.now()) else { return "scores are current" }
        let summary = try await recompute()
        return "\(summary.scored) accounts scored, \(summary.alerts) alerts"
    }
}
