/// A set of facts written to the store together, in one transaction: what an
/// import, a sync or the demo generator hands over. Every array may be empty.
public struct FactBatch: Sendable, Hashable {
    public var csms: [CSM] = []
    public var products: [Product] = []
    public var prices: [Price] = []
    public var accounts: [Account] = []
    public var contacts: [Contact] = []
    public var subscriptions: [Subscription] = []
    /// History of the subscriptions, in any order.
    public var subscriptionChanges: [SubscriptionChange] = []
    public var invoices: [Invoice] = []
    public var paymentAttempts: [PaymentAttempt] = []
    /// Raw product events; one whose `messageID` is already stored is a replay and is dropped.
    public var usageEvents: [UsageEvent] = []
    public var usageRollups: [UsageRollup] = []
    public var tickets: [Ticket] = []
    public var surveyResponses: [SurveyResponse] = []
    public var touchpoints: [Touchpoint] = []
    public var tasks: [SuccessTask] = []

    public init() {}

    /// Every account this batch writes facts of.
    public var accountIDs: Set<String> {
        var ids = Set(accounts.map(\.id))
        ids.formUnion(contacts.map(\.accountID))
        ids.formUnion(subscriptions.map(\.accountID))
        ids.formUnion(subscriptionChanges.map(\.state.accountID))
        ids.formUnion(invoices.map(\.accountID))
        ids.formUnion(paymentAttempts.map(\.accountID))
        ids.formUnion(usageEvents.compactMap(\.accountID))
        ids.formUnion(usageRollups.map(\.accountID))
        ids.formUnion(tickets.map(\.accountID))
        ids.formUnion(surveyResponses.map(\.accountID))
        ids.formUnion(touchpoints.map(\.accountID))
        ids.formUnion(tasks.compactMap(\.accountID))
        return ids
    }

    /// Appends every fact of `other`.
    public mutating func append(contentsOf other: FactBatch) {
        csms += other.csms
        products += other.products
        prices += other.prices
        accounts += other.accounts
        contacts += other.contacts
        subscriptions += other.subscriptions
        subscriptionChanges += other.subscriptionChanges
        invoices += other.invoices
        paymentAttempts += other.paymentAttempts
        usageEvents += other.usageEvents
        usageRollups += other.usageRollups
        tickets += other.tickets
        surveyResponses += other.surveyResponses
        touchpoints += other.touchpoints
        tasks += other.tasks
    }

    /// Number of facts of every kind together.
    public var count: Int {
        csms.count + products.count + prices.count + accounts.count + contacts.count + subscriptions.count + subscriptionChanges.count + invoices.count
            + paymentAttempts.count + usageEvents.count + usageRollups.count + tickets.count + surveyResponses.count
            + touchpoints.count + tasks.count
    }
}

extension FactBatch: Validatable {
    /// Checks every fact; the error's field names the list and position, e.g. `accounts[3].name`.
    public func validate() throws(ValidationError) {
        try Self.validate(csms, "csms")
        try Self.validate(products, "products")
        try Self.validate(prices, "prices")
        try Self.validate(accounts, "accounts")
        try Self.validate(contacts, "contacts")
        try Self.validate(subscriptions, "subscriptions")
        try Self.validate(subscriptionChanges.map(\.state), "subscription_changes")
        try Self.validate(invoices, "invoices")
        try Self.validate(usageEvents, "usage_events")
        try Self.validate(tickets, "tickets")
        try Self.validate(surveyResponses, "survey_responses")
        try Self.validate(touchpoints, "touchpoints")
        try Self.validate(tasks, "tasks")
    }

    private static func validate(_ values: [some Validatable], _ name: String) throws(ValidationError) {
        for (index, value) in values.enumerated() {
            do {
                try value.validate()
            } catch {
                throw ValidationError(field: "\(name)[\(index)]" + (error.field.map { ".\($0)" } ?? ""), error.message)
            }
        }
    }
}
