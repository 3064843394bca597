import Foundation

/// Subscriptions, renewals, churn decisions, seat changes, invoices and dunning.
extension DemoAccountSimulation {
    /// Starts a new subscription at `instant`, with a 14-day trial or billing at once.
    mutating func startSubscription(at instant: Date, withTrial: Bool, reactivation: Bool) {
        let price = DemoCatalog.price(tier: tier, annual: annual)
        let id = nextID("sub", \.subscriptionCount)
        var state = Subscription(
            id: id, accountID: accountID, status: withTrial ? .trialing : .active,
            items: [SubscriptionItem(id: "si_\(index + 1)_\(subscriptionCount)", priceID: price.id, quantity: billedSeats(for: price))],
            currency: .usd, startedAt: instant, currentPeriodStart: instant,
            currentPeriodEnd: withTrial ? instant.adding(days: 14) : periodEnd(after: instant, price))
        if withTrial {
            state.trialStart = instant
            state.trialEnd = state.currentPeriodEnd
        }
        if !reactivation { state.discount = signupDiscount(at: instant, price: price) }
        record(state, at: instant)
        decisionPoint = nil
        if !withTrial {
            scheduleChurnDecision(for: state)
            bill(at: instant)
        }
    }

    /// Handles every billing event before `weekEnd`: churn decisions, period ends, mid-term seat growth.
    mutating func processBilling(until weekEnd: Date, week: Int) {
        while let state = subscription, state.endedAt == nil {
            if let planned = decisionPoint, planned < weekEnd {
                decisionPoint = nil
                let decision = max(planned, lastChangeAt.addingTimeInterval(3_600))
                if decision < state.currentPeriodEnd { decideRenewal(at: decision) }
                continue
            }
            guard state.currentPeriodEnd < weekEnd else { break }
            handlePeriodEnd(of: state, week: week)
        }
        if week % 4 == 3, let state = subscription, state.endedAt == nil, state.status == .active {
            growSeatsMidTerm(state, at: weekEnd.adding(days: -1))
        }
    }

    private mutating func handlePeriodEnd(of state: Subscription, week: Int) {
        var state = state
        let boundary = state.currentPeriodEnd
        if let cancelAt = state.cancelAt, cancelAt <= boundary {
            state.status = .canceled
            state.endedAt = cancelAt
            record(state, at: cancelAt)
            if rng.chance(0.1) { reactivateAt = cancelAt.adding(days: Double(rng.int(in: 45...240))) }
            return
        }
        let price = DemoCatalog.price(tier: tier, annual: annual)
        if state.status == .trialing {
            let trialReports = week >= 1 ? reportsCreated(inWeeks: 0...1) : 0
            guard rng.chance(trialReports >= 2 ? 0.8 : 0.3) else {
                state.status = .canceled
                state.canceledAt = boundary
                state.endedAt = boundary
                state.cancellation = Cancellation(reason: .cancellationRequested, feedback: .unused, comment: "Trial ended without converting.")
                record(state, at: boundary)
                return
            }
            state.status = .active
        } else {
            adjustPlan(&state, at: boundary)
        }
        let newPrice = DemoCatalog.price(tier: tier, annual: annual)
        if newPrice.id != price.id || state.items[0].quantity != billedSeats(for: newPrice) {
            state.items = [SubscriptionItem(id: state.items[0].id, priceID: newPrice.id, quantity: billedSeats(for: newPrice))]
        }
        state.currentPeriodStart = boundary
        state.currentPeriodEnd = periodEnd(after: boundary, newPrice)
        record(state, at: boundary)
        scheduleChurnDecision(for: state)
        bill(at: boundary)
    }

    /// Picks when, before the period ends, the customer decides whether to renew.
    mutating func scheduleChurnDecision(for state: Subscription) {
        let length = state.currentPeriodEnd.timeIntervalSince(state.currentPeriodStart) / 86_400
        let lead = length > 40 ? Double(rng.int(in: 20...60)) : Double(rng.int(in: 2...20))
        decisionPoint = state.currentPeriodEnd.adding(days: -min(lead, length * 0.6))
    }

    /// The renewal decision: churn with a probability driven by observed usage signals (and a playbook that works).
    private mutating func decideRenewal(at instant: Date) {
        guard var state = subscription, state.status == .active || state.status == .pastDue else { return }
        let signals = churnSignals(at: instant)
        let months = max(1, (state.currentPeriodEnd.timeIntervalSince(state.currentPeriodStart) / (86_400 * 30.4)).rounded())
        let monthly = 1 / (1 + exp(-(signals.logit + playbookChurnEffect(at: instant))))
        guard rng.chance(1 - pow(1 - monthly, months)) else { return }
        if months == 1 && state.discount == nil && rng.chance(0.15) {
            state.discount = Discount(couponID: "SAVE30", percentOff: 30, duration: .repeating, durationInMonths: 3,
                                      start: instant, end: UTCCalendar.adding(months: 3, to: instant))
            record(state, at: instant)
            return
        }
        state.canceledAt = instant
        state.cancelAt = state.currentPeriodEnd
        state.cancellation = Cancellation(reason: .cancellationRequested, feedback: signals.feedback(&rng))
        record(state, at: instant)
    }

