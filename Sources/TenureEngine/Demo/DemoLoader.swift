import Foundation
import TenureCore
import TenureStore

/// Writes a ``DemoGenerator``'s customer base into a store, in batches of
/// accounts, generating the next batch while the current one is written;
/// with it the demo's playbooks (active, by `demo`) and their runs.
public enum DemoLoader {
    /// Setting keys under which the demo's parameters are recorded.
    public static let seedSetting = "demo.seed"
    public static let accountsSetting = "demo.accounts"
    public static let asOfSetting = "demo.as_of"
    /// Who the demo's playbooks are written by.
    public static let author = "demo"

    /// Loads every account of `generator`; `progress` gets the number of accounts written so far.
    public static func load(
        _ generator: DemoGenerator, into store: any Store, batchSize: Int = 200,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws {
        var catalog = FactBatch()
        (catalog.products, catalog.prices, catalog.csms) = generator.catalog
        try await store.write(catalog, asOf: generator.asOf)
        let versions = try await addPlaybooks(since: generator.start, to: store)
        var start = 0
        var pending: Task<DemoBatch, Never>? = makeBatch(generator, from: 0, size: batchSize)
        while let current = pending {
            let batch = await current.value
            let end = min(start + batchSize, generator.accountCount)
            pending = end < generator.accountCount ? makeBatch(generator, from: end, size: batchSize) : nil
            try await store.write(batch.facts, asOf: generator.asOf)
            try await startRuns(batch.playbooks, versions: versions, in: store)
            progress(end)
            start = end
        }
        try await store.setEncodedSetting(SettingKey.productConfiguration, to: DemoCatalog.productConfiguration)
        try await store.setSetting(seedSetting, to: String(generator.seed))
        try await store.setSetting(accountsSetting, to: String(generator.accountCount))
        try await store.setSetting(asOfSetting, to: JSONCoding.format(generator.asOf))
    }

    /// Adds each of ``DemoPlaybooks`` as the active version of its name, written at `start` (before any of its runs);
    /// returns the versions by name.
    private static func addPlaybooks(since start: Date, to store: any Store) async throws -> [String: Int] {
        var versions: [String: Int] = [:]
        for (source, playbook) in zip(DemoPlaybooks.documents, DemoPlaybooks.playbooks) {
            let stored = try await store.addPlaybook(
                StoredPlaybook(name: playbook.name, format: .json, source: source, author: author, createdAt: start), activate: true)
            versions[stored.name] = stored.version
        }
        return versions
    }

    /// Writes each run with its step log as the engine starts one, following the version just added; a run already
    /// stored (the demo loaded again) is left as it is.
    private static func startRuns(_ history: DemoPlaybookHistory, versions: [String: Int], in store: any Store) async throws {
        let steps = Dictionary(grouping: history.steps, by: \.runID)
        for var run in history.runs {
            run.version = versions[run.playbook] ?? run.version
            _ = try await store.startRun(run, steps: steps[run.id] ?? [])
        }
    }

    private static func makeBatch(_ generator: DemoGenerator, from start: Int, size: Int) -> Task<DemoBatch, Never> {
        let range = start..<min(start + size, generator.accountCount)
        return Task.detached { generator.batch(forAccounts: range) }
    }
}
