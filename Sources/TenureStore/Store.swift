import Foundation
import TenureCore

/// Tenure's persistence: facts about accounts, the derived numbers kept with
/// them, and API keys. One implementation (``SQLStore``) serves both SQLite
/// and PostgreSQL; every method is safe to call concurrently. It is the composition of
/// narrow roles — one per area — and each consumer takes the narrowest role it needs.
public protocol Store: FactStore, AccountStore, KeyStore, SettingStore, UsageStore, StripeEventStore, MetricsReadStore,
    HealthStore, DefinitionStore, ChurnStore, UserStore, DashboardReadStore, JobStore, NotificationStore, TaskStore, TouchpointStore,
    PlaybookStore, TriggerHistoryStore, AccountRangeStore {
    /// `"sqlite"` or `"postgres"`.
    var backend: String { get }
    /// Applies every migration not yet applied; returns the versions it applied.
    @discardableResult
    func migrate() async throws -> [Int]
    /// Versions of known migrations not yet applied (empty when up to date).
    func pendingMigrations() async throws -> [Int]
}

/// Opens the store a database URL names (see ``DatabaseURL``), migrates it unless told not to, runs `body`
/// with it and closes it once, whether `body` returns or throws: the one way Tenure opens a store.
public func withStore<T>(_ url: String, migrate: Bool = true, _ body: (any Store) async throws -> T) async throws -> T {
    try await DatabaseURL(url).withDatabase { database in
        let store = SQLStore(database: database)
        if migrate { try await store.migrate() }
        return try await body(store)
    }
}
