import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// `/api/v1/config/metrics` and `/api/v1/config/product`: the policies that
/// decide how metrics are counted, readable by anyone with a key and
/// changeable by admins. Changing the metrics policy recomputes every
/// account's stored MRR.
struct ConfigController {
    let store: any SettingStore & FactStore
    let clock: WallClock

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get("metrics", use: metrics)
        group.requiring(.admin).put("metrics", use: updateMetrics)
        group.requiring(.viewer).get("product", use: product)
        group.requiring(.admin).put("product", use: updateProduct)
    }

    @Sendable func metrics(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<MetricsPolicy> {
        _ = try QueryReader(request, allowed: [])
        return JSONResource(try await store.decodedSetting(SettingKey.metricsPolicy) ?? MetricsPolicy.standard)
    }

    @Sendable func updateMetrics(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<MetricsPolicy> {
        _ = try QueryReader(request, allowed: [])
        let policy = try await request.decodeJSON(as: MetricsPolicy.self, context: context)
        try policy.validate()
        try await store.setEncodedSetting(SettingKey.metricsPolicy, to: policy)
        try await store.refreshAllMRR(asOf: clock.now())
        return JSONResource(policy)
    }

    @Sendable func product(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<ProductConfiguration> {
        _ = try QueryReader(request, allowed: [])
        return JSONResource(try await store.decodedSetting(SettingKey.productConfiguration) ?? ProductConfiguration())
    }

    @Sendable func updateProduct(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<ProductConfiguration> {
        _ = try QueryReader(request, allowed: [])
        let configuration = try await request.decodeJSON(as: ProductConfiguration.self, context: context)
        try configuration.validate()
        try await store.setEncodedSetting(SettingKey.productConfiguration, to: configuration)
        return JSONResource(configuration)
    }
}
