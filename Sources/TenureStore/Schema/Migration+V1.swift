extension Migration {
    /// The first schema: accounts and everything that hangs off them, plus API keys.
    ///
    /// Instants are integer milliseconds since 1970 UTC; money is integer minor
    /// units beside an ISO currency code; free-form values (tags, traits,
    /// properties) are JSON text. A subscription's state is columns, and its
    /// items rows of their own, both as it is now and at each change, so SQL
    /// can compute MRR without parsing anything.
    static let v1CoreTables = Migration(version: 1, name: "create core tables") { _ in
        [
            """
            CREATE TABLE csms (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, active INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, domain TEXT, stripe_customer_id TEXT UNIQUE,
                segment_group_id TEXT UNIQUE, industry TEXT, employee_count BIGINT, owner_id TEXT,
                lifecycle_stage TEXT NOT NULL, segment TEXT, currency TEXT NOT NULL, tags TEXT NOT NULL,
                traits TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                mrr BIGINT NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX accounts_segment ON accounts (segment, mrr)",
            "CREATE INDEX accounts_owner ON accounts (owner_id, mrr)",
            "CREATE INDEX accounts_stage ON accounts (lifecycle_stage, mrr)",
            "CREATE INDEX accounts_mrr ON accounts (mrr)",
            "CREATE INDEX accounts_name ON accounts (name)",
            """
            CREATE TABLE contacts (
                id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT, email TEXT, title TEXT,
                role TEXT NOT NULL, segment_user_id TEXT, created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX contacts_account ON contacts (account_id)",
            "CREATE TABLE products (id TEXT PRIMARY KEY, name TEXT NOT NULL, active INTEGER NOT NULL)",
            """
            CREATE TABLE prices (
                id TEXT PRIMARY KEY, product_id TEXT NOT NULL, nickname TEXT, unit_amount BIGINT NOT NULL,
                currency TEXT NOT NULL, billing_interval TEXT NOT NULL, interval_count BIGINT NOT NULL,
                pricing_model TEXT NOT NULL, usage_limits TEXT NOT NULL, active INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE subscriptions (
                id TEXT PRIMARY KEY, account_id TEXT NOT NULL, \(subscriptionStateColumns)
            )
            """,
            "CREATE INDEX subscriptions_account ON subscriptions (account_id)",
            """
            CREATE TABLE subscription_items (
                subscription_id TEXT NOT NULL, position BIGINT NOT NULL, item_id TEXT NOT NULL,
                price_id TEXT NOT NULL, quantity BIGINT NOT NULL, PRIMARY KEY (subscription_id, position)
            )
            """,
            """
            CREATE TABLE subscription_changes (
                subscription_id TEXT NOT NULL, effective_at BIGINT NOT NULL, account_id TEXT NOT NULL,
                \(subscriptionStateColumns), PRIMARY KEY (subscription_id, effective_at)
            )
            """,
            "CREATE INDEX subscription_changes_account ON subscription_changes (account_id, effective_at)",
            """
            CREATE TABLE subscription_change_items (
                subscription_id TEXT NOT NULL, effective_at BIGINT NOT NULL, position BIGINT NOT NULL,
                item_id TEXT NOT NULL, price_id TEXT NOT NULL, quantity BIGINT NOT NULL,
                PRIMARY KEY (subscription_id, effective_at, position)
            )
            """,
            """
            CREATE TABLE invoices (
                id TEXT PRIMARY KEY, account_id TEXT NOT NULL, subscription_id TEXT, status TEXT NOT NULL,
                currency TEXT NOT NULL, subtotal BIGINT NOT NULL, tax BIGINT NOT NULL, total BIGINT NOT NULL,
                amount_paid BIGINT NOT NULL, amount_refunded BIGINT NOT NULL, period_start BIGINT NOT NULL,
                period_end BIGINT NOT NULL, created_at BIGINT NOT NULL, paid_at BIGINT
            )
            """,
            "CREATE INDEX invoices_account ON invoices (account_id, created_at)",
            """
            CREATE TABLE payment_attempts (
                id TEXT PRIMARY KEY, invoice_id TEXT NOT NULL, account_id TEXT NOT NULL,
                attempted_at BIGINT NOT NULL, amount BIGINT NOT NULL, currency TEXT NOT NULL,
                succeeded INTEGER NOT NULL, failure_code TEXT
            )
            """,
            "CREATE INDEX payment_attempts_account ON payment_attempts (account_id, attempted_at)",
            """
            CREATE TABLE usage_events (
                message_id TEXT PRIMARY KEY, type TEXT NOT NULL, account_id TEXT, user_id TEXT,
                anonymous_id TEXT, event TEXT, occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL,
                properties TEXT NOT NULL, day BIGINT NOT NULL
            )
            """,
            "CREATE INDEX usage_events_account ON usage_events (account_id, day, event)",
            "CREATE INDEX usage_events_user ON usage_events (user_id)",
            """
            CREATE TABLE usage_rollups (
                account_id TEXT NOT NULL, day BIGINT NOT NULL, event TEXT NOT NULL, count BIGINT NOT NULL,
                users BIGINT NOT NULL, last_at BIGINT NOT NULL, PRIMARY KEY (account_id, day, event)
            )
            """,
            "CREATE INDEX usage_rollups_event ON usage_rollups (event, day, account_id)",
            """
            CREATE TABLE tickets (
                id TEXT PRIMARY KEY, account_id TEXT NOT NULL, subject TEXT NOT NULL, priority TEXT NOT NULL,
                status TEXT NOT NULL, category TEXT, opened_at BIGINT NOT NULL, resolved_at BIGINT
            )
            """,
            "CREATE INDEX tickets_account ON tickets (account_id, opened_at)",
            "CREATE INDEX tickets_opened ON tickets (opened_at)",
            """
            CREATE TABLE survey_responses (
                id TEXT PRIMARY KEY, account_id TEXT NOT NULL, contact_id TEXT, kind TEXT NOT NULL,
                score BIGINT NOT NULL, comment TEXT, responded_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX survey_responses_account ON survey_responses (account_id, responded_at)",
            "CREATE INDEX survey_responses_kind ON survey_responses (kind, responded_at)",
            """
            CREATE TABLE touchpoints (
                id TEXT PRIMARY KEY, account_id TEXT NOT NULL, csm_id TEXT, kind TEXT NOT NULL,
                occurred_at BIGINT NOT NULL, summary TEXT NOT NULL, executive_sponsor_present INTEGER NOT NULL
            )
            """,
            "CREATE INDEX touchpoints_account ON touchpoints (account_id, occurred_at)",
            """
            CREATE TABLE tasks (
                id TEXT PRIMARY KEY, account_id TEXT, owner_id TEXT, title TEXT NOT NULL, details TEXT,
                status TEXT NOT NULL, priority TEXT NOT NULL, due_at BIGINT, created_at BIGINT NOT NULL,
                completed_at BIGINT, source TEXT NOT NULL
            )
            """,
            "CREATE INDEX tasks_account ON tasks (account_id)",
            "CREATE INDEX tasks_owner ON tasks (owner_id, status)",
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, secret_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT
            )
            """,
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE stripe_events (
                id TEXT PRIMARY KEY, type TEXT NOT NULL, created BIGINT NOT NULL, object_type TEXT NOT NULL,
                object_id TEXT NOT NULL, related_id TEXT, payload TEXT NOT NULL, received_at BIGINT NOT NULL,
                error TEXT
            )
            """,
            "CREATE INDEX stripe_events_object ON stripe_events (object_id)",
            "CREATE INDEX stripe_events_related ON stripe_events (related_id)",
        ]
    }
}

/// The columns describing a subscription's state, shared by `subscriptions`
/// (the latest state) and `subscription_changes` (each state in history).
/// The discount's amount is in the subscription's currency.
let subscriptionStateColumns = """
    status TEXT NOT NULL, currency TEXT NOT NULL, started_at BIGINT NOT NULL, trial_start BIGINT, trial_end BIGINT,
    current_period_start BIGINT NOT NULL, current_period_end BIGINT NOT NULL, cancel_at BIGINT, canceled_at BIGINT,
    ended_at BIGINT, cancellation_reason TEXT, cancellation_feedback TEXT, cancellation_comment TEXT,
    coupon_id TEXT, percent_off DOUBLE PRECISION, amount_off BIGINT, discount_duration TEXT,
    discount_duration_in_months BIGINT, discount_start BIGINT, discount_end BIGINT
    """
