import Foundation
import Logging
import ServiceLifecycle
import TenureCore
import TenureStore

/// Keeps health scores, segments and churn predictions current: a
/// background service that checks every `interval` whether the facts moved
/// or the day turned since the last scores, and recomputes when they did
/// (predictions with the newest trained model, when there is one). API calls that change
/// definitions recompute through it too, so two recomputes never overlap.
public actor HealthScheduler: Service {
    let engine: HealthEngine
    let clock: WallClock
    let interval: Duration
    let logger: Logger
    private var running: Task<HealthRecomputeSummary, any Error>?

    public init(store: any Store, clock: WallClock, interval: Duration = .seconds(900), logger: Logger = Logger(label: "tenure.health")) {
        engine = HealthEngine(store: store)
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// Recomputes now, after any recompute already running.
    public func recompute() async throws -> HealthRecomputeSummary {
        let previous = running
        let engine = self.engine, clock = self.clock
        let task = Task {
            _ = try? await previous?.value
            let summary = try await engine.recompute(asOf: clock.now())
            try await ChurnEngine(store: engine.store).predict(now: clock.now())
            return summary
        }
        running = task
        return try await task.value
    }

    /// Checks for stale scores every `interval` until the service group shuts down.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if try await engine.isStale(now: clock.now()) {
                    let summary = try await recompute()
                    logger.notice("health scores recomputed: \(summary.scored) accounts, \(summary.alerts) alerts")
                }
            } catch {
                logger.error("health recompute failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }
}
