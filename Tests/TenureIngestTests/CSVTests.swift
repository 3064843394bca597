import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureIngest
@testable import TenureStore

@Suite("CSV parsing")
struct CSVParserTests {
    /// Parses `text` fed in chunks of `chunk` bytes.
    static func parse(_ text: String, chunk: Int = 3) throws -> [CSVParser.Record] {
        var parser = CSVParser()
        var records: [CSVParser.Record] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try parser.feed(bytes[start..<min(start + chunk, bytes.count)], into: &records)
        }
        try parser.finish(into: &records)
        return records
    }

    @Test("quotes, doubled quotes, commas and line breaks inside fields, CRLF, BOM, any chunking", arguments: [1, 2, 5, 64])
    func quoting(chunk: Int) throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"multi\nline\",\r\n\n3,é,z"
        let records = try Self.parse(text, chunk: chunk)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "multi\nline", ""], ["3", "é", "z"]])
        #expect(records.map(\.line) == [1, 2, 3, 6])
    }

    @Test("broken quoting and bad UTF-8 are reported with their line")
    func failures() {
        #expect(throws: CSVParser.Failure(line: 2, reason: "a quoted field is never closed")) { try Self.parse("a,b\n1,\"open\n") }
        #expect(throws: CSVParser.Failure.self) { try Self.parse("a,b\n1,x\"y\n") }
        #expect(throws: CSVParser.Failure(line: 2, reason: "the text is not valid UTF-8")) {
            var parser = CSVParser()
            var records: [CSVParser.Record] = []
            try parser.feed(Array("a,b\n1,".utf8) + [0xFF, 0xFE] + Array("\n".utf8), into: &records)
        }
    }
}

@Suite("CSV import")
struct CSVImportTests {
    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("bad rows are reported with line, column and reason; every good row goes in", arguments: Backend.allCases)
    func accounts(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let url = try Self.file("""
                id,name,industry,employee_count,lifecycle_stage,tags,trait.plan,trait.seats
                a1,Acme,Software,40,adoption,vip;pilot,growth,12
                a2,Beacon,Retail,-5,adoption,,basic,
                a3,,Retail,10,adoption,,,
                a4,Delta,Energy,8,golden,,,
                a5,"Echo, Ltd",Media,12,renewal,,pro,3
                a6,Foxtrot,Media
                """)
            let report = try await CSVImporter(store: store, kind: .accounts, batchSize: 2).run(file: url)
            #expect(report.rows == 6)
            #expect(report.imported == 2)
            #expect(report.rejected.map(\.line) == [3, 4, 5, 7])
            #expect(report.rejected.map(\.column) == ["employee_count", "name", "lifecycle_stage", nil])
            #expect(report.rejected[3].reason == "has 3 fields where the header has 8")
            let stored = try await store.accounts(AccountQuery()).items.map(\.account)
            #expect(stored.map(\.id) == ["a1", "a5"])
            #expect(stored[0].tags == ["vip", "pilot"])
            #expect(stored[0].traits == ["plan": .string("growth"), "seats": .number(12)])
            #expect(stored[1].name == "Echo, Ltd")
        }
    }

    @Test("a dry run checks everything and writes nothing; a bad header stops before any row")
    func dryRunAndHeaders() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let good = try Self.file("name,id\nAcme,a1\nBeacon,a2\n")
            let report = try await CSVImporter(store: store, kind: .accounts, dryRun: true).run(file: good)
            #expect(report.imported == 2 && report.dryRun)
            #expect(try await store.accounts(AccountQuery()).total == 0)
            await #expect(throws: CSVImporter.FileProblem.self) {
                try await CSVImporter(store: store, kind: .accounts).run(file: try Self.file("name,nmae\nAcme,x\n"))
            }
            await #expect(throws: CSVImporter.FileProblem.self) {
                try await CSVImporter(store: store, kind: .tickets).run(file: try Self.file("id,subject\n1,x\n"))
            }
            await #expect(throws: CSVImporter.FileProblem.self) {
                try await CSVImporter(store: store, kind: .accounts).run(file: try Self.file(""))
            }
        }
    }

    @Test("subscription history rows become changes, the latest the current state; MRR follows", arguments: Backend.allCases)
    func subscriptions(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.upsertAccounts([AccountDraft(id: "a1", name: "Acme")], at: TestClock.now)
            // Rows out of time order, split over batches: the current state is still the latest change.
            let url = try Self.file("""
                id,account_id,status,price_id,quantity,effective_at,price_amount,price_interval
                s1,a1,active,p_m,7,2026-02-01,2500,month
                s1,a1,active,p_m,5,2026-01-01,2500,month
                s2,a404,active,p_m,1,2026-01-01,2500,month
                """)
            let report = try await CSVImporter(store: store, kind: .subscriptions, batchSize: 1).run(file: url)
            #expect(report.imported == 2)
            #expect(report.rejected.map(\.reason) == ["no account 'a404' exists; import accounts first"])
            #expect(try await store.subscriptions(ofAccount: "a1").first?.items.first?.quantity == 7)
            #expect(try await store.account(id: "a1")?.mrr == 17_500)
            #expect(try await store.subscriptionChanges().count == 2)
        }
    }

    @Test("events, tickets and surveys import; events are rolled up per account and day")
    func activity() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            try await store.upsertAccounts([AccountDraft(id: "a1", name: "Acme", segmentGroupID: "g1")], at: TestClock.now)
            let events = try Self.file("""
                event,timestamp,user_id,account_id,group_id,property.path
                login,2026-03-01T09:00:00Z,u1,a1,,/home
                login,2026-03-01T10:00:00Z,u2,,g1,/home
                login,2026-03-02T10:00:00Z,u1,a1,,
                login,not-a-date,u1,a1,,
                """)
            let report = try await CSVImporter(store: store, kind: .events).run(file: events)
            #expect(report.imported == 3 && report.rejected.map(\.column) == ["timestamp"])
            let sql = store as! SQLStore
            let rollups = try await sql.select(Tables.usageRollups, "ORDER BY day")
            #expect(rollups.map(\.count) == [2, 1])
            #expect(rollups.first?.users == 2)
            // Importing the same file again changes nothing: rows get stable message ids.
            _ = try await CSVImporter(store: store, kind: .events).run(file: events)
            #expect(try await sql.select(Tables.usageRollups, "ORDER BY day").map(\.count) == [2, 1])
            let tickets = try Self.file("id,account_id,subject,opened_at,priority\nt1,a1,Broken export,2026-03-01,urgent\nt2,a1,Other,2026-03-02,critical\n")
            #expect(try await CSVImporter(store: store, kind: .tickets).run(file: tickets).imported == 1)
            let surveys = try Self.file("id,account_id,kind,score,responded_at\ns1,a1,nps,9,2026-03-01\ns2,a1,nps,11,2026-03-01\ns3,a1,csat,4,2026-03-01\n")
            let surveyReport = try await CSVImporter(store: store, kind: .surveys).run(file: surveys)
            #expect(surveyReport.imported == 2)
            #expect(surveyReport.rejected.first?.reason == "must be between 0 and 10")
        }
    }
}
