import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureStore

/// The SQL aggregations behind the customer success figures, on both backends.
@Suite("Metrics queries")
struct MetricsQueryTests {
    static func batch() -> FactBatch {
        var batch = Fixtures.batch()
        let day = Fixtures.day
        batch.surveyResponses = [
            SurveyResponse(id: "n1", accountID: "a1", kind: .nps, score: 10, respondedAt: day(-5)),
            SurveyResponse(id: "n2", accountID: "a1", kind: .nps, score: 9, respondedAt: day(-4)),
            SurveyResponse(id: "n3", accountID: "a2", kind: .nps, score: 3, respondedAt: day(-3)),
            SurveyResponse(id: "n4", accountID: "a2", kind: .nps, score: 8, respondedAt: day(-40)),
            SurveyResponse(id: "c1", accountID: "a2", kind: .csat, score: 5, respondedAt: day(-2)),
        ]
        batch.tickets = [
            Ticket(id: "t1", accountID: "a1", subject: "A", priority: .high, openedAt: UTCCalendar.date(2025, 12, 3)),
            Ticket(id: "t2", accountID: "a1", subject: "B", priority: .high, openedAt: UTCCalendar.date(2025, 12, 31)),
            Ticket(id: "t3", accountID: "a2", subject: "C", priority: .low, openedAt: UTCCalendar.date(2026, 1, 1)),
        ]
        let rollup = { (account: String, offset: Double, event: String, count: Int64) in
            UsageRollup(accountID: account, day: day(offset), event: event, count: count, users: 1, lastAt: day(offset))
        }
        batch.usageRollups = [
            rollup("a1", -60, "report_created", 2), rollup("a1", -50, "report_created", 2), rollup("a1", -40, "report_created", 3),
            rollup("a2", -60, "report_created", 4),
            rollup("a1", -10, "login", 5), rollup("a2", -45, "login", 1),
            rollup("a1", -10, "dashboard_viewed", 1), rollup("a1", -5, "workflow_run", 1), rollup("a2", -10, "dashboard_viewed", 2),
        ]
        return batch
    }

    @Test("survey answers are counted per score, overall and per segment", arguments: Backend.allCases)
    func surveys(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Self.batch(), asOf: Fixtures.now)
            let counts = try await store.surveyScoreCounts(.nps, from: Fixtures.day(-30), to: Fixtures.now, groupedBy: nil)
            #expect(counts == ["": [10: 1, 9: 1, 3: 1]])
            let bySegment = try await store.surveyScoreCounts(.nps, from: Fixtures.day(-60), to: Fixtures.now, groupedBy: .segment)
            #expect(bySegment == ["smb": [10: 1, 9: 1], "mid_market": [3: 1, 8: 1]])
            let nps = NPSSummary(scoreCounts: counts[""]!)
            #expect(nps.score! == 100.0 / 3)
        }
    }

    @Test("tickets, engagement, milestones and features are aggregated in SQL", arguments: Backend.allCases)
    func activity(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Self.batch(), asOf: Fixtures.now)
            let months = ReportingPeriod.covering(from: UTCCalendar.date(2025, 12, 1), to: UTCCalendar.date(2026, 1, 31),
                                                  interval: .month, calendar: UTCCalendar.calendar)
            #expect(try await store.ticketCounts(in: months) == ["2025-12": [.high: 2], "2026-01": [.low: 1]])
            // a1 logged in on day −10 (Jan 5), a2 on day −45 (Dec 1).
            #expect(try await store.engagedAccounts(event: "login", in: months) == ["2025-12": 1, "2026-01": 1])
            // a1 reaches 5 reports on day −40 (2 + 2 + 3); a2 never does (4).
            let reached = try await store.milestoneReached(.init(event: "report_created", count: 5))
            #expect(reached == ["a1": Fixtures.day(-40)])
            let used = try await store.featuresUsed(["dashboard_viewed", "workflow_run", "report_created"],
                                                    from: Fixtures.day(-30), to: Fixtures.now)
            #expect(used == ["a1": 2, "a2": 1])
        }
    }

    @Test("every write moves the facts version", arguments: Backend.allCases)
    func factsVersion(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let start = try await store.factsVersion()
            try await store.write(Self.batch(), asOf: Fixtures.now)
            _ = try await store.upsertAccount(AccountDraft(id: "a1", industry: "Retail"), newID: "x", at: Fixtures.now)
            #expect(try await store.factsVersion() == start + 2)
        }
    }
}
