import Foundation
import TenureCore
import TenureEngine
import TenureStore

/// Keeps the latest ``MetricsSnapshot`` and rebuilds it when the store's
/// facts version moves or the snapshot is older than `maximumAge` (time
/// alone changes MRR: coupons end, cancellations take effect). Concurrent
/// callers share one rebuild.
actor MetricsCache {
    let store: any Store
    let clock: WallClock
    let maximumAge: TimeInterval
    private var snapshot: MetricsSnapshot?
    private var building: Task<MetricsSnapshot, any Error>?

    init(store: any Store, clock: WallClock, maximumAge: TimeInterval = 600) {
        self.store = store
        self.clock = clock
        self.maximumAge = maximumAge
    }

    func current() async throws -> MetricsSnapshot {
        let version = try await store.factsVersion()
        if let snapshot, snapshot.version == version, clock.now().timeIntervalSince(snapshot.asOf) < maximumAge {
            return snapshot
        }
        if let building { return try await building.value }
        let store = self.store, now = clock.now()
        let task = Task { try await MetricsSnapshot.load(from: store, asOf: now) }
        building = task
        defer { building = nil }
        let fresh = try await task.value
        snapshot = fresh
        return fresh
    }
}
