import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// `/api/v1/accounts`: list (filter, search, sort, page), detail with
/// subscriptions and MRR, and create-or-update by any of the account's ids.
struct AccountsController {
    let store: any Store
    let clock: WallClock
    let reads: ReadCache

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get(use: list)
        group.requiring(.member).post(use: upsert)
        group.requiring(.viewer).get(":id", use: detail)
        group.requiring(.member).put(":id", use: upsertAtPath)
    }

    /// `GET /api/v1/accounts?segment=&owner=&stage=&health=red&q=&sort=-mrr&limit=50&offset=0`
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let query = try QueryReader(request, allowed: ["segment", "owner", "stage", "health", "q", "sort", "limit", "offset"])
        var accountQuery = AccountQuery(
            segment: try query.string("segment"), ownerID: try query.string("owner"),
            lifecycleStage: try query.enumeration("stage"), healthColour: try query.enumeration("health"),
            search: try query.string("q"),
            limit: try query.int("limit", default: 50, in: 1...AccountQuery.maximumLimit),
            offset: try query.int("offset", default: 0, in: 0...10_000_000))
        if let sort = try query.string("sort") {
            let descending = sort.hasPrefix("-")
            guard let key = AccountQuery.Sort(rawValue: descending ? String(sort.dropFirst()) : sort) else {
                throw APIError.badRequest(
                    "must be one of \(AccountQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")), with a leading '-' for descending",
                    field: "sort")
            }
            accountQuery.sort = key
            accountQuery.descending = descending
        }
        let store = self.store, found = accountQuery
        return try await reads.json("accounts \(found)") { PageResource(try await store.accounts(found)) { AccountResource($0) } }
    }

    /// `GET /api/v1/accounts/{id}`: the account, its subscriptions and MRR now.
    @Sendable func detail(_ request: Request, context: TenureRequestContext) async throws -> AccountResource {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        guard let detail = try await AccountDetail.load(store: store, id: id, now: clock.now()) else { throw APIError.notFound("account '\(id)'") }
        let subscriptions = detail.subscriptions.map { SubscriptionResource(subscription: $0.subscription, mrr: $0.mrr) }
        let current = detail.summary
        return AccountResource(current, subscriptions: subscriptions)
    }

    /// `POST /api/v1/accounts`: creates the account, or updates the one whose
    /// `id`, `stripe_customer_id` or `segment_group_id` matches. 201 when created.
    @Sendable func upsert(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<AccountResource> {
        _ = try QueryReader(request, allowed: [])
        let draft = try await request.decodeJSON(as: AccountDraft.self, context: context)
        return try await save(draft)
    }

    /// `PUT /api/v1/accounts/{id}`: the same upsert, keyed by the path's id.
    @Sendable func upsertAtPath(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<AccountResource> {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        var draft = try await request.decodeJSON(as: AccountDraft.self, context: context)
        if let bodyID = draft.id, bodyID != id {
            throw APIError(.unprocessableContent, "must match the id in the path ('\(id)') or be left out", field: "id")
        }
        draft.id = id
        return try await save(draft)
    }

    private func save(_ draft: AccountDraft) async throws -> EditedResponse<AccountResource> {
        let newID = "acct_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let result = try await store.upsertAccount(draft, newID: String(newID), at: clock.now())
        guard let summary = try await store.account(id: result.account.id) else { throw APIError.notFound("account") }
        return EditedResponse(status: result.created ? .created : .ok, response: AccountResource(summary))
    }
}
