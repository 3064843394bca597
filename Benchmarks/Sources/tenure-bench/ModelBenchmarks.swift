import Foundation
import TenureCore

// tenure-bench logistic|cox: the Swift half of Benchmarks/models_vs_python.py.
//
//   tenure-bench logistic [--rows 200000] [--columns 30] [--c 1] [--seed 1] [--runs 3] --out DIR
//   tenure-bench cox      [--rows 50000] [--seed 1] [--runs 3] --out DIR
//
// Synthesises data from the seed, writes it to DIR/logistic.csv or DIR/cox.csv for the peer,
// fits the model `runs` times on the rows in memory (only the fit is timed), and prints JSON:
// the median time and the fitted coefficients.

/// The `--name value` flags after the mode, with defaults; unknown flags end the program.
struct ModelOptions {
    private var values: [String: String]

    init(_ arguments: ArraySlice<String>, defaults: [String: String]) {
        values = defaults
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let name = String(flag.drop { $0 == "-" })
            guard flag.hasPrefix("--"), defaults[name] != nil, let value = iterator.next() else {
                FileHandle.standardError.write(Data("unknown flag or missing value: \(flag); flags: \(defaults.keys.sorted().map { "--\($0)" })\n".utf8))
                exit(2)
            }
            values[name] = value
        }
    }

    func int(_ name: String) -> Int { values[name].flatMap(Int.init) ?? 0 }
    func double(_ name: String) -> Double { values[name].flatMap(Double.init) ?? 0 }
    func string(_ name: String) -> String { values[name] ?? "" }
}

enum ModelBenchmark {
    /// Runs `tenure-bench logistic` or `tenure-bench cox` with the flags that follow.
    static func run(_ mode: String, _ arguments: ArraySlice<String>) throws {
        switch mode {
        case "logistic": try logistic(ModelOptions(arguments, defaults: ["rows": "200000", "columns": "30", "c": "1", "seed": "1", "runs": "3", "out": "bench-data"]))
        default: try cox(ModelOptions(arguments, defaults: ["rows": "50000", "seed": "1", "runs": "3", "out": "bench-data"]))
        }
    }

    /// Features with different means, scales and a shared factor; the label follows a logistic
    /// model in half of them.
    static func logistic(_ options: ModelOptions) throws {
        let (rows, columns) = (options.int("rows"), options.int("columns"))
        var generator = SeededGenerator(seed: UInt64(options.int("seed")))
        var values = [Double](repeating: 0, count: rows * columns), labels = [Double](repeating: 0, count: rows)
        for row in 0..<rows {
            let shared = generator.normal()
            var logOdds = -1.0
            for column in 0..<columns {
                let z = 0.5 * shared + 0.85 * generator.normal()
                values[row * columns + column] = Double(column) + Double(1 + column % 7) * z
                if column < columns / 2 { logOdds += 0.4 * sin(Double(column + 1)) * z }
            }
            labels[row] = generator.chance(1 / (1 + exp(-logOdds))) ? 1 : 0
        }
        let features = try DenseMatrix(rows: rows, columns: columns, values: values)
        let names = (0..<columns).map { "x\($0)" }
        try write("logistic.csv", options, header: names + ["y"], rows: rows) { row in features.row(row).map { "\($0)" } + ["\(Int(labels[row]))"] }
        let fitter = LogisticRegression(inverseRegularization: options.double("c"))
        let (model, timings) = try timed(options.int("runs")) { try fitter.fit(features: features, labels: labels) }
        try report(["rows": rows, "columns": columns, "c": options.double("c"), "iterations": model.iterations, "converged": model.converged,
                    "standardized_coefficients": model.standardizedCoefficients, "coefficients": model.coefficients,
                    "intercept": model.intercept, "log_likelihood": model.logLikelihood], timings: timings)
    }

    /// Four binary and four continuous covariates; exponential event times (mean 500 days at the
    /// covariates' means), uniform censoring between 30 and 730 days, both rounded up to whole
    /// days so many subjects share a time.
    static func cox(_ options: ModelOptions) throws {
        let rows = options.int("rows"), columns = 8
        let effects = [0.5, -0.4, 0.3, 0, 0.02, -0.3, 0.004, 0.05], means = [0.3, 0.5, 0.6, 0.4, 40, 0, 100, 5]
        var generator = SeededGenerator(seed: UInt64(options.int("seed")))
        var values = [Double](repeating: 0, count: rows * columns)
        var durations = [Double](repeating: 0, count: rows), events = [Bool](repeating: false, count: rows)
        for row in 0..<rows {
            let x = [generator.chance(0.3) ? 1.0 : 0, generator.chance(0.5) ? 1 : 0, generator.chance(0.6) ? 1 : 0, generator.chance(0.4) ? 1 : 0,
                     generator.normal(mean: 40, deviation: 10), generator.normal(), generator.normal(mean: 100, deviation: 30),
                     -5 * log(max(generator.unit(), 1e-300))]
            let hazard = exp(zip(zip(x, means), effects).reduce(0) { $0 + ($1.0.0 - $1.0.1) * $1.1 }) / 500
            let eventTime = -log(max(generator.unit(), 1e-300)) / hazard, censoring = 30 + 700 * generator.unit()
            durations[row] = min(eventTime, censoring).rounded(.up)
            events[row] = eventTime <= censoring
            for column in 0..<columns { values[row * columns + column] = x[column] }
        }
        let covariates = try DenseMatrix(rows: rows, columns: columns, values: values)
        try write("cox.csv", options, header: ["duration", "event"] + (0..<columns).map { "c\($0)" }, rows: rows) { row in
            ["\(durations[row])", events[row] ? "1" : "0"] + covariates.row(row).map { "\($0)" }
        }
        let (model, timings) = try timed(options.int("runs")) {
            try CoxProportionalHazards().fit(covariates: covariates, durations: durations, events: events)
        }
        try report(["rows": rows, "columns": columns, "iterations": model.iterations, "converged": model.converged,
                    "coefficients": model.coefficients, "standard_errors": model.standardErrors,
                    "log_likelihood": model.logLikelihood, "concordance": model.concordance], timings: timings)
    }

    static func write(_ name: String, _ options: ModelOptions, header: [String], rows: Int, _ row: (Int) -> [String]) throws {
        try FileManager.default.createDirectory(atPath: options.string("out"), withIntermediateDirectories: true)
        var text = header.joined(separator: ",") + "\n"
        for index in 0..<rows { text += row(index).joined(separator: ",") + "\n" }
        try text.write(toFile: "\(options.string("out"))/\(name)", atomically: true, encoding: .utf8)
    }

    /// The result of the last of `runs` calls of `fit`, and each call's duration in seconds.
    static func timed<Model>(_ runs: Int, _ fit: () throws -> Model) throws -> (Model, [Double]) {
        let clock = ContinuousClock()
        var timings: [Double] = []
        func once() throws -> Model {
            let start = clock.now
            let model = try fit()
            let elapsed = clock.now - start
            timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            return model
        }
        var model = try once()
        for _ in 1..<max(1, runs) { model = try once() }
        return (model, timings)
    }

    static func report(_ fields: [String: Any], timings: [Double]) throws {
        let output = fields.merging(["seconds": timings.sorted()[timings.count / 2], "all_seconds": timings]) { $1 }
        print(String(decoding: try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys]), as: UTF8.self))
    }
}
