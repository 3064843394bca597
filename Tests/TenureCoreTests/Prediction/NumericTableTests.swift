import Foundation
import Testing
@testable import TenureCore

@Suite("Numeric tables")
struct NumericTableTests {
    let header = ["week", "arrest", "age"]

    func record(_ line: Int, _ fields: String...) -> NumericTable.Record { NumericTable.Record(line: line, fields: fields) }

    func table(_ header: [String], _ records: [NumericTable.Record], _ columns: [NumericTable.Column],
               missing: NumericTable.MissingCells = .drop) throws(PredictionError) -> NumericTable {
        try NumericTable(header: header, records: records, columns: columns, missing: missing)
    }

    /// The message of the `PredictionError` that `body` throws, or `nil`.
    func message(_ body: () throws -> NumericTable) -> String? {
        do { _ = try body() } catch { return (error as? PredictionError)?.message }
        return nil
    }

    @Test("cells become numbers by column; true and false read as 1 and 0")
    func columns() throws {
        let table = try table(header, [record(2, "20", "TRUE", "27"), record(3, "52", "false", " 18.5 ")],
                              [.number("week"), .binary("arrest"), .feature("age")])
        #expect(table.rowCount == 2 && table.droppedRows == 0)
        #expect(try table.column("week") == [20, 52])
        #expect(try table.booleanColumn("arrest") == [true, false])
        #expect(table.featureNames == ["age"])
        #expect(try table.matrix(["age", "week"]) == (try DenseMatrix(rowValues: [[27, 20], [18.5, 52]])))
    }

    @Test("cells: quotes and thousands separators are ignored, NA and friends are missing, text stays text")
    func cells() {
        #expect(TableCell("\"1,234.50\"") == .number(1234.5))
        #expect(TableCell(" '-12,345,678' ") == .number(-12_345_678))
        #expect(TableCell("42") == .number(42))
        #expect(TableCell("1,23") == .text("1,23"))
        #expect(TableCell("12,3456") == .text("12,3456"))
        #expect(["", "  ", "NA", "n/a", "NULL", "NaN", "\"\""].allSatisfy { TableCell($0) == .missing })
        #expect(TableCell(" \"Month-to-month\" ") == .text("Month-to-month"))
        #expect(TableCell("inf") == .text("inf"))
    }

    @Test("yes/no targets: 1/0, true/false, yes/no in any case, or two levels with the positive one named")
    func targets() throws {
        let rows = [record(2, "Yes", "1"), record(3, "no", "0"), record(4, "YES", "1")]
        #expect(try table(["churn", "x"], rows, [.binary("churn")]).column("churn") == [1, 0, 1])
        let named = [record(2, "churned", "1"), record(3, "active", "0"), record(4, "active", "0")]
        #expect(try table(["status", "x"], named, [.binary("status", positive: "churned")]).column("status") == [1, 0, 0])
        #expect(try table(["status", "x"], named, [.binary("status", positive: "active")]).column("status") == [0, 1, 1])
        #expect(message { try table(["status", "x"], named, [.binary("status")]) }
            == #"column "status" has 2 levels (active, churned); name the one that counts as yes (--positive LEVEL)"#)
        #expect(message { try table(["status", "x"], named, [.binary("status", positive: "lost")]) }
            == #"column "status" has 2 levels (active, churned), and the positive level "lost" is not one of them"#)
        let three = named + [record(5, "paused", "0")]
        #expect(message { try table(["status", "x"], three, [.binary("status", positive: "churned")]) }
            == #"column "status" has 3 levels (active, churned, paused); a yes/no column needs exactly two"#)
        #expect(message { try table(["churn", "x"], [record(2, "1", "0"), record(3, "yes", "0")], [.binary("churn")]) }
            == #"column "churn" has 2 levels (1, yes); name the one that counts as yes (--positive LEVEL)"#)
    }

    @Test("text features are one-hot encoded: levels sorted, the first dropped, each other a 0/1 column")
    func oneHot() throws {
        let rows = [record(2, "Two year", "10"), record(3, "Month-to-month", "20"), record(4, "One year", "30"),
                    record(5, "Month-to-month", "1,000")]
        let table = try table(["Contract", "charges"], rows, [.feature("Contract"), .feature("charges")])
        #expect(table.encodings == [NumericTable.Encoding(column: "Contract", dropped: "Month-to-month", kept: ["One year", "Two year"])])
        #expect(table.featureNames == ["Contract=One year", "Contract=Two year", "charges"])
        #expect(try table.column("Contract=One year") == [0, 0, 1, 0])
        #expect(try table.column("Contract=Two year") == [1, 0, 0, 0])
        #expect(try table.column("charges") == [10, 20, 30, 1000])
    }

