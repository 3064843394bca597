extension Migration {
    /// Churn prediction: trained models (with their backtest) and each
    /// account's latest prediction, ranked by expected MRR loss.
    static let v4Churn = Migration(version: 4, name: "create churn model and prediction tables") { _ in
        [
            """
            CREATE TABLE churn_models (
                version BIGINT PRIMARY KEY, trained_at BIGINT NOT NULL, horizon_days BIGINT NOT NULL,
                auc DOUBLE PRECISION NOT NULL, model TEXT NOT NULL, report TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE churn_predictions (
                account_id TEXT PRIMARY KEY, model_version BIGINT NOT NULL, computed_at BIGINT NOT NULL,
                probability DOUBLE PRECISION NOT NULL, mrr BIGINT NOT NULL, expected_loss BIGINT NOT NULL,
                details TEXT NOT NULL
            )
            """,
            "CREATE INDEX churn_predictions_loss ON churn_predictions (expected_loss)",
        ]
    }
}
