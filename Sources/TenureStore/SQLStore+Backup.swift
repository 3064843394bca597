import Foundation

extension SQLStore {
    /// Copies an SQLite database into the new file at `path` with `VACUUM INTO`: one consistent
    /// snapshot, taken on a reader connection while the server keeps reading and writing. The copy
    /// is created readable by its owner only; an existing file is refused, never overwritten.
    public func backup(to path: String) async throws {
        guard dialect == .sqlite else {
            throw StoreError(.configuration, "only an SQLite database is copied by Tenure; back up PostgreSQL with pg_dump")
        }
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError(.conflict, "\(path) exists already") }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(.invalidValue, "cannot create \(path)")
        }
        do {
            try await database.read("VACUUM INTO \(bind: path)")
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}
