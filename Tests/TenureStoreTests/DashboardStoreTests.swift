import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureStore

/// The dashboard's store methods, on SQLite and PostgreSQL.
@Suite("Dashboard store")
struct DashboardStoreTests {
    static func user(_ id: String, _ email: String) -> UserRecord {
        UserRecord(id: id, email: email, name: "User \(id)", role: .viewer, passwordHash: "$2b$04$hash", createdAt: Fixtures.now)
    }

    @Test("users are unique by lower-cased email and read back as written", arguments: Backend.allCases)
    func users(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.insertUser(Self.user("u1", "Ana@Example.com"))
            await #expect { try await store.insertUser(Self.user("u2", "ana@example.com")) } throws: { ($0 as? StoreError)?.code == .conflict }
            #expect(try await store.user(email: "ANA@example.com")?.id == "u1")
            #expect(try await store.user(id: "u1") == Self.user("u1", "ana@example.com"))
            #expect(try await store.users().map(\.email) == ["ana@example.com"])
            #expect(try await store.setUserPassword(id: "u1", passwordHash: "$2b$04$new"))
            #expect(try await store.user(id: "u1")?.passwordHash == "$2b$04$new")
            #expect(try await store.setUserPassword(id: "nobody", passwordHash: "x") == false)
        }
    }

    @Test("sessions are found by hash until they expire or are deleted; a new password ends them", arguments: Backend.allCases)
    func sessions(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.insertUser(Self.user("u1", "ana@example.com"))
            let session = SessionRecord(tokenHash: "h1", userID: "u1", createdAt: Fixtures.now, expiresAt: Fixtures.day(1))
            try await store.insertSession(session)
            #expect(try await store.session(tokenHash: "h1", at: Fixtures.now)?.session == session)
            #expect(try await store.user(id: "u1")?.lastSignInAt == Fixtures.now)
            #expect(try await store.session(tokenHash: "h1", at: Fixtures.day(2)) == nil, "expired")
            #expect(try await store.deleteExpiredSessions(at: Fixtures.day(2)) == 1)
            try await store.insertSession(SessionRecord(tokenHash: "h2", userID: "u1", createdAt: Fixtures.now, expiresAt: Fixtures.day(1)))
            try await store.deleteSession(tokenHash: "h2")
            #expect(try await store.session(tokenHash: "h2", at: Fixtures.now) == nil)
            try await store.insertSession(SessionRecord(tokenHash: "h3", userID: "u1", createdAt: Fixtures.now, expiresAt: Fixtures.day(1)))
            _ = try await store.setUserPassword(id: "u1", passwordHash: "x")
            #expect(try await store.session(tokenHash: "h3", at: Fixtures.now) == nil)
        }
    }

    @Test("the accounts table filters, searches, sorts by renewal and owner, and pages in SQL", arguments: Backend.allCases)
    func accountList(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let all = try await store.accountList(AccountListQuery())
            #expect(all.total == 2 && all.items.map(\.summary.account.id) == ["a1", "a2"], "largest MRR first")
            #expect(all.items.first?.renewsAt == Fixtures.day(21) && all.items.last?.renewsAt == Fixtures.day(165))
            #expect(try await store.accountList(AccountListQuery(sort: .renewal, descending: true)).items.map(\.summary.account.id) == ["a2", "a1"])
            #expect(try await store.accountList(AccountListQuery(sort: .owner, descending: false)).items.map(\.summary.account.id) == ["a1", "a2"],
                    "accounts without an owner sort last")
            #expect(try await store.accountList(AccountListQuery(search: "BEACON")).items.map(\.summary.account.id) == ["a2"])
            #expect(try await store.accountList(AccountListQuery(ownerID: AccountQuery.unowned)).total == 1)
            let second = try await store.accountList(AccountListQuery(sort: .name, descending: false, limit: 1, offset: 1))
            #expect(second.total == 2 && second.items.map(\.summary.account.name) == ["Beacon Labs"])
            #expect(try await store.accountSegments() == ["mid_market", "smb"])
        }
    }

    @Test("renewals list live subscriptions ending in the window, with warning signs and contract filters", arguments: Backend.allCases)
    func renewals(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let window = RenewalQuery(from: Fixtures.now, to: Fixtures.day(180))
            let all = try await store.renewals(window)
            #expect(all.items.map(\.subscription.id) == ["sub_a1", "sub_a2"] && all.total == 2)
            #expect(all.items[0].subscription.items.first?.quantity == 10 && all.items[0].accountName == "Acme Analytics")
            #expect(all.items[0].accountMRR == 20_000 && all.items[1].ownerID == nil)
            var contracts = window
            contracts.contractsOnly = true
            #expect(try await store.renewals(contracts).items.map(\.subscription.id) == ["sub_a2"])
            var warnings = window
            warnings.warningsOnly = true
            #expect(try await store.renewals(warnings).items.map(\.subscription.id) == ["sub_a2"], "a2 has a scheduled cancellation")
            var largest = window
            largest.largestFirst = true
            #expect(try await store.renewals(largest).items.first?.subscription.id == "sub_a1")
            #expect(try await store.renewals(RenewalQuery(from: Fixtures.day(30), to: Fixtures.day(60))).total == 0)
        }
    }

    @Test("an account's activity and daily usage come back newest first and limited", arguments: Backend.allCases)
    func activity(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let batch = Fixtures.batch()
            try await store.write(batch, asOf: Fixtures.now)
            let activity = try await store.accountRecords(ofAccount: "a1", limit: 1)
            #expect(activity.contacts == batch.contacts && activity.invoices == batch.invoices)
            #expect(activity.paymentAttempts.map(\.id) == ["py_2"], "newest first, cut at the limit")
            #expect(activity.subscriptionChanges.map(\.effectiveAt) == [Fixtures.day(-40), Fixtures.day(-10)])
            #expect(activity.tickets == batch.tickets && activity.surveyResponses == batch.surveyResponses)
            #expect(activity.touchpoints == batch.touchpoints && activity.tasks == batch.tasks)
            #expect(try await store.accountRecords(ofAccount: "a2", limit: 10).tickets.isEmpty)
            let usage = try await store.dailyUsage(ofAccount: "a1", from: Fixtures.day(-30), to: Fixtures.now)
            #expect(usage == [UsageDay(day: Fixtures.day(-7), events: 47, users: 7)])
            #expect(try await store.eventCounts(ofAccount: "a1", from: Fixtures.day(-30), to: Fixtures.now) == ["login": 42, "report_created": 5])
        }
    }
}
