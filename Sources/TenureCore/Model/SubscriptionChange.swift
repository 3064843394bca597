import Foundation

/// One step of a subscription's history: its whole state as it became at
/// `effectiveAt` and stayed until the next change. MRR history and MRR
/// movements are computed from these facts.
public struct SubscriptionChange: Hashable, Sendable, Codable {
    public var effectiveAt: Date
    /// The subscription's state from `effectiveAt` on.
    public var state: Subscription

    public init(effectiveAt: Date, state: Subscription) {
        self.effectiveAt = effectiveAt
        self.state = state
    }
}
