import Foundation

/// The events a batch of facts causes: failed and recovered payments, canceled subscriptions and survey answers.
/// Only facts from the last ``recentWindow`` before the write make events: a backfill of history notifies nobody.
public enum FactEvents {
    public static let recentWindow: TimeInterval = 7 * 86_400

    /// The events of `batch` written at `asOf`, given which of its succeeded attempts' invoices had a failed
    /// attempt stored before, and which of its canceled subscriptions were stored canceled before.
    public static func events(of batch: FactBatch, asOf: Date, invoicesFailedBefore: Set<String>,
                              canceledBefore: Set<String>) -> [DomainEvent] {
        let since = asOf.addingTimeInterval(-recentWindow)
        var events: [DomainEvent] = []
        let failedInBatch = Set(batch.paymentAttempts.filter { !$0.succeeded }.map(\.invoiceID))
        for attempt in batch.paymentAttempts where attempt.attemptedAt >= since {
            if !attempt.succeeded {
                events.append(paymentFailed(attempt))
            } else if invoicesFailedBefore.contains(attempt.invoiceID) || failedInBatch.contains(attempt.invoiceID) {
                events.append(paymentRecovered(attempt))
            }
        }
        for subscription in batch.subscriptions where subscription.status == .canceled && !canceledBefore.contains(subscription.id) {
            let event = subscriptionCanceled(subscription, asOf: asOf)
            if event.occurredAt >= since { events.append(event) }
        }
        events += batch.surveyResponses.filter { $0.respondedAt >= since }.map(surveyResponse)
        return events
    }

    /// `payment.failed` for a failed attempt.
    public static func paymentFailed(_ attempt: PaymentAttempt) -> DomainEvent {
        DomainEvent(type: .paymentFailed, accountID: attempt.accountID, occurredAt: attempt.attemptedAt, data: data(of: attempt),
                    key: "payment.failed:\(attempt.id)")
    }

    /// `payment.recovered` for a succeeded attempt on an invoice whose earlier attempt failed.
    public static func paymentRecovered(_ attempt: PaymentAttempt) -> DomainEvent {
        DomainEvent(type: .paymentRecovered, accountID: attempt.accountID, occurredAt: attempt.attemptedAt, data: data(of: attempt),
                    key: "payment.recovered:\(attempt.invoiceID)")
    }

    /// `subscription.canceled` for a canceled subscription, at its cancellation (or end, or `asOf` when it has neither).
    public static func subscriptionCanceled(_ subscription: Subscription, asOf: Date) -> DomainEvent {
        DomainEvent(
            type: .subscriptionCanceled, accountID: subscription.accountID, occurredAt: subscription.canceledAt ?? subscription.endedAt ?? asOf,
            data: ["account_id": .string(subscription.accountID), "subscription_id": .string(subscription.id),
                   "reason": subscription.cancellation.map { .string($0.reason.rawValue) } ?? .null],
            key: "subscription.canceled:\(subscription.id)")
    }

    /// `survey.response.created` for an answer.
    public static func surveyResponse(_ response: SurveyResponse) -> DomainEvent {
        DomainEvent(
            type: .surveyResponseCreated, accountID: response.accountID, occurredAt: response.respondedAt,
            data: ["account_id": .string(response.accountID), "response_id": .string(response.id), "kind": .string(response.kind.rawValue),
                   "score": .number(Double(response.score)), "comment": response.comment.map(JSONValue.string) ?? .null,
                   "contact_id": response.contactID.map(JSONValue.string) ?? .null],
            key: "survey.response.created:\(response.id)")
    }

    private static func data(of attempt: PaymentAttempt) -> [String: JSONValue] {
        ["account_id": .string(attempt.accountID), "invoice_id": .string(attempt.invoiceID), "attempt_id": .string(attempt.id),
         "amount": .number(Double(attempt.amount.amount)), "currency": .string(attempt.amount.currency.code),
         "failure_code": attempt.failureCode.map(JSONValue.string) ?? .null]
    }
}
