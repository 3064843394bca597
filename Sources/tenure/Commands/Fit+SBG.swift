import ArgumentParser
import Foundation
import TenureCore

extension Tenure.Fit {
    /// `tenure fit sbg`: the shifted-beta-geometric retention model.
    struct SBG: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sbg",
            abstract: "Fit the shifted-beta-geometric model to a cohort's survivors and project its retention.",
            discussion: """
                For subscriptions renewed once per period (month, year): give how many of one \
                cohort were customers at the start and after each period. Each customer is \
                taken to churn at every renewal with their own probability θ ~ Beta(α, β) \
                (Fader & Hardie 2007), which is why a cohort's retention rate rises as it \
                ages.

                Prints JSON: α, β, the log-likelihood, the projected survival (share of the \
                cohort left) and retention rate for every period up to --periods, and DERL — \
                the discounted expected residual lifetime, in payments, of a customer still \
                active after the last observed period (Fader & Hardie 2010); with --margin, \
                that times the margin per period.

                Example (the "high end" cohort of the 2007 paper):
                  tenure fit sbg --survivors 1000,869,743,653,593,551,517,491 \\
                    --discount 0.1 --margin 50
                """)

        @Option(help: "Comma-separated survivors: the cohort's size, then how many remain after each period.")
        var survivors: String

        @Option(help: "Discount rate per period for DERL, e.g. 0.1 for 10%.")
        var discount = 0.1

        @Option(help: "Periods to project survival and retention for. Default: the observed periods plus 5.")
        var periods: Int?

        @Option(help: "Margin per period per customer (any currency unit): adds the expected residual value.")
        var margin: Double?

        func validate() throws {
            guard discount > 0 else { throw ValidationError("--discount must be positive") }
            if let periods, periods < 1 { throw ValidationError("--periods must be at least 1") }
        }

        func run() throws {
            let counts = try FitOutput.names(survivors).map { text in
                guard let value = Double(text) else { throw CommandFailure("--survivors: \"\(text)\" is not a number") }
                return value
            }
            let fit = try ShiftedBetaGeometric.fit(survivors: counts)
            let model = fit.model, horizon = periods ?? counts.count + 4
            let renewals = counts.count - 1
            let derl = try model.discountedExpectedResidualLifetime(discountRate: discount, renewals: renewals)
            try FitOutput.print(Result(
                alpha: model.alpha, beta: model.beta, logLikelihood: fit.logLikelihood, converged: fit.converged,
                projectedSurvival: model.projectedSurvival(periods: horizon),
                projectedRetention: (1...horizon).map { model.retentionRate(period: $0) },
                discountRate: discount, derlRenewals: renewals, derl: derl,
                expectedResidualValue: try margin.map { try model.expectedResidualValue(marginPerPeriod: $0, discountRate: discount, renewals: renewals) }))
        }

        struct Result: Encodable {
            var alpha: Double
            var beta: Double
            var logLikelihood: Double
            var converged: Bool
            var projectedSurvival: [Double]
            var projectedRetention: [Double]
            var discountRate: Double
            var derlRenewals: Int
            var derl: Double
            var expectedResidualValue: Double?
        }
    }
}
