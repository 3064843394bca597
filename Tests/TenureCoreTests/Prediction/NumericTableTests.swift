import Foundation
import Testing
@testable import TenureCore

@Suite("Numeric tables")
struct NumericTableTests {
    let header = ["week", "arrest", "age"]

    func record(_ line: Int, _ fields: String...) -> NumericTable.Record { NumericTable.Record(line: line, fields: fields) }

    @Test("cells become numbers by column; true and false read as 1 and 0")
    func columns() throws {
        let table = try NumericTable(header: header, records: [record(2, "20", "TRUE", "27"), record(3, "52", "false", " 18.5 ")])
        #expect(table.rowCount == 2)
        #expect(try table.column("week") == [20, 52])
        #expect(try table.booleanColumn("arrest") == [true, false])
        #expect(try table.matrix(["age", "week"]) == (try DenseMatrix(rowValues: [[27, 20], [18.5, 52]])))
    }

    @Test("errors name the line and the column of the bad cell")
    func errors() throws {
        let notNumber = #expect(throws: PredictionError.self) { try NumericTable(header: header, records: [record(7, "20", "1", "old")]) }
        #expect(notNumber?.message == #"line 7, column "age": "old" is not a finite number"#)
        let empty = #expect(throws: PredictionError.self) { try NumericTable(header: header, records: [record(4, "20", "", "3")]) }
        #expect(empty?.message.hasPrefix(#"line 4, column "arrest": the cell is empty"#) == true)
        let short = #expect(throws: PredictionError.self) { try NumericTable(header: header, records: [record(5, "20", "1")]) }
        #expect(short?.message == "line 5 has 2 cells but the header has 3")
        let missing = #expect(throws: PredictionError.self) { try NumericTable(header: header, records: [], selecting: ["prio"]) }
        #expect(missing?.message == #"there is no column "prio"; the columns are week, arrest, age"#)
        let table = try NumericTable(header: header, records: [record(2, "20", "2", "27")])
        let notBoolean = #expect(throws: PredictionError.self) { try table.booleanColumn("arrest") }
        #expect(notBoolean?.message == #"line 2, column "arrest": 2.0 is not 0, 1, true or false"#)
    }

    @Test("only the selected columns are read, so other columns may hold text")
    func selection() throws {
        let table = try NumericTable(header: ["id", "x"], records: [record(2, "acct_1", "3")], selecting: ["x"])
        #expect(try table.column("x") == [3])
        #expect(throws: PredictionError.self) { try table.column("id") }
    }
}