    /// Seat changes, upgrades, downgrades and plan switches decided at a renewal.
    private mutating func adjustPlan(_ state: inout Subscription, at instant: Date) {
        let recentActive = activeUsers.suffix(4).max() ?? 0
        let engaged = baseEngagement > 0.6 && (decline == nil)
        if tier == 0 {
            if teamSize >= 3 && engaged && rng.chance(0.25) {
                tier = 1
                teamSize += 1
            }
        } else if tier < 3 {
            if engaged && tier == 1 && rng.chance(0.04) { tier = 2 }
            else if baseEngagement < 0.35 && tier == 2 && rng.chance(0.05) { tier = 1 }
        }
        let seats = state.items.first.map(\.quantity) ?? 1
        if tier > 0 && Double(recentActive) < 0.5 * Double(seats) && rng.chance(0.3) {
            teamSize = max(1, recentActive + 1)
        }
        if !annual && engaged && rng.chance(0.02) { annual = true }
    }

    /// Mid-term seat purchases when the team outgrows its seats (prorated, MRR rises at once).
    private mutating func growSeatsMidTerm(_ state: Subscription, at instant: Date) {
        guard instant > state.currentPeriodStart, instant > lastChangeAt else { return }
        let price = DemoCatalog.price(tier: tier, annual: annual)
        guard price.pricingModel == .perSeat, let item = state.items.first, teamSize > item.quantity,
              rng.chance(0.5) else { return }
        var state = state
        state.items[0].quantity = Int64(teamSize)
        record(state, at: instant)
    }

    /// Seats billed for `price`: the team size for per-seat prices, 1 for flat ones.
    func billedSeats(for price: Price) -> Int64 {
        price.pricingModel == .perSeat ? Int64(max(1, teamSize)) : 1
    }

    func periodEnd(after instant: Date, _ price: Price) -> Date {
        price.periodEnd(startingAt: instant, periods: 1)
    }

    private mutating func signupDiscount(at instant: Date, price: Price) -> Discount? {
        switch segment {
        case .selfServe, .smb:
            if rng.chance(0.15) {
                return Discount(couponID: "WELCOME20", percentOff: 20, duration: .repeating, durationInMonths: 3,
                                start: instant, end: UTCCalendar.adding(months: 3, to: instant))
            }
            if rng.chance(0.06) {
                return Discount(couponID: "FIRST50", amountOff: Money(5_000, .usd), duration: .once,
                                start: instant, end: periodEnd(after: instant, price))
            }
        case .midMarket:
            if rng.chance(0.2) { return Discount(couponID: "PARTNER10", percentOff: 10, duration: .forever, start: instant) }
        case .enterprise:
            if rng.chance(0.6) {
                let percent = rng.pick([10.0, 15, 20, 25])
                return Discount(couponID: "ENT-\(Int(percent))", percentOff: percent, duration: .forever, start: instant)
            }
        }
        return nil
    }

    /// Issues the invoice for the period starting at `instant` and collects it,
    /// through dunning if the first charge fails.
    mutating func bill(at instant: Date) {
        guard var state = subscription else { return }
        var subtotal: Int64 = 0
        for item in state.items {
            subtotal += (DemoCatalog.pricesByID[item.priceID]?.unitAmount ?? 0) * item.quantity
        }
        if let discount = state.discount, discount.isActive(at: instant) {
            if let basisPoints = discount.percentOffBasisPoints {
                subtotal -= (subtotal * basisPoints + 5_000) / 10_000
            } else if let amountOff = discount.amountOff {
                subtotal -= min(subtotal, amountOff.amount)
            }
        }
        let tax = (subtotal * taxRateBasisPoints + 5_000) / 10_000
        let invoiceID = nextID("in", \.invoiceCount)
        var attempts: [(Date, Bool, String?)] = []
        var paidAt: Date?
        var gaveUpAt: Date?
        if subtotal + tax == 0 {
            paidAt = instant
        } else if !rng.chance(segment.paymentFailureRate) {
            attempts.append((instant, true, nil))
            paidAt = instant
        } else {
            let code = rng.pick(["card_declined", "insufficient_funds", "expired_card", "processing_error"])
            attempts.append((instant, false, code))
            state.status = .pastDue
            record(state, at: instant)
            for retryDay in [3.0, 6, 10] {
                let retryAt = instant.adding(days: retryDay)
                if rng.chance(0.4) {
                    attempts.append((retryAt, true, nil))
                    paidAt = retryAt
                    state.status = .active
                    record(state, at: retryAt)
                    break
                }
                attempts.append((retryAt, false, code))
            }
            if paidAt == nil {
                let endAt = instant.adding(days: 14)
                gaveUpAt = endAt
                state.status = .canceled
                state.canceledAt = endAt
                state.endedAt = endAt
                state.cancellation = Cancellation(reason: .paymentFailed, comment: "Dunning ended after 4 failed charges.")
                record(state, at: endAt)
                if rng.chance(0.25) { reactivateAt = endAt.adding(days: Double(rng.int(in: 3...40))) }
            }
        }
        guard instant <= asOf else { return }
        let paid = paidAt.map { $0 <= asOf } ?? false
        if paid { paidEver = true }
        let status: InvoiceStatus = paid ? .paid : (gaveUpAt.map { $0 <= asOf } ?? false) ? .uncollectible : .open
        facts.invoices.append(Invoice(
            id: invoiceID, accountID: accountID, subscriptionID: state.id, status: status, currency: .usd,
            subtotal: subtotal, tax: tax, amountPaid: paid ? subtotal + tax : 0,
            periodStart: state.currentPeriodStart, periodEnd: state.currentPeriodEnd, createdAt: instant,
            paidAt: paid ? paidAt : nil))
        for (attemptedAt, succeeded, code) in attempts where attemptedAt <= asOf {
            facts.paymentAttempts.append(PaymentAttempt(
                id: nextID("py", \.paymentCount), invoiceID: invoiceID, accountID: accountID, attemptedAt: attemptedAt,
                amount: Money(subtotal + tax, .usd), succeeded: succeeded, failureCode: code))
        }
    }
}
