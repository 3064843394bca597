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
            let data: [String: JSONValue] = [
                "account_id": .string(attempt.accountID), "invoice_id": .string(attempt.invoiceID), "attempt_id": .string(attempt.id),
                "amount": .number(Double(attempt.amount.amount)), "currency": .string(attempt.amount.currency.code),
                "failure_code": attempt.failureCode.map(JSONValue.string) ?? .null,
            ]
            if !attempt.succeeded {
                events.append(DomainEvent(type: .paymentFailed, accountID: attempt.accountID, occurredAt: attempt.attemptedAt, data: data,
                                          key: "payment.failed:\(attempt.id)"))
            } else if invoicesFailedBefore.contains(attempt.invoiceID) || failedInBatch.contains(attempt.invoiceID) {
                events.append(DomainEvent(type: .paymentRecovered, accountID: attempt.accountID, occurredAt: attempt.attemptedAt,
                                          data: data, key: "payment.recovered:\(attempt.invoiceID)"))
            }
        }
        for subscription in batch.subscriptions where subscription.status == .canceled && !canceledBefore.contains(subscription.id) {
            let at = subscription.canceledAt ?? subscription.endedAt ?? asOf
            guard at >= since else { continue }
            events.append(DomainEvent(
                type: .subscriptionCanceled, accountID: subscription.accountID, occurredAt: at,
                data: ["account_id": .string(subscription.accountID), "subscription_id": .string(subscription.id),
                       "reason": subscription.cancellation.map { .string($0.reason.rawValue) } ?? .null],
                key: "subscription.canceled:\(subscription.id)"))
        }
        for response in batch.surveyResponses where response.respondedAt >= since {
            events.append(DomainEvent(
                type: .surveyResponseCreated, accountID: response.accountID, occurredAt: response.respondedAt,
                data: ["account_id": .string(response.accountID), "response_id": .string(response.id), "kind": .string(response.kind.rawValue),
                       "score": .number(Double(response.score)), "comment": response.comment.map(JSONValue.string) ?? .null,
                       "contact_id": response.contactID.map(JSONValue.string) ?? .null],
                key: "survey.response.created:\(response.id)"))
        }
        return events
    }
}
