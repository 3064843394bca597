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
                kind: try row.enumeration(), version: try row.int(), name: try row.string(), format: try row.enumeration(),
                source: try row.string(), note: try row.optionalString(), origin: try row.enumeration(),
                createdAt: try row.date(), active: try row.bool(), activatedAt: try row.optionalDate())
        })
}

/// Versioned definitions: appended with the next version number, activated one at a time.
extension SQLStore {
    public func definitions(_ kind: DefinitionKind) async throws -> [StoredDefinition] {
        try await select(Tables.definitions, "WHERE kind = $1 ORDER BY version", [SQLValue(kind)])
    }

    public func definition(_ kind: DefinitionKind, version: Int) async throws -> StoredDefinition? {
        try await select(Tables.definitions, "WHERE kind = $1 AND version = $2", [SQLValue(kind), SQLValue(version)]).first
    }

    public func activeDefinition(_ kind: DefinitionKind) async throws -> StoredDefinition? {
        try await select(Tables.definitions, "WHERE kind = $1 AND active = 1", [SQLValue(kind)]).first
    }

    public func addDefinition(_ definition: StoredDefinition, activate: Bool) async throws -> StoredDefinition {
        try await database.write { [dialect] connection in
            let rows = try await connection.run(
                "SELECT COALESCE(MAX(version), 0) FROM definitions WHERE kind = $1", [SQLValue(definition.kind)])
            var reader = RowReader(rows[0])
            var stored = definition
            stored.version = try reader.int() + 1
            stored.active = false
            stored.activatedAt = nil
            if activate {
                try await connection.run("UPDATE definitions SET active = 0 WHERE kind = $1", [SQLValue(definition.kind)])
                stored.active = true
                stored.activatedAt = definition.createdAt
            }
            try await connection.upsert([stored], into: Tables.definitions, dialect: dialect)
            return stored
        }
    }

    public func activateDefinition(_ kind: DefinitionKind, version: Int, at instant: Date) async throws -> Bool {
        try await database.write { connection in
            let found = try await connection.run(
                "SELECT 1 FROM definitions WHERE kind = $1 AND version = $2", [SQLValue(kind), SQLValue(version)])
            guard !found.isEmpty else { return false }
            try await connection.run("UPDATE definitions SET active = 0 WHERE kind = $1 AND version <> $2", [SQLValue(kind), SQLValue(version)])
            try await connection.run(
                "UPDATE definitions SET active = 1, activated_at = $3 WHERE kind = $1 AND version = $2 AND active = 0",
                [SQLValue(kind), SQLValue(version), SQLValue(instant)])
            return true
        }
    }
}
