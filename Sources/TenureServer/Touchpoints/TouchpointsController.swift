import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// `/api/v1/touchpoints`: the log of calls, meetings, QBRs, emails and notes with each account — listed, read, and
/// logged with the account's contacts who took part and a next step, which can become a task in the same transaction.
struct TouchpointsController {
    let store: any Store
    let clock: WallClock

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get(use: list)
        group.requiring(.member).post(use: create)
        group.requiring(.viewer).get(":id", use: show)
    }

    /// `GET /api/v1/touchpoints?account_id=&csm_id=&kind=qbr&since=&limit=50&offset=0`, newest first.
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> PageResource<Touchpoint> {
        let query = try QueryReader(request, allowed: ["account_id", "csm_id", "kind", "since", "limit", "offset"])
        let selection = TouchpointQuery(
            accountID: try query.string("account_id"), csmID: try query.string("csm_id"), kind: try query.enumeration("kind"),
            since: try query.date("since"), limit: try query.int("limit", default: 50, in: 1...500),
            offset: try query.int("offset", default: 0, in: 0...10_000_000))
        return PageResource(try await store.touchpoints(selection)) { $0 }
    }

    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<Touchpoint> {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        guard let touchpoint = try await store.touchpoint(id: id) else { throw APIError.notFound("touchpoint '\(id)'") }
        return JSONResource(touchpoint)
    }

    /// `POST /api/v1/touchpoints`: 201 with the touchpoint and, when `create_task` is true, the task made from its next
    /// step. The account must exist (422 naming `account_id`) and each attendee be one of its contacts (`attendees[i]`).
    @Sendable func create(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<LoggedTouchpoint> {
        _ = try QueryReader(request, allowed: [])
        let draft = try await request.decodeJSON(as: TouchpointDraft.self, context: context)
        let now = clock.now()
        let touchpoint = draft.touchpoint(at: now)
        try touchpoint.validate()
        try BodyRules.nonBlank(draft.csmID, "csm_id")
        guard let account = try await store.account(id: draft.accountID) else {
            throw ValidationError(field: "account_id", "there is no account '\(draft.accountID)'")
        }
        try touchpoint.checkAttendees(among: try await store.contacts(ofAccount: draft.accountID), of: account.account.name)
        let task = try draft.nextTask(of: touchpoint, accountOwner: account.account.ownerID, at: now)
        try await store.logTouchpoint(touchpoint, nextTask: task, actor: try context.authenticatedCaller().keyName, at: now)
        var logged = LoggedTouchpoint(touchpoint: touchpoint)
        if let task { logged.task = TaskResource(try await TaskRow.named(task, in: store), at: now) }
        return EditedResponse(status: .created, response: logged)
    }

    /// A logged touchpoint and the task made from its next step, if any.
    struct LoggedTouchpoint: ResponseEncodable {
        var touchpoint: Touchpoint
        var task: TaskResource?
    }
}

/// `POST /api/v1/touchpoints`: what happened, who took part, and what comes next.
struct TouchpointDraft: Decodable {
    var accountID: String
    var kind: Touchpoint.Kind
    /// When it happened; now when left out.
    var occurredAt: Date?
    var summary: String
    var attendees: [String]?
    var csmID: String?
    var executiveSponsorPresent: Bool?
    var nextStep: String?
    /// Whether to make a task of the next step.
    var createTask: Bool?
    /// The task is due this many calendar days from now (none when left out).
    var nextStepDueDays: Int?
    /// Who the task goes to: this CSM, else the touchpoint's CSM, else the account's owner, else the `unassigned` queue.
    var nextStepOwnerID: String?

    func touchpoint(at now: Date) -> Touchpoint {
        Touchpoint(accountID: accountID, csmID: csmID, kind: kind, occurredAt: occurredAt ?? now, summary: summary,
                   executiveSponsorPresent: executiveSponsorPresent ?? false, attendees: attendees ?? [], nextStep: nextStep)
    }

    /// The task of the next step when `create_task` is true; `nil` otherwise.
    func nextTask(of touchpoint: Touchpoint, accountOwner: String?, at now: Date) throws -> SuccessTask? {
        try Check.range(nextStepDueDays, "next_step_due_days", 0...3_650)
        try BodyRules.nonBlank(nextStepOwnerID, "next_step_owner_id")
        try Check.maxLength(nextStepOwnerID, "next_step_owner_id", 200)
        guard createTask == true else { return nil }
        guard let nextStep, !nextStep.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError(field: "next_step", "is required to create a task")
        }
        let owner = nextStepOwnerID ?? touchpoint.csmID ?? accountOwner
        let held = "the \(touchpoint.kind.rawValue) of \(JSONCoding.format(touchpoint.occurredAt).prefix(10))"
        return SuccessTask(accountID: touchpoint.accountID, ownerID: owner, queue: owner == nil ? StepPlanner.unassignedQueue : nil,
                           title: nextStep, details: "Next step of \(held)",
                           dueAt: nextStepDueDays.map { now.adding(days: Double($0)) }, createdAt: now, source: "touchpoint:\(touchpoint.id)")
    }
}
