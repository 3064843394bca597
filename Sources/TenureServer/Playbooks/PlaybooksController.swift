import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// `/api/v1/playbooks` and `/api/v1/playbook-runs`: playbook definitions (YAML or JSON, versioned, one version active),
/// their dry run over stored history, their runs and traces, their effect against the held-out accounts, and runs
/// started and canceled by hand. Admins manage definitions; members dry-run, start and cancel; viewers read.
struct PlaybooksController {
    let store: any Store
    let engine: PlaybookEngine

    func register(on group: RouterGroup<TenureRequestContext>, runs: RouterGroup<TenureRequestContext>) {
        let viewer = group.requiring(.viewer), member = group.requiring(.member), admin = group.requiring(.admin)
        viewer.get(use: list)
        admin.post(use: add)
        member.post("dry-run", use: dryRun)
        viewer.get(":name", use: show)
        viewer.get(":name/versions/:version", use: version)
        admin.post(":name/activate", use: activate)
        admin.post(":name/deactivate", use: deactivate)
        viewer.get(":name/runs", use: listRuns)
        viewer.get(":name/effect", use: effect)
        member.post(":name/start", use: start)
        runs.requiring(.viewer).get(":id", use: showRun)
        runs.requiring(.member).post(":id/cancel", use: cancelRun)
    }

    /// `GET /api/v1/playbooks`: one line per playbook, by name.
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> ListResource<PlaybookSummaryResource> {
        _ = try QueryReader(request, allowed: [])
        return ListResource(data: try await store.playbooks().map(PlaybookSummaryResource.init))
    }

