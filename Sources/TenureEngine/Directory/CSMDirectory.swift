import Foundation
import TenureCore
import TenureStore

/// Adds and edits the customer success managers who own accounts, receive tasks and digests, and take escalations.
public struct CSMDirectory: Sendable {
    public let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// Stores `csm` (created, or replacing the CSM with its id) once it is valid and its manager is another CSM
    /// whose own chain of managers does not lead back to it.
    public func save(_ csm: CSM) async throws {
        try csm.validate()
        if let managerID = csm.managerID {
            let managers = Dictionary(try await store.csms().map { ($0.id, $0.managerID) }) { first, _ in first }
            guard managers[managerID] != nil else { throw ValidationError(field: "manager_id", "there is no CSM '\(managerID)'") }
            var seen: Set<String> = [csm.id]
            var next: String? = managerID
            while let current = next {
                guard seen.insert(current).inserted else {
                    throw ValidationError(field: "manager_id", "'\(managerID)' reports to \(csm.id) already: managers may not form a loop")
                }
                next = managers[current] ?? nil
            }
        }
        try await store.saveCSM(csm)
    }
}
