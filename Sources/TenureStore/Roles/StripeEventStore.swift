import Foundation
import TenureCore

/// Raw Stripe events, kept once each, and what deriving them left behind.
public protocol StripeEventStore: Sendable {
    /// Stores the events whose ids are new and replaces stored copies that failed; returns
    /// those ids, to be derived (the rest are replays of settled events).
    func insertStripeEvents(_ events: [StripeEventRecord]) async throws -> Set<String>
    /// Every stored event about any of `objectIDs` (as its object or its related object), oldest first.
    func stripeEvents(about objectIDs: [String]) async throws -> [StripeEventRecord]
    /// Every object stored events are about.
    func stripeObjects() async throws -> [(type: String, id: String)]
    /// Records (or, with `nil`, clears) why events could not become facts.
    func recordStripeErrors(_ errors: [String: String?]) async throws
    /// Stored events that could not become facts, oldest first, with their `error`.
    func failedStripeEvents(limit: Int) async throws -> [StripeEventRecord]
    /// Account ids by the Stripe customer ids they carry.
    func accountIDs(forStripeCustomers customers: [String]) async throws -> [String: String]
}
