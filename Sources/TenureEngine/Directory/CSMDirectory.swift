import Foundation
import TenureCore
import TenureStore

/// Adds and edits the customer success managers who own accounts, receive tasks and digests, and take escalations.
public struct CSMDirectory: Sendable {
    public let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// Stores `csm` once it is valid and its manager is another CSM whose own chain of managers does not lead back
    /// to it: created, or replacing the CSM with its id when `replacing` (else a CSM with that id is refused).
    public func save(_ csm: CSM, replacing: Bool = true) async throws {
        try csm.validate()
        let managers = Dictionary(try await store.csms().map { ($0.id, $0.managerID) }) { first, _ in first }
        if !replacing, managers[csm.id] != nil {
            throw ValidationError(field: "id", "there is a CSM '\(csm.id)' already; edit that one instead")
        }
        if let managerID = csm.managerID {
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
