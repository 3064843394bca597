import Foundation
import TenureCore

/// Versioned health and segmentation definitions, one active per kind.
public protocol DefinitionStore: Sendable {
    /// Every version of `kind`, oldest first.
    func definitions(_ kind: DefinitionKind) async throws -> [StoredDefinition]
    func definition(_ kind: DefinitionKind, version: Int) async throws -> StoredDefinition?
    func activeDefinition(_ kind: DefinitionKind) async throws -> StoredDefinition?
    /// Stores `definition` as the next version of its kind (its `version` is ignored), active if `activate`.
    func addDefinition(_ definition: StoredDefinition, activate: Bool) async throws -> StoredDefinition
    /// Makes `version` the active one of `kind`; `false` when there is no such version.
    func activateDefinition(_ kind: DefinitionKind, version: Int, at instant: Date) async throws -> Bool
}
