import Foundation

/// Reads RFC 4180 CSV incrementally from bytes: quoted fields with commas,
/// line breaks and doubled quotes, CRLF or LF line ends, a UTF-8 byte-order
/// mark. Feed it chunks; it hands back each complete record with the line it
/// started on, so memory stays constant whatever the file size.
public struct CSVParser: Sendable {
    /// One record and the 1-based line it starts on.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// A record that is not valid CSV or not UTF-8.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    private var quoteJustClosed = false
    private var line = 1
    private var recordLine = 1
    /// The first bytes, held until it is known whether they are a byte-order mark.
    private var head: [UInt8]? = []
    private var pendingCR = false

    public init() {}

    /// Parses `bytes`, appending finished records to `records`.
    public mutating func feed(_ bytes: some Sequence<UInt8>, into records: inout [Record]) throws(Failure) {
        for byte in bytes {
            if var pending = head {
                pending.append(byte)
                head = pending
                if pending.count == 3 { try releaseHead(into: &records) }
                continue
            }
            try consume(byte, into: &records)
        }
    }

    /// Drops a UTF-8 byte-order mark from the start, then parses the held bytes.
    private mutating func releaseHead(into records: inout [Record]) throws(Failure) {
        guard let pending = head else { return }
        head = nil
        guard pending != [0xEF, 0xBB, 0xBF] else { return }
        for byte in pending { try consume(byte, into: &records) }
    }

    /// Ends the input: the last record, if it has no line break, is returned too.
    public mutating func finish(into records: inout [Record]) throws(Failure) {
        try releaseHead(into: &records)
        if inQuotes { throw Failure(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty { try endRecord(into: &records) }
    }

    private mutating func consume(_ byte: UInt8, into records: inout [Record]) throws(Failure) {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, newline: UInt8 = 0x0A, carriage: UInt8 = 0x0D
        if pendingCR {
            pendingCR = false
            if byte == newline { return }
        }
        if inQuotes {
            if byte == quote {
                inQuotes = false
                quoteJustClosed = true
            } else {
                if byte == newline { line += 1 }
                field.append(byte)
            }
            return
        }
        switch byte {
        case quote:
            if quoteJustClosed {
                field.append(quote)
                inQuotes = true
                quoteJustClosed = false
            } else if field.isEmpty {
                inQuotes = true
            } else {
                throw Failure(line: line, reason: "a quote appears inside an unquoted field; quote the whole field and double inner quotes")
            }
        case comma:
            try endField()
        case newline, carriage:
            if byte == carriage { pendingCR = true }
            try endRecord(into: &records)
            line += 1
            recordLine = line
        default:
            if quoteJustClosed { throw Failure(line: line, reason: "text follows a closing quote") }
            field.append(byte)
        }
    }

    private mutating func endField() throws(Failure) {
        guard let text = String(validating: field, as: UTF8.self) else {
            throw Failure(line: recordLine, reason: "the text is not valid UTF-8")
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
        quoteJustClosed = false
    }

    private mutating func endRecord(into records: inout [Record]) throws(Failure) {
        try endField()
        if !(fields.count == 1 && fields[0].isEmpty) {
            records.append(Record(line: recordLine, fields: fields))
        }
        fields.removeAll(keepingCapacity: true)
    }
}
