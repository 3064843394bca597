import Foundation

/// Events about an account's standing: health colour changes and alert-sized drops, entering the at-risk
/// list, and renewals coming up.
public enum AccountEvents {
    /// Days before a renewal that `renewal.upcoming` fires.
    public static let renewalNotices = [180, 120, 90, 60, 30]

    /// `account.health.changed` for each account whose colour differs from `previous`, or that an alert names
    /// (a drop beyond the alert rule); accounts scored for the first time make none.
    public static func healthChanges(previous: [String: (score: Double, colour: HealthColour)], scores: [HealthScore],
                                     alerts: [HealthAlert], day: Date, at now: Date) -> [DomainEvent] {
        let alerted = Dictionary(alerts.map { ($0.accountID, $0) }) { first, _ in first }
        let dayText = String(JSONCoding.format(day).prefix(10))
        return scores.compactMap { score in
            guard let before = previous[score.accountID] else { return nil }
            let alert = alerted[score.accountID]
            guard before.colour != score.colour || alert != nil else { return nil }
            var data: [String: JSONValue] = [
                "account_id": .string(score.accountID),
                "previous": .object(["score": .number(before.score.rounded()), "colour": .string(before.colour.rawValue)]),
                "current": .object(["score": .number(score.score.rounded()), "colour": .string(score.colour.rawValue)]),
                "reason": .string(before.colour != score.colour ? "colour" : "drop"),
            ]
            if let alert {
                data["drop"] = .object(["from": .number(alert.from.rounded()), "from_at": .string(JSONCoding.format(alert.fromAt)),
                                        "points": .number(alert.drop.rounded())])
            }
            return DomainEvent(type: .accountHealthChanged, accountID: score.accountID, occurredAt: now, data: data,
                               key: "account.health.changed:\(score.accountID):\(dayText):\(score.colour.rawValue)")
        }
    }

    /// `account.risk.raised` for each account whose churn probability is at or above `threshold` now and was
    /// below it (or unknown) before.
    public static func riskRaised(previous: [String: Double], current: [(accountID: String, probability: Double, expectedLoss: Int64)],
                                  threshold: Double, at now: Date) -> [DomainEvent] {
        let dayText = String(JSONCoding.format(now).prefix(10))
        return current.compactMap { entry in
            guard entry.probability >= threshold, (previous[entry.accountID] ?? 0) < threshold else { return nil }
            return DomainEvent(
                type: .accountRiskRaised, accountID: entry.accountID, occurredAt: now,
                data: ["account_id": .string(entry.accountID), "probability": .number((entry.probability * 1_000).rounded() / 1_000),
                       "previous_probability": previous[entry.accountID].map { .number(($0 * 1_000).rounded() / 1_000) } ?? .null,
                       "threshold": .number(threshold), "expected_mrr_loss": .number(Double(entry.expectedLoss))],
                key: "account.risk.raised:\(entry.accountID):\(dayText)")
        }
    }

    /// `renewal.upcoming` for a renewal `renewsAt` at the nearest notice (180, 120, 90, 60 or 30 days) at or beyond
    /// the days left from `now`'s day: run daily, each notice fires once (its key makes a repeat add nothing), and a
    /// day missed is made up the next.
    public static func renewalUpcoming(accountID: String, subscriptionID: String, renewsAt: Date, mrr: Int64, currency: String,
                                       at now: Date) -> DomainEvent? {
        let days = Int(((UTCCalendar.startOfDay(renewsAt).timeIntervalSince(UTCCalendar.startOfDay(now))) / 86_400).rounded())
        guard days >= 0, let notice = renewalNotices.filter({ $0 >= days }).min() else { return nil }
        return DomainEvent(
            type: .renewalUpcoming, accountID: accountID, occurredAt: now,
            data: ["account_id": .string(accountID), "subscription_id": .string(subscriptionID),
                   "renews_at": .string(JSONCoding.format(renewsAt)), "notice_days": .number(Double(notice)), "days": .number(Double(days)),
                   "mrr": .number(Double(mrr)), "currency": .string(currency)],
            key: "renewal.upcoming:\(subscriptionID):\(JSONCoding.format(renewsAt)):\(notice)")
    }
}
