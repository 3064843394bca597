import Foundation

extension RevenueLedger {
    /// The subscriptions of `accountID` live at `instant` — trialing, active,
    /// past due or paused, not ended — each in its state then. Reads only
    /// changes effective at or before `instant`.
    public func liveSubscriptions(of accountID: String, at instant: Date) -> [Subscription] {
        guard let history = accounts[accountID]?.history else { return [] }
        var live: [Subscription] = []
        var start = history.startIndex
        while start < history.endIndex {
            let id = history[start].state.id
            var end = history.index(after: start)
            while end < history.endIndex, history[end].state.id == id { end = history.index(after: end) }
            if let state = AccountRevenue.state(in: Array(history[start..<end]), at: instant),
               state.isLive(at: instant) {
                live.append(state)
            }
            start = end
        }
        return live
    }
}

extension Subscription {
    /// Whether the subscription still runs at `instant`: a live status and neither ended nor past a scheduled end.
    public func isLive(at instant: Date) -> Bool {
        [.trialing, .active, .pastDue, .paused].contains(status)
            && endedAt.map { $0 > instant } ?? true && cancelAt.map { $0 > instant } ?? true
    }

    /// Seats paid for: the quantity of per-seat items, plus the `seats` limit × quantity of other items.
    public func seats(prices: [String: Price]) -> Int64 {
        items.reduce(0) { total, item in
            guard let price = prices[item.priceID] else { return total }
            return total + (price.pricingModel == .perSeat ? item.quantity : (price.usageLimits["seats"] ?? 0) * item.quantity)
        }
    }

    /// The first period end after `instant` at which the subscription renews
    /// (its current period end rolled forward by its billing interval), or
    /// `nil` when it is set to cancel or its price is unknown.
    public func nextRenewal(after instant: Date, prices: [String: Price]) -> Date? {
        guard cancelAt == nil, canceledAt == nil, let price = items.first.flatMap({ prices[$0.priceID] }) else { return nil }
        var renewal = currentPeriodEnd
        var periods = 0
        while renewal <= instant {
            periods += 1
            guard periods <= 10_000 else { return nil }
            renewal = price.periodEnd(startingAt: currentPeriodEnd, periods: periods)
        }
        return renewal
    }
}

extension Subscription {
    /// The longest billing period of its items, in months (12 for annual, 3 for quarterly; 0 for weekly or daily).
    public func billingMonths(prices: [String: Price]) -> Int {
        items.compactMap { prices[$0.priceID]?.billingMonths }.max() ?? 0
    }
}

extension Price {
    /// The billing period in whole months: 12 × count for yearly prices, count for monthly ones, 0 for shorter ones.
    public var billingMonths: Int {
        switch interval {
        case .year: 12 * intervalCount
        case .month: intervalCount
        case .day, .week: 0
        }
    }

    /// The end of `periods` billing periods that start at `start`.
    public func periodEnd(startingAt start: Date, periods: Int) -> Date {
        let count = intervalCount * periods
        switch interval {
        case .day: return start.adding(days: Double(count))
        case .week: return start.adding(days: Double(7 * count))
        case .month: return UTCCalendar.adding(months: count, to: start)
        case .year: return UTCCalendar.adding(months: 12 * count, to: start)
        }
    }
}
