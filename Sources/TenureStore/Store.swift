import Foundation
import TenureCore

/// Tenure's persistence: facts about accounts, the derived numbers kept with
/// them, and API keys. One implementation (``SQLStore``) serves both SQLite
/// and PostgreSQL; every method is safe to call concurrently. It is composed of narrow
/// roles (``JobStore``, …) that consumers take when they need no more.
public protocol Store: JobStore {
    /// `"sqlite"` or `"postgres"`.
    var backend: String { get }

    /// Applies every migration not yet applied; returns the versions it applied.
    @discardableResult
    func migrate() async throws -> [Int]
    /// Versions of known migrations not yet applied (empty when up to date).
    func pendingMigrations() async throws -> [Int]

    /// Validates and writes every fact of `batch` in one transaction (all or
    /// nothing). Facts whose key exists replace the stored ones. Afterwards
    /// the MRR of every account the batch touched is recomputed as of `asOf`.
    func write(_ batch: FactBatch, asOf: Date) async throws
    /// Recomputes every account's stored MRR as of `asOf` (after the metrics policy changes).
    func refreshAllMRR(asOf: Date) async throws

    /// Creates or updates the account a draft describes, matching an existing
    /// one by `id`, then `stripe_customer_id`, then `segment_group_id`.
    func upsertAccount(_ draft: AccountDraft, newID: String, at now: Date) async throws -> AccountUpsert

    /// Upserts several accounts in one transaction: all or none.
    func upsertAccounts(_ drafts: [AccountDraft], at now: Date) async throws
    /// Which of `ids` are stored accounts.
    func existingAccountIDs(_ ids: [String]) async throws -> Set<String>

    func account(id: String) async throws -> AccountSummary?
    /// One page of accounts, filtered, searched and sorted as `query` asks.
    func accounts(_ query: AccountQuery) async throws -> Page<AccountSummary>
    func subscriptions(ofAccount accountID: String) async throws -> [Subscription]
    func prices() async throws -> [Price]
    func products() async throws -> [Product]
    func csms() async throws -> [CSM]
    /// Rows per fact table, for status output.
    func factCounts() async throws -> [String: Int]

