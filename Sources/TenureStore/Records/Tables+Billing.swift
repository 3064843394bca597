import TenureCore

/// Table mappings of the catalog, invoices and payments.
extension Tables {
    static let products = Table<Product>(
        name: "products", columns: ["id", "name", "active"], key: ["id"],
        encode: { [SQLValue($0.id), SQLValue($0.name), SQLValue($0.active)] },
        decode: { row in Product(id: try row.string(), name: try row.string(), active: try row.bool()) })

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
                id: try row.string(), productID: try row.string(), nickname: try row.optionalString(),
                unitAmount: try row.int64(), currency: try row.currency(), interval: try row.enumeration(),
                intervalCount: try row.int(), pricingModel: try row.enumeration(), usageLimits: try row.json(),
                active: try row.bool())
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
            let id = try row.string(), accountID = try row.string(), subscriptionID = try row.optionalString()
            let status: InvoiceStatus = try row.enumeration()
            let currency = try row.currency()
            let subtotal = try row.int64(), tax = try row.int64()
            _ = try row.int64()
            return Invoice(
                id: id, accountID: accountID, subscriptionID: subscriptionID, status: status, currency: currency,
                subtotal: subtotal, tax: tax, amountPaid: try row.int64(), amountRefunded: try row.int64(),
                periodStart: try row.date(), periodEnd: try row.date(), createdAt: try row.date(),
                paidAt: try row.optionalDate())
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
                id: try row.string(), invoiceID: try row.string(), accountID: try row.string(),
                attemptedAt: try row.date(), amount: Money(try row.int64(), try row.currency()),
                succeeded: try row.bool(), failureCode: try row.optionalString())
        })
}
