import Foundation
import TenureCore

/// An account with its current MRR (minor units of the account's currency),
/// health and engagement model.
public struct AccountSummary: Sendable, Hashable {
    public var account: Account
    public var mrr: Int64
    /// The latest health score, once scores have been computed.
    public var health: CurrentHealth?
    /// How the account's segment is served, once segmentation has assigned one.
    public var engagementModel: EngagementModel?

    public init(account: Account, mrr: Int64, health: CurrentHealth? = nil, engagementModel: EngagementModel? = nil) {
        self.account = account
        self.mrr = mrr
        self.health = health
        self.engagementModel = engagementModel
    }
}
