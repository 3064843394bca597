import Foundation
import TenureCore
import TenureStore

extension PlaybookEngine {
    /// Validates a playbook document and stores it as the next version of the playbook it names, active if `activate`.
    /// A `start_playbook` step must name a stored playbook (or this one).
    public func addPlaybook(source: String, format: DefinitionFormat, note: String? = nil, author: String? = nil,
                            activate: Bool = false) async throws -> StoredPlaybook {
        let playbook = try PlaybookDocument.parse(source, format: format)
        try Check.maxLength(note, "note", 1_000)
        for (index, step) in playbook.steps.enumerated() {
            guard case .startPlaybook(let other) = step.action, other != playbook.name else { continue }
            if try await store.playbookVersions(name: other).isEmpty {
                throw ValidationError(field: "steps[\(index)].start_playbook", "there is no playbook named '\(other)'; add it first")
            }
        }
        return try await store.addPlaybook(
            StoredPlaybook(name: playbook.name, format: format, source: source, note: note, author: author, createdAt: clock.now()),
            activate: activate)
    }
}
