import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureStore

/// The store's contract, run unchanged against SQLite and PostgreSQL.
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test("migrations apply once and leave nothing pending", arguments: Backend.allCases)
    func migrationsAreIdempotent(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            try await withStore(url, migrate: false) { (store) async throws in
                #expect(try await store.pendingMigrations() == Migration.all.map(\.version))
                #expect(try await store.migrate() == Migration.all.map(\.version))
                #expect(try await store.migrate() == [])
                #expect(try await store.pendingMigrations() == [])
            }
        }
    }

    @Test("every kind of fact reads back exactly as written", arguments: Backend.allCases)
    func factsRoundTrip(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let sql = try #require(store as? SQLStore)
            let batch = Fixtures.batch()
            try await store.write(batch, asOf: Fixtures.now)
            #expect(try await sql.select(Tables.csms) == batch.csms)
            #expect(try await sql.select(Tables.products, "ORDER BY id") == batch.products.sorted { $0.id < $1.id })
            #expect(Set(try await store.prices()) == Set(batch.prices))
            #expect(try await sql.select(Tables.accounts, "ORDER BY id") == batch.accounts)
            #expect(try await sql.select(Tables.contacts) == batch.contacts)
            let reader = SubscriptionReader(run: sql.database.read)
            #expect(try await reader.subscriptions("", orderedBy: "s.id").subscriptions == batch.subscriptions)
            #expect(Set(try await reader.changes()) == Set(batch.subscriptionChanges))
            #expect(try await reader.changes("WHERE account_id = \(bind: "a1")").map(\.effectiveAt) == [Fixtures.day(-40), Fixtures.day(-10)])
            #expect(try await sql.select(Tables.invoices) == batch.invoices)
            #expect(try await sql.select(Tables.paymentAttempts, "ORDER BY id") == batch.paymentAttempts)
            #expect(Set(try await sql.select(Tables.usageRollups)) == Set(batch.usageRollups))
            #expect(try await sql.select(Tables.tickets) == batch.tickets)
            #expect(try await sql.select(Tables.surveyResponses) == batch.surveyResponses)
            #expect(try await sql.select(Tables.touchpoints) == batch.touchpoints)
            #expect(try await sql.select(Tables.tasks) == batch.tasks)
            #expect(try await store.subscriptions(ofAccount: "a1") == [batch.subscriptions[0]])
        }
    }

    @Test("an account's subscriptions come in one read with their items in order and the prices they name",
          arguments: Backend.allCases)
    func pricedSubscriptions(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            var batch = Fixtures.batch()
            let items = [SubscriptionItem(id: "si_b3", priceID: Fixtures.businessAnnual.id, quantity: 1),
                         SubscriptionItem(id: "si_b1", priceID: Fixtures.growthMonthly.id, quantity: 2),
                         SubscriptionItem(id: "si_b2", priceID: Fixtures.businessAnnual.id, quantity: 5)]
            let bundle = Subscription(id: "sub_a1_bundle", accountID: "a1", status: .active, items: items, currency: .usd,
                                      startedAt: Fixtures.day(-60), currentPeriodStart: Fixtures.day(-5), currentPeriodEnd: Fixtures.day(25))
            let empty = Subscription(id: "sub_a1_empty", accountID: "a1", status: .active, items: [], currency: .usd,
                                     startedAt: Fixtures.day(-60), currentPeriodStart: Fixtures.day(-5), currentPeriodEnd: Fixtures.day(25))
            batch.subscriptions += [bundle, empty]
            try await store.write(batch, asOf: Fixtures.now)
            let priced = try await store.pricedSubscriptions(ofAccount: "a1")
            // Oldest first, then by id; each one's items in the order they were given.
            #expect(priced.subscriptions == [bundle, empty, batch.subscriptions[0]])
            #expect(priced.prices == [Fixtures.businessAnnual, Fixtures.growthMonthly])
            #expect(try await store.pricedSubscriptions(ofAccount: "a2").prices == [Fixtures.businessAnnual])
            #expect(try await store.pricedSubscriptions(ofAccount: "nobody") == ([], []))
        }
    }

    @Test("writing keeps each account's MRR: discounts applied, annual plans ÷ 12", arguments: Backend.allCases)
    func mrrIsMaintained(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            var batch = Fixtures.batch()
            try await store.write(batch, asOf: Fixtures.now)
            #expect(try await store.account(id: "a1")?.mrr == 20_000)
            #expect(try await store.account(id: "a2")?.mrr == 11_250)

            // A later write of only the subscription (2 more seats) refreshes the account.
            var grown = batch.subscriptions[0]
            grown.items[0].quantity = 12
            batch = FactBatch()
            batch.subscriptions = [grown]
            try await store.write(batch, asOf: Fixtures.now)
            #expect(try await store.account(id: "a1")?.mrr == 24_000)
        }
    }

    @Test("a batch with one invalid fact writes nothing", arguments: Backend.allCases)
    func invalidBatchWritesNothing(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            var batch = Fixtures.batch()
            batch.surveyResponses[0].score = 11
            await #expect(throws: ValidationError(field: "survey_responses[0].score", "must be between 0 and 10")) {
                try await store.write(batch, asOf: Fixtures.now)
            }
            let counts = try await store.factCounts()
            #expect(counts.values.allSatisfy { $0 == 0 })
        }
    }

    @Test("a batch breaking a uniqueness rule rolls back whole", arguments: Backend.allCases)
    func conflictingBatchRollsBack(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let before = try await store.factCounts()
            var batch = FactBatch()
            var intruder = Fixtures.account("a3", name: "Copycat")
            intruder.stripeCustomerID = "cus_a1"
            batch.accounts = [Fixtures.account("a4", name: "Innocent"), intruder]
            batch.tickets = [Ticket(id: "t9", accountID: "a4", subject: "Hi", openedAt: Fixtures.now)]
            await #expect {
                try await store.write(batch, asOf: Fixtures.now)
            } throws: { error in
                (error as? StoreError)?.code == .conflict
            }
            #expect(try await store.factCounts() == before)
            #expect(try await store.account(id: "a4") == nil)
        }
    }

    @Test("rewriting a fact replaces it; within a batch the last copy wins", arguments: Backend.allCases)
    func upsertsReplace(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            #expect(try await store.factCounts()["accounts"] == 2)
            #expect(try await store.factCounts()["payment_attempts"] == 2)
            var batch = FactBatch()
            batch.accounts = [Fixtures.account("a1", name: "First"), Fixtures.account("a1", name: "Second")]
            try await store.write(batch, asOf: Fixtures.now)
            #expect(try await store.account(id: "a1")?.account.name == "Second")
        }
    }

    @Test("batches larger than one statement's bind limit are written whole", arguments: Backend.allCases)
    func largeBatches(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            var batch = Fixtures.batch()
            batch.usageRollups = (0..<12_000).map { index in
                UsageRollup(accountID: "a\(index % 2 + 1)", day: Fixtures.day(Double(-(index / 20))),
                            event: "event_\(index % 20)", count: Int64(index), users: 1, lastAt: Fixtures.now)
            }
            try await store.write(batch, asOf: Fixtures.now)
            #expect(try await store.factCounts()["usage_rollups"] == 12_000)
        }
    }
}

@Suite("Raw events")
struct RawEventTests {
    static func event(_ id: String, _ name: String, at seconds: Double) -> UsageEvent {
        UsageEvent(messageID: id, type: .track, accountID: "a1", userID: "u1", event: name,
                   timestamp: Fixtures.day(seconds / 86_400), receivedAt: Fixtures.now, properties: ["n": .number(seconds)])
    }

    @Test("a replayed message id keeps the first copy and adds nothing", arguments: Backend.allCases)
    func replaysAreDropped(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let sql = try #require(store as? SQLStore)
            var batch = FactBatch()
            batch.usageEvents = (0..<1_500).map { Self.event("m\($0)", "login", at: Double(-$0)) }
            try await store.write(batch, asOf: Fixtures.now)
            batch.usageEvents = [Self.event("m0", "changed", at: 5), Self.event("m0", "changed again", at: 6), Self.event("new", "login", at: 1)]
            try await store.write(batch, asOf: Fixtures.now)
            #expect(try await store.factCounts()["usage_events"] == 1_501)
            let first = try await sql.select(Tables.usageEvents, "WHERE message_id = \(bind: "m0")")
            #expect(first == [Self.event("m0", "login", at: 0)])
        }
    }
}
