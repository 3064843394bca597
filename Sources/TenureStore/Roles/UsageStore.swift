import Foundation
import TenureCore

/// Product-usage calls from the tracking API and imports.
public protocol UsageStore: Sendable {
    /// Takes in product-usage calls in one transaction: accounts for groups,
    /// contacts for users joining them, raw events (replays dropped), earlier
    /// events of newly linked users attributed, and the touched rollups rebuilt.
    func ingestUsage(_ batch: UsageBatch, at now: Date) async throws -> UsageIngestResult
}
