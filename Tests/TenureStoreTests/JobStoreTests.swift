import Foundation
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

@Suite("Jobs: leases and runs")
struct JobStoreTests {
    static let start = TestClock.now

    @Test("of many nodes claiming a due job at once exactly one wins; a live lease keeps the others out", arguments: Backend.allCases)
    func oneClaimWins(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            try await withStore(url) { a in try await withStore(url) { b in try await withStore(url) { c in
            let nodes = [a, b, c]
            try await nodes[0].scheduleJob("health", every: 600, firstRunAt: Self.start)
            #expect(try await nodes[1].claimJob("health", node: "early", now: Self.start.addingTimeInterval(-1), leaseUntil: Self.start) == nil,
                    "not due yet")
            let claims = try await withThrowingTaskGroup(of: JobClaim?.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await nodes[index % 3].claimJob("health", node: "n\(index)", now: Self.start, leaseUntil: Self.start.addingTimeInterval(30))
                    }
                }
                return try await group.reduce(into: [JobClaim]()) { if let claim = $1 { $0.append(claim) } }
            }
            #expect(claims.count == 1)
            #expect(claims.first?.dueAt == Self.start)
            #expect(try await nodes[2].claimJob("health", node: "late", now: Self.start.addingTimeInterval(29), leaseUntil: Self.start.addingTimeInterval(60)) == nil)
            let runs = try await nodes[0].jobRuns(job: "health", limit: 10)
            #expect(runs.map(\.status) == [.running])
            #expect(runs.first?.attempts == 1 && runs.first?.node == claims.first?.node)
            } } }
        }
    }

    @Test("a lapsed lease is taken over; the first node can neither renew nor finish; the run is one run with two attempts",
          arguments: Backend.allCases)
    func takeover(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.scheduleJob("health", every: 600, firstRunAt: Self.start)
            let first = try #require(try await store.claimJob("health", node: "a", now: Self.start, leaseUntil: Self.start.addingTimeInterval(30)))
            #expect(try await store.renewJobLease(first, now: Self.start.addingTimeInterval(10), until: Self.start.addingTimeInterval(40)))
            #expect(try await store.claimJob("health", node: "b", now: Self.start.addingTimeInterval(39), leaseUntil: Self.start.addingTimeInterval(70)) == nil)
            // Node a stops heartbeating: at 40 s its lease has lapsed.
            let second = try #require(try await store.claimJob("health", node: "b", now: Self.start.addingTimeInterval(40),
                                                               leaseUntil: Self.start.addingTimeInterval(70)))
            #expect(second.dueAt == first.dueAt)
            #expect(try await store.renewJobLease(first, now: Self.start.addingTimeInterval(41), until: Self.start.addingTimeInterval(80)) == false)
            #expect(try await store.finishJob(first, status: .succeeded, detail: "late", now: Self.start.addingTimeInterval(42)) == false)
            #expect(try await store.finishJob(second, status: .succeeded, detail: "12 accounts", now: Self.start.addingTimeInterval(45)))
            let runs = try await store.jobRuns(job: nil, limit: 10)
            #expect(runs.count == 1)
            #expect(runs.first?.attempts == 2 && runs.first?.node == "b" && runs.first?.status == .succeeded && runs.first?.detail == "12 accounts")
            let schedule = try #require(try await store.jobSchedules().first)
            #expect(schedule.nextRunAt == Self.start.addingTimeInterval(600))
            #expect(schedule.leaseOwner == nil)
        }
    }

    @Test("the next run is the first one on the job's grid after the finish: missed runs collapse into one", arguments: Backend.allCases)
    func grid(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.scheduleJob("health", every: 60, firstRunAt: Self.start)
            let claim = try #require(try await store.claimJob("health", node: "a", now: Self.start.addingTimeInterval(5), leaseUntil: Self.start.addingTimeInterval(500)))
            #expect(try await store.finishJob(claim, status: .failed, detail: "boom", now: Self.start.addingTimeInterval(250)))
            #expect(try await store.jobSchedules().first?.nextRunAt == Self.start.addingTimeInterval(300))
            #expect(try await store.jobRuns(job: "health", limit: 1).first?.status == .failed)
            // Registering again keeps the schedule, but a shorter interval pulls a far next run in.
            try await store.scheduleJob("health", every: 60, firstRunAt: Self.start.addingTimeInterval(260))
            #expect(try await store.jobSchedules().first?.nextRunAt == Self.start.addingTimeInterval(300))
            try await store.scheduleJob("health", every: 10, firstRunAt: Self.start.addingTimeInterval(260))
            #expect(try await store.jobSchedules().first?.nextRunAt == Self.start.addingTimeInterval(270))
            #expect(try await store.jobSchedules().first?.interval == 10)
        }
    }
}
