import Foundation
import TenureCore

extension SQLStore {
    public func factEvents(from: Date, to: Date) async throws -> [DomainEvent] {
        async let answers = select(Tables.surveyResponses, "WHERE responded_at >= \(bind: from) AND responded_at <= \(bind: to)")
        async let failed = select(Tables.paymentAttempts,
                                  "WHERE succeeded = 0 AND attempted_at >= \(bind: from) AND attempted_at <= \(bind: to)")
        async let canceled = select(Tables.subscriptions, """
            WHERE status = 'canceled' AND COALESCE(canceled_at, ended_at) >= \(bind: from) AND COALESCE(canceled_at, ended_at) <= \(bind: to)
            """)
        return try await answers.map(FactEvents.surveyResponse) + failed.map(FactEvents.paymentFailed)
            + canceled.map { FactEvents.subscriptionCanceled($0, asOf: to) }
    }
}
