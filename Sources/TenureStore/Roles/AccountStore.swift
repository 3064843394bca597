import Foundation
import TenureCore

/// Accounts (upserted by any of their ids), their subscriptions, the price book and the CSMs.
public protocol AccountStore: Sendable {
    /// Creates or updates the account a draft describes, matching an existing
    /// one by `id`, then `stripe_customer_id`, then `segment_group_id`; a change of a stored account's lifecycle stage
    /// writes an `account.stage.changed` event with it.
    func upsertAccount(_ draft: AccountDraft, newID: String, at now: Date) async throws -> AccountUpsert
    /// Upserts several accounts in one transaction: all or none.
    func upsertAccounts(_ drafts: [AccountDraft], at now: Date) async throws
    /// Which of `ids` are stored accounts.
    func existingAccountIDs(_ ids: [String]) async throws -> Set<String>
    func account(id: String) async throws -> AccountSummary?
    /// One page of accounts, filtered, searched and sorted as `query` asks.
    func accounts(_ query: AccountQuery) async throws -> Page<AccountSummary>
    /// The account's subscriptions, oldest first, with the prices their items name, in one read.
    func pricedSubscriptions(ofAccount accountID: String) async throws -> (subscriptions: [Subscription], prices: [Price])
    func prices() async throws -> [Price]
    func products() async throws -> [Product]
    func csms() async throws -> [CSM]
    /// Creates the CSM or replaces the one with its id (facts stay as they are: no health is recomputed for it).
    func saveCSM(_ csm: CSM) async throws
}

extension AccountStore {
    /// The account's subscriptions, oldest first.
    public func subscriptions(ofAccount accountID: String) async throws -> [Subscription] {
        try await pricedSubscriptions(ofAccount: accountID).subscriptions
    }
}
