import Foundation
import TenureCore
import TenureStore

/// What an event says to a person: a one-line headline, a few detail lines and the dashboard page to open —
/// the words of every Slack message and email.
public struct EventSummary: Hashable, Sendable {
    public var headline: String
    public var details: [String]
    /// The account's page on the dashboard, when the event is about an account.
    public var link: URL?

    public init(headline: String, details: [String], link: URL?) {
        self.headline = headline
        self.details = details
        self.link = link
    }

    /// The summary of `event`; `accountName` names the account, `dashboard` is Tenure's public URL.
    public init(_ event: StoredEvent, accountName: String?, dashboard: URL?) {
        let data = event.data
        let name = accountName ?? event.accountID ?? "an account"
        link = event.accountID.flatMap { id in
            dashboard?.appendingPathComponent("accounts").appendingPathComponent(id)
        }
        switch event.type {
        case .accountHealthChanged:
            let before = data["previous"]?.object ?? [:], after = data["current"]?.object ?? [:]
            headline = "\(name): health \(before["colour"]?.text ?? "?") → \(after["colour"]?.text ?? "?")"
            details = ["Score \(before["score"]?.text ?? "?") → \(after["score"]?.text ?? "?")"]
                + (data["drop"]?.object.map { ["Fell \($0["points"]?.text ?? "?") points since \($0["from_at"]?.text?.prefix(10) ?? "?")"] } ?? [])
        case .accountRiskRaised:
            headline = "\(name) is at risk of churning"
            details = ["Churn probability \(Self.percent(data["probability"])) (was \(Self.percent(data["previous_probability"])))",
                       "Expected MRR loss \(Self.money(data["expected_mrr_loss"], nil))"]
        case .renewalUpcoming:
            headline = "\(name) renews in \(data["days"]?.text ?? "?") days"
            details = ["Renews \(data["renews_at"]?.text?.prefix(10) ?? "?"), MRR \(Self.money(data["mrr"], data["currency"]?.text))"]
        case .paymentFailed:
            headline = "Payment failed for \(name)"
            details = ["\(Self.money(data["amount"], data["currency"]?.text)) on invoice \(data["invoice_id"]?.text ?? "?")"
                       + (data["failure_code"]?.text.map { " (\($0))" } ?? "")]
        case .paymentRecovered:
            headline = "Payment recovered for \(name)"
            details = ["\(Self.money(data["amount"], data["currency"]?.text)) paid on invoice \(data["invoice_id"]?.text ?? "?")"]
        case .subscriptionCanceled:
            headline = "\(name) canceled a subscription"
            details = ["Subscription \(data["subscription_id"]?.text ?? "?")" + (data["reason"]?.text.map { ", reason: \($0)" } ?? "")]
        case .surveyResponseCreated:
            headline = "\(name) answered a \(data["kind"]?.text?.uppercased() ?? "survey"): \(data["score"]?.text ?? "?")"
            details = data["comment"]?.text.map { ["“\($0.prefix(500))”"] } ?? []
        case .taskCreated, .taskOverdue:
            headline = "\(event.type == .taskCreated ? "New task" : "Task overdue") for \(name): \(data["title"]?.text ?? "")"
            details = [data["due_at"]?.text.map { "Due \($0.prefix(10))" }, data["owner_id"]?.text.map { "Owner \($0)" }].compactMap { $0 }
        case .taskEscalated:
            headline = "Task escalated for \(name): \(data["title"]?.text ?? "")"
            details = [data["reason"]?.text, data["tier"]?.text.map { "Tier \($0)" }, data["target"]?.text.map { "For \($0)" },
                       data["owner_id"]?.text.map { "Owner \($0)" }].compactMap { $0 }
        case .accountSegmentChanged:
            headline = "\(name) moved to segment \(data["to"]?.text ?? "none")"
            details = ["Was \(data["from"]?.text ?? "none")"]
        case .accountStageChanged:
            headline = "\(name) is now in stage \(data["to"]?.text ?? "?")"
            details = ["Was \(data["from"]?.text ?? "?")"]
        case .playbookNotification:
            headline = data["text"]?.text ?? "Playbook \(data["playbook"]?.text ?? "")"
            details = ["Playbook \(data["playbook"]?.text ?? "?") for \(name)"]
        case .digestDaily:
            headline = "Daily digest for \(data["owner_name"]?.text ?? "?") (\(data["day"]?.text ?? "?"))"
            details = data["lines"].flatMap { if case .array(let lines) = $0 { lines.compactMap(\.text) } else { nil } } ?? []
            link = dashboard
        case .ping:
            headline = "Test notification from Tenure"
            details = ["This endpoint is set up: Tenure can reach it."]
        }
    }

    private static func percent(_ value: JSONValue?) -> String {
        guard case .number(let number)? = value else { return "unknown" }
        return "\(Int((number * 100).rounded())) %"
    }

    private static func money(_ value: JSONValue?, _ currency: String?) -> String {
        guard case .number(let minor)? = value else { return "?" }
        return String(format: "%.2f", minor / 100) + (currency.map { " \($0.uppercased())" } ?? "")
    }
}

extension JSONValue {
    /// The value as plain text: strings as they are, whole numbers without a decimal point.
    var text: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): String(flag)
        default: nil
        }
    }
}
