import Foundation
import TenureCore
import TenureStore

/// The `digest` job: once a day, at the configured local hour or the first run after it, each active CSM gets a
/// digest of their own book — accounts newly red or at risk, open tasks due in the next day or overdue, renewals
/// in the next 30 days, payments failed — by email and as a `digest.daily` event for the Slack and webhook
/// endpoints that subscribe to it for that owner. A CSM with nothing to report gets nothing.
public struct DailyDigest: Sendable {
    let store: any Store
    let configuration: NotifyConfiguration
    let clock: WallClock

    public init(store: any Store, configuration: NotifyConfiguration, clock: WallClock) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
    }

    /// One CSM's digest: the lines of each section.
    public struct Book: Sendable, Hashable {
        public var newlyRed: [String] = []
        public var atRisk: [String] = []
        public var tasks: [String] = []
        public var renewals: [String] = []
        public var paymentsFailed: [String] = []

        public var isEmpty: Bool { [newlyRed, atRisk, tasks, renewals, paymentsFailed].allSatisfy(\.isEmpty) }

        /// Section titles and lines, in the order people read them; empty sections left out.
        public var sections: [(title: String, lines: [String])] {
            [("Newly red", newlyRed), ("Newly at risk", atRisk), ("Tasks due or overdue", tasks), ("Renewals in the next 30 days", renewals),
             ("Payments failed", paymentsFailed)].filter { !$0.1.isEmpty }
        }
    }

    public func run() async throws -> String {
        let now = clock.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.digestTimeZone
        guard calendar.component(.hour, from: now) >= configuration.digestHour else { return "before the digest hour" }
        let day = calendar.dateComponents([.year, .month, .day], from: now)
        let dayText = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
        var written = 0, emailed = 0
        for csm in try await store.csms() where csm.active {
            let book = try await book(of: csm.id, at: now)
            guard !book.isEmpty, try await store.markDigestSent(ownerID: csm.id, day: dayText, at: now) else { continue }
            if try await deliver(book, to: csm, day: dayText, at: now) { emailed += 1 }
            written += 1
        }
        return "\(written) digests for \(dayText): \(emailed) emailed, each a digest.daily event for the endpoints that subscribe"
    }

    /// The digest of the accounts `ownerID` owns, as of `now`.
    public func book(of ownerID: String, at now: Date) async throws -> Book {
        let since = now.addingTimeInterval(-86_400)
        var book = Book()
        let names = Dictionary(try await store.accountList(AccountListQuery(ownerID: ownerID, limit: 10_000)).items
            .map { ($0.summary.account.id, $0.summary.account.name) }) { first, _ in first }
        func name(_ id: String?) -> String { id.flatMap { names[$0] } ?? id ?? "?" }
        for event in try await store.events(EventQuery(type: .accountHealthChanged, ownerID: ownerID, since: since, limit: 200)).items {
            let data = event.data
            if data["current"]?.object?["colour"]?.text == "red", data["previous"]?.object?["colour"]?.text != "red" {
                book.newlyRed.append("\(name(event.accountID)): score \(data["previous"]?.object?["score"]?.text ?? "?") → \(data["current"]?.object?["score"]?.text ?? "?")")
            }
        }
        for event in try await store.events(EventQuery(type: .accountRiskRaised, ownerID: ownerID, since: since, limit: 200)).items {
            let probability = event.data["probability"].flatMap { if case .number(let p) = $0 { p } else { nil } } ?? 0
            book.atRisk.append("\(name(event.accountID)): \(Int((probability * 100).rounded())) % churn probability")
        }
        for task in try await store.openTasks(ownerID: ownerID, dueBefore: now.addingTimeInterval(86_400)) {
            let due = task.dueAt.map { $0 < now ? "overdue since \(JSONCoding.format($0).prefix(10))" : "due \(JSONCoding.format($0).prefix(10))" } ?? ""
            book.tasks.append("\(task.title) (\(name(task.accountID)), \(due))")
        }
        for row in try await store.renewals(RenewalQuery(from: now, to: now.addingTimeInterval(30 * 86_400), ownerID: ownerID, limit: 100)).items {
            book.renewals.append("\(row.accountName): renews \(JSONCoding.format(row.subscription.currentPeriodEnd).prefix(10))")
        }
        for event in try await store.events(EventQuery(type: .paymentFailed, ownerID: ownerID, since: since, limit: 200)).items {
            let data = event.data
            book.paymentsFailed.append("\(name(event.accountID)): invoice \(data["invoice_id"]?.text ?? "?")")
        }
        return book
    }

    /// Writes the digest's event and emails it when SMTP is set and the CSM has not opted out; whether it was emailed.
    private func deliver(_ book: Book, to csm: CSM, day: String, at now: Date) async throws -> Bool {
        let lines = book.sections.flatMap { section in ["\(section.title):"] + section.lines.map { "• \($0)" } }
        let event = DomainEvent(type: .digestDaily, accountID: nil, occurredAt: now,
                                data: ["owner_id": .string(csm.id), "owner_name": .string(csm.name), "day": .string(day),
                                       "lines": .array(lines.map(JSONValue.string))],
                                key: "digest.daily:\(csm.id):\(day)")
        _ = try await store.appendEvents([event], at: now)
        guard let smtp = configuration.smtp, !csm.email.isEmpty, try await store.optedOut([csm.email]).isEmpty else { return false }
        let summary = EventSummary(headline: "Your book on \(day): \(book.sections.map { "\($0.lines.count) \($0.title.lowercased())" }.joined(separator: ", "))",
                                   details: lines, link: configuration.publicURL)
        let message = try EventEmail.message(summary, from: smtp.from, to: csm.email, unsubscribe: configuration.unsubscribeURL(for: csm.email))
        try await SMTPClient().send(message, configuration: smtp, now: now)
        return true
    }
}
