import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// `…/definitions` of one kind (health or segmentation): list and read
/// versions, add one (YAML or JSON, checked before it is stored), and make one
/// active. Versions are never edited or removed, so history always says which
/// definition produced a number.
struct DefinitionsController {
    let store: any DefinitionStore
    let clock: WallClock
    let kind: DefinitionKind
    /// Checks a document of this kind and returns its name; throws ``ValidationError`` naming the field.
    let check: @Sendable (String, DefinitionDocument.Format) throws -> String
    /// Runs after a version becomes active (recomputes what depends on it).
    let activated: @Sendable () async throws -> Void

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get(use: list)
        group.requiring(.admin).post(use: create)
        group.requiring(.viewer).get(":version", use: detail)
        group.requiring(.admin).post(":version/activate", use: activate)
    }

    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<[String: [StoredDefinition]]> {
        _ = try QueryReader(request, allowed: [])
        return JSONResource(["data": try await store.definitions(kind)])
    }

    @Sendable func detail(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<StoredDefinition> {
        _ = try QueryReader(request, allowed: [])
        return JSONResource(try await stored(version: try version(context)))
    }

    /// `POST …/definitions?activate=true&note=…` with the document as the body:
    /// `Content-Type: application/yaml` (or `text/yaml`) for YAML, `application/json` for JSON.
    @Sendable func create(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<JSONResource<StoredDefinition>> {
        let query = try QueryReader(request, allowed: ["activate", "note"])
        let activate = try query.bool("activate", default: false)
        let (source, format) = try await request.document(context: context, expecting: "a \(kind.rawValue) definition")
        let name = try check(source, format)
        let stored = try await store.addDefinition(
            StoredDefinition(kind: kind, name: name, format: format, source: source, note: try query.string("note", maxLength: 1_000),
                             origin: .user, createdAt: clock.now()), activate: activate)
        if activate { try await activated() }
        return EditedResponse(status: .created, response: JSONResource(stored))
    }

    @Sendable func activate(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<StoredDefinition> {
        _ = try QueryReader(request, allowed: [])
        let version = try version(context)
        guard try await store.activateDefinition(kind, version: version, at: clock.now()) else {
            throw APIError.notFound("\(kind.rawValue) definition version \(version)")
        }
        try await activated()
        return JSONResource(try await stored(version: version))
    }

    private func version(_ context: TenureRequestContext) throws -> Int {
        let text = try context.parameters.require("version")
        guard let version = Int(text), version > 0 else {
            throw APIError.badRequest("must be a version number (1, 2, …)", field: "version")
        }
        return version
    }

    private func stored(version: Int) async throws -> StoredDefinition {
        guard let stored = try await store.definition(kind, version: version) else {
            throw APIError.notFound("\(kind.rawValue) definition version \(version)")
        }
        return stored
    }
}
