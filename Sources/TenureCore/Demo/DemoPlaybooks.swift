import Foundation

/// The demo company's three playbooks, as a CS lead would write them: a follow-up for detractors, a rescue for accounts
/// whose health turns red, and renewal preparation four months out.
///
/// The documents are JSON (which YAML reads too), so the pure core can read them: the generator decides each account's
/// history with them exactly as the engine would. Only the rescue changes what customers do (``churnEffects``), so the
/// effect report finds a drop in churn for it and nothing for the detractor follow-up.
public enum DemoPlaybooks {
    /// The issue's example, for the demo's mid-market and enterprise accounts paying at least 1,500.00 a month.
    public static let detractorFollowUp = #"""
    {
      "name": "Detractor follow-up",
      "description": "An NPS detractor at a mid-market or enterprise account gets a call from its CSM within two days.",
      "trigger": {"event": "survey.response.created", "where": {"kind": "nps", "score": {"lte": 6}}},
      "conditions": {"segment": ["mid_market", "enterprise"], "mrr": {"gte": 150000}},
      "limit": {"once_per_account_days": 30},
      "holdout": 0.2,
      "steps": [
        {"task": {"title": "Call {{account.name}} about their NPS {{response.score}}", "owner": "account_owner", "due_days": 2, "priority": "high"}},
        {"wait_days": 7},
        {"notify": {"channel": "slack", "text": "Detractor follow-up for {{account.name}} still open"}, "if": {"task_open": true}}
      ]
    }
    """#

    /// A rescue call within a business day and an executive sponsor check-in when a larger account's health turns red.
    public static let redAccountRescue = #"""
    {
      "name": "Red account rescue",
      "description": "When a mid-market or enterprise account turns red, its CSM calls within a business day and brings in the executive sponsor.",
      "trigger": {"event": "account.health.changed", "where": {"current.colour": "red"}},
      "conditions": {"segment": ["mid_market", "enterprise"]},
      "limit": {"once_per_account_days": 60},
      "holdout": 0.3,
      "steps": [
        {"task": {"title": "Rescue call with {{account.name}}", "owner": "account_owner", "due_business_days": 1, "priority": "high"}},
        {"wait_days": 3},
        {"task": {"title": "Executive sponsor check-in with {{account.name}}", "owner": "account_owner", "due_days": 7, "priority": "high"}},
        {"notify": {"channel": "slack", "text": "{{account.name}} turned red: rescue call and sponsor check-in under way"}}
      ]
    }
    """#

    /// Renewal preparation when an annual renewal is 120 days away, for the segments with a CSM.
    public static let renewalPreparation = #"""
    {
      "name": "Renewal 120 days out",
      "description": "Four months before an annual renewal, the CSM reviews usage, confirms the stakeholders and looks for expansion.",
      "trigger": {"event": "renewal.upcoming", "where": {"notice_days": 120}},
      "conditions": {"segment": ["smb", "mid_market", "enterprise"]},
      "holdout": 0.1,
      "steps": [
        {"task": {"title": "Prepare renewal for {{account.name}}", "details": "Renews {{account.renewal_at}} at {{account.mrr}} {{account.currency}} a month.", "owner": "account_owner", "due_days": 14}}
      ]
    }
    """#

    /// The three documents, in the order the demo adds them.
    public static let documents = [detractorFollowUp, redAccountRescue, renewalPreparation]

    /// The documents read; a document that does not read is a mistake in this file (the tests read each one).
    public static let playbooks: [Playbook] = documents.map { text in
        do {
            return try Playbook(json: JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
        } catch {
            preconditionFailure("a demo playbook does not read: \(error)")
        }
    }

    /// The true effect of each playbook on churn: log-odds added to an enrolled account's renewal decisions within
    /// ``effectDays`` of a run's start (``DemoAccountSimulation/playbookChurnEffect(at:)``). The rescue works; the
    /// detractor follow-up and renewal preparation change nothing.
    static let churnEffects = ["Red account rescue": -3.0]

    /// How long a playbook's effect lasts after a run starts: the effect report's horizon.
    static let effectDays = 90.0
}
