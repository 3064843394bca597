import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureStore

/// Account upserts and the account list, on both backends.
@Suite("Accounts in the store")
struct AccountStoreTests {
    @Test("upsert creates, then finds the account by any of its ids and merges", arguments: Backend.allCases)
    func upsertByExternalIDs(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let created = try await store.upsertAccount(
                AccountDraft(name: "Nimbus", stripeCustomerID: "cus_9", traits: ["a": .number(1)]),
                newID: "acct_new", at: Fixtures.now)
            #expect(created.created)
            #expect(created.account.id == "acct_new")
            #expect(created.account.lifecycleStage == .onboarding)

            let bySegment = try await store.upsertAccount(
                AccountDraft(name: "Nimbus EU", segmentGroupID: "grp_9", traits: ["b": .string("x")]), newID: "unused", at: Fixtures.day(1))
            #expect(bySegment.created)

            let byStripe = try await store.upsertAccount(
                AccountDraft(name: "Nimbus Inc", stripeCustomerID: "cus_9", employeeCount: 80, traits: ["c": .bool(true)]),
                newID: "unused", at: Fixtures.day(2))
            #expect(!byStripe.created)
            #expect(byStripe.account.id == "acct_new")
            #expect(byStripe.account.name == "Nimbus Inc")
            #expect(byStripe.account.employeeCount == 80)
            #expect(byStripe.account.traits == ["a": .number(1), "c": .bool(true)])
            #expect(byStripe.account.createdAt == Fixtures.now)
            #expect(byStripe.account.updatedAt == Fixtures.day(2))
        } 
    }

    @Test("upsert refuses ids that point at two accounts, and a new account without a name", arguments: Backend.allCases)
    func upsertConflicts(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            await #expect { try await store.upsertAccount(AccountDraft(id: "a1", stripeCustomerID: "cus_a2"), newID: "x", at: Fixtures.now) }
                throws: { ($0 as? StoreError)?.code == .conflict }
            await #expect(throws: ValidationError(field: "name", "is required to create an account")) {
                try await store.upsertAccount(AccountDraft(domain: "x.com"), newID: "x", at: Fixtures.now)
            }
            await #expect(throws: ValidationError(field: "employee_count", "must be between 0 and 10000000")) {
                try await store.upsertAccount(AccountDraft(id: "a1", employeeCount: -5), newID: "x", at: Fixtures.now)
            }
            #expect(try await store.account(id: "a1")?.account == Fixtures.batch().accounts[0])
            #expect(try await store.factCounts()["accounts"] == 2)
        }
    }

    @Test("the list filters, searches, sorts and pages", arguments: Backend.allCases)
    func listing(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            var batch = FactBatch()
            batch.accounts = [
                Fixtures.account("b1", name: "Zeta 100% Co", segment: "smb", owner: "csm_1", domain: "zeta.io", created: -5),
                Fixtures.account("b2", name: "alpha_beta", segment: "smb", owner: nil, stage: .renewal, created: -4),
                Fixtures.account("b3", name: "Gamma", segment: "enterprise", owner: "csm_2", domain: "ALPHA.example.com", created: -3),
                Fixtures.account("b4", name: "Delta", segment: "enterprise", owner: "csm_1", stage: .churned, created: -2),
            ]
            try await store.write(batch, asOf: Fixtures.now)
            func ids(_ query: AccountQuery) async throws -> [String] {
                try await store.accounts(query).items.map(\.account.id)
            }
            #expect(try await ids(AccountQuery()) == ["b2", "b4", "b3", "b1"].sorted { name($0) < name($1) })
            #expect(try await ids(AccountQuery(segment: "enterprise")) == ["b4", "b3"])
            #expect(try await ids(AccountQuery(ownerID: "csm_1", sort: .createdAt)) == ["b1", "b4"])
            #expect(try await ids(AccountQuery(ownerID: AccountQuery.unowned)) == ["b2"])
            #expect(try await ids(AccountQuery(lifecycleStage: .churned)) == ["b4"])
            #expect(try await ids(AccountQuery(search: "alpha", sort: .createdAt)) == ["b2", "b3"])
            #expect(try await ids(AccountQuery(search: "%")) == ["b1"])
            #expect(try await ids(AccountQuery(search: "_")) == ["b2"])
            #expect(try await ids(AccountQuery(sort: .createdAt, descending: true)) == ["b4", "b3", "b2", "b1"])
            let page = try await store.accounts(AccountQuery(sort: .createdAt, limit: 3, offset: 2))
            #expect(page.items.map(\.account.id) == ["b3", "b4"])
            #expect(page.total == 4)
        }
    }

    private func name(_ id: String) -> String {
        ["b1": "Zeta 100% Co", "b2": "alpha_beta", "b3": "Gamma", "b4": "Delta"][id]!
    }

    @Test("API keys are stored hashed, found by id and revoked once", arguments: Backend.allCases)
    func apiKeys(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let key = APIKeyRecord(id: "abc123abc123", name: "ci", role: .member, secretHash: "ff", createdAt: Fixtures.now)
            try await store.insertAPIKey(key)
            #expect(try await store.apiKey(id: "abc123abc123") == key)
            #expect(try await store.apiKey(id: "missing") == nil)
            try await store.markAPIKeyUsed(id: key.id, at: Fixtures.day(1))
            #expect(try await store.apiKey(id: key.id)?.lastUsedAt == Fixtures.day(1))
            #expect(try await store.revokeAPIKey(id: key.id, at: Fixtures.day(2)))
            #expect(try await store.revokeAPIKey(id: key.id, at: Fixtures.day(3)) == false)
            #expect(try await store.apiKeys().map(\.revokedAt) == [Fixtures.day(2)])
            await #expect { try await store.insertAPIKey(key) } throws: { ($0 as? StoreError)?.code == .conflict }
        }
    }

    @Test("settings are stored and replaced", arguments: Backend.allCases)
    func settings(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            #expect(try await store.setting("demo.seed") == nil)
            try await store.setSetting("demo.seed", to: "1")
            try await store.setSetting("demo.seed", to: "2")
            #expect(try await store.setting("demo.seed") == "2")
        }
    }

    @Test("concurrent upserts and reads all succeed", arguments: Backend.allCases)
    func concurrency(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        _ = try await store.upsertAccount(AccountDraft(id: "c\(index)", name: "Concurrent \(index)"),
                                                          newID: "unused", at: Fixtures.now)
                        _ = try await store.accounts(AccountQuery(search: "Concurrent"))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.accounts(AccountQuery()).total == 40)
        }
    }
}
