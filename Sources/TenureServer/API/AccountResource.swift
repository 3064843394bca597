import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// An account as the API shows it: every field of ``Account`` plus its
/// current MRR and ARR, health (`null` until scored) and engagement model,
/// and on the detail route its subscriptions.
struct AccountResource: ResponseEncodable {
    var account: Account
    var mrr: Money
    var health: CurrentHealth?
    var engagementModel: EngagementModel?
    var subscriptions: [SubscriptionResource]?

    init(_ summary: AccountSummary, subscriptions: [SubscriptionResource]? = nil) {
        account = summary.account
        mrr = Money(summary.mrr, summary.account.currency)
        health = summary.health
        engagementModel = summary.engagementModel
        self.subscriptions = subscriptions
    }

    private enum ExtraKeys: String, CodingKey { case mrr, arr, health, engagementModel, subscriptions }

    func encode(to encoder: any Encoder) throws {
        try account.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encode(mrr, forKey: .mrr)
        try container.encode(Money(mrr.amount * 12, mrr.currency), forKey: .arr)
        try container.encode(health, forKey: .health)
        try container.encode(engagementModel, forKey: .engagementModel)
        try container.encodeIfPresent(subscriptions, forKey: .subscriptions)
    }
}

/// A subscription with the MRR it contributes now.
struct SubscriptionResource: Encodable {
    var subscription: Subscription
    var mrr: Money

    private enum ExtraKeys: String, CodingKey { case mrr }

    func encode(to encoder: any Encoder) throws {
        try subscription.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encode(mrr, forKey: .mrr)
    }
}

/// A page of items with the numbers a client needs to fetch the next one.
struct PageResource<Item: Encodable & Sendable>: ResponseEncodable {
    var data: [Item]
    var total: Int
    var limit: Int
    var offset: Int
    /// Offset of the next page, `nil` on the last page.
    var nextOffset: Int?

    init<Source>(_ page: Page<Source>, transform: (Source) -> Item) {
        data = page.items.map(transform)
        total = page.total
        limit = page.limit
        offset = page.offset
        nextOffset = page.offset + page.items.count < page.total ? page.offset + page.items.count : nil
    }
}

/// A plain list under `data`.
struct ListResource<Item: Encodable & Sendable>: ResponseEncodable {
    var data: [Item]
}
