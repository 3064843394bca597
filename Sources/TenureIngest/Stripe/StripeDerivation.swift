import Foundation
import TenureCore
import TenureStore

/// Facts derived from the stored events about one Stripe object: a pure
/// function of the *set* of events, so duplicated, replayed or shuffled
/// deliveries derive exactly the same facts.
///
/// Events are read in `(created, id)` order. A subscription becomes one
/// change per event (at the event's `created` second; of several events in
/// one second the last in that order wins) plus, from its own dates, its
/// start, trial end and end when no event covers them (a synced snapshot).
public struct StripeDerivation: Sendable {
    /// Account fields from customers, merged into the stored accounts.
    public var accounts: [AccountDraft] = []
    public var facts = FactBatch()
    /// Events that could not become facts, with the reason.
    public var errors: [String: any Error] = [:]

    public init() {}

    /// Derives the facts about `object` from `events` (every stored event about it),
    /// mapping Stripe customers to account ids with `accountID(for:)`.
    public static func derive(_ object: (type: String, id: String), from events: [StripeEventRecord],
                              accountID: (String) -> String) -> StripeDerivation {
        var derivation = StripeDerivation()
        let ordered = events.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
        switch object.type {
        case "customer": derivation.deriveCustomer(ordered.filter { $0.objectID == object.id }, accountID: accountID)
        case "product": derivation.deriveLatest(ordered.filter { $0.objectID == object.id }, as: StripeProduct.self) { product, facts in
            facts.products.append(try StripeMapping.checked(StripeMapping.product(product), as: "product"))
        }
        case "price", "plan": derivation.deriveLatest(ordered.filter { $0.objectID == object.id }, as: StripePrice.self) { price, facts in
            facts.prices.append(try StripeMapping.price(price))
        }
        case "subscription": derivation.deriveSubscription(ordered.filter { $0.objectID == object.id }, accountID: accountID)
        case "invoice": derivation.deriveInvoice(object.id, ordered, accountID: accountID)
        default: break
        }
        return derivation
    }

    private static func decode<Object: Decodable>(_ type: Object.Type, _ event: StripeEventRecord) throws -> Object {
        try JSONCoding.decoder.decode(StripeEvent<DecodableBox<Object>>.self, from: Data(event.payload.utf8)).data.object.value
    }

    private mutating func deriveLatest<Object: Decodable>(
        _ events: [StripeEventRecord], as type: Object.Type, _ apply: (Object, inout FactBatch) throws -> Void
    ) {
        for event in events.reversed() {
            do {
                try apply(try Self.decode(Object.self, event), &facts)
                return
            } catch {
                errors[event.id] = error
            }
        }
    }

    private mutating func deriveCustomer(_ events: [StripeEventRecord], accountID: (String) -> String) {
        guard let event = events.last else { return }
        do {
            let customer = try Self.decode(StripeCustomer.self, event)
            var traits: [String: JSONValue] = (customer.metadata ?? [:]).mapValues { .string($0) }
            if let email = customer.email { traits["email"] = .string(email) }
            if event.type == "customer.deleted" || customer.deleted == true { traits["stripe_deleted"] = .bool(true) }
            accounts.append(AccountDraft(
                id: accountID(customer.id), name: customer.name ?? customer.email ?? customer.id,
                domain: customer.email?.split(separator: "@").last.map(String.init), stripeCustomerID: customer.id,
                currency: customer.currency.flatMap { Currency(code: $0) }, traits: traits))
        } catch {
            errors[event.id] = error
        }
    }

    private mutating func deriveSubscription(_ events: [StripeEventRecord], accountID: (String) -> String) {
        var snapshots: [(at: Date, state: Subscription)] = []
        for event in events {
            do {
                let stripe = try Self.decode(StripeSubscription.self, event)
                let at = try Date(stripeSeconds: event.created, field: "created")
                snapshots.append((at, try StripeMapping.subscription(stripe, accountID: accountID(stripe.customer.id))))
                for item in stripe.items.data {
                    if let price = item.price ?? item.plan, let mapped = try? StripeMapping.price(price) { facts.prices.append(mapped) }
                }
            } catch {
                errors[event.id] = error
            }
        }
        guard let first = snapshots.first, let last = snapshots.last else { return }
        let firstSeen = first.at
        var changes: [SubscriptionChange] = []
        var opening = first.state
        opening.endedAt = nil
        opening.canceledAt = nil
        opening.cancelAt = nil
        opening.cancellation = nil
        if opening.startedAt < firstSeen {
            let inTrial = opening.trialEnd.map { $0 > opening.startedAt } ?? false
            opening.status = inTrial ? .trialing : .active
            changes.append(SubscriptionChange(effectiveAt: opening.startedAt, state: opening))
            if inTrial, let trialEnd = opening.trialEnd, trialEnd < firstSeen {
                opening.status = .active
                changes.append(SubscriptionChange(effectiveAt: trialEnd, state: opening))
            }
        }
        changes += snapshots.map { SubscriptionChange(effectiveAt: $0.at, state: $0.state) }
        if let endedAt = last.state.endedAt, endedAt < last.at,
           !changes.contains(where: { $0.effectiveAt == endedAt }) {
            changes.append(SubscriptionChange(effectiveAt: endedAt, state: last.state))
        }
        changes.sort { $0.effectiveAt < $1.effectiveAt }
        facts.subscriptionChanges += changes
        facts.subscriptions.append(last.state)
    }

    private mutating func deriveInvoice(_ invoiceID: String, _ events: [StripeEventRecord], accountID: (String) -> String) {
        var refunded: Int64 = 0
        for event in events where event.objectType == "charge" && event.relatedID == invoiceID {
            if let charge = try? Self.decode(StripeCharge.self, event) { refunded = max(refunded, charge.amountRefunded ?? 0) }
        }
        let own = events.filter { $0.objectID == invoiceID }
        var latest: StripeInvoice?
        for event in own {
            do {
                let invoice = try Self.decode(StripeInvoice.self, event)
                latest = invoice
                guard let customer = invoice.customer?.id else { continue }
                let outcome: Bool? = switch event.type {
                case "invoice.payment_failed": false
                case "invoice.paid", "invoice.payment_succeeded": true
                default: nil
                }
                if let outcome {
                    facts.paymentAttempts.append(PaymentAttempt(
                        id: event.id, invoiceID: invoiceID, accountID: accountID(customer),
                        attemptedAt: try Date(stripeSeconds: event.created, field: "created"),
                        amount: Money(invoice.amountDue ?? invoice.total, try StripeMapping.currency(invoice.currency, field: "invoice.currency")),
                        succeeded: outcome, failureCode: outcome ? nil : "payment_failed"))
                }
            } catch {
                errors[event.id] = error
            }
        }
        guard let latest, let customer = latest.customer?.id else { return }
        do {
            facts.invoices.append(try StripeMapping.invoice(latest, accountID: accountID(customer), refunded: refunded))
        } catch {
            if let event = own.last { errors[event.id] = error }
        }
    }
}

/// Decodes `Value`, so a generic event envelope can carry any object type.
struct DecodableBox<Value: Decodable>: Decodable, @unchecked Sendable {
    var value: Value
    init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
}
