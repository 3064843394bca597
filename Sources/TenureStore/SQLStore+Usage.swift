import Foundation
import TenureCore

/// Product-usage calls to take in together: raw events, the groups (accounts)
/// named in the calls, which users belong to which group, and user profiles.
public struct UsageBatch: Sendable {
    /// Raw events; an event's `accountID` may be left `nil` to be resolved from its user.
    public var events: [UsageEvent] = []
    /// Account fields by Segment group id, from `group` calls.
    public var groups: [String: AccountDraft] = [:]
    /// Group of each event whose call named one (`context.groupId`), by message id.
    public var eventGroups: [String: String] = [:]
    /// Users joining groups: user id → group id.
    public var memberships: [String: String] = [:]
    /// User traits from `identify` calls (name, email, title), by user id.
    public var profiles: [String: UserProfile] = [:]

    public init() {}

    /// A person's traits as `identify` sends them.
    public struct UserProfile: Sendable, Hashable {
        public var name: String?
        public var email: String?
        public var title: String?

        public init(name: String? = nil, email: String? = nil, title: String? = nil) {
            self.name = name
            self.email = email
            self.title = title
        }
    }
}

/// What ``UsageStore/ingestUsage(_:at:)`` did.
public struct UsageIngestResult: Sendable, Hashable {
    /// Events stored for the first time.
    public var stored: Int
    /// Events whose message id was already stored (replays), left as they were.
    public var duplicates: Int
    /// Stored events that could be tied to an account.
    public var attributed: Int
}

extension SQLStore {
    public func ingestUsage(_ batch: UsageBatch, at now: Date) async throws -> UsageIngestResult {
        try await database.write { [dialect] connection in
            // Groups become accounts (matched by Segment group id, fields merged).
            var accountForGroup = try await Self.accounts(forGroups: Array(batch.groups.keys), on: connection)
            for (groupID, draft) in batch.groups.sorted(by: { $0.key < $1.key }) {
                var draft = draft
                if accountForGroup[groupID] == nil && draft.name == nil { draft.name = groupID }
                accountForGroup[groupID] = try await Self.upsertAccount(draft, newID: "acct_\(groupID)", at: now, on: connection, dialect: dialect).account.id
            }
            let namedGroups = Set(batch.eventGroups.values).union(batch.memberships.values).subtracting(accountForGroup.keys)
            accountForGroup.merge(try await Self.accounts(forGroups: Array(namedGroups), on: connection)) { first, _ in first }
            // Users join accounts: their contact records and earlier unattributed events.
            var accountForUser = try await Self.accounts(forUsers: Array(Set(batch.events.compactMap(\.userID)).union(batch.profiles.keys)), on: connection)
            var contacts: [Contact] = []
            for (userID, groupID) in batch.memberships.sorted(by: { $0.key < $1.key }) {
                guard let accountID = accountForGroup[groupID] else { continue }
                accountForUser[userID] = accountID
                var profile = batch.profiles[userID]
                if profile == nil {
                    profile = try await Self.latestProfile(of: userID, on: connection)
                }
                contacts.append(Contact(id: "seg_\(userID)", accountID: accountID, name: profile?.name, email: profile?.email,
                                        title: profile?.title, segmentUserID: userID, createdAt: now))
            }
            try await connection.upsert(contacts, into: Tables.contacts, dialect: dialect)
            for (userID, profile) in batch.profiles where batch.memberships[userID] == nil {
                try await connection.run(
                    """
                    UPDATE contacts SET name = COALESCE(\(bind: profile.name), name), email = COALESCE(\(bind: profile.email), email),
                        title = COALESCE(\(bind: profile.title), title)
                    WHERE segment_user_id = \(bind: userID)
                    """)
            }
            var touched: [[SQLValue]] = []
            for (userID, accountID) in batch.memberships.compactMapValues({ accountForGroup[$0] }) {
                touched += try await connection.run(
                    """
                    UPDATE usage_events SET account_id = \(bind: accountID) WHERE user_id = \(bind: userID) AND account_id IS NULL
                    RETURNING account_id, day, event
                    """).map(\.values)
            }
            // Raw events, first copy of each message id kept.
            let events = batch.events.removingDuplicates(keepingLast: false) { $0.messageID }.map { event in
                var event = event
                event.accountID = event.accountID
                    ?? batch.eventGroups[event.messageID].flatMap { accountForGroup[$0] }
                    ?? event.userID.flatMap { accountForUser[$0] }
                return event
            }
            var existing = Set<String>()
            for chunk in events.map(\.messageID).chunked(into: 500) {
                for row in try await connection.run("SELECT message_id FROM usage_events WHERE message_id IN (\(bindEach: chunk))") {
                    existing.insert(try row["message_id"])
                }
            }
            let fresh = events.filter { !existing.contains($0.messageID) }
            try await connection.upsert(fresh, into: Tables.usageEvents, dialect: dialect)
            let counted = fresh.filter { $0.accountID != nil && ($0.type == .track || $0.type == .page) }
            touched += counted.map { [SQLValue($0.accountID), SQLValue(UTCCalendar.startOfDay($0.timestamp)), SQLValue($0.event)] }
            try await Self.rebuildRollups(touched, on: connection, dialect: dialect)
            return UsageIngestResult(stored: fresh.count, duplicates: batch.events.count - fresh.count, attributed: counted.count)
        }
    }

