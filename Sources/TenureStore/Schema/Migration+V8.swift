extension Migration {
    /// The at-risk list's order as an index: expected loss, then probability, then account, each as the list sorts them,
    /// so a page of the list reads its rows in order instead of sorting every prediction.
    static let v8RiskOrder = Migration(version: 8, name: "index the at-risk list's order") { _ in
        [
            "DROP INDEX churn_predictions_loss",
            "CREATE INDEX churn_predictions_rank ON churn_predictions (expected_loss DESC, probability DESC, account_id)",
        ]
    }
}
