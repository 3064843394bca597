import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureStore

@Suite("Usage rollups under concurrency")
struct UsageConcurrencyTests {
    static let day = Date(timeIntervalSince1970: 1_780_000_000)

    /// `count` track events of "Report Created" by `users` users of account a1, each with a unique message id.
    static func batch(_ tag: String, count: Int, users: Int = 3) -> UsageBatch {
        var batch = UsageBatch()
        batch.events = (0..<count).map { index in
            UsageEvent(messageID: "\(tag)-\(index)", type: .track, accountID: "a1", userID: "u\(index % users)", event: "Report Created",
                       timestamp: day.addingTimeInterval(Double(index)), receivedAt: day.addingTimeInterval(3_600))
        }
        return batch
    }

    static func rawEvents(_ store: any Store) async throws -> Int64 {
        let rows = try await (store as! SQLStore).database.read("SELECT COUNT(*) FROM usage_events WHERE account_id = 'a1'")
        return try #require(rows.first?.values.first.flatMap { if case .integer(let count) = $0 { count } else { nil } })
    }

    @Test("concurrent batches from two nodes for the same account, day and event lose no count", arguments: Backend.allCases)
    func concurrentBatches(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            // Two stores on one database stand for two `tenure serve` processes, each with its own connections.
            try await withStore(url) { first in try await withStore(url) { second in
            let nodes = [first, second]
            try await nodes[0].upsertAccounts([AccountDraft(id: "a1", name: "Acme")], at: Self.day)
            let clients = 8, batchesPerClient = 25, eventsPerBatch = 20
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<clients {
                    let node = nodes[client % nodes.count]
                    group.addTask {
                        for index in 0..<batchesPerClient {
                            _ = try await node.ingestUsage(Self.batch("c\(client)-b\(index)", count: eventsPerBatch), at: Self.day)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let expected = Int64(clients * batchesPerClient * eventsPerBatch)
            #expect(try await Self.rawEvents(nodes[1]) == expected)
            let counts = try await nodes[1].eventCounts(ofAccount: "a1", from: Self.day.adding(days: -1), to: Self.day.adding(days: 2))
            #expect(counts == ["Report Created": expected], "every stored event is counted once in the rollups")
            let users = try await (nodes[0] as! SQLStore).database.read("SELECT users FROM usage_rollups WHERE account_id = 'a1'")
            #expect(users.map(\.values) == [[.integer(3)]], "distinct users are recounted from every committed event")
            } }
        }
    }

    @Test("replays of the same messages racing each other are stored and counted once", arguments: Backend.allCases)
    func racingReplays(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            try await withStore(url) { first in try await withStore(url) { second in
            let nodes = [first, second]
            try await nodes[0].upsertAccounts([AccountDraft(id: "a1", name: "Acme")], at: Self.day)
            let replayed = Self.batch("same", count: 50)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<6 {
                    group.addTask { _ = try await nodes[client % 2].ingestUsage(replayed, at: Self.day) }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.rawEvents(nodes[0]) == 50)
            let counts = try await nodes[0].eventCounts(ofAccount: "a1", from: Self.day.adding(days: -1), to: Self.day.adding(days: 2))
            #expect(counts == ["Report Created": 50])
            } }
        }
    }
}
