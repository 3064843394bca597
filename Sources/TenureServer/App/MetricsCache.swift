import Foundation
import TenureCore
import TenureEngine
import TenureStore

/// Keeps the latest ``MetricsSnapshot`` current. When facts change, the next
/// caller brings it up to date by reading again only the accounts whose facts
/// changed (everything when the store cannot name them, or when more than
/// `incrementalLimit` changed). Time alone changes MRR too (coupons end,
/// cancellations take effect), so a snapshot older than `maximumAge` is
/// rebuilt whole in the background while callers keep the one they have.
/// Concurrent callers share one build.
actor MetricsCache {
    let store: any Store
    let clock: WallClock
    let maximumAge: TimeInterval
    let incrementalLimit: Int
    private var snapshot: MetricsSnapshot?
    private var building: Task<MetricsSnapshot, any Error>?
    private var refreshing: Task<Void, Never>?

    init(store: any Store, clock: WallClock, maximumAge: TimeInterval = 600, incrementalLimit: Int = 10_000) {
        self.store = store
        self.clock = clock
        self.maximumAge = maximumAge
        self.incrementalLimit = incrementalLimit
    }

    func current() async throws -> MetricsSnapshot {
        if let building { return try await building.value }
        guard let snapshot else { return try await build { store, now in try await MetricsSnapshot.load(from: store, asOf: now) } }
        let changes = try await store.factsChanges(since: snapshot.version)
        if let building { return try await building.value }
        guard let latest = self.snapshot, latest.version == snapshot.version else { return try await current() }
        guard changes.version != snapshot.version else {
            if clock.now().timeIntervalSince(snapshot.asOf) >= maximumAge { refreshInBackground() }
            return snapshot
        }
        let limit = incrementalLimit
        return try await build { store, now in
            guard (changes.accountIDs?.count ?? .max) <= limit else { return try await MetricsSnapshot.load(from: store, asOf: now) }
            return try await snapshot.updated(with: changes, from: store, asOf: now)
        }
    }

    /// Runs `make` as the one build callers wait for, and keeps its snapshot.
    private func build(_ make: @escaping @Sendable (any Store, Date) async throws -> MetricsSnapshot) async throws -> MetricsSnapshot {
        let store = self.store, now = clock.now()
        let task = Task { try await make(store, now) }
        building = task
        defer { building = nil }
        let fresh = try await task.value
        keep(fresh)
        return fresh
    }

    /// Starts a whole rebuild unless one is running; its result replaces the snapshot unless a newer one arrived.
    private func refreshInBackground() {
        guard refreshing == nil else { return }
        let store = self.store, now = clock.now()
        refreshing = Task {
            // Facts written during the rebuild are read again at once, so that the result is as new as the kept one.
            var fresh = try? await MetricsSnapshot.load(from: store, asOf: now)
            if let loaded = fresh, let changes = try? await store.factsChanges(since: loaded.version) {
                fresh = try? await loaded.updated(with: changes, from: store, asOf: now)
            }
            self.finishRefresh(fresh)
        }
    }

    private func finishRefresh(_ fresh: MetricsSnapshot?) {
        refreshing = nil
        if let fresh { keep(fresh) }
    }

    /// Keeps `fresh` unless the kept snapshot has seen newer facts.
    private func keep(_ fresh: MetricsSnapshot) {
        if let snapshot, snapshot.version > fresh.version { return }
        snapshot = fresh
    }
}
