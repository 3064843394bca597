import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// Small lists the clients need beside accounts: who am I, the CSMs (which
/// admins add and edit), and the plan catalog.
struct DirectoryController {
    let store: any Store

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get("me", use: me)
        group.requiring(.viewer).get("csms", use: csms)
        group.requiring(.admin).put("csms/:id", use: saveCSM)
        group.requiring(.viewer).get("plans", use: plans)
    }

    struct MeResource: ResponseEncodable {
        var keyID: String
        var keyName: String
        var role: Role
    }

    @Sendable func me(_ request: Request, context: TenureRequestContext) async throws -> MeResource {
        let caller = try context.authenticatedCaller()
        _ = try QueryReader(request, allowed: [])
        return MeResource(keyID: caller.keyID, keyName: caller.keyName, role: caller.role)
    }

    @Sendable func csms(_ request: Request, context: TenureRequestContext) async throws -> ListResource<CSM> {
        _ = try QueryReader(request, allowed: [])
        return ListResource(data: try await store.csms())
    }

    /// `PUT /api/v1/csms/{id}`: a CSM as an admin describes them.
    struct CSMDraft: Decodable {
        var name: String
        var email: String
        /// Whether they take accounts; true when left out.
        var active: Bool?
        var managerID: String?
    }

    /// `PUT /api/v1/csms/{id}`: creates the CSM or replaces the one with this id; 200 with the CSM as stored.
    @Sendable func saveCSM(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<CSM> {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        let draft = try await request.decodeJSON(as: CSMDraft.self, context: context)
        let csm = CSM(id: id, name: draft.name, email: draft.email, active: draft.active ?? true, managerID: draft.managerID)
        try await CSMDirectory(store: store).save(csm)
        return JSONResource(csm)
    }

    /// A price with its product's name.
    struct PlanResource: Encodable, Sendable {
        var price: Price
        var productName: String?

        private enum ExtraKeys: String, CodingKey { case productName = "product_name" }

        func encode(to encoder: any Encoder) throws {
            try price.encode(to: encoder)
            var container = encoder.container(keyedBy: ExtraKeys.self)
            try container.encodeIfPresent(productName, forKey: .productName)
        }
    }

    @Sendable func plans(_ request: Request, context: TenureRequestContext) async throws -> ListResource<PlanResource> {
        _ = try QueryReader(request, allowed: [])
        let products = Dictionary(uniqueKeysWithValues: try await store.products().map { ($0.id, $0.name) })
        return ListResource(data: try await store.prices().map { PlanResource(price: $0, productName: products[$0.productID]) })
    }
}
