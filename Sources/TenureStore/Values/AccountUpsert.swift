import Foundation
import TenureCore

/// The outcome of ``AccountStore/upsertAccount(_:newID:at:)``.
public struct AccountUpsert: Sendable, Hashable {
    public var account: Account
    /// `true` when the account did not exist before.
    public var created: Bool
}
