import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// `GET /api/v1/jobs?job=health&limit=20`: the recurring jobs' schedule and their latest runs, newest first.
struct JobsController {
    let store: any JobStore

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get(use: list)
    }

    struct JobsResource: ResponseEncodable {
        var jobs: [JobSchedule]
        var runs: [JobRun]
    }

    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> JobsResource {
        let query = try QueryReader(request, allowed: ["job", "limit"])
        let runs = try await store.jobRuns(job: try query.string("job"), limit: try query.int("limit", default: 20, in: 1...1_000))
        return JobsResource(jobs: try await store.jobSchedules(), runs: runs)
    }
}
