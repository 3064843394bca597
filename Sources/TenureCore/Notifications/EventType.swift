/// The catalogue of domain events Tenure writes to its outbox (docs/notifications.md describes each payload).
public enum EventType: String, StringEnum, Hashable, Comparable {
    /// An account's health colour changed, or its score fell by more than the alert rule allows.
    case accountHealthChanged = "account.health.changed"
    /// An account entered the at-risk list: its churn probability crossed the risk threshold.
    case accountRiskRaised = "account.risk.raised"
    /// An account's renewal is 180, 120, 90, 60 or 30 days away.
    case renewalUpcoming = "renewal.upcoming"
    /// A payment attempt failed.
    case paymentFailed = "payment.failed"
    /// An invoice whose earlier attempt failed was paid.
    case paymentRecovered = "payment.recovered"
    /// A subscription was canceled.
    case subscriptionCanceled = "subscription.canceled"
    /// A survey answer (NPS, CSAT, CES) arrived.
    case surveyResponseCreated = "survey.response.created"
    /// A task was created (by a person or a playbook).
    case taskCreated = "task.created"
    /// A task passed its due date while open.
    case taskOverdue = "task.overdue"
    /// A CSM's daily digest of their book.
    case digestDaily = "digest.daily"
    /// A test event, sent on request to one endpoint.
    case ping

    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether an endpoint subscribed to `pattern` (a type, `*`, or a prefix such as `account.*`) receives this type.
    public func matches(_ pattern: String) -> Bool {
        if pattern == "*" { return self != .ping }
        if pattern.hasSuffix(".*") { return rawValue.hasPrefix(pattern.dropLast()) }
        return rawValue == pattern
    }

    /// Whether `pattern` names at least one type: a type, `*`, or a prefix followed by `.*`.
    public static func isValidPattern(_ pattern: String) -> Bool {
        allCases.contains { $0.matches(pattern) } || pattern == "*"
    }
}
