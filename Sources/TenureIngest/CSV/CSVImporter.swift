import Foundation
import TenureCore
import TenureStore

/// Imports a CSV file of one ``CSVKind``, streaming it in constant memory:
/// every bad row is reported with its line, column and reason and left out;
/// good rows are written in batches, each batch in one transaction (all of
/// it or none of it), and the report says which lines went in.
public struct CSVImporter: Sendable {
    let store: any Store
    public var kind: CSVKind
    /// Check every row and write nothing.
    public var dryRun: Bool
    public var batchSize: Int

    public init(store: any Store, kind: CSVKind, dryRun: Bool = false, batchSize: Int = 1_000) {
        self.store = store
        self.kind = kind
        self.dryRun = dryRun
        self.batchSize = batchSize
    }

    /// Most row problems a report lists, so a file of millions of bad rows still imports in constant memory.
    public static let keptProblems = 10_000

    /// A file that cannot be imported at all (its header is wrong, it cannot be read).
    public struct FileProblem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// What an import did.
    public struct Report: Sendable, Codable {
        public var kind: CSVKind
        public var dryRun: Bool
        /// Data rows read (the header not counted).
        public var rows = 0
        /// Rows written (or, in a dry run, that would be).
        public var imported = 0
        /// The rejected rows' problems (the first ``CSVImporter/keptProblems`` of them).
        public var rejected: [RowProblem] = []
        /// All rejected rows, including any beyond those listed.
        public var rejectedCount = 0
        public var batches: [Batch] = []

        mutating func reject(_ problem: RowProblem) {
            rejectedCount += 1
            if rejected.count < CSVImporter.keptProblems { rejected.append(problem) }
        }

        /// One transaction's worth of rows.
        public struct Batch: Sendable, Codable {
            public var firstLine: Int
            public var lastLine: Int
            public var rows: Int
            public var committed: Bool
            public var error: String?
        }
    }

    /// Imports `file`; `progress` gets (bytes read, file size).
    public func run(file: URL, progress: @Sendable (Int64, Int64) -> Void = { _, _ in }) async throws -> Report {
        guard let handle = try? FileHandle(forReadingFrom: file) else { throw FileProblem(description: "cannot open \(file.path)") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
        var parser = CSVParser()
        var report = Report(kind: kind, dryRun: dryRun)
        var columns: [String: Int]?
        var pending = PendingRows()
        var read: Int64 = 0
        let receivedAt = Date()
        while true {
            let chunk = try handle.read(upToCount: 1 << 18) ?? Data()
            var records: [CSVParser.Record] = []
            do {
                if chunk.isEmpty { try parser.finish(into: &records) } else { try parser.feed(chunk, into: &records) }
            } catch {
                // A broken record ends the file: nothing after it can be read reliably.
                report.reject(RowProblem(line: error.line, column: nil, reason: error.reason))
                break
            }
            for record in records {
                guard let header = columns else {
                    columns = try checkHeader(record.fields)
                    continue
                }
                report.rows += 1
                let row = CSVRow(line: record.line, columns: header, fields: record.fields)
                if record.fields.count != header.count {
                    report.reject(row.problem(nil, "has \(record.fields.count) fields where the header has \(header.count)"))
                    continue
                }
                do {
                    try kind.parse(row, into: &pending, receivedAt: receivedAt)
                } catch let problem as RowProblem {
                    report.reject(problem)
                }
                if pending.count >= batchSize { try await flush(&pending, into: &report) }
            }
            read += Int64(chunk.count)
            progress(min(read, size), size)
            if chunk.isEmpty { break }
        }
        if columns == nil { throw FileProblem(description: "the file is empty: expected a header row with \(kind.requiredColumns.joined(separator: ", "))") }
        try await flush(&pending, into: &report)
        report.rejected.sort { $0.line < $1.line }
        return report
    }

    /// Maps column names to positions, refusing missing, unknown and repeated columns.
    func checkHeader(_ fields: [String]) throws -> [String: Int] {
        let names = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var columns: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            guard columns[name] == nil else { throw FileProblem(description: "column '\(name)' appears twice in the header") }
            columns[name] = index
        }
        let missing = kind.requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw FileProblem(description: "the header lacks required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) for \(kind.rawValue)")
        }
        let known = Set(kind.requiredColumns + kind.optionalColumns)
        let prefix = kind.freeFormPrefix.map { $0 + "." }
        let unknown = names.filter { name in
            !known.contains(name) && !(prefix.map { name.hasPrefix($0) && name.count > $0.count } ?? false)
        }
        guard unknown.isEmpty else {
            throw FileProblem(description: "unknown column\(unknown.count > 1 ? "s" : "") \(unknown.joined(separator: ", ")); \(kind.rawValue) files take \((kind.requiredColumns + kind.optionalColumns).joined(separator: ", "))"
                + (kind.freeFormPrefix.map { " and \($0).<name>" } ?? ""))
        }
        return columns
    }

    /// Writes the pending rows as one transaction, after dropping rows that refer to unknown accounts.
    private func flush(_ pending: inout PendingRows, into report: inout Report) async throws {
        guard pending.count > 0 else { return }
        var rows = pending
        pending = PendingRows()
        let known = try await store.existingAccountIDs(Array(Set(rows.accountReferences.values)))
        let orphans = Set(rows.accountReferences.filter { !known.contains($0.value) }.map(\.key))
        if !orphans.isEmpty {
            for line in orphans.sorted() {
                report.reject(RowProblem(line: line, column: "account_id", reason: "no account '\(rows.accountReferences[line]!)' exists; import accounts first"))
            }
            rows = rows.removing(lines: orphans)
        }
        guard let first = rows.lines.min(), let last = rows.lines.max() else { return }
        var batch = Report.Batch(firstLine: first, lastLine: last, rows: rows.count, committed: false)
        if dryRun {
            report.imported += rows.count
            report.batches.append(batch)
            return
        }
        do {
            switch kind {
            case .accounts: try await store.upsertAccounts(rows.accounts, at: Date())
            case .events: _ = try await store.ingestUsage(rows.usage, at: Date())
            case .subscriptions, .tickets, .surveys: try await store.write(rows.facts, asOf: Date())
            }
            batch.committed = true
            report.imported += rows.count
        } catch let error as StoreError where error.code != .unavailable {
            batch.error = error.message
        } catch let error as ValidationError {
            batch.error = error.description
        }
        report.batches.append(batch)
    }
}

extension PendingRows {
    /// The rows without those parsed from `lines`.
    func removing(lines: Set<Int>) -> PendingRows {
        var kept = PendingRows()
        let keep = { (line: Int) in !lines.contains(line) }
        let positions = self.lines.enumerated().filter { keep($0.element) }.map(\.offset)
        kept.lines = positions.map { self.lines[$0] }
        kept.accountReferences = accountReferences.filter { keep($0.key) }
        // Each row adds exactly one fact of its kind, in line order.
        if !accounts.isEmpty { kept.accounts = positions.map { accounts[$0] } }
        if !facts.subscriptionChanges.isEmpty { kept.facts.subscriptionChanges = positions.map { facts.subscriptionChanges[$0] } }
        if !facts.tickets.isEmpty { kept.facts.tickets = positions.map { facts.tickets[$0] } }
        if !facts.surveyResponses.isEmpty { kept.facts.surveyResponses = positions.map { facts.surveyResponses[$0] } }
        kept.facts.prices = facts.prices
        kept.facts.products = facts.products
        if !usage.events.isEmpty {
            kept.usage = usage
            kept.usage.events = positions.map { usage.events[$0] }
        }
        return kept
    }
}
