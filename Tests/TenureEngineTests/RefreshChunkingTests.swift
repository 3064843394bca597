import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureTestSupport
@testable import TenureStore

/// The nightly refresh reads, scores and writes a chunk of accounts at a time: the chunk size must change
/// nothing it stores.
@Suite("The refresh in chunks of accounts")
struct RefreshChunkingTests {
    /// Everything a recompute with a backfill and a training store: scores with their breakdowns, current
    /// health, alerts, the model and the predictions, and the outbox's event keys.
    struct Stored: Equatable {
        var scores: [HealthRecord]
        var current: [String: CurrentHealth]
        var alerts: [HealthAlert]
        var model: StoredChurnModel?
        var predictions: [RiskEntry]
        var eventKeys: [String]
        var summary: HealthRecomputeSummary
    }

    /// The 300-account demo with the standard segmentation active.
    static func withSegmentedDemo<T>(_ backend: Backend, _ body: (any Store) async throws -> T) async throws -> T {
        try await HealthBacktestTests.withDemo(backend, accounts: 300) { store in
            _ = try await store.addDefinition(StoredDefinition(
                kind: .segmentation, name: "Standard", format: .yaml, source: try DefinitionDocument.yaml(SegmentationDefinition.standard),
                origin: .builtin, createdAt: HealthBacktestTests.asOf), activate: true)
            return try await body(store)
        }
    }

    /// Runs the refresh on the demo in chunks of `accountsPerChunk`, the training sampling down to `maximumSamples`.
    static func refresh(_ backend: Backend, accountsPerChunk: Int, maximumSamples: Int) async throws -> Stored {
        try await withSegmentedDemo(backend) { store in
            let summary = try await HealthEngine(store: store, accountsPerChunk: accountsPerChunk)
                .recompute(asOf: HealthBacktestTests.asOf, backfillDays: 56, everyDays: 14)
            _ = try await ChurnEngine(store: store, accountsPerChunk: accountsPerChunk, maximumSamples: maximumSamples)
                .train(months: 12, horizonDays: 90, now: HealthBacktestTests.asOf)
            let sql = try #require(store as? SQLStore)
            return Stored(
                scores: try await sql.select(Tables.healthScores, "ORDER BY account_id, day"),
                current: try await store.currentHealth(ofAccounts: nil),
                alerts: try await store.healthAlerts(since: HealthBacktestTests.asOf.adding(days: -90), limit: 10_000).map(\.alert),
                model: try await store.latestChurnModel(),
                predictions: try await store.churnRisks(RiskQuery(limit: 10_000)).items,
                eventKeys: try await store.events(EventQuery(limit: 10_000)).items.map(\.key).sorted(),
                summary: summary)
        }
    }

    @Test("chunks of 7 accounts store exactly the scores, alerts, model and predictions of one chunk", arguments: Backend.allCases)
    func chunkSizeChangesNothing(_ backend: Backend) async throws {
        let whole = try await Self.refresh(backend, accountsPerChunk: 1_000_000, maximumSamples: 200_000)
        let chunked = try await Self.refresh(backend, accountsPerChunk: 7, maximumSamples: 200_000)
        #expect(whole.scores.count > 300)
        #expect(whole.predictions.count > 50)
        #expect(whole.summary.segmentsChanged > 0)
        #expect(chunked == whole)
    }

    @Test("without a backfill, the accounts read in the segmentation pass score as they do read again after it", arguments: Backend.allCases)
    func scoresOfTheSegmentationPass(_ backend: Backend) async throws {
        // With a backfill, the current cut-off's accounts are read again after the segments are stored.
        func currentScores(backfillDays: Int) async throws -> [String: CurrentHealth] {
            try await Self.withSegmentedDemo(backend) { store in
                // Each segment weighs one signal of its own, so an account's score depends on the segment it is given.
                var health = HealthDefinition.standard
                for (key, var signal) in zip(SegmentationDefinition.standard.segments.map(\.key), health.signals) {
                    signal.weight = 100
                    health.segments[key] = HealthDefinition.SegmentOverride(signals: [signal])
                }
                _ = try await store.addDefinition(StoredDefinition(
                    kind: .health, name: "By segment", format: .yaml, source: try DefinitionDocument.yaml(health),
                    origin: .user, createdAt: HealthBacktestTests.asOf), activate: true)
                let summary = try await HealthEngine(store: store, accountsPerChunk: 7)
                    .recompute(asOf: HealthBacktestTests.asOf, backfillDays: backfillDays, everyDays: 14)
                #expect(summary.segmentsChanged > 0)
                return try await store.currentHealth(ofAccounts: nil)
            }
        }
        let readOnce = try await currentScores(backfillDays: 0)
        #expect(readOnce.count > 150)
        #expect(readOnce == (try await currentScores(backfillDays: 14)))
    }

    @Test("a training that samples accounts keeps the same ones in chunks as in one", arguments: Backend.allCases)
    func sampledTrainingAgrees(_ backend: Backend) async throws {
        let whole = try await Self.refresh(backend, accountsPerChunk: 1_000_000, maximumSamples: 1_500)
        let chunked = try await Self.refresh(backend, accountsPerChunk: 7, maximumSamples: 1_500)
        let sampled = try #require(whole.model)
        let all = try #require(try await Self.refresh(backend, accountsPerChunk: 1_000_000, maximumSamples: 200_000).model)
        #expect(sampled.model != all.model)
        #expect(chunked.model == whole.model)
        #expect(chunked.predictions == whole.predictions)
    }

    @Test("a sampled training reads, of the accounts it keeps, every sample the full training reads", arguments: Backend.allCases)
    func sampledAccountsReadInFull(_ backend: Backend) async throws {
        try await Self.withSegmentedDemo(backend) { store in
            let asOf = HealthBacktestTests.asOf
            let chunks = try await HealthEngine.AccountChunks.load(from: store, asOf: asOf, size: 7)
            let cutoffs = HealthEngine.backtestCutoffs(before: asOf, months: 12, horizonDays: 90, calendar: chunks.policy.calendar)
            func samples(upTo maximum: Int) async throws -> [ChurnSample] {
                try await ChurnEngine(store: store, accountsPerChunk: 7, maximumSamples: maximum)
                    .samples(cutoffs: cutoffs, horizonDays: 90, chunks: chunks)
            }
            let all = try await samples(upTo: 1_000_000)
            // After the first chunk, each chunk's activity is read for the kept accounts only, by key.
            let sampled = try await samples(upTo: 300)
            let kept = Set(sampled.map(\.subject.accountID))
            #expect(all.count > 1_000)
            #expect(sampled.count < all.count / 2)
            // Kept accounts come from the later chunks too, which are read narrowed.
            let accounts = Set(all.map(\.subject.accountID)).sorted()
            #expect(kept.filter { $0 > accounts[accounts.count / 2] }.count > 5)
            #expect(sampled == all.filter { kept.contains($0.subject.accountID) })
        }
    }
}
