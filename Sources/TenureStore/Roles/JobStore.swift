import Foundation

/// Persistence of recurring jobs and their runs, safe for many nodes on one database: a run
/// is claimed by one node with a lease, kept alive by heartbeats, and taken over when it lapses.
public protocol JobStore: Sendable {
    /// Registers `name` to run every `interval`, first at `firstRunAt`; an existing job keeps
    /// its next run (moved earlier if the new interval asks for it) and takes the new interval.
    func scheduleJob(_ name: String, every interval: TimeInterval, firstRunAt: Date) async throws
    /// Claims the job for `node` until `leaseUntil` when it is due at `now` and no live lease
    /// holds it; `nil` when it is not due or another node holds it.
    func claimJob(_ name: String, node: String, now: Date, leaseUntil: Date) async throws -> JobClaim?
    /// Extends the claim's lease and records a heartbeat; `false` when the lease was lost.
    func renewJobLease(_ claim: JobClaim, now: Date, until: Date) async throws -> Bool
    /// Ends the claimed run with `status` and schedules the job's next run after `now`;
    /// `false` (and nothing written) when the lease was lost meanwhile.
    func finishJob(_ claim: JobClaim, status: JobRun.Status, detail: String, now: Date) async throws -> Bool
    /// Every registered job, by name.
    func jobSchedules() async throws -> [JobSchedule]
    /// The latest runs, newest first, of one job or all.
    func jobRuns(job: String?, limit: Int) async throws -> [JobRun]
}
