import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureStore

@Suite("Usage rollups added to in place")
struct UsageRollupTests {
    /// 2026-06-15 00:00 UTC.
    static let day = Date(timeIntervalSince1970: 1_781_481_600)
    static let received = day.adding(days: 2)

    static func track(_ id: String, account: String?, user: String? = nil, anonymous: String? = nil, _ event: String = "Report Created",
                      hours: Double) -> UsageEvent {
        UsageEvent(messageID: id, type: .track, accountID: account, userID: user, anonymousID: anonymous, event: event,
                   timestamp: day.addingTimeInterval(hours * 3_600), receivedAt: received)
    }

    /// The rollups as stored, and as recounted from every raw event.
    static func rollups(_ store: any Store) async throws -> (stored: [[SQLValue]], recounted: [[SQLValue]]) {
        let database = (store as! SQLStore).database
        let stored = try await database.read(
            "SELECT account_id, day, event, count, users, last_at FROM usage_rollups ORDER BY account_id, day, event")
        let recounted = try await database.read(
            """
            SELECT account_id, day, event, COUNT(*) AS count, COUNT(DISTINCT COALESCE(user_id, anonymous_id)) AS users,
                MAX(occurred_at) AS last_at
            FROM usage_events WHERE account_id IS NOT NULL AND event IS NOT NULL AND type IN ('track', 'page')
            GROUP BY account_id, day, event ORDER BY account_id, day, event
            """)
        return (stored.map(\.values), recounted.map(\.values))
    }

    static func row(_ account: String, day offset: Double, _ event: String, count: Int64, users: Int64, lastHours: Double) -> [SQLValue] {
        [.text(account), SQLValue(day.adding(days: offset)), .text(event), .integer(count), .integer(users),
         SQLValue(day.addingTimeInterval(lastHours * 3_600))]
    }

    @Test("replays, a message repeated in one batch, anonymous and unnamed people, and events attributed late keep the rollups equal to a recount",
          arguments: Backend.allCases)
    func addedInPlace(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.upsertAccounts([AccountDraft(id: "a1", name: "Acme")], at: Self.day)
            var first = UsageBatch()
            first.events = [
                Self.track("m1", account: "a1", user: "u1", hours: 1),
                Self.track("m2", account: "a1", user: "u1", hours: 2),
                Self.track("m3", account: "a1", user: "u2", hours: 3),
                UsageEvent(messageID: "m4", type: .page, accountID: "a1", anonymousID: "anon1", event: "page",
                           timestamp: Self.day.addingTimeInterval(4 * 3_600), receivedAt: Self.received),
                Self.track("m5", account: "a1", hours: 5),
                Self.track("m6", account: "a1", user: "u1", "Login", hours: 25),
                Self.track("m1", account: "a1", user: "u1", hours: 10),
                // u3 belongs to no account yet.
                Self.track("m7", account: nil, user: "u3", hours: 6),
            ]
            let stored = try await store.ingestUsage(first, at: Self.received)
            #expect(stored == UsageIngestResult(stored: 7, duplicates: 1, attributed: 6))
            var rollups = try await Self.rollups(store)
            #expect(rollups.stored == [
                Self.row("a1", day: 0, "Report Created", count: 4, users: 2, lastHours: 5),
                Self.row("a1", day: 0, "page", count: 1, users: 1, lastHours: 4),
                Self.row("a1", day: 1, "Login", count: 1, users: 1, lastHours: 25),
            ])
            #expect(rollups.stored == rollups.recounted)

            var second = UsageBatch()
            second.groups["g1"] = AccountDraft(name: "Globex", segmentGroupID: "g1")
            second.memberships["u3"] = "g1"
            second.events = [
                Self.track("m2", account: "a1", user: "u1", hours: 2),
                Self.track("m3", account: "a1", user: "u2", hours: 3),
                Self.track("m8", account: nil, user: "u3", hours: 7),
                Self.track("m9", account: "a1", user: "u2", hours: 8),
                Self.track("m10", account: "a1", anonymous: "anon1", hours: 9),
            ]
            #expect(try await store.ingestUsage(second, at: Self.received) == UsageIngestResult(stored: 3, duplicates: 2, attributed: 3))
            rollups = try await Self.rollups(store)
            #expect(rollups.stored == [
                Self.row("a1", day: 0, "Report Created", count: 6, users: 3, lastHours: 9),
                Self.row("a1", day: 0, "page", count: 1, users: 1, lastHours: 4),
                Self.row("a1", day: 1, "Login", count: 1, users: 1, lastHours: 25),
                Self.row("acct_g1", day: 0, "Report Created", count: 2, users: 1, lastHours: 7),
            ], "u3's earlier event m7 now counts under Globex with m8, as one user")
            #expect(rollups.stored == rollups.recounted)

            // Everything again: nothing new, nothing counted twice.
            var replay = UsageBatch()
            replay.events = first.events + second.events
            #expect(try await store.ingestUsage(replay, at: Self.received) == UsageIngestResult(stored: 0, duplicates: 13, attributed: 0))
            #expect(try await Self.rollups(store).stored == rollups.stored)
        }
    }

    @Test("whether a person is new to a rollup's key is read from their entries in the usage index, not from every event of the key")
    func personLookupUsesIndex() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let plan = try await (store as! SQLStore).database.read(
                """
                EXPLAIN QUERY PLAN SELECT COUNT(*) FROM usage_events e WHERE e.account_id = 'a1' AND e.day = 0 AND e.event = 'Login'
                    AND e.type IN ('track', 'page') AND COALESCE(e.user_id, e.anonymous_id) = 'u1'
                """)
            let steps = try plan.map { row -> String in try row["detail"] }
            #expect(steps.count == 1)
            #expect(steps.first?.contains("usage_events_account (account_id=? AND day=? AND event=? AND <expr>=? AND type=?)") == true, "\(steps)")
        }
    }
}
