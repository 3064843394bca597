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

    @Test("commits are copied back into the database file soon after, not only when the log reaches SQLite's threshold")
    func checkpointsAfterWrites() async throws {
        try await TestDatabases.withDatabaseURL(.sqlite) { url in
            let path = String(url.dropFirst("sqlite://".count))
            func fileSize() throws -> Int { (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0 }
            try await withStore(url) { store in
                try await Task.sleep(for: .seconds(1))
                let before = try fileSize()
                // 2 MiB in 100 transactions: about 600 pages of log, far below the writer's own threshold of 10,000.
                let value = String(repeating: "x", count: 20_000)
                for key in 0..<100 { try await store.setSetting("bulk.\(key)", to: value + "\(key)") }
                let deadline = ContinuousClock.now + .seconds(10)
                while try fileSize() < before + 2_000_000, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                #expect(try fileSize() >= before + 2_000_000)
                #expect(try await store.setting("bulk.99") == value + "99")
            }
        }
    }
}
