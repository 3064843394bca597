import Foundation
import TenureCore
import TenureStore

/// The `renewals` job: writes `renewal.upcoming` for every live subscription whose renewal crossed a notice
/// (180, 120, 90, 60 or 30 days) — each notice once, whichever node runs it.
public struct RenewalNotices: Sendable {
    let store: any Store
    let clock: WallClock

    public init(store: any Store, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    public func run() async throws -> String {
        let now = clock.now()
        let horizon = now.addingTimeInterval(Double(AccountEvents.renewalNotices.max()! + 1) * 86_400)
        var offset = 0, added = 0
        while true {
            let page = try await store.renewals(RenewalQuery(from: now, to: horizon, limit: 1_000, offset: offset))
            let events = page.items.compactMap { row in
                AccountEvents.renewalUpcoming(accountID: row.subscription.accountID, subscriptionID: row.subscription.id,
                                              renewsAt: row.subscription.currentPeriodEnd, mrr: row.accountMRR,
                                              currency: row.subscription.currency.code, at: now)
            }
            added += try await store.appendEvents(events, at: now)
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        return "\(added) renewal notices written"
    }
}
