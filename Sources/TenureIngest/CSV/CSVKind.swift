import Foundation
import TenureCore
import TenureStore

/// The kinds of file `tenure import csv` reads, each with its columns.
public enum CSVKind: String, StringEnum, Hashable {
    case accounts, subscriptions, events, tickets, surveys

    /// Columns a file of this kind must have.
    public var requiredColumns: [String] {
        switch self {
        case .accounts: ["name"]
        case .subscriptions: ["id", "account_id", "status", "price_id", "quantity", "effective_at"]
        case .events: ["event", "timestamp"]
        case .tickets: ["id", "account_id", "subject", "opened_at"]
        case .surveys: ["id", "account_id", "kind", "score", "responded_at"]
        }
    }

    /// Columns a file of this kind may have besides the required ones.
    public var optionalColumns: [String] {
        switch self {
        case .accounts:
            ["id", "domain", "stripe_customer_id", "segment_group_id", "industry", "employee_count", "owner_id",
             "lifecycle_stage", "segment", "currency", "tags"]
        case .subscriptions:
            ["currency", "started_at", "current_period_start", "current_period_end", "trial_start", "trial_end", "cancel_at",
             "canceled_at", "ended_at", "cancellation_reason", "cancellation_feedback", "coupon_id", "percent_off", "amount_off",
             "discount_duration", "discount_duration_in_months", "discount_start", "discount_end", "price_amount",
             "price_interval", "price_interval_count", "pricing_model", "product_id", "product_name"]
        case .events: ["message_id", "type", "user_id", "anonymous_id", "account_id", "group_id"]
        case .tickets: ["priority", "status", "category", "resolved_at"]
        case .surveys: ["contact_id", "comment"]
        }
    }

    /// Prefix of free-form columns (`trait.plan`, `property.path`), if the kind takes them.
    public var freeFormPrefix: String? {
        switch self {
        case .accounts: "trait"
        case .events: "property"
        default: nil
        }
    }
}

/// The facts parsed from rows, waiting to be written together.
struct PendingRows {
    var lines: [Int] = []
    var accounts: [AccountDraft] = []
    var facts = FactBatch()
    var usage = UsageBatch()
    /// Account each row refers to, by line, checked before writing.
    var accountReferences: [Int: String] = [:]

    var count: Int { lines.count }
}

