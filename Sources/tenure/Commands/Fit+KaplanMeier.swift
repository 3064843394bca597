import ArgumentParser
import Foundation
import TenureCore

extension Tenure.Fit {
    /// `tenure fit km`: Kaplan–Meier survival curves.
    struct KaplanMeier: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "km",
            abstract: "Estimate Kaplan–Meier survival curves with confidence bands, overall or per group.",
            discussion: """
                Each row is one subject: how long it was followed (--duration) and whether the \
                event happened then (--event: 1/true) or the subject was still active \
                (0/false, censored). The table has a row at time 0 and at every distinct \
                duration: subjects at risk, events, censored, the survival estimate and its \
                band (Greenwood's variance on the log(−log) scale, as lifelines' \
                KaplanMeierFitter). The median is the first time the estimate is at most 0.5 \
                (null if it never gets there). Rows with a blank, NA, N/A or null duration, event \
                or group are left out and counted (dropped_rows).

                Example:
                  tenure fit km --csv tenure.csv --duration days --event churned --group plan
                """)

        @OptionGroup var input: FitInput

        @OptionGroup var survival: SurvivalColumns
        var duration: String { survival.duration }
        var event: String { survival.event }

        @Option(help: "A column whose values (text or numbers) split the subjects into groups, one curve each.")
        var group: String?

        @Option(help: "Confidence level of the bands, between 0 and 1.")
        var confidence = 0.95

        func validate() throws {
            guard confidence > 0 && confidence < 1 else { throw ValidationError("--confidence must be between 0 and 1") }
        }

        func run() throws {
            let data = try input.load()
            let table = try data.table([.number(duration), .binary(event, positive: survival.positive)]
                                           + (group.map { [.label($0)] } ?? []))
            let durations = try table.column(duration), events = try table.booleanColumn(event)
            guard let group else {
                var curve = Curve(try KaplanMeierEstimate(durations: durations, events: events, confidenceLevel: confidence))
                curve.droppedRows = table.droppedRows
                try FitOutput.print(curve)
                return
            }
            let curves = try KaplanMeierEstimate.byGroup(durations: durations, events: events, groups: try table.labelColumn(group),
                                                         confidenceLevel: confidence)
            try FitOutput.print(Grouped(groupColumn: group, droppedRows: table.droppedRows,
                                        groups: curves.map { Curve($0.estimate, group: $0.group) }))
        }

        /// One curve: its group (when grouped), median and table.
        struct Curve: Encodable {
            var group: String?
            /// Rows dropped for a missing cell (on the overall curve).
            var droppedRows: Int?
            var subjects: Int
            var medianSurvivalTime: Double?
            var table: [KaplanMeierEstimate.Row]

            init(_ estimate: KaplanMeierEstimate, group: String? = nil) {
                self.group = group
                subjects = estimate.rows.first?.atRisk ?? 0
                medianSurvivalTime = estimate.medianSurvivalTime
                table = estimate.rows
            }
        }

        struct Grouped: Encodable {
            var groupColumn: String
            var droppedRows: Int
            var groups: [Curve]
        }
    }
}
