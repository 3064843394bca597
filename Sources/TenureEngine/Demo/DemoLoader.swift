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

    /// Loads the accounts of `generator` from index `start` on (0, or a ``resumePoint(of:in:batchSize:)``);
    /// `progress` gets the number of accounts written so far. A cancelled task stops between batches.
    public static func load(
        _ generator: DemoGenerator, into store: any Store, from start: Int = 0, batchSize: Int = 200,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws {
        // Recorded first, so that a load that stops part way says which demo it was loading.
        try await store.setSetting(seedSetting, to: String(generator.seed))
        try await store.setSetting(accountsSetting, to: String(generator.accountCount))
        try await store.setSetting(asOfSetting, to: JSONCoding.format(generator.asOf))
        var catalog = FactBatch()
        (catalog.products, catalog.prices, catalog.csms) = generator.catalog
        try await store.write(catalog, asOf: generator.asOf)
        let versions = try await addPlaybooks(since: generator.start, to: store)
        var start = start
        var pending: Task<DemoBatch, Never>? = start < generator.accountCount ? makeBatch(generator, from: start, size: batchSize) : nil
        while let current = pending {
            let batch = await current.value
            let end = min(start + batchSize, generator.accountCount)
            pending = end < generator.accountCount ? makeBatch(generator, from: end, size: batchSize) : nil
            try await store.write(batch.facts, asOf: generator.asOf)
            try await startRuns(batch.playbooks, versions: versions, in: store)
            progress(end)
            start = end
            if Task.isCancelled {
                pending?.cancel()
                throw CancellationError()
            }
        }
        try await store.setEncodedSetting(SettingKey.productConfiguration, to: DemoCatalog.productConfiguration)
    }

    /// Where a load of `generator` that stopped part way goes on: at the last batch it wrote, which is written again
    /// (its records replaced) so that its playbook runs, started after it, are complete; 0 when the store holds no
    /// accounts. Batches are written whole and in order, so every account before that point is stored. Throws a
    /// ``ValidationError`` when the store's accounts come from another demo, or from no demo at all.
    public static func resumePoint(of generator: DemoGenerator, in store: any Store, batchSize: Int = 200) async throws -> Int {
        let written = try await store.accounts(AccountQuery(limit: 1)).total
        guard written > 0 else { return 0 }
        let expected = [
            (seedSetting, "--seed", String(generator.seed)), (accountsSetting, "--accounts", String(generator.accountCount)),
            (asOfSetting, "--as-of", JSONCoding.format(generator.asOf)),
        ]
        for (key, option, value) in expected {
            guard let recorded = try await store.setting(key) else {
                throw ValidationError(field: option, "the database's \(written) accounts were not loaded by `tenure generate`, so there is no load to resume")
            }
            guard recorded == value else {
                throw ValidationError(field: option, "the database holds a load with \(option) \(recorded), not \(value); resume it with the same options")
            }
        }
        return max(0, min(written, generator.accountCount) - batchSize)
    }

    /// Makes each of ``DemoPlaybooks`` the active version of its name, written at `start` (before any of its runs),
    /// unless the active version already is the demo's document (the demo loaded again); returns the versions by name.
    private static func addPlaybooks(since start: Date, to store: any Store) async throws -> [String: Int] {
        var versions: [String: Int] = [:]
        for (source, playbook) in zip(DemoPlaybooks.documents, DemoPlaybooks.playbooks) {
            if let active = try await store.playbook(name: playbook.name, version: nil), active.active, active.source == source {
                versions[active.name] = active.version
                continue
            }
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