extension CSVKind {
    /// Parses one row into `pending`, or throws the row's problem.
    func parse(_ row: CSVRow, into pending: inout PendingRows, receivedAt: Date) throws {
        switch self {
        case .accounts:
            var tags: [String]?
            if let text = row.text("tags") { tags = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } }
            let traits = row.prefixed("trait")
            let draft = AccountDraft(
                id: row.text("id"), name: try row.required("name"), domain: row.text("domain"),
                stripeCustomerID: row.text("stripe_customer_id"), segmentGroupID: row.text("segment_group_id"),
                industry: row.text("industry"), employeeCount: try row.integer("employee_count", in: 0...10_000_000).map { Int($0) },
                ownerID: row.text("owner_id"), lifecycleStage: try row.enumeration("lifecycle_stage"), segment: row.text("segment"),
                currency: try row.currency("currency"), tags: tags, traits: traits.isEmpty ? nil : traits)
            _ = try row.validated(try draft.makeAccount(newID: "row", at: receivedAt))
            pending.accounts.append(draft)
        case .subscriptions:
            let change = try subscriptionChange(row, pending: &pending)
            pending.facts.subscriptionChanges.append(change)
            pending.accountReferences[row.line] = change.state.accountID
        case .events:
            let type = try row.enumeration("type", as: UsageEvent.Kind.self) ?? .track
            guard type == .track || type == .page else { throw row.problem("type", "must be track or page in a file of events") }
            let timestamp = try row.requiredDate("timestamp")
            let event = try row.required("event")
            let user = row.text("user_id"), anonymous = row.text("anonymous_id")
            let messageID = row.text("message_id")
                ?? "csv-\(event)-\(user ?? anonymous ?? "")-\(row.text("account_id") ?? row.text("group_id") ?? "")-\(Int64(timestamp.timeIntervalSince1970 * 1000))"
            let usage = try row.validated(UsageEvent(
                messageID: messageID, type: type, accountID: row.text("account_id"), userID: user ?? (anonymous == nil ? "import" : nil),
                anonymousID: anonymous, event: event, timestamp: timestamp, receivedAt: receivedAt, properties: row.prefixed("property")))
            if let group = row.text("group_id") { pending.usage.eventGroups[messageID] = group }
            if let account = usage.accountID { pending.accountReferences[row.line] = account }
            pending.usage.events.append(usage)
        case .tickets:
            let ticket = try row.validated(Ticket(
                id: try row.required("id"), accountID: try row.required("account_id"), subject: try row.required("subject"),
                priority: try row.enumeration("priority") ?? .normal, status: try row.enumeration("status") ?? .open,
                category: row.text("category"), openedAt: try row.requiredDate("opened_at"), resolvedAt: try row.date("resolved_at")))
            pending.facts.tickets.append(ticket)
            pending.accountReferences[row.line] = ticket.accountID
        case .surveys:
            let response = try row.validated(SurveyResponse(
                id: try row.required("id"), accountID: try row.required("account_id"), contactID: row.text("contact_id"),
                kind: try row.enumeration("kind") ?? .nps, score: Int(try row.integer("score", in: -1_000...1_000) ?? 0),
                comment: row.text("comment"), respondedAt: try row.requiredDate("responded_at")))
            pending.facts.surveyResponses.append(response)
            pending.accountReferences[row.line] = response.accountID
        }
        pending.lines.append(row.line)
    }

    private func subscriptionChange(_ row: CSVRow, pending: inout PendingRows) throws -> SubscriptionChange {
        let effectiveAt = try row.requiredDate("effective_at")
        let priceID = try row.required("price_id")
        if let amount = try row.integer("price_amount", in: 0...Money.maximumAmount) {
            let productID = row.text("product_id") ?? "prod_\(priceID)"
            let price = try row.validated(Price(
                id: priceID, productID: productID, unitAmount: amount,
                currency: try row.currency("currency") ?? .usd,
                interval: try row.enumeration("price_interval") ?? .month,
                intervalCount: Int(try row.integer("price_interval_count", in: 1...365) ?? 1),
                pricingModel: try row.enumeration("pricing_model") ?? .perSeat))
            pending.facts.prices.append(price)
            pending.facts.products.append(Product(id: productID, name: row.text("product_name") ?? productID))
        }
        let currency = try row.currency("currency") ?? .usd
        var discount: Discount?
        if let coupon = row.text("coupon_id") {
            discount = Discount(
                couponID: coupon, percentOff: try row.decimal("percent_off"),
                amountOff: try row.integer("amount_off", in: 1...Money.maximumAmount).map { Money($0, currency) },
                duration: try row.enumeration("discount_duration") ?? .forever,
                durationInMonths: try row.integer("discount_duration_in_months", in: 1...1_200).map { Int($0) },
                start: try row.date("discount_start") ?? effectiveAt, end: try row.date("discount_end"))
        }
        let periodStart = try row.date("current_period_start") ?? effectiveAt
        var cancellation: Cancellation?
        if let reason: CancellationReason = try row.enumeration("cancellation_reason") {
            cancellation = Cancellation(reason: reason, feedback: try row.enumeration("cancellation_feedback"))
        }
        let state = try row.validated(Subscription(
            id: try row.required("id"), accountID: try row.required("account_id"), status: try row.enumeration("status") ?? .active,
            items: [SubscriptionItem(id: "\(try row.required("id"))_item", priceID: priceID,
                                     quantity: try row.integer("quantity", in: 0...10_000_000) ?? 1)],
            currency: currency, startedAt: try row.date("started_at") ?? effectiveAt, trialStart: try row.date("trial_start"),
            trialEnd: try row.date("trial_end"), currentPeriodStart: periodStart,
            currentPeriodEnd: try row.date("current_period_end") ?? UTCCalendar.adding(months: 1, to: periodStart),
            cancelAt: try row.date("cancel_at"), canceledAt: try row.date("canceled_at"), endedAt: try row.date("ended_at"),
            cancellation: cancellation, discount: discount))
        return SubscriptionChange(effectiveAt: effectiveAt, state: state)
    }
}
