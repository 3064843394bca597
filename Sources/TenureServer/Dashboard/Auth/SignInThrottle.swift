import Foundation

/// Limits failed sign-ins per email address: after `limit` failures within
/// `window`, further attempts for that address are refused until the oldest
/// failure leaves the window. In memory, per process.
public actor SignInThrottle {
    public let limit: Int
    public let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    /// A throttle allowing `limit` failures per `window` seconds per address.
    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// When the address may try again, or `nil` when it may try now.
    public func retryAfter(_ email: String, now: Date) -> Date? {
        let recent = prune(email.lowercased(), now: now)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return oldest.addingTimeInterval(window)
    }

    /// Records a failed attempt.
    public func recordFailure(_ email: String, now: Date) {
        let key = email.lowercased()
        failures[key] = prune(key, now: now) + [now]
        if failures.count > 10_000 { failures = failures.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < window } }
    }

    /// Forgets the failures of an address (after a successful sign-in).
    public func reset(_ email: String) {
        failures[email.lowercased()] = nil
    }

    private func prune(_ key: String, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
