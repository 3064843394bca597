import Foundation
import TenureCore
import TenureStore

extension HealthEngine {
    /// How many accounts each segment key holds now (`(none)` for accounts without one).
    public func accountsPerSegment() async throws -> [String: Int] {
        Dictionary(grouping: try await store.accountAttributes(), by: { $0.segment ?? Breakdown.noValue }).mapValues(\.count)
    }

    /// Each active CSM's coverage under `segmentation` (and the unowned accounts'), heaviest load first, with CSM names by id.
    public func coverage(under segmentation: SegmentationDefinition) async throws -> (books: [CSMCoverage], names: [String: String]) {
        let csms = try await store.csms()
        let books = segmentation.coverage(
            owners: try await store.accountAttributes().map { ($0.ownerID, $0.segment) }, csmIDs: csms.filter(\.active).map(\.id))
        return (books, Dictionary(csms.map { ($0.id, $0.name) }) { first, _ in first })
    }
}
