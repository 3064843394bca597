import Foundation
import TenureCore

extension Tables {
    static let definitions = Table<StoredDefinition>(
        name: "definitions",
        columns: ["kind", "version", "name", "format", "source", "note", "origin", "created_at", "active", "activated_at"],
        key: ["kind", "version"],
        encode: { definition in
            [SQLValue(definition.kind), SQLValue(definition.version), SQLValue(definition.name), SQLValue(definition.format),
             SQLValue(definition.source), SQLValue(definition.note), SQLValue(definition.origin), SQLValue(definition.createdAt),
             SQLValue(definition.active), SQLValue(definition.activatedAt)]
        },
        decode: { row in
            StoredDefinition(
                kind: try row["kind"], version: try row["version"], name: try row["name"], format: try row["format"],
                source: try row["source"], note: try row["note"], origin: try row["origin"],
                createdAt: try row["created_at"], active: try row["active"], activatedAt: try row["activated_at"])
        })
}

/// Versioned definitions: appended with the next version number, activated one at a time.
extension SQLStore {
    public func definitions(_ kind: DefinitionKind) async throws -> [StoredDefinition] {
        try await select(Tables.definitions, "WHERE kind = \(bind: kind) ORDER BY version")
    }

    public func definition(_ kind: DefinitionKind, version: Int) async throws -> StoredDefinition? {
        try await select(Tables.definitions, "WHERE kind = \(bind: kind) AND version = \(bind: version)").first
    }

    public func activeDefinition(_ kind: DefinitionKind) async throws -> StoredDefinition? {
        try await select(Tables.definitions, "WHERE kind = \(bind: kind) AND active = 1").first
    }

    public func addDefinition(_ definition: StoredDefinition, activate: Bool) async throws -> StoredDefinition {
        try await database.write { [dialect] connection in
            var stored = definition
            stored.version = try await connection.nextVersion(in: "definitions", where: "kind", is: definition.kind.rawValue)
            stored.active = false
            stored.activatedAt = nil
            if activate {
                try await connection.run("UPDATE definitions SET active = 0 WHERE kind = \(bind: definition.kind)")
                stored.active = true
                stored.activatedAt = definition.createdAt
            }
            try await connection.upsert([stored], into: Tables.definitions, dialect: dialect)
            return stored
        }
    }

    public func activateDefinition(_ kind: DefinitionKind, version: Int, at instant: Date) async throws -> Bool {
        try await database.write { connection in
            let found = try await connection.run("SELECT 1 FROM definitions WHERE kind = \(bind: kind) AND version = \(bind: version)")
            guard !found.isEmpty else { return false }
            try await connection.run("UPDATE definitions SET active = 0 WHERE kind = \(bind: kind) AND version <> \(bind: version)")
            try await connection.run(
                """
                UPDATE definitions SET active = 1, activated_at = \(bind: instant)
                WHERE kind = \(bind: kind) AND version = \(bind: version) AND active = 0
                """)
            return true
        }
    }
}