    /// `POST /api/v1/playbooks?activate=true&note=…` with the document as the body: 201 with the stored version, the
    /// next of the playbook it names; a document that does not parse is a 422 naming the field.
    @Sendable func add(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<PlaybookVersionResource> {
        let query = try QueryReader(request, allowed: ["activate", "note"])
        let activate = try query.bool("activate", default: false)
        let note = try query.string("note", maxLength: 1_000)
        let document = try await request.document(context: context, expecting: "a playbook")
        let stored = try await engine.addPlaybook(source: document.source, format: document.format, note: note,
                                                  author: try context.authenticatedCaller().keyName, activate: activate)
        return EditedResponse(status: .created, response: PlaybookVersionResource(stored))
    }

    /// `POST /api/v1/playbooks/dry-run?days=90` with a document as the body: what it would have done over the last
    /// `days` days (1 to 365), with nothing written.
    @Sendable func dryRun(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<PlaybookDryRun> {
        let days = try QueryReader(request, allowed: ["days"]).int("days", default: 90, in: 1...365)
        let document = try await request.document(context: context, expecting: "a playbook")
        return JSONResource(try await engine.dryRun(try PlaybookDocument.parse(document.source, format: document.format), days: days))
    }

    /// `GET /api/v1/playbooks/{name}`: the active version (the latest when none is) with its outline, and every version.
    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> PlaybookVersionResource {
        _ = try QueryReader(request, allowed: [])
        return try await detail(try context.parameters.decoded("name"))
    }

    @Sendable func version(_ request: Request, context: TenureRequestContext) async throws -> PlaybookVersionResource {
        _ = try QueryReader(request, allowed: [])
        let name = try context.parameters.decoded("name")
        let text = try context.parameters.require("version")
        guard let version = Int(text), version > 0 else { throw APIError.badRequest("must be a version number (1, 2, …)", field: "version") }
        guard let stored = try await store.playbook(name: name, version: version) else {
            throw APIError.notFound("version \(version) of playbook '\(name)'")
        }
        return PlaybookVersionResource(stored)
    }

    /// The body of `POST …/activate`.
    struct Activation: Decodable {
        var version: Int
    }

    /// `POST /api/v1/playbooks/{name}/activate` with `{"version": 2}`: the playbook, that version active.
    @Sendable func activate(_ request: Request, context: TenureRequestContext) async throws -> PlaybookVersionResource {
        _ = try QueryReader(request, allowed: [])
        let name = try context.parameters.decoded("name")
        let version = try await request.decodeJSON(as: Activation.self, context: context).version
        guard try await store.activatePlaybook(name: name, version: version, at: engine.clock.now()) else {
            throw APIError.notFound("version \(version) of playbook '\(name)'")
        }
        return try await detail(name)
    }

    /// `POST /api/v1/playbooks/{name}/deactivate`: the playbook, without an active version (its active runs go on);
    /// 409 when it had none.
    @Sendable func deactivate(_ request: Request, context: TenureRequestContext) async throws -> PlaybookVersionResource {
        _ = try QueryReader(request, allowed: [])
        let name = try await existing(try context.parameters.decoded("name"))
        guard try await store.deactivatePlaybook(name: name, at: engine.clock.now()) else {
            throw APIError(.conflict, "playbook '\(name)' has no active version")
        }
        return try await detail(name)
    }

    /// `GET /api/v1/playbooks/{name}/runs?status=&account_id=&limit=50&offset=0`, newest first.
    @Sendable func listRuns(_ request: Request, context: TenureRequestContext) async throws -> PageResource<PlaybookRunResource> {
        let query = try QueryReader(request, allowed: ["status", "account_id", "limit", "offset"])
        let name = try await existing(try context.parameters.decoded("name"))
        let selection = RunQuery(playbook: name, accountID: try query.string("account_id"), status: try query.enumeration("status"),
                                 limit: try query.int("limit", default: 50, in: 1...500),
                                 offset: try query.int("offset", default: 0, in: 0...10_000_000))
        return PageResource(try await store.runs(selection)) { PlaybookRunResource(run: $0) }
    }

    /// `GET /api/v1/playbooks/{name}/effect?horizon_days=90`: enrolled against held-out accounts over the horizon (30 to
    /// 365 days); 404 while the playbook has never run.
    @Sendable func effect(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<PlaybookEffect> {
        let horizon = try QueryReader(request, allowed: ["horizon_days"]).int("horizon_days", default: 90, in: 30...365)
        let name = try await existing(try context.parameters.decoded("name"))
        guard let effect = try await engine.effect(playbook: name, horizonDays: horizon) else {
            throw APIError(.notFound, "playbook '\(name)' has not run yet, so it has no effect to report")
        }
        return JSONResource(effect)
    }

    /// The body of `POST …/start`.
    struct Start: Decodable {
        var accountID: String
    }

    /// `POST /api/v1/playbooks/{name}/start` with `{"account_id": "…"}`: 201 with the run, its first step due now;
    /// 409 when the account is already in an active run of the playbook or the playbook has no active version.
    @Sendable func start(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<PlaybookRunResource> {
        _ = try QueryReader(request, allowed: [])
        let name = try context.parameters.decoded("name")
        let accountID = try await request.decodeJSON(as: Start.self, context: context).accountID
        try Check.maxLength(accountID, "account_id", 200)
        let person = try context.authenticatedCaller().keyName
        guard let run = try await engine.startManually(playbook: name, accountID: accountID, by: person) else {
            _ = try await existing(name)
            guard try await store.account(id: accountID) != nil else { throw APIError.notFound("account '\(accountID)'") }
            throw APIError(.conflict, "playbook '\(name)' has no active version; activate one first")
        }
        return EditedResponse(status: .created, response: PlaybookRunResource(run: run))
    }

    /// `GET /api/v1/playbook-runs/{id}`: the run, its trace, and the log of its steps.
    @Sendable func showRun(_ request: Request, context: TenureRequestContext) async throws -> PlaybookRunResource {
        _ = try QueryReader(request, allowed: [])
        return try await runDetail(try context.parameters.decoded("id"))
    }

    /// `POST /api/v1/playbook-runs/{id}/cancel` with an optional `{"reason": "…"}`: the run, canceled (its tasks stay);
    /// 409 when it is no longer active.
    @Sendable func cancelRun(_ request: Request, context: TenureRequestContext) async throws -> PlaybookRunResource {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        let reason = try await request.decodeOptionalJSON(as: Cancellation.self, context: context)?.reason
        try Check.maxLength(reason, "reason", 1_000)
        let run = try await runDetail(id)
        let person = try context.authenticatedCaller().keyName
        guard try await store.cancelRun(id: id, reason: reason ?? "canceled by \(person)", at: engine.clock.now()) else {
            throw APIError(.conflict, "run '\(id)' is \(run.run.status.rawValue), not active")
        }
        return try await runDetail(id)
    }

    /// The playbook `name` as its own route shows it.
    private func detail(_ name: String) async throws -> PlaybookVersionResource {
        let versions = try await store.playbookVersions(name: name)
        guard let shown = versions.last(where: \.active) ?? versions.last else { throw APIError.notFound("playbook '\(name)'") }
        return PlaybookVersionResource(shown, versions: versions)
    }

    /// `name`, when a playbook of that name is stored; a 404 otherwise.
    private func existing(_ name: String) async throws -> String {
        guard try await !store.playbookVersions(name: name).isEmpty else { throw APIError.notFound("playbook '\(name)'") }
        return name
    }

    private func runDetail(_ id: String) async throws -> PlaybookRunResource {
        guard let run = try await store.run(id: id) else { throw APIError.notFound("playbook run '\(id)'") }
        return PlaybookRunResource(run: run, steps: try await store.runSteps(runID: id))
    }
}
