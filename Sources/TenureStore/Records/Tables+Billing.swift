import TenureCore

/// Table mappings of the catalog, invoices and payments.
extension Tables {
    static let products = Table<Product>(
        name: "products", columns: ["id", "name", "active"], key: ["id"],
        encode: { [SQLValue($0.id), SQLValue($0.name), SQLValue($0.active)] },
        decode: { row in Product(id: try row["id"], name: try row["name"], active: try row["active"]) })

    static let prices = Table<Price>(
        name: "prices",
        columns: ["id", "product_id", "nickname", "unit_amount", "currency", "billing_interval", "interval_count",
                  "pricing_model", "usage_limits", "active"],
        key: ["id"],
        encode: { price in
            [SQLValue(price.id), SQLValue(price.productID), SQLValue(price.nickname), .integer(price.unitAmount),
             SQLValue(price.currency.code), SQLValue(price.interval), SQLValue(price.intervalCount),
             SQLValue(price.pricingModel), .json(price.usageLimits), SQLValue(price.active)]
        },
        decode: { row in
            Price(
                id: try row["id"], productID: try row["product_id"], nickname: try row["nickname"],
                unitAmount: try row["unit_amount"], currency: try row["currency"], interval: try row["billing_interval"],
                intervalCount: try row["interval_count"], pricingModel: try row["pricing_model"],
                usageLimits: try row.json("usage_limits"), active: try row["active"])
        })

    static let invoices = Table<Invoice>(
        name: "invoices",
        columns: ["id", "account_id", "subscription_id", "status", "currency", "subtotal", "tax", "total",
                  "amount_paid", "amount_refunded", "period_start", "period_end", "created_at", "paid_at"],
        key: ["id"],
        encode: { invoice in
            [SQLValue(invoice.id), SQLValue(invoice.accountID), SQLValue(invoice.subscriptionID),
             SQLValue(invoice.status), SQLValue(invoice.currency.code), .integer(invoice.subtotal),
             .integer(invoice.tax), .integer(invoice.total), .integer(invoice.amountPaid),
             .integer(invoice.amountRefunded), SQLValue(invoice.periodStart), SQLValue(invoice.periodEnd),
             SQLValue(invoice.createdAt), SQLValue(invoice.paidAt)]
        },
        decode: { row in
            Invoice(
                id: try row["id"], accountID: try row["account_id"], subscriptionID: try row["subscription_id"],
                status: try row["status"], currency: try row["currency"], subtotal: try row["subtotal"], tax: try row["tax"],
                amountPaid: try row["amount_paid"], amountRefunded: try row["amount_refunded"],
                periodStart: try row["period_start"], periodEnd: try row["period_end"], createdAt: try row["created_at"],
                paidAt: try row["paid_at"])
        })

    static let paymentAttempts = Table<PaymentAttempt>(
        name: "payment_attempts",
        columns: ["id", "invoice_id", "account_id", "attempted_at", "amount", "currency", "succeeded", "failure_code"],
        key: ["id"],
        encode: { attempt in
            [SQLValue(attempt.id), SQLValue(attempt.invoiceID), SQLValue(attempt.accountID),
             SQLValue(attempt.attemptedAt), .integer(attempt.amount.amount), SQLValue(attempt.amount.currency.code),
             SQLValue(attempt.succeeded), SQLValue(attempt.failureCode)]
        },
        decode: { row in
            PaymentAttempt(
                id: try row["id"], invoiceID: try row["invoice_id"], accountID: try row["account_id"],
                attemptedAt: try row["attempted_at"], amount: Money(try row["amount"], try row["currency"]),
                succeeded: try row["succeeded"], failureCode: try row["failure_code"])
        })
}
