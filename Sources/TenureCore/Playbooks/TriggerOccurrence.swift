import Foundation

/// Something that may start a playbook for an account: a domain event, or what the engine notices without one
/// (a missed milestone, a usage drop, a schedule's tick, a person's start), with why it happened in words.
public struct TriggerOccurrence: Hashable, Sendable {
    public var accountID: String
    public var at: Date
    /// What makes two sightings of the same happening one (a run starts once per playbook, account and key).
    public var key: String
    /// An ``EventType`` raw value, or one of the engine's types (``milestoneMissedType`` and the others).
    public var type: String
    public var data: [String: JSONValue]
    /// Why it happened, for the run's trace: `score fell from 72 to 48 on 2026-05-03`.
    public var reason: String

    /// The first-value milestone is missed; data `days`.
    public static let milestoneMissedType = "milestone.missed"
    /// Engagement fell; data `before`, `after` (event counts), `days`, `percent`.
    public static let usageDropType = "usage.drop"
    /// A schedule's tick.
    public static let scheduleType = "schedule"
    /// A person started the playbook; data `started_by`.
    public static let manualType = "manual"

    public init(type: String, accountID: String, at: Date, data: [String: JSONValue], key: String) {
        self.accountID = accountID
        self.at = at
        self.key = key
        self.type = type
        self.data = data
        self.reason = Self.reason(type: type, data: data, at: at)
    }

    /// The occurrence of `event`, keyed by the event's key; `nil` for an event about no account.
    public init?(event: DomainEvent) {
        guard let accountID = event.accountID else { return nil }
        self.init(type: event.type.rawValue, accountID: accountID, at: event.occurredAt, data: event.data, key: event.key)
    }

    /// The account has not reached first value `days` days after it was created (once per account and days).
    public static func milestoneMissed(accountID: String, days: Int, at: Date) -> TriggerOccurrence {
        TriggerOccurrence(type: milestoneMissedType, accountID: accountID, at: at, data: ["days": .number(Double(days))],
                          key: "\(milestoneMissedType):\(accountID):\(days)")
    }

    /// The account's events over the last `days` days (`after`) against the `days` before (`before`); once per day.
    public static func usageDrop(accountID: String, before: Int64, after: Int64, days: Int, at: Date) -> TriggerOccurrence {
        let percent = before > 0 ? (Double(before - after) / Double(before) * 1_000).rounded() / 10 : 0
        return TriggerOccurrence(
            type: usageDropType, accountID: accountID, at: at,
            data: ["before": .number(Double(before)), "after": .number(Double(after)), "days": .number(Double(days)),
                   "percent": .number(percent)],
            key: "\(usageDropType):\(accountID):\(days):\(PlaybookText.day(at))")
    }

    /// A schedule's tick at `at` (once per account and minute).
    public static func schedule(accountID: String, at: Date) -> TriggerOccurrence {
        TriggerOccurrence(type: scheduleType, accountID: accountID, at: at, data: [:],
                          key: "\(scheduleType):\(accountID):\(PlaybookText.minute(at))")
    }

    /// A person (`startedBy`, their email or key name) started the playbook at `at`.
    public static func manual(accountID: String, startedBy: String, at: Date) -> TriggerOccurrence {
        TriggerOccurrence(type: manualType, accountID: accountID, at: at, data: ["started_by": .string(startedBy)],
                          key: "\(manualType):\(accountID):\(JSONCoding.format(at))")
    }

    /// Why an occurrence of `type` with `data` happened, in words, with dates as `yyyy-MM-dd` (UTC).
    public static func reason(type: String, data: [String: JSONValue], at: Date) -> String {
        let day = PlaybookText.day(at)
        func text(_ path: String) -> String { PlaybookText.value(data.value(atPath: path)) }
        func number(_ path: String) -> Double? { data.value(atPath: path)?.doubleValue }
        switch type {
        case EventType.accountHealthChanged.rawValue:
            if let before = number("previous.score"), let after = number("current.score"), before != after {
                return "score \(after < before ? "fell" : "rose") from \(text("previous.score")) to \(text("current.score")) on \(day)"
            }
            return "colour changed from \(text("previous.colour")) to \(text("current.colour")) on \(day)"
        case EventType.accountRiskRaised.rawValue:
            let threshold = number("threshold").map { " (threshold \(PlaybookText.percent($0)))" } ?? ""
            return "churn probability rose to \(number("probability").map(PlaybookText.percent) ?? "none")\(threshold) on \(day)"
        case EventType.renewalUpcoming.rawValue:
            return "renewal in \(text("days")) days (\(text("renews_at").prefix(10)))"
        case EventType.paymentFailed.rawValue, EventType.paymentRecovered.rawValue:
            let outcome = type == EventType.paymentFailed.rawValue ? "failed" : "recovered"
            return "payment of \(amount(data)) \(outcome) on \(day)"
        case EventType.subscriptionCanceled.rawValue:
            return "subscription \(text("subscription_id")) canceled on \(day)" + (data["reason"]?.stringValue.map { " (\($0))" } ?? "")
        case EventType.surveyResponseCreated.rawValue:
            return "\(text("kind").uppercased()) answer \(text("score")) on \(day)"
        case EventType.taskCreated.rawValue:
            return "task “\(text("title"))” created on \(day)"
        case EventType.taskOverdue.rawValue:
            return "task “\(text("title"))” overdue on \(day)"
        case EventType.taskEscalated.rawValue:
            return "task “\(text("title"))” escalated to tier \(text("tier")) on \(day)"
        case EventType.accountSegmentChanged.rawValue:
            switch (data["from"]?.stringValue, data["to"]?.stringValue) {
            case (let from?, let to?): return "moved from segment \(from) to \(to) on \(day)"
            case (nil, let to?): return "entered segment \(to) on \(day)"
            case (let from?, nil): return "left segment \(from) on \(day)"
            case (nil, nil): return "segment changed on \(day)"
            }
        case EventType.accountStageChanged.rawValue:
            let from = data["from"]?.stringValue.map { " from \($0)" } ?? ""
            return "stage changed\(from) to \(text("to")) on \(day)"
        case milestoneMissedType:
            return "first value not reached \(text("days")) days after creation"
        case usageDropType:
            let percent = number("percent").map(PlaybookText.number) ?? "0"
            return "usage fell \(percent)% (\(text("before")) → \(text("after")) events) over \(text("days")) days"
        case scheduleType:
            return "scheduled at \(PlaybookText.minute(at))"
        case manualType:
            return "started by \(text("started_by"))"
        default:
            return "\(type) on \(day)"
        }
    }

    /// `99.00 USD`: a payment's amount in its currency's minor units.
    private static func amount(_ data: [String: JSONValue]) -> String {
        guard let minor = data["amount"]?.doubleValue, abs(minor) < 1e15 else { return "an unknown amount" }
        guard let code = data["currency"]?.stringValue, let currency = Currency(code: code) else { return PlaybookText.money(minor) }
        return Money(Int64(minor), currency).description
    }
}

extension [String: JSONValue] {
    /// The value at a dotted path (`previous.score`), descending through objects; `nil` when any step is missing.
    func value(atPath path: String) -> JSONValue? {
        var components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)[...]
        guard let first = components.popFirst(), var value = self[first] else { return nil }
        for component in components {
            guard case .object(let fields) = value, let next = fields[component] else { return nil }
            value = next
        }
        return value
    }
}
