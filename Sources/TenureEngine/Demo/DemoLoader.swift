import Foundation
import TenureCore
import TenureStore

/// Writes a ``DemoGenerator``'s customer base into a store, in batches of
/// accounts, generating the next batch while the current one is written.
public enum DemoLoader {
    /// Setting keys under which the demo's parameters are recorded.
    public static let seedSetting = "demo.seed"
    public static let accountsSetting = "demo.accounts"
    public static let asOfSetting = "demo.as_of"

    /// Loads every account of `generator`; `progress` gets the number of accounts written so far.
    public static func load(
        _ generator: DemoGenerator, into store: any Store, batchSize: Int = 200,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws {
        var catalog = FactBatch()
        (catalog.products, catalog.prices, catalog.csms) = generator.catalog
        try await store.write(catalog, asOf: generator.asOf)
        var start = 0
        var pending: Task<FactBatch, Never>? = makeBatch(generator, from: 0, size: batchSize)
        while let current = pending {
            let batch = await current.value
            let end = min(start + batchSize, generator.accountCount)
            pending = end < generator.accountCount ? makeBatch(generator, from: end, size: batchSize) : nil
            try await store.write(batch, asOf: generator.asOf)
            progress(end)
            start = end
        }
        try await store.setEncodedSetting(SettingKey.productConfiguration, to: DemoCatalog.productConfiguration)
        try await store.setSetting(seedSetting, to: String(generator.seed))
        try await store.setSetting(accountsSetting, to: String(generator.accountCount))
        try await store.setSetting(asOfSetting, to: JSONCoding.format(generator.asOf))
    }

    private static func makeBatch(_ generator: DemoGenerator, from start: Int, size: Int) -> Task<FactBatch, Never> {
        let range = start..<min(start + size, generator.accountCount)
        return Task.detached { generator.facts(forAccounts: range) }
    }
}
