import Foundation
import Testing
import TenureCore
import TenureTestSupport

/// `tenure fit` and the prediction models in TenureCore against the libraries data scientists
/// use — lifelines, scikit-learn and SciPy, run by Tests/e2e/models_reference.py on the same data.
@Suite("Models against lifelines and scikit-learn")
struct ModelCrossCheckTests {
    /// The reference script's JSON for `mode`.
    func reference(_ mode: String, _ arguments: [String] = []) async throws -> [String: Any] {
        try object(try await Python.run("models_reference.py", [mode] + arguments))
    }

    /// `tenure fit` with `arguments`, which must succeed, as JSON.
    func fit(_ arguments: [String]) async throws -> [String: Any] {
        let result = try await CommandRunner.run(["fit"] + arguments)
        #expect(result.status == 0, "tenure fit \(arguments.joined(separator: " ")): \(result.stderr)")
        return try object(result.stdout)
    }

    func object(_ json: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw TestSetupError("expected a JSON object, got \(json.prefix(300))")
        }
        return object
    }

    /// The largest absolute difference between two objects of named numbers, over the names of `expected`.
    func largestDifference(_ actual: Any?, _ expected: Any?) -> Double {
        guard let actual = actual as? [String: Double], let expected = expected as? [String: Double], !expected.isEmpty else { return .infinity }
        return expected.map { name, value in abs((actual[name] ?? .infinity) - value) }.max() ?? .infinity
    }

    func number(_ value: Any?) -> Double { (value as? Double) ?? .nan }

    @Test("Cox on the Rossi data matches lifelines' CoxPHFitter, plain and penalised", arguments: ["plain", "penalized"])
    func cox(variant: String) async throws {
        let reference = try await reference("cox")
        let expected = try #require(reference[variant] as? [String: Any])
        let csv = try #require(reference["csv"] as? String)
        let penalizer = String(number(expected["penalizer"]))
        let actual = try await fit(["cox", "--csv", csv, "--duration", "week", "--event", "arrest", "--penalizer", penalizer, "--baseline"])
        // lifelines stops Newton at a step norm of 1e-7, or when the log-likelihood changes by less than
        // 1e-9 of itself — which, penalised, leaves its coefficients ~1e-5 short of the maximum; this
        // fit goes on to a step of 1e-10 and so reaches a (slightly) higher penalised likelihood.
        let tolerance = variant == "plain" ? 1e-6 : 1e-4
        #expect(largestDifference(actual["coefficients"], expected["coefficients"]) < tolerance)
        #expect(largestDifference(actual["standard_errors"], expected["standard_errors"]) < tolerance)
        #expect(largestDifference(actual["p_values"], expected["p_values"]) < tolerance)
        #expect(abs(number(actual["log_likelihood"]) - number(expected["log_likelihood"])) < 1e-6)
        #expect(number(actual["log_likelihood"]) >= number(expected["log_likelihood"]) - 1e-9)
        #expect(abs(number(actual["concordance"]) - number(expected["concordance"])) < 1e-9)
        let baseline = try #require(actual["baseline_cumulative_hazard"] as? [[String: Double]])
        let lifelines = try #require(expected["baseline_cumulative_hazard"] as? [[Double]])
        #expect(baseline.map { $0["time"] } == lifelines.map { $0[0] })
        let worst = zip(baseline, lifelines).map { abs(($0["cumulative_hazard"] ?? .infinity) - $1[1]) }.max() ?? .infinity
        #expect(worst < tolerance)
    }

    @Test("Kaplan–Meier on the Rossi data matches lifelines' table, bands and median, overall and by race")
    func kaplanMeier() async throws {
        let reference = try await reference("km")
        let csv = try #require(reference["csv"] as? String)
        let overall = try await fit(["km", "--csv", csv, "--duration", "week", "--event", "arrest"])
        try compare(overall, try #require(reference["overall"] as? [String: Any]))
        let grouped = try await fit(["km", "--csv", csv, "--duration", "week", "--event", "arrest", "--group", "race"])
        let groups = try #require(grouped["groups"] as? [[String: Any]])
        let expected = try #require(reference["by_race"] as? [String: [String: Any]])
        #expect(groups.compactMap { $0["group"] as? String } == expected.keys.sorted())
        for group in groups {
            try compare(group, try #require(expected[group["group"] as? String ?? ""]))
        }
    }

    /// One curve printed by `tenure fit km` against lifelines' rows [time, at risk, events, censored, S, lower, upper].
    func compare(_ curve: [String: Any], _ expected: [String: Any]) throws {
        let rows = try #require(curve["table"] as? [[String: Any]])
        let lifelines = try #require(expected["table"] as? [[Double]])
        #expect(rows.count == lifelines.count)
        for (row, reference) in zip(rows, lifelines) {
            #expect(number(row["time"]) == reference[0])
            #expect([row["at_risk"], row["events"], row["censored"]].map { ($0 as? Int).map(Double.init) } == Array(reference[1...3]))
            for (key, index) in [("survival", 4), ("lower", 5), ("upper", 6)] {
                #expect(abs(number(row[key]) - reference[index]) < 1e-12, "\(key) at \(reference[0])")
            }
        }
        #expect((curve["median_survival_time"] as? Double) == (expected["median"] as? Double))
    }

    @Test("logistic regression on sklearn's breast cancer data matches StandardScaler + LogisticRegression", arguments: ["1.0", "0.05"])
    func logistic(c: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = try await reference("logistic", [directory.path])
        let csv = try #require(reference["csv"] as? String), target = try #require(reference["target"] as? String)
        let expected = try #require((reference["fits"] as? [String: Any])?[c] as? [String: Any])
        let actual = try await fit(["logistic", "--csv", csv, "--target", target, "--c", c])
        #expect(actual["converged"] as? Bool == true)
        #expect(largestDifference(actual["standardized_coefficients"], expected["standardized_coefficients"]) < 1e-4)
        #expect(largestDifference(actual["coefficients"], expected["coefficients"]) < 1e-3)
        #expect(abs(number(actual["standardized_intercept"]) - number(expected["standardized_intercept"])) < 1e-4)
        #expect(abs(number(actual["log_likelihood"]) - number(expected["log_likelihood"])) < 1e-5)
        // The fits agree to ~1e-6, so every in-sample probability, and with them the measures, agree too.
        #expect(abs(number(actual["auc"]) - number(expected["auc"])) < 1e-12)
        #expect(abs(number(actual["average_precision"]) - number(expected["average_precision"])) < 1e-9)
        #expect(abs(number(actual["brier_score"]) - number(expected["brier_score"])) < 1e-8)
    }

    /// A messy churn file shaped like the public Telco churn data: an id column, text categories,
    /// numbers some quoted and with thousands separators, blank and NA cells, a Yes/No target.
    func telcoLikeCSV(rows: Int = 1500) -> String {
        var generator = SeededGenerator(seed: 20_241_130)
        let contracts = ["Month-to-month", "One year", "Two year"]
        let payments = ["Bank transfer (automatic)", "Credit card (automatic)", "Electronic check", "Mailed check"]
        var lines = ["customerID,gender,SeniorCitizen,tenure,Contract,PaymentMethod,MonthlyCharges,TotalCharges,Churn"]
        for index in 0..<rows {
            let contract = generator.int(in: 0...2), payment = generator.int(in: 0...3), senior = generator.chance(0.16)
            let tenure = generator.int(in: 0...72), monthly = (18 + generator.unit() * 100 * 20).rounded() / 20
            let total = (Double(tenure) * monthly * (0.9 + 0.2 * generator.unit()) * 100).rounded() / 100
            let logOdds = 0.8 - 0.05 * Double(tenure) + 0.015 * monthly - [0, 1.1, 2.0][contract]
                + (payment == 2 ? 0.6 : 0) + (senior ? 0.4 : 0)
            let churned = generator.chance(1 / (1 + exp(-logOdds)))
            let totalCell = index % 97 == 5 ? " " : total >= 1000 && index % 3 == 0
                ? "\"\(total.formatted(.number.grouping(.automatic).precision(.fractionLength(2)).locale(Locale(identifier: "en_US"))))\""
                : String(total)
            let tenureCell = index % 4 == 0 ? "\"\(tenure)\"" : String(tenure)
            let monthlyCell = index % 211 == 7 ? "NA" : index % 5 == 0 ? "\" \(monthly) \"" : String(monthly)
            lines.append([String(format: "%04d-CUST", index), generator.chance(0.5) ? "Female" : "Male", senior ? "1" : "0",
                          tenureCell, contracts[contract], "\"\(payments[payment])\"", monthlyCell, totalCell,
                          churned ? "Yes" : "No"].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("logistic regression on a messy Telco-like churn CSV matches scikit-learn with the same encoding",
          arguments: ["drop", "mean"])
    func messyChurn(missing: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("telco.csv").path
        let csv = telcoLikeCSV()
        #expect(csv.contains(#","1,"#) && csv.contains(#"" "#) && csv.contains(",NA,"), "thousands separators, quotes and NA cells")
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let expected = try #require(try await reference("churn", [path])[missing] as? [String: Any])
        let actual = try await fit(["logistic", "--csv", path, "--target", "Churn", "--drop", "customerID", "--impute", missing])
        #expect(actual["converged"] as? Bool == true)
        #expect(actual["rows"] as? Int == expected["rows"] as? Int)
        let input = try #require(actual["input"] as? [String: Any])
        #expect(input["dropped_rows"] as? Int == expected["dropped_rows"] as? Int)
        #expect((input["dropped_rows"] as? Int ?? 0) > 0 || missing == "mean")
        #expect((input["encodings"] as? NSArray) == (expected["encodings"] as? NSArray))
        #expect(largestDifference(input["imputed_means"], expected["imputed_means"]) < 1e-9 || missing == "drop")
        let expectedNames = try #require(expected["coefficients"] as? [String: Double]).keys.sorted()
        #expect((actual["coefficients"] as? [String: Double])?.keys.sorted() == expectedNames)
        #expect(largestDifference(actual["standardized_coefficients"], expected["standardized_coefficients"]) < 1e-4)
        #expect(largestDifference(actual["coefficients"], expected["coefficients"]) < 1e-4)
        #expect(abs(number(actual["standardized_intercept"]) - number(expected["standardized_intercept"])) < 1e-4)
        #expect(abs(number(actual["intercept"]) - number(expected["intercept"])) < 1e-4)
    }

    @Test("Cox on the messy Telco-like churn CSV, tenure as the duration, matches lifelines with the same encoding")
    func messyChurnCox() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("telco.csv").path
        try telcoLikeCSV().write(toFile: path, atomically: true, encoding: .utf8)
        let expected = try #require(try await reference("churn", [path])["cox"] as? [String: Any])
        let actual = try await fit(["cox", "--csv", path, "--duration", "tenure", "--event", "Churn", "--drop", "customerID"])
        #expect(actual["rows"] as? Int == expected["rows"] as? Int)
        #expect((actual["input"] as? [String: Any])?["dropped_rows"] as? Int == expected["dropped_rows"] as? Int)
        #expect(largestDifference(actual["coefficients"], expected["coefficients"]) < 1e-4)
        #expect(abs(number(actual["log_likelihood"]) - number(expected["log_likelihood"])) < 1e-6)
        let heldOut = try await fit(["cox", "--csv", path, "--duration", "tenure", "--event", "Churn", "--drop", "customerID",
                                     "--holdout", "0.2", "--seed", "7"])
        let concordance = number((heldOut["holdout"] as? [String: Any])?["concordance"])
        #expect(concordance > 0.5 && concordance <= 1)
    }

    @Test("--holdout fits on a seeded share of the rows and reports the held-out AUC, the same for the same seed")
    func holdout() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("telco.csv").path
        try telcoLikeCSV(rows: 400).write(toFile: path, atomically: true, encoding: .utf8)
        let arguments = ["logistic", "--csv", path, "--target", "Churn", "--drop", "customerID", "--holdout", "0.2", "--seed", "7"]
        let first = try await fit(arguments), second = try await fit(arguments)
        let heldOut = try #require(first["holdout"] as? [String: Any])
        let kept = (first["rows"] as? Int ?? 0) + (heldOut["rows"] as? Int ?? 0)
        let dropped = (first["input"] as? [String: Any])?["dropped_rows"] as? Int ?? 0
        #expect(kept + dropped == 400)
        #expect(heldOut["rows"] as? Int == Int((0.2 * Double(kept)).rounded()))
        #expect(number(heldOut["auc"]) > 0.6 && number(heldOut["auc"]) <= 1)
        #expect(number((second["holdout"] as? [String: Any])?["auc"]) == number(heldOut["auc"]))
        let text = try await CommandRunner.run(["fit", "logistic", "--csv", path, "--target", "Churn"])
        #expect(text.status != 0 && text.stderr.contains(#"column "customerID" has \#(kept) different text values"#)
            && text.stderr.contains("--drop customerID"), "\(text.stderr)")
    }

    @Test("ranking, Platt scaling, isotonic regression and calibration curves match scikit-learn on tied scores")
    func calibration() async throws {
        let reference = try await reference("calibration")
        let scores = try #require(reference["scores"] as? [Double])
        let labels = try #require((reference["labels"] as? [Int])?.map(Double.init))
        #expect(abs(try ClassifierEvaluation.rocAUC(scores: scores, labels: labels) - number(reference["auc"])) < 1e-13)
        #expect(abs(try ClassifierEvaluation.averagePrecision(scores: scores, labels: labels) - number(reference["average_precision"])) < 1e-13)
        let platt = try PlattScaling(scores: scores, labels: labels)
        let sklearnPlatt = try #require(reference["platt"] as? [String: Double])
        // scikit-learn stops L-BFGS at its default tolerance; Newton here goes to 1e-12.
        #expect(abs(platt.slope - (sklearnPlatt["slope"] ?? .nan)) < 1e-4)
        #expect(abs(platt.intercept - (sklearnPlatt["intercept"] ?? .nan)) < 1e-4)
        let isotonic = try IsotonicRegression(scores: scores, targets: labels)
        let grid = try #require(reference["isotonic_grid"] as? [Double])
        let predictions = try #require(reference["isotonic_predictions"] as? [Double])
        #expect(zip(grid, predictions).map { abs(isotonic.predict($0) - $1) }.max() ?? .infinity < 1e-12)
        let probabilities = scores.map { 1 / (1 + exp(-$0)) }
        let curves = try #require(reference["calibration_curves"] as? [String: [String: [Double]]])
        for (binning, name) in [(CalibrationTable.Binning.equalWidth, "uniform"), (.quantile, "quantile")] {
            let table = try CalibrationTable(probabilities: probabilities, labels: labels, binCount: 10, binning: binning)
            let expected = try #require(curves[name])
            #expect(table.bins.count == expected["observed"]?.count, "\(name)")
            #expect(zip(table.bins.map(\.observedRate), expected["observed"] ?? []).allSatisfy { abs($0 - $1) < 1e-12 }, "\(name)")
            #expect(zip(table.bins.map(\.meanPredicted), expected["predicted"] ?? []).allSatisfy { abs($0 - $1) < 1e-12 }, "\(name)")
        }
    }

    @Test("sBG fits of the paper's cohorts match SciPy's maximum likelihood and DERL by scipy's hyp2f1")
    func shiftedBetaGeometric() async throws {
        let reference = try await reference("sbg")
        for (name, value) in reference {
            let expected = try #require(value as? [String: Any])
            let survivors = try #require(expected["survivors"] as? [Int])
            let actual = try await fit(["sbg", "--survivors", survivors.map(String.init).joined(separator: ","),
                                        "--discount", "0.1", "--periods", "12"])
            for key in ["alpha", "beta", "derl"] {
                #expect(abs(number(actual[key]) / number(expected[key]) - 1) < 1e-6, "\(name) \(key)")
            }
            #expect(abs(number(actual["log_likelihood"]) - number(expected["log_likelihood"])) < 1e-7, "\(name)")
            let survival = try #require(actual["projected_survival"] as? [Double])
            let scipy = try #require(expected["projected_survival"] as? [Double])
            #expect(survival.count == scipy.count && zip(survival, scipy).allSatisfy { abs($0 - $1) < 1e-6 }, "\(name)")
        }
    }

    @Test("fit errors name the file's line and column, or the missing column, and exit non-zero")
    func errors() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.csv").path
        try "days,churned,seats\n10,1,3\n12,yes,4\n".write(toFile: path, atomically: true, encoding: .utf8)
        let badCell = try await CommandRunner.run(["fit", "cox", "--csv", path, "--duration", "days", "--event", "churned"])
        #expect(badCell.status != 0)
        #expect(badCell.stderr.contains(#"column "churned" has 2 levels (1, yes); name the one that counts as yes"#), "\(badCell.stderr)")
        let badDays = try await CommandRunner.run(["fit", "km", "--csv", path, "--duration", "seats", "--event", "days"])
        #expect(badDays.status != 0 && badDays.stderr.contains(#"column "days" has 2 levels (10, 12)"#), "\(badDays.stderr)")
        let missing = try await CommandRunner.run(["fit", "logistic", "--csv", path, "--target", "renewed"])
        #expect(missing.status != 0 && missing.stderr.contains(#"there is no column "renewed""#), "\(missing.stderr)")
        let separatedPath = directory.appendingPathComponent("separated.csv").path
        try ("days,churned,noise,order\n" + (0..<12).map { "\($0 + 1),\($0 % 3 != 2 ? 1 : 0),\(($0 * 7) % 5),\(12 - $0)" }.joined(separator: "\n"))
            .write(toFile: separatedPath, atomically: true, encoding: .utf8)
        let separated = try await CommandRunner.run(["fit", "cox", "--csv", separatedPath, "--duration", "days", "--event", "churned"])
        #expect(separated.status != 0 && separated.stderr.contains("covariate order orders the events (nearly) perfectly"), "\(separated.stderr)")
        let growing = try await CommandRunner.run(["fit", "sbg", "--survivors", "100,90,95"])
        #expect(growing.status != 0 && growing.stderr.contains("a cohort can only shrink"), "\(growing.stderr)")
        let help = try await CommandRunner.run(["fit", "km", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--group"))
    }
}
