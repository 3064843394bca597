import Foundation

extension RevenueLedger {
    /// The ledger with `accountIDs` computed again from `changes` (their whole history) as of `asOf`.
    public func updating(accounts accountIDs: Set<String>, with changes: [SubscriptionChange], asOf: Date) -> RevenueLedger {
        RevenueLedger(changes: self.changes.filter { !accountIDs.contains($0.state.accountID) } + changes,
                      prices: Array(calculator.prices.values), policy: policy, asOf: asOf)
    }
}
