import Foundation

/// A recurring job as the cluster shares it: when it is next due and who holds it now.
public struct JobSchedule: Sendable, Hashable, Codable {
    public var name: String
    public var interval: TimeInterval
    public var nextRunAt: Date
    /// The node running it, while its lease lasts.
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
}

/// One due run of a job: claimed by one node at a time, taken over when that node's lease lapses.
public struct JobRun: Sendable, Hashable, Codable {
    /// Whether a run is going on, finished well, or failed.
    public enum Status: String, Sendable, Hashable, Codable {
        case running, succeeded, failed
    }

    public var job: String
    /// The scheduled instant this run serves; one run per job and due instant.
    public var dueAt: Date
    /// The node that ran it last (`host:pid:…`).
    public var node: String
    /// How many nodes started it: above 1 when a node died or lost its lease mid-run.
    public var attempts: Int
    public var startedAt: Date
    public var heartbeatAt: Date
    public var finishedAt: Date?
    public var status: Status
    /// What the run did, or why it failed.
    public var detail: String
}

/// A node's hold on one due run of a job, from ``JobStore/claimJob(_:node:now:leaseUntil:)``.
public struct JobClaim: Sendable, Hashable {
    public var job: String
    public var node: String
    public var dueAt: Date
}