    @Test("a text feature with more levels than allowed is refused, naming the column and --drop")
    func tooManyLevels() {
        let rows = (0..<4).map { record($0 + 2, "id-\($0)") }
        let refused = message { try NumericTable(header: ["customerID"], records: rows, columns: [.feature("customerID")], maximumLevels: 3) }
        #expect(refused == #"column "customerID" has 4 different text values, more than 3: one-hot encoding would make a column "#
            + "of each; if it is an identifier, leave it out (--drop customerID)")
    }

    @Test("rows with a blank, NA or null cell in a column read are dropped and counted; other columns' gaps do not matter")
    func dropsMissing() throws {
        let rows = [record(2, "1", "5", ""), record(3, "NA", "6", "x"), record(4, "0", "null", "y"), record(5, "1", "8", "z")]
        let table = try table(["churn", "seats", "note"], rows, [.binary("churn"), .feature("seats")])
        #expect(table.droppedRows == 2 && table.lines == [2, 5])
        #expect(try table.column("seats") == [5, 8])
    }

    @Test("--impute mean fills a numeric feature's gaps with the mean of the kept rows and adds a _missing indicator")
    func imputesMean() throws {
        let rows = [record(2, "1", "4", "a"), record(3, "0", "", "b"), record(4, "1", "8", "a"), record(5, "0", "N/A", "b"),
                    record(6, "1", "9", "")]
        let table = try table(["churn", "seats", "plan"], rows, [.binary("churn"), .feature("seats"), .feature("plan")], missing: .mean)
        // Line 6 has no plan (text is never imputed), so the mean is over lines 2 and 4: (4 + 8) / 2.
        #expect(table.droppedRows == 1)
        #expect(table.imputedMeans == ["seats": 6])
        #expect(table.featureNames == ["seats", "seats_missing", "plan=b"])
        #expect(try table.column("seats") == [4, 6, 8, 6])
        #expect(try table.column("seats_missing") == [0, 1, 0, 1])
    }

    @Test("errors name the line and the column of the bad cell")
    func errors() throws {
        #expect(message { try table(header, [record(7, "20", "1", "old")], [.number("age")]) }
            == #"line 7, column "age": "old" is not a finite number"#)
        let stray = [record(2, "29.85"), record(3, "\"1,889.50\""), record(4, "about 50"), record(5, "")]
        #expect(message { try table(["TotalCharges"], stray, [.feature("TotalCharges")]) }
            == #"line 4, column "TotalCharges": "about 50" is not a number, though 2 of the column's cells are; correct it or blank it out"#)
        #expect(message { try table(header, [record(5, "20", "1")], [.number("week")]) } == "line 5 has 2 cells but the header has 3")
        #expect(message { try table(header, [], [.number("prio")]) } == #"there is no column "prio"; the columns are week, arrest, age"#)
        #expect(message { try table(["a", "a"], [], []) } == #"the header names column "a" twice"#)
    }

    @Test("only the selected columns are read, so other columns may hold text")
    func selection() throws {
        let table = try table(["id", "x"], [record(2, "acct_1", "3")], [.number("x")])
        #expect(try table.column("x") == [3])
        #expect(throws: PredictionError.self) { try table.column("id") }
    }

    @Test("a held-out split is stable for a seed, disjoint, complete and the requested size")
    func holdout() throws {
        let split = try HoldoutSplit(rowCount: 10, fraction: 0.2, seed: 7)
        #expect(split == (try HoldoutSplit(rowCount: 10, fraction: 0.2, seed: 7)))
        #expect(split.heldOut.count == 2 && split.training.count == 8)
        #expect((split.heldOut + split.training).sorted() == Array(0..<10))
        #expect(split != (try HoldoutSplit(rowCount: 10, fraction: 0.2, seed: 8)))
        #expect(throws: PredictionError.self) { try HoldoutSplit(rowCount: 3, fraction: 0.1, seed: 1) }
        #expect(throws: PredictionError.self) { try HoldoutSplit(rowCount: 10, fraction: 1, seed: 1) }
    }
}
