import Foundation
import TenureCore

/// The book split into ranges of accounts, and the facts of one range: what work over every account reads
/// to keep its memory bounded by the range.
public protocol AccountRangeStore: Sendable {
    /// Consecutive ranges of `size` accounts (the last may hold fewer) that together cover every account id,
    /// the first and last open-ended; one range (``AccountRange/all``) when the book is that small.
    func accountRanges(size: Int) async throws -> [AccountRange]
    /// The subscription changes of the accounts in `range`, ordered by subscription and time.
    func subscriptionChanges(accounts range: AccountRange) async throws -> [SubscriptionChange]
    /// The attributes of the accounts in `range`, by id.
    func accountAttributes(accounts range: AccountRange) async throws -> [AccountAttributes]
}

extension AccountRangeStore {
    /// Every subscription change with its items, ordered by subscription and time.
    public func subscriptionChanges() async throws -> [SubscriptionChange] {
        try await subscriptionChanges(accounts: .all)
    }

    /// Every account's attributes, by id.
    public func accountAttributes() async throws -> [AccountAttributes] {
        try await accountAttributes(accounts: .all)
    }
}
