import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureTestSupport
@testable import TenureStore

/// The demo loads identically into both backends.
@Suite("Demo data in the store")
struct DemoLoadTests {
    @Test("SQLite and PostgreSQL hold the same demo accounts, MRR and counts")
    func backendsAgree() async throws {
        let generator = DemoGenerator(seed: 11, accountCount: 60, asOf: Fixtures.now)
        var results: [[String: Int]] = []
        var accountLists: [[AccountSummary]] = []
        for backend in Backend.allCases {
            try await TestDatabases.withStore(backend) { store in
                try await DemoLoader.load(generator, into: store, batchSize: 25)
                results.append(try await store.factCounts())
                accountLists.append(try await store.accounts(AccountQuery(sort: .mrr, descending: true, limit: 500)).items)
                #expect(try await store.setting(DemoLoader.seedSetting) == "11")
            }
        }
        #expect(results[0] == results[1])
        #expect(accountLists[0] == accountLists[1])
        #expect(accountLists[0].count == 60)
        #expect(accountLists[0].contains { $0.mrr > 0 })
    }

    @Test("A load stopped part way and resumed holds exactly what one whole load holds")
    func resumedLoadEqualsWholeLoad() async throws {
        let generator = DemoGenerator(seed: 5, accountCount: 70, asOf: Fixtures.now)
        for backend in Backend.allCases {
            var whole: Snapshot?
            try await TestDatabases.withStore(backend) { store in
                try await DemoLoader.load(generator, into: store, batchSize: 20)
                whole = try await Snapshot(of: store, generator: generator)
            }
            try await TestDatabases.withStore(backend) { store in
                let stopped = Task {
                    try await DemoLoader.load(generator, into: store, batchSize: 20) { written in
                        if written >= 40 { withUnsafeCurrentTask { $0?.cancel() } }
                    }
                }
                await #expect(throws: CancellationError.self) { try await stopped.value }
                #expect(try await store.accounts(AccountQuery(limit: 1)).total == 40)
                let start = try await DemoLoader.resumePoint(of: generator, in: store, batchSize: 20)
                #expect(start == 20)
                try await DemoLoader.load(generator, into: store, from: start, batchSize: 20)
                let resumed = try await Snapshot(of: store, generator: generator)
                #expect(resumed == whole)
                #expect(resumed.playbooks.count == 3 && resumed.playbooks.allSatisfy { $0.latestVersion == 1 })

                let otherSeed = DemoGenerator(seed: 6, accountCount: 70, asOf: Fixtures.now)
                await #expect(throws: ValidationError(field: "--seed", "the database holds a load with --seed 5, not 6; resume it with the same options")) {
                    try await DemoLoader.resumePoint(of: otherSeed, in: store)
                }
            }
        }
    }

    @Test("Only a demo load can be resumed; an empty store starts at the first account")
    func resumePointNeedsADemo() async throws {
        let generator = DemoGenerator(seed: 5, accountCount: 70, asOf: Fixtures.now)
        try await TestDatabases.withStore(.sqlite) { store in
            #expect(try await DemoLoader.resumePoint(of: generator, in: store) == 0)
            var facts = FactBatch()
            facts.accounts = [Account(id: "acct_own", name: "Own", createdAt: Fixtures.now)]
            try await store.write(facts, asOf: Fixtures.now)
            await #expect(throws: ValidationError.self) { try await DemoLoader.resumePoint(of: generator, in: store) }
        }
    }

    /// What a load leaves: row counts, accounts with their MRR, playbooks with their runs, the outbox, and each
    /// account's daily usage (the rollups, which a batch written twice must not count twice).
    private struct Snapshot: Equatable {
        var counts: [String: Int]
        var events: Int
        var accounts: [AccountSummary]
        var playbooks: [PlaybookSummary]
        var usage: [[UsageDay]]

        init(of store: any Store, generator: DemoGenerator) async throws {
            counts = try await store.factCounts()
            events = try await store.events(EventQuery(limit: 1)).total
            accounts = try await store.accounts(AccountQuery(sort: .mrr, descending: true, limit: 500)).items
            playbooks = try await store.playbooks()
            usage = []
            for account in accounts.map(\.account).sorted(by: { $0.id < $1.id }) {
                usage.append(try await store.dailyUsage(ofAccount: account.id, from: generator.start, to: generator.asOf))
            }
        }
    }
}
