import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// Small read-only lists the clients need beside accounts: who am I, the
/// CSMs, and the plan catalog.
struct DirectoryController {
    let store: any AccountStore

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get("me", use: me)
        group.requiring(.viewer).get("csms", use: csms)
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
