import Foundation
import TenureCore

/// How notifications are delivered: where secrets are sealed, the SMTP server, the dashboard's public address
/// for links, the outbound allow-list, the retry schedule and the workers' pace.
public struct NotifyConfiguration: Sendable {
    /// Seals endpoint secrets; without it (no `TENURE_SECRET_KEY`) webhook and Slack endpoints cannot be created.
    public var secretBox: SecretBox?
    public var smtp: SMTPConfiguration?
    /// Tenure's address as people reach it, for links in messages (`TENURE_PUBLIC_URL`).
    public var publicURL: URL?
    public var outbound: OutboundGuard
    public var retry: RetrySchedule
    /// How long a node holds a claimed delivery before another may take it over.
    public var lease: TimeInterval
    /// The longest wait for a receiver's answer.
    public var timeout: TimeInterval
    /// At most one Slack message per endpoint per this many seconds.
    public var slackInterval: TimeInterval
    /// How often an idle worker looks for new events and due deliveries.
    public var poll: Duration
    /// Deliveries claimed (and attempted at once) per pass.
    public var batch: Int
    /// The local hour (0–23) and time zone of the CSMs' daily digest.
    public var digestHour: Int
    public var digestTimeZone: TimeZone

    public init(secretBox: SecretBox? = nil, smtp: SMTPConfiguration? = nil, publicURL: URL? = nil, outbound: OutboundGuard = OutboundGuard(),
                retry: RetrySchedule = .standard, lease: TimeInterval = 60, timeout: TimeInterval = 15, slackInterval: TimeInterval = 1,
                poll: Duration = .milliseconds(500), batch: Int = 32, digestHour: Int = 8, digestTimeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.secretBox = secretBox
        self.smtp = smtp
        self.publicURL = publicURL
        self.outbound = outbound
        self.retry = retry
        self.lease = lease
        self.timeout = timeout
        self.slackInterval = slackInterval
        self.poll = poll
        self.batch = batch
        self.digestHour = digestHour
        self.digestTimeZone = digestTimeZone
    }
}
