import ArgumentParser
import TenureStore

/// The filters and size of a list of accounts (`tenure health show`, `tenure risk`).
struct AccountListOptions: ParsableArguments {
    @Option(help: "Only accounts in this segment.")
    var segment: String?

    @Option(help: "Only accounts owned by this CSM id.")
    var csm: String?

    @Option(help: "How many accounts to list.")
    var top = 25

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func validate() throws {
        guard (1...AccountQuery.maximumLimit).contains(top) else { throw ValidationError("--top must be between 1 and \(AccountQuery.maximumLimit)") }
    }
}
