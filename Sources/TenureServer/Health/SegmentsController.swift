import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// `/api/v1/segments…`: the active segmentation with its accounts per
/// segment, each CSM's coverage against the engagement models' targets,
/// applying the rules, and the versioned definitions.
struct SegmentsController {
    let store: any Store
    let clock: WallClock
    let scheduler: HealthScheduler

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get(use: overview)
        group.requiring(.viewer).get("coverage", use: coverage)
        group.requiring(.admin).post("apply", use: apply)
        let scheduler = self.scheduler
        DefinitionsController(
            store: store, clock: clock, kind: .segmentation,
            check: { source, format in try DefinitionDocument.decode(SegmentationDefinition.self, from: source, format: format).name },
            activated: { _ = try await scheduler.recompute() }
        ).register(on: group.group("definitions"))
    }

    private func activeSegmentation() async throws -> HealthEngine.Versioned<SegmentationDefinition> {
        guard let active = try await HealthEngine(store: store).activeSegmentation() else {
            throw APIError(.notFound, "no segmentation is active: POST one to /api/v1/segments/definitions?activate=true (see docs/health.md)")
        }
        return active
    }

    /// `GET /api/v1/segments`: each segment's rule and how many accounts it holds now.
    @Sendable func overview(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<SegmentsResource> {
        _ = try QueryReader(request, allowed: [])
        let active = try await activeSegmentation()
        let counts = try await HealthEngine(store: store).accountsPerSegment()
        return JSONResource(SegmentsResource(
            definitionVersion: active.version, name: active.definition.name,
            segments: active.definition.segments.map { SegmentsResource.Segment(rule: $0, accounts: counts[$0.key] ?? 0) },
            unmatched: counts[Breakdown.noValue] ?? 0))
    }

    /// `GET /api/v1/segments/coverage`: each CSM's accounts per segment and load against the targets.
    @Sendable func coverage(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<[String: [CoverageResource]]> {
        _ = try QueryReader(request, allowed: [])
        let active = try await activeSegmentation()
        let (books, names) = try await HealthEngine(store: store).coverage(under: active.definition)
        return JSONResource(["data": books.map { CoverageResource(coverage: $0, name: $0.csmID.flatMap { names[$0] }) }])
    }

    /// `POST /api/v1/segments/apply`: assigns every account its segment now (and rescores).
    @Sendable func apply(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<HealthRecomputeSummary> {
        _ = try QueryReader(request, allowed: [])
        _ = try await activeSegmentation()
        return JSONResource(try await scheduler.recompute())
    }
}

/// The active segmentation's segments with their account counts.
struct SegmentsResource: Encodable, Sendable {
    var definitionVersion: Int
    var name: String
    var segments: [Segment]
    /// Accounts no segment matched.
    var unmatched: Int

    struct Segment: Encodable, Sendable {
        var rule: SegmentRule
        var accounts: Int

        private enum Keys: String, CodingKey { case accounts }

        func encode(to encoder: any Encoder) throws {
            try rule.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(accounts, forKey: .accounts)
        }
    }
}

/// A CSM's coverage with their name and load status.
struct CoverageResource: Encodable, Sendable {
    var coverage: CSMCoverage
    var name: String?

    private enum Keys: String, CodingKey { case name, status }

    func encode(to encoder: any Encoder) throws {
        try coverage.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .name)
        try container.encode(coverage.status, forKey: .status)
    }
}
