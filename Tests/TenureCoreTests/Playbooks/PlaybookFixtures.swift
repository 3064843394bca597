import Foundation
import Testing
@testable import TenureCore

/// Documents, accounts and occurrences the playbook tests share.
enum PlaybookFixtures {
    /// 2026-05-03T09:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_777_798_800)

    /// The issue's example playbook, as the JSON tree its YAML reads into.
    static let issueDocument = #"""
    {
      "name": "Detractor follow-up",
      "trigger": {"event": "survey.response.created", "where": {"kind": "nps", "score": {"lte": 6}}},
      "conditions": {"segment": ["mid_market", "enterprise"], "mrr": {"gte": 50000}},
      "limit": {"once_per_account_days": 30},
      "holdout": 0.1,
      "steps": [
        {"task": {"title": "Call {{account.name}} about their NPS {{response.score}}", "owner": "account_owner", "due_days": 2, "priority": "high"}},
        {"wait_days": 7},
        {"notify": {"channel": "slack", "text": "Detractor follow-up for {{account.name}} still open"}, "if": {"task_open": true}}
      ]
    }
    """#

    /// JSON text as a tree.
    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The issue's document with its top-level keys replaced by those of `overrides` (null removes a key).
    static func issue(with overrides: String = "{}") throws -> JSONValue {
        guard case .object(var fields) = try json(issueDocument), case .object(let changes) = try json(overrides) else {
            throw ValidationError(field: nil, "fixture is not an object")
        }
        for (key, value) in changes { fields[key] = value == .null ? nil : value }
        return .object(fields)
    }

    /// Acme: enterprise, owned by csm_ana, MRR 820.00, created 2026-01-01.
    static let acme = PlaybookSubject(
        accountID: "acc_acme", name: "Acme", segment: "enterprise", stage: .renewal, ownerID: "csm_ana", tags: ["vip", "beta"],
        traits: ["plan": .string("enterprise"), "seats": .number(120)], mrr: 82_000, currency: .usd, healthScore: 48,
        healthColour: .yellow, churnProbability: 0.62, createdAt: UTCCalendar.date(2026, 1, 1), renewalAt: UTCCalendar.date(2027, 3, 30))

    /// Acme with other values.
    static func acme(_ change: (inout PlaybookSubject) -> Void) -> PlaybookSubject {
        var subject = acme
        change(&subject)
        return subject
    }

    /// An NPS answer of `score` from Acme at ``now``.
    static func survey(score: Double, kind: String = "nps") -> TriggerOccurrence {
        TriggerOccurrence(type: "survey.response.created", accountID: "acc_acme", at: now,
                          data: ["account_id": .string("acc_acme"), "response_id": .string("resp_1"), "kind": .string(kind),
                                 "score": .number(score), "comment": .null, "contact_id": .null],
                          key: "survey.response.created:resp_1")
    }

    /// Acme's health score moving from `before` to `after` on 2026-05-03.
    static func healthChanged(from before: Double, _ colourBefore: String, to after: Double, _ colourAfter: String) -> TriggerOccurrence {
        TriggerOccurrence(type: "account.health.changed", accountID: "acc_acme", at: UTCCalendar.date(2026, 5, 3),
                          data: ["account_id": .string("acc_acme"), "reason": .string("drop"),
                                 "previous": .object(["score": .number(before), "colour": .string(colourBefore)]),
                                 "current": .object(["score": .number(after), "colour": .string(colourAfter)])],
                          key: "account.health.changed:acc_acme:2026-05-03:\(colourAfter)")
    }
}