    func insertAPIKey(_ key: APIKeyRecord) async throws
    func apiKey(id: String) async throws -> APIKeyRecord?
    func apiKeys() async throws -> [APIKeyRecord]
    /// Records that the key was just used.
    func markAPIKeyUsed(id: String, at instant: Date) async throws
    /// Revokes a key; `false` when no such key exists.
    func revokeAPIKey(id: String, at instant: Date) async throws -> Bool

    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, to value: String) async throws

    /// Takes in product-usage calls in one transaction: accounts for groups,
    /// contacts for users joining them, raw events (replays dropped), earlier
    /// events of newly linked users attributed, and the touched rollups rebuilt.
    func ingestUsage(_ batch: UsageBatch, at now: Date) async throws -> UsageIngestResult

    // MARK: Stripe events

    /// Stores the events whose ids are new and replaces stored copies that failed; returns
    /// those ids, to be derived (the rest are replays of settled events).
    func insertStripeEvents(_ events: [StripeEventRecord]) async throws -> Set<String>
    /// Every stored event about any of `objectIDs` (as its object or its related object), oldest first.
    func stripeEvents(about objectIDs: [String]) async throws -> [StripeEventRecord]
    /// Every object stored events are about.
    func stripeObjects() async throws -> [(type: String, id: String)]
    /// Records (or, with `nil`, clears) why events could not become facts.
    func recordStripeErrors(_ errors: [String: String?]) async throws
    /// Stored events that could not become facts, oldest first, with their `error`.
    func failedStripeEvents(limit: Int) async throws -> [StripeEventRecord]
    /// Account ids by the Stripe customer ids they carry.
    func accountIDs(forStripeCustomers customers: [String]) async throws -> [String: String]

    // MARK: What the metrics engine reads

    /// Every subscription change with its items, ordered by subscription and time.
    func subscriptionChanges() async throws -> [SubscriptionChange]
    func accountAttributes() async throws -> [AccountAttributes]
    /// A number that grows with every write of facts; derived numbers cached
    /// against an older value are stale.
    func factsVersion() async throws -> Int64
    /// Survey answers of `kind` in `[from, to)`: count per score, per group of `column` ("" when ungrouped or unset).
    func surveyScoreCounts(_ kind: SurveyResponse.Kind, from: Date, to: Date, groupedBy column: AccountColumn?)
        async throws -> [String: [Int: Int]]
    /// Tickets opened in each period, per priority, by period label.
    func ticketCounts(in periods: [ReportingPeriod]) async throws -> [String: [Ticket.Priority: Int]]
    /// Accounts with at least one `event` in each period, by period label.
    func engagedAccounts(event: String, in periods: [ReportingPeriod]) async throws -> [String: Int]
    /// When each account's running total of the milestone event first reached its count (the day of the rollup).
    func milestoneReached(_ milestone: ProductConfiguration.Milestone) async throws -> [String: Date]
    /// How many of `events` each account used in `[from, to)`.
    func featuresUsed(_ events: [String], from: Date, to: Date) async throws -> [String: Int]

    // MARK: Health and segmentation

    /// What each account created before `cutoff` did before it: usage, tickets, answers, payments and
    /// touchpoints (see ``AccountActivity``). Seats, renewals and first value are left for the caller,
    /// which reads them from the revenue ledger and ``milestoneReached(_:)``.
    func accountActivity(asOf cutoff: Date, product: ProductConfiguration) async throws -> [String: AccountActivity]
    /// Each account's count of each window's event in the window's days before `cutoff`.
    func usageTotals(_ windows: Set<UsageCondition.Window>, asOf cutoff: Date) async throws -> [UsageCondition.Window: [String: Int64]]

    /// Every version of `kind`, oldest first.
    func definitions(_ kind: DefinitionKind) async throws -> [StoredDefinition]
    func definition(_ kind: DefinitionKind, version: Int) async throws -> StoredDefinition?
    func activeDefinition(_ kind: DefinitionKind) async throws -> StoredDefinition?
    /// Stores `definition` as the next version of its kind (its `version` is ignored), active if `activate`.
    func addDefinition(_ definition: StoredDefinition, activate: Bool) async throws -> StoredDefinition
    /// Makes `version` the active one of `kind`; `false` when there is no such version.
    func activateDefinition(_ kind: DefinitionKind, version: Int, at instant: Date) async throws -> Bool

    /// Replaces the scores of `day` with `scores`; when `current`, they also become the accounts'
    /// current health (accounts without a score that day lose theirs).
    func saveHealth(_ scores: [HealthScore], day: Date, definitionVersion: Int, current: Bool, at now: Date) async throws
    /// The account's latest stored score with its breakdown.
    func healthRecord(accountID: String) async throws -> HealthRecord?
    /// The account's scores from `since` (all when `nil`), oldest first.
    func healthHistory(accountID: String, since: Date?) async throws -> [HealthPoint]
    /// Every account's scores of days in `[from, before)`.
    func healthScores(from: Date, before: Date) async throws -> [String: [(at: Date, score: Double)]]
    /// Accounts and their MRR (summed in minor units as stored, so one currency is assumed) per colour of their current score.
    func healthDistribution() async throws -> [HealthColour: HealthBandTotals]
    /// The current health of each of `accountIDs` (every account when `nil`) that has one.
    func currentHealth(ofAccounts accountIDs: [String]?) async throws -> [String: CurrentHealth]
    /// Stores alerts (one per account and day; a later one the same day replaces it).
    func insertHealthAlerts(_ alerts: [HealthAlert], definitionVersion: Int, at now: Date) async throws
    /// Alerts of days from `since`, newest and biggest drops first.
    func healthAlerts(since: Date, limit: Int) async throws -> [StoredHealthAlert]
    func saveBacktest(_ backtest: StoredBacktest) async throws
    func latestBacktest(definitionVersion: Int) async throws -> StoredBacktest?
    /// Sets each listed account's segment and engagement model (`nil`: no segment matched), recording
    /// the accounts whose segment changes in their segment history; returns how many changed.
    func assignSegments(_ assignments: [String: SegmentRule?], definitionVersion: Int, at now: Date) async throws -> Int
    /// The account's segment changes, oldest first.
    func segmentHistory(accountID: String) async throws -> [SegmentChange]

    // MARK: Churn prediction

    /// Stores a trained model as the next version.
    func saveChurnModel(_ stored: StoredChurnModel) async throws -> StoredChurnModel
    /// The newest trained model.
    func latestChurnModel() async throws -> StoredChurnModel?
    /// Replaces every stored prediction with `predictions`.
    func replaceChurnPredictions(_ predictions: [ChurnPrediction]) async throws
    func churnPrediction(accountID: String) async throws -> ChurnPrediction?
    /// The at-risk list: predictions by expected MRR loss, largest first, with each account's name, owner and health.
    func churnRisks(_ query: RiskQuery) async throws -> Page<RiskEntry>
    /// The churn probability of each of `accountIDs` that has a prediction.
    func churnProbabilities(ofAccounts accountIDs: [String]) async throws -> [String: Double]
    /// Each account's count of every event in its first `days` days of tracked usage.
    func earlyUsage(days: Int) async throws -> [String: EarlyUsage]

    // MARK: Dashboard
    // Users, sessions and the per-account reads of the web dashboard (issue 7).

    /// Stores a new user; a ``StoreError/Code/conflict`` when the email is taken.
    func insertUser(_ user: UserRecord) async throws
    func user(id: String) async throws -> UserRecord?
    /// The user with `email` (compared lower-case).
    func user(email: String) async throws -> UserRecord?
    /// Every user, by email.
    func users() async throws -> [UserRecord]
    /// Replaces a user's password hash and ends their sessions; `false` when no such user exists.
    func setUserPassword(id: String, passwordHash: String) async throws -> Bool
    /// Stores a session and records the user's sign-in time.
    func insertSession(_ session: SessionRecord) async throws
    /// The unexpired session with `tokenHash` and its (enabled) user.
    func session(tokenHash: String, at now: Date) async throws -> (session: SessionRecord, user: UserRecord)?
    /// Ends a session (sign-out).
    func deleteSession(tokenHash: String) async throws
    /// Removes sessions expired at `now`; returns how many.
    func deleteExpiredSessions(at now: Date) async throws -> Int

    /// One page of the dashboard's accounts table, with each account's next renewal.
    func accountList(_ query: AccountListQuery) async throws -> Page<AccountListRow>
    /// Distinct account segments, sorted.
    func accountSegments() async throws -> [String]
    /// Live subscriptions whose current period ends in the query's window, soonest first.
    func renewals(_ query: RenewalQuery) async throws -> Page<RenewalRow>
    /// An account's contacts, subscription history, invoices, payment attempts, tickets, survey
    /// answers, touchpoints and tasks; each list newest first and at most `limit` long (changes: all, oldest first).
    func accountRecords(ofAccount accountID: String, limit: Int) async throws -> AccountRecords
    /// An account's product usage per day in `[from, to)`.
    func dailyUsage(ofAccount accountID: String, from: Date, to: Date) async throws -> [UsageDay]
    /// How often an account sent each event in `[from, to)`.
    func eventCounts(ofAccount accountID: String, from: Date, to: Date) async throws -> [String: Int64]
}

