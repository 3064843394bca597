import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

@Suite("Jobs API")
struct JobsAPITests {
    @Test("GET /api/v1/jobs lists the schedule and the runs, newest first; it needs a key and takes job and limit only", arguments: Backend.allCases)
    func list(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let start = TestClock.now
            try await harness.store.scheduleJob("health", every: 900, firstRunAt: start)
            let claim = try #require(try await harness.store.claimJob("health", node: "web-1:42:7", now: start, leaseUntil: start.addingTimeInterval(60)))
            #expect(try await harness.store.finishJob(claim, status: .succeeded, detail: "150 accounts scored, 2 alerts", now: start.addingTimeInterval(3)))
            try await client.execute(uri: "/api/v1/jobs?job=health&limit=5", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                let jobs = response.json["jobs"] as? [[String: Any]] ?? []
                #expect(jobs.map { $0["name"] as? String } == ["health"])
                #expect(jobs.first?["interval"] as? Double == 900)
                #expect(jobs.first?["next_run_at"] as? String == JSONCoding.format(start.addingTimeInterval(900)))
                let runs = response.json["runs"] as? [[String: Any]] ?? []
                #expect(runs.count == 1)
                #expect(runs.first?["status"] as? String == "succeeded" && runs.first?["attempts"] as? Int == 1)
                #expect(runs.first?["node"] as? String == "web-1:42:7" && runs.first?["detail"] as? String == "150 accounts scored, 2 alerts")
            }
            try await client.execute(uri: "/api/v1/jobs", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/jobs?limit=0", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .badRequest && response.error["field"] == "limit")
            }
        }
    }
}
