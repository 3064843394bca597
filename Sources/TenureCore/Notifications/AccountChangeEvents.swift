import Foundation

/// Events about an account moving: into or out of a segment, and from one lifecycle stage to another.
public enum AccountChangeEvents {
    /// `account.segment.changed` from segment `from` to `to` (`nil`: no segment).
    public static func segmentChanged(accountID: String, from: String?, to: String?, at now: Date) -> DomainEvent {
        change(.accountSegmentChanged, accountID: accountID, from: from, to: to, at: now)
    }

    /// `account.stage.changed` from lifecycle stage `from` to `to`.
    public static func stageChanged(accountID: String, from: LifecycleStage, to: LifecycleStage, at now: Date) -> DomainEvent {
        change(.accountStageChanged, accountID: accountID, from: from.rawValue, to: to.rawValue, at: now)
    }

    /// An event with `{account_id, from, to}`, keyed by the account, the instant (in milliseconds) and where it went.
    private static func change(_ type: EventType, accountID: String, from: String?, to: String?, at now: Date) -> DomainEvent {
        let milliseconds = Int64((now.timeIntervalSince1970 * 1_000).rounded())
        return DomainEvent(
            type: type, accountID: accountID, occurredAt: now,
            data: ["account_id": .string(accountID), "from": from.map(JSONValue.string) ?? .null, "to": to.map(JSONValue.string) ?? .null],
            key: "\(type.rawValue):\(accountID):\(milliseconds):\(to ?? "none")")
    }
}