extension Store {
    /// A setting stored as JSON, decoded; `nil` when unset.
    public func decodedSetting<T: Decodable>(_ key: String, as type: T.Type = T.self) async throws -> T? {
        guard let text = try await setting(key) else { return nil }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corrupt, "setting \(key) does not hold a valid \(T.self): \(error)")
        }
    }

    /// Stores `value` as JSON under `key`.
    public func setEncodedSetting<T: Encodable>(_ key: String, to value: T) async throws {
        try await setSetting(key, to: String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self))
    }
}

/// Keys of the configuration Tenure keeps in the `settings` table.
public enum SettingKey {
    /// ``MetricsPolicy`` as JSON.
    public static let metricsPolicy = "metrics.policy"
    /// ``ProductConfiguration`` as JSON.
    public static let productConfiguration = "product.configuration"
}

/// An account with its current MRR (minor units of the account's currency),
/// health and engagement model.
public struct AccountSummary: Sendable, Hashable {
    public var account: Account
    public var mrr: Int64
    /// The latest health score, once scores have been computed.
    public var health: CurrentHealth?
    /// How the account's segment is served, once segmentation has assigned one.
    public var engagementModel: EngagementModel?

    public init(account: Account, mrr: Int64, health: CurrentHealth? = nil, engagementModel: EngagementModel? = nil) {
        self.account = account
        self.mrr = mrr
        self.health = health
        self.engagementModel = engagementModel
    }
}

/// How many accounts, with how much MRR, one health colour holds.
public struct HealthBandTotals: Sendable, Hashable, Codable {
    public var accounts: Int
    public var mrr: Int64

    public init(accounts: Int, mrr: Int64) {
        self.accounts = accounts
        self.mrr = mrr
    }
}

/// An account's latest health score (0–100) and its colour.
public struct CurrentHealth: Sendable, Hashable, Codable {
    public var score: Double
    public var colour: HealthColour

    public init(score: Double, colour: HealthColour) {
        self.score = score
        self.colour = colour
    }
}

/// The outcome of ``Store/upsertAccount(_:newID:at:)``.
public struct AccountUpsert: Sendable, Hashable {
    public var account: Account
    /// `true` when the account did not exist before.
    public var created: Bool
}

/// A stored API key: everything but the secret, of which only a SHA-256 hash is kept.
public struct APIKeyRecord: Sendable, Hashable, Codable {
    /// Public part of the key, used to find it (`tnr_<id>_<secret>`).
    public var id: String
    public var name: String
    public var role: Role
    /// Hex SHA-256 of the secret part.
    public var secretHash: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: String, name: String, role: Role, secretHash: String, createdAt: Date,
                lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// Opens the store a database URL names (see ``DatabaseURL``), migrates it unless told not to, runs `body`
/// with it and closes it once, whether `body` returns or throws: the one way Tenure opens a store.
public func withStore<T>(_ url: String, migrate: Bool = true, _ body: (any Store) async throws -> T) async throws -> T {
    try await DatabaseURL(url).withDatabase { database in
        let store = SQLStore(database: database)
        if migrate { try await store.migrate() }
        return try await body(store)
    }
}
