import Foundation
import Testing
import TenureTestSupport
import TenureStore

/// The SQLite file holds every customer's data: only its owner may read it.
@Suite("SQLite file")
struct SQLiteFileTests {
    @Test("the database file and its -wal and -shm files are created readable by their owner only (0600)")
    func ownerOnly() async throws {
        try await TestDatabases.withDatabaseURL(.sqlite) { url in
            let path = String(url.dropFirst("sqlite://".count))
            try await withStore(url) { store in
                try await store.setSetting("k", to: "v")
                for file in [path, path + "-wal", path + "-shm"] {
                    let attributes = try FileManager.default.attributesOfItem(atPath: file)
                    #expect((attributes[.posixPermissions] as? NSNumber)?.int16Value == 0o600, "\(file)")
                }
            }
        }
    }
}