    /// Recomputes the rollups of the given `(account_id, day, event)` keys from the raw events.
    ///
    /// Each key is locked first, so that transactions recomputing the same key
    /// (on any node) take turns and each one counts the events the other committed.
    static func rebuildRollups(_ keys: [[SQLValue]], on connection: any SQLConnection, dialect: SQLDialect) async throws {
        let unique = keys.filter { $0.count == 3 && $0[0] != .null && $0[2] != .null }.removingDuplicates { $0 }
        try await lockRollups(unique, on: connection, dialect: dialect)
        // One indexed lookup per key (usage_events_account): a join would let the planner scan every event.
        let match: SQLQuery = "e.account_id = t.account_id AND e.day = t.day AND e.event = t.event AND e.type IN ('track', 'page')"
        for chunk in unique.chunked(into: 300) {
            try await connection.run(
                """
                WITH touched (account_id, day, event) AS (VALUES \(bindRows: chunk))
                INSERT INTO usage_rollups (account_id, day, event, count, users, last_at)
                SELECT t.account_id, t.day, t.event,
                    (SELECT COUNT(*) FROM usage_events e WHERE \(match)),
                    (SELECT COUNT(DISTINCT COALESCE(e.user_id, e.anonymous_id)) FROM usage_events e WHERE \(match)),
                    (SELECT MAX(e.occurred_at) FROM usage_events e WHERE \(match))
                FROM touched t WHERE EXISTS (SELECT 1 FROM usage_events e WHERE \(match))
                ON CONFLICT (account_id, day, event) DO UPDATE SET count = excluded.count, users = excluded.users, last_at = excluded.last_at
                """)
        }
    }

    /// Takes PostgreSQL transaction-scoped advisory locks on the rollup keys, in one
    /// sorted order so that two transactions never wait on each other's locks.
    ///
    /// Under READ COMMITTED each later statement then sees what the previous holder
    /// committed. SQLite needs none: `BEGIN IMMEDIATE` serialises its writers.
    private static func lockRollups(_ keys: [[SQLValue]], on connection: any SQLConnection, dialect: SQLDialect) async throws {
        guard dialect == .postgres, !keys.isEmpty else { return }
        let names = keys.map { key in key.map { String(describing: $0) }.joined(separator: "\u{1F}") }
        for chunk in names.chunked(into: 1_000) {
            try await connection.run(
                """
                SELECT pg_advisory_xact_lock(k)
                FROM (SELECT DISTINCT hashtextextended(v, 0) AS k FROM (VALUES \(bindRows: chunk.lazy.map { CollectionOfOne(SQLValue.text($0)) })) AS t (v)) AS keys
                ORDER BY k
                """)
        }
    }

    /// The traits of the user's latest stored `identify` call, if any.
    static func latestProfile(of userID: String, on connection: any SQLConnection) async throws -> UsageBatch.UserProfile? {
        let rows = try await connection.run(
            "SELECT properties FROM usage_events WHERE user_id = \(bind: userID) AND type = 'identify' ORDER BY occurred_at DESC LIMIT 1")
        guard let row = rows.first else { return nil }
        let traits = try row.json("properties", as: [String: JSONValue].self)
        return UsageBatch.UserProfile(name: traits["name"]?.stringValue, email: traits["email"]?.stringValue, title: traits["title"]?.stringValue)
    }

    static func accounts(forGroups groups: [String], on connection: any SQLConnection) async throws -> [String: String] {
        var found: [String: String] = [:]
        for chunk in groups.chunked(into: 400) {
            for row in try await connection.run("SELECT segment_group_id, id FROM accounts WHERE segment_group_id IN (\(bindEach: chunk))") {
                found[try row["segment_group_id"]] = try row["id"]
            }
        }
        return found
    }

    static func accounts(forUsers users: [String], on connection: any SQLConnection) async throws -> [String: String] {
        var found: [String: String] = [:]
        for chunk in users.chunked(into: 400) {
            for row in try await connection.run("SELECT segment_user_id, account_id FROM contacts WHERE segment_user_id IN (\(bindEach: chunk))") {
                found[try row["segment_user_id"]] = try row["account_id"]
            }
        }
        return found
    }
}
