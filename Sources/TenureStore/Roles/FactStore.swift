import Foundation
import TenureCore

/// Billing and activity facts written in batches, and their counts.
public protocol FactStore: Sendable {
    /// Validates and writes every fact of `batch` in one transaction (all or
    /// nothing). Facts whose key exists replace the stored ones. Afterwards
    /// the MRR of every account the batch touched is recomputed as of `asOf`.
    func write(_ batch: FactBatch, asOf: Date) async throws
    /// Recomputes every account's stored MRR as of `asOf` (after the metrics policy changes).
    func refreshAllMRR(asOf: Date) async throws
    /// Rows per fact table, for status output.
    func factCounts() async throws -> [String: Int]
}
