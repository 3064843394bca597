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
    /// A task passed its due date (or its SLA) while open.
    case taskOverdue = "task.overdue"
    /// An escalation rule fired for a task: overdue too long, or a red account above the ARR limit.
    case taskEscalated = "task.escalated"
    /// An account entered or left a segment.
    case accountSegmentChanged = "account.segment.changed"
    /// An account's lifecycle stage changed.
    case accountStageChanged = "account.stage.changed"
    /// A playbook step's message, for the endpoints of its channel (Slack, email or webhook).
    case playbookNotification = "playbook.notification"
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
