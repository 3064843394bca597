import Foundation
import Logging
import ServiceLifecycle
import TenureCore
import TenureStore

/// Runs the cluster's recurring jobs on this node: every `poll` it claims each due job that no
/// other node holds, keeps the claim alive with heartbeats while the work runs, and records the
/// run. A node that dies stops heartbeating; when its lease lapses another node runs the job.
public actor JobRunner: Service {
    /// A recurring job: its name, how often it is due, and its work (which describes what it did).
    public struct Job: Sendable {
        public var name: String
        public var interval: TimeInterval
        public var work: @Sendable () async throws -> String

        public init(name: String, interval: TimeInterval, work: @escaping @Sendable () async throws -> String) {
            self.name = name
            self.interval = interval
            self.work = work
        }
    }

    let store: any JobStore
    let jobs: [Job]
    let clock: WallClock
    /// This process's name in leases and runs: host, process id and a random suffix.
    public let node: String
    let lease: TimeInterval
    let poll: Duration
    let logger: Logger

    public init(store: any JobStore, jobs: [Job], clock: WallClock, lease: TimeInterval = 60, poll: Duration = .seconds(1),
                logger: Logger = Logger(label: "tenure.jobs")) {
        self.store = store
        self.jobs = jobs
        self.clock = clock
        self.node = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
        self.lease = lease
        self.poll = poll
        self.logger = logger
    }

    /// Registers the jobs, then claims and runs due ones until the service group shuts down.
    ///
    /// Shutting down interrupts a pass: its database calls return at once (one on a connection the server
    /// dropped could otherwise wait forever), an interrupted run's claim lapses, and another node runs it.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await self.runDueJobs() }
            } catch is CancellationError {
                logger.notice("jobs: interrupted, the node is shutting down")
            } catch {
                logger.error("jobs: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.poll) }
        }
    }

    private var registered = false

    /// One pass: registers the jobs the first time, then runs each that is due and that this node wins.
    private func runDueJobs() async throws {
        if !registered {
            for job in jobs { try await store.scheduleJob(job.name, every: job.interval, firstRunAt: clock.now()) }
            registered = true
        }
        // A read first, so that a node writes (claims) only when a run looks due: the claim stays the judge.
        let now = clock.now()
        let due = Set(try await store.jobSchedules()
            .filter { $0.nextRunAt <= now && ($0.leaseExpiresAt.map { $0 <= now } ?? true) }.map(\.name))
        for job in jobs where due.contains(job.name) { try await runIfDue(job) }
    }

    /// Runs `job` when this node wins its due run; returns whether it did.
    @discardableResult
    func runIfDue(_ job: Job) async throws -> Bool {
        let now = clock.now()
        guard let claim = try await store.claimJob(job.name, node: node, now: now, leaseUntil: now.addingTimeInterval(lease)) else {
            return false
        }
        logger.notice("job \(job.name) due \(JSONCoding.format(claim.dueAt)) started on \(node)")
        let heartbeat = Task { [store, clock, lease, logger] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(lease / 3))
                guard !Task.isCancelled else { return }
                let now = clock.now()
                if (try? await store.renewJobLease(claim, now: now, until: now.addingTimeInterval(lease))) == false {
                    logger.warning("job \(claim.job) lost its lease to another node")
                    return
                }
            }
        }
        let status: JobRun.Status, detail: String
        do {
            detail = try await OperatorMetrics.jobRun(job.name, job.work)
            status = .succeeded
        } catch {
            detail = "\(error)"
            status = .failed
        }
        heartbeat.cancel()
        let recorded = try await store.finishJob(claim, status: status, detail: detail, now: clock.now())
        logger.notice("job \(job.name) \(status.rawValue): \(detail)\(recorded ? "" : " (not recorded: another node took the run over)")")
        return true
    }
}
