import Foundation

/// When a failed delivery is tried again, on the Standard Webhooks schedule: the first attempt immediately, then
/// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after each failure (ten attempts over about 3.5 days),
/// each wait stretched by up to 10 % of random jitter.
public struct RetrySchedule: Hashable, Sendable {
    /// The wait after the first, second, … failed attempt; one attempt more than waits in all.
    public var waits: [TimeInterval]
    /// The largest fraction of a wait added at random, so that retries of many deliveries spread out.
    public var jitter: Double

    public static let standard = RetrySchedule(
        waits: [5, 300, 1_800, 7_200, 18_000, 36_000, 50_400, 72_000, 86_400], jitter: 0.1)

    public init(waits: [TimeInterval], jitter: Double) {
        self.waits = waits
        self.jitter = jitter
    }

    /// Attempts in all before a delivery is given up.
    public var attempts: Int { waits.count + 1 }

    /// When to try again after `attempt` (1 for the first) failed at `now`, at the earliest `retryAfter`
    /// seconds later when the receiver asked for it; `nil` when no attempt is left.
    public func nextAttempt<G: RandomNumberGenerator>(after attempt: Int, failedAt now: Date, retryAfter: TimeInterval? = nil,
                                                      using generator: inout G) -> Date? {
        guard attempt >= 1, attempt <= waits.count else { return nil }
        let wait = waits[attempt - 1]
        let jittered = wait + wait * jitter * Double.random(in: 0...1, using: &generator)
        return now.addingTimeInterval(max(jittered, min(retryAfter ?? 0, Self.longestRetryAfter)))
    }

    public func nextAttempt(after attempt: Int, failedAt now: Date, retryAfter: TimeInterval? = nil) -> Date? {
        var generator = SystemRandomNumberGenerator()
        return nextAttempt(after: attempt, failedAt: now, retryAfter: retryAfter, using: &generator)
    }

    /// A receiver's `Retry-After` is honoured up to a day.
    public static let longestRetryAfter: TimeInterval = 86_400
}
