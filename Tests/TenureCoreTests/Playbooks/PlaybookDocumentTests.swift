import Foundation
import Testing
@testable import TenureCore

/// Reading playbook documents: the issue's example, and refusals that name the field.
@Suite("Playbook documents")
struct PlaybookDocumentTests {
    @Test("the issue's YAML reads into its trigger, conditions, limit, holdout and three steps")
    func issueExample() throws {
        let playbook = try Playbook(json: PlaybookFixtures.issue())
        #expect(playbook.name == "Detractor follow-up")
        #expect(playbook.description == nil)
        #expect(playbook.trigger == .event(.surveyResponseCreated, where: [
            "kind": .equals(.string("nps")), "score": ValueTest([.init(.lte, .number(6))]),
        ]))
        #expect(playbook.conditions == PlaybookConditions(segment: ["mid_market", "enterprise"], mrr: ValueTest([.init(.gte, .number(50_000))])))
        #expect(playbook.limit == EnrollmentLimit(oncePerAccountDays: 30))
        #expect(playbook.holdout == 0.1)
        #expect(playbook.steps.count == 3)
        guard case .task(let task) = playbook.steps[0].action else { Issue.record("step 0 is not a task"); return }
        #expect(task.title.text == "Call {{account.name}} about their NPS {{response.score}}")
        #expect(task.details == nil && task.owner == .accountOwner && task.dueDays == 2 && task.priority == .high)
        #expect(task.dueBusinessDays == nil && task.slaBusinessHours == nil && task.slaBusinessDays == nil)
        #expect(playbook.steps[0].condition == nil)
        #expect(playbook.steps[1] == PlaybookStep(.wait(7 * 86_400)))
        let notify = NotifyStep(channel: .slack, text: try PlaybookTemplate("Detractor follow-up for {{account.name}} still open", field: "text"))
        #expect(playbook.steps[2] == PlaybookStep(.notify(notify), if: PlaybookConditions(taskOpen: true)))
    }

    @Test("defaults: no description, no conditions, no limit, no holdout; a task goes to the account owner at normal priority")
    func defaults() throws {
        let playbook = try Playbook(
            json: PlaybookFixtures.json(#"{"name": "Welcome", "trigger": "manual", "steps": [{"task": {"title": "Say hello"}}]}"#))
        #expect(playbook.trigger == .manual)
        #expect(playbook.conditions == PlaybookConditions() && playbook.limit == EnrollmentLimit() && playbook.holdout == 0)
        #expect(playbook.steps == [PlaybookStep(.task(TaskStep(title: try PlaybookTemplate("Say hello", field: "title"))))])
    }

    @Test("every trigger kind and its shorthand")
    func triggers() throws {
        func trigger(_ text: String) throws -> PlaybookTrigger {
            try Playbook(json: PlaybookFixtures.issue(with: #"{"trigger": \#(text)}"#)).trigger
        }
        #expect(try trigger(#""manual""#) == .manual)
        #expect(try trigger(#"{"manual": true}"#) == .manual)
        #expect(try trigger(#"{"segment_entered": "enterprise"}"#) == .segmentEntered("enterprise"))
        #expect(try trigger(#"{"segment_entered": "any"}"#) == .segmentEntered(nil))
        #expect(try trigger(#"{"segment_exited": "smb"}"#) == .segmentExited("smb"))
        #expect(try trigger(#"{"stage_changed": "renewal"}"#) == .stageChanged(.renewal))
        #expect(try trigger(#"{"stage_changed": "any"}"#) == .stageChanged(nil))
        #expect(try trigger(#"{"milestone_missed": {"days": 14}}"#) == .milestoneMissed(days: 14))
        #expect(try trigger(#"{"usage_drop": {"percent": 40, "days": 14}}"#) == .usageDrop(percent: 40, days: 14))
        #expect(try trigger(#"{"schedule": "0 9 * * 1"}"#) == .schedule(try CronSchedule("0 9 * * 1")))
        #expect(try trigger(#"{"event": "account.health.changed", "where": {"current.colour": "red"}}"#)
            == .event(.accountHealthChanged, where: ["current.colour": .equals(.string("red"))]))
    }

    @Test("every step action, with owners written as account_owner, queue:<name> or a CSM id")
    func actions() throws {
        let document = try PlaybookFixtures.issue(with: #"""
        {"steps": [
          {"task": {"title": "Plan QBR", "details": "For {{account.name}}", "owner": "queue:onboarding", "due_business_days": 3,
                    "sla_business_hours": 8, "priority": "urgent"}},
          {"task": {"title": "Check in", "owner": "csm_bo", "sla_business_days": 2}},
          {"wait_hours": 36},
          {"notify": {"channel": "email", "text": "Hi"}, "if": {"segment": "enterprise", "health": ["red", "yellow"]}},
          {"set_owner": "csm_ana"}, {"set_owner": "queue:renewals"}, {"set_stage": "renewal"},
          {"add_tag": "at_risk"}, {"remove_tag": "happy"}, {"set_trait": {"key": "plan_review", "value": true}},
          {"start_playbook": "Renewal prep"}
        ]}
        """#)
        let steps = try Playbook(json: document).steps
        #expect(steps[0].action == .task(TaskStep(
            title: try PlaybookTemplate("Plan QBR", field: "title"), details: try PlaybookTemplate("For {{account.name}}", field: "details"),
            owner: .queue("onboarding"), dueBusinessDays: 3, slaBusinessHours: 8, priority: .urgent)))
        #expect(steps[1].action
            == .task(TaskStep(title: try PlaybookTemplate("Check in", field: "title"), owner: .csm("csm_bo"), slaBusinessDays: 2)))
        #expect(steps[2].action == .wait(36 * 3_600))
        #expect(steps[3].condition == PlaybookConditions(segment: ["enterprise"], health: [.red, .yellow]))
        #expect(steps[4...].map(\.action) == [
            .setOwner(.csm("csm_ana")), .setOwner(.queue("renewals")), .setStage(.renewal), .addTag("at_risk"), .removeTag("happy"),
            .setTrait(key: "plan_review", value: .bool(true)), .startPlaybook("Renewal prep"),
        ])
    }

    /// A document and the error it must give.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var overrides: String
        var field: String?
        var message: String
        var testDescription: String { "\(field ?? "(document)"): \(message)" }
    }

    static let knownConditions = "segment, stage, owner, health, health_score, mrr, churn_probability, tags, traits, task_open"
    static let actionList = "task, wait_days, wait_hours, notify, set_owner, set_stage, add_tag, remove_tag, set_trait, start_playbook"

    static let refusals: [Refusal] = [
        Refusal(overrides: #"{"conditions": {"segmnt": "smb"}}"#, field: "conditions.segmnt", message: "unknown key; known: \(knownConditions)"),
        Refusal(overrides: #"{"stepz": []}"#, field: "stepz",
                message: "unknown key; known: name, description, trigger, conditions, limit, holdout, steps"),
        Refusal(overrides: #"{"trigger": {"event": "survey.answered"}}"#, field: "trigger.event",
                message: "unknown event type 'survey.answered'; known: account.health.changed, account.risk.raised, renewal.upcoming, "
                    + "payment.failed, payment.recovered, subscription.canceled, survey.response.created, task.created, task.overdue, "
                    + "task.escalated, account.segment.changed, account.stage.changed"),
        Refusal(overrides: #"{"trigger": {"event": "ping"}}"#, field: "trigger.event", message: "unknown event type 'ping'; known: "),
        Refusal(overrides: #"{"holdout": 0.9}"#, field: "holdout", message: "must be between 0.0 and 0.5"),
        Refusal(overrides: #"{"holdout": "10%"}"#, field: "holdout", message: "must be a number"),
        Refusal(overrides: #"{"steps": [{"task": {"title": "Call", "due_days": -1}}]}"#, field: "steps[0].task.due_days",
                message: "must be between 0 and 3650"),
        Refusal(overrides: #"{"steps": [{"task": {"title": "Call", "due_days": 1.5}}]}"#, field: "steps[0].task.due_days",
                message: "must be a whole number"),
        Refusal(overrides: #"{"steps": [{"task": {"title": "Call"}, "notify": {"channel": "slack", "text": "Hi"}}]}"#, field: "steps[0]",
                message: "must hold one action, found notify and task"),
        Refusal(overrides: #"{"steps": [{"if": {"task_open": true}}]}"#, field: "steps[0]", message: "must hold one action: \(actionList)"),
        Refusal(overrides: #"{"conditions": {"task_open": true}}"#, field: "conditions.task_open",
                message: "only a step's if may test task_open (a run's task exists only once a step made it)"),
        Refusal(overrides: #"{"steps": [{"task": {"title": "Call {{acount.name}}"}}]}"#, field: "steps[0].task.title",
                message: "unknown template variable 'acount.name'; it must start with one of: account, event, response, playbook, run"),
        Refusal(overrides: #"{"steps": [{"notify": {"channel": "slack", "text": "Call {{account.nmae}}"}}]}"#, field: "steps[0].notify.text",
                message: "unknown template variable 'account.nmae'; account has: id, name, segment, stage, owner_id, mrr, currency, "
                    + "health_score, health_colour, churn_probability, tags, traits, renewal_at"),
        Refusal(overrides: #"{"steps": [{"task": {"title": "Call {{account.name"}}]}"#, field: "steps[0].task.title",
                message: "has a {{ without its closing }}"),
        Refusal(overrides: #"{"name": "Detractor\u0000"}"#, field: "name", message: "must not contain the control character U+0000"),
        Refusal(overrides: #"{"name": "   "}"#, field: "name", message: "must not be empty"),
        Refusal(overrides: "{\"name\": \"\(String(repeating: "x", count: 101))\"}", field: "name", message: "must be at most 100 characters"),
        Refusal(overrides: #"{"name": null}"#, field: "name", message: "is required"),
        Refusal(overrides: #"{"steps": []}"#, field: "steps", message: "must list between 1 and 50 steps"),
        Refusal(overrides: "{\"steps\": [\(Array(repeating: #"{"wait_days": 1}"#, count: 51).joined(separator: ","))]}", field: "steps",
                message: "must list between 1 and 50 steps"),
        Refusal(overrides: #"{"limit": {"once_per_account_days": 0}}"#, field: "limit.once_per_account_days", message: "must be between 1 and 3650"),
        Refusal(overrides: #"{"trigger": {"event": "survey.response.created", "where": {"score": {"lt3": 5}}}}"#,
                field: "trigger.where.score.lt3", message: "unknown key; known: eq, ne, lt, lte, gt, gte, in"),
        Refusal(overrides: #"{"trigger": {"event": "survey.response.created", "where": {"previous..score": 5}}}"#,
                field: "trigger.where.previous..score", message: "must be a dotted path into the event's data, such as previous.score"),
        Refusal(overrides: #"{"trigger": {"event": "account.health.changed", "schedule": "0 9 * * 1"}}"#, field: "trigger",
                message: "must name one trigger, found event and schedule"),
        Refusal(overrides: #"{"trigger": {"segment_entered": "smb", "where": {"to": "smb"}}}"#, field: "trigger.where",
                message: "only an event trigger takes where"),
        Refusal(overrides: #"{"trigger": {"manual": false}}"#, field: "trigger.manual", message: "must be true (or write the trigger as manual)"),
        Refusal(overrides: #"{"trigger": {"usage_drop": {"percent": 140, "days": 14}}}"#, field: "trigger.usage_drop.percent",
                message: "must be between 1.0 and 100.0"),
        Refusal(overrides: #"{"conditions": {"mrr": {"gte": "lots"}}}"#, field: "conditions.mrr.gte", message: "must be a number"),
        Refusal(overrides: #"{"conditions": {"stage": ["renewal", "gold"]}}"#, field: "conditions.stage[1]",
                message: "unknown value 'gold'; expected one of: trial, onboarding, adoption, value_realization, renewal, advocacy, churned"),
        Refusal(overrides: #"{"steps": [{"notify": {"channel": "sms", "text": "Hi"}}]}"#, field: "steps[0].notify.channel",
                message: "unknown value 'sms'; expected one of: webhook, slack, email"),
        Refusal(overrides: #"{"steps": [{"task": {"title": "Call", "sla_business_hours": 4, "sla_business_days": 1}}]}"#,
                field: "steps[0].task.sla_business_days", message: "cannot be given with sla_business_hours; choose one"),
        Refusal(overrides: #"{"steps": [{"set_owner": "account_owner"}]}"#, field: "steps[0].set_owner", message: "must be a CSM id or queue:<name>"),
        Refusal(overrides: #"{"steps": [{"start_playbook": "Detractor follow-up"}]}"#, field: "steps[0].start_playbook",
                message: "must name another playbook (a playbook cannot start itself)"),
        Refusal(overrides: #"{"steps": [{"set_trait": {"key": "plan"}}]}"#, field: "steps[0].set_trait.value",
                message: "is required (null removes the trait)"),
        Refusal(overrides: #"{"steps": {"wait_days": 1}}"#, field: "steps", message: "must be a list"),
        Refusal(overrides: #"{"trigger": {"schedule": "every monday"}}"#, field: "trigger.schedule", message: "must have 5 fields"),
    ]

    @Test("a document with a mistake is refused, naming the field", arguments: refusals)
    func refused(_ refusal: Refusal) throws {
        let document = try PlaybookFixtures.issue(with: refusal.overrides)
        do throws(ValidationError) {
            _ = try Playbook(json: document)
            Issue.record("the document was accepted")
        } catch {
            #expect(error.field == refusal.field)
            #expect(error.message.hasPrefix(refusal.message), "\(error.message)")
        }
    }

    @Test("a document that is not a mapping is refused as a whole")
    func notAMapping() throws {
        #expect(throws: ValidationError(field: nil, "must be a mapping (an object)")) { try Playbook(json: .array([])) }
    }
}
