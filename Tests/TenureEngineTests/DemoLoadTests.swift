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
}
