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
            // Earlier events of users who just joined an account are counted under it now.
            var added = RollupAdditions()
            for (userID, accountID) in batch.memberships.compactMapValues({ accountForGroup[$0] }).sorted(by: { $0.key < $1.key }) {
                for row in try await connection.run(
                    """
                    UPDATE usage_events SET account_id = \(bind: accountID) WHERE user_id = \(bind: userID) AND account_id IS NULL
                    RETURNING type, day, event, occurred_at
                    """) {
                    let type: UsageEvent.Kind = try row["type"], event: String? = try row["event"]
                    guard type == .track || type == .page, let event else { continue }
                    added.add(accountID: accountID, day: try row["day"], event: event, person: userID, at: try row["occurred_at"])
                }
            }
            // Raw events, first copy of each message id kept; a message id stored before is left as it was.
            // Sorted by message id, so that transactions inserting the same ids on PostgreSQL wait in one order.
            let events = batch.events.removingDuplicates(keepingLast: false) { $0.messageID }.map { event in
                var event = event
                event.accountID = event.accountID
                    ?? batch.eventGroups[event.messageID].flatMap { accountForGroup[$0] }
                    ?? event.userID.flatMap { accountForUser[$0] }
                return event
            }.sorted { $0.messageID < $1.messageID }
            let stored = try await connection.insertRows(
                events.map(Tables.usageEvents.encode), into: Tables.usageEvents.name, columns: Tables.usageEvents.columns,
                then: "ON CONFLICT (message_id) DO NOTHING RETURNING message_id")
            let fresh = Set(try stored.map { row -> String in try row["message_id"] })
            var attributed = 0
            for event in events where fresh.contains(event.messageID) && event.accountID != nil && (event.type == .track || event.type == .page) {
                guard let accountID = event.accountID, let name = event.event else { continue }
                added.add(accountID: accountID, day: SQLValue.milliseconds(UTCCalendar.startOfDay(event.timestamp)), event: name,
                          person: event.userID ?? event.anonymousID, at: SQLValue.milliseconds(event.timestamp))
                attributed += 1
            }
            try await Self.addToRollups(added, on: connection, dialect: dialect)
            return UsageIngestResult(stored: fresh.count, duplicates: batch.events.count - fresh.count, attributed: attributed)
        }
    }

    /// Events newly counted under rollup keys, summed by key and person: how many, and the latest.
    struct RollupAdditions {
        struct Key: Hashable {
            var accountID: String
            var day: Int64
            var event: String
            /// The user id, else the anonymous id, the way `users` counts people.
            var person: String?
        }

        private(set) var totals: [Key: (count: Int64, lastAt: Int64)] = [:]

        mutating func add(accountID: String, day: Int64, event: String, person: String?, at occurredAt: Int64) {
            let key = Key(accountID: accountID, day: day, event: event, person: person)
            let total = totals[key] ?? (0, occurredAt)
            totals[key] = (total.count + 1, max(total.lastAt, occurredAt))
        }
    }

    /// Adds newly stored (or newly attributed) events to the rollups in place of recounting every event of
    /// their keys: counts grow by the events added and `last_at` takes the later instant; `users` grows by
    /// each person whose events under a key are exactly the ones just added (none was stored before).
    ///
    /// The keys are locked first, so that transactions adding to the same key (on any node) take turns, and
    /// the later one's count of a person's events includes what the earlier one committed.
    static func addToRollups(_ additions: RollupAdditions, on connection: any SQLConnection, dialect: SQLDialect) async throws {
        let rows = additions.totals.map { key, total in
            [SQLValue.text(key.accountID), .integer(key.day), .text(key.event), SQLValue(key.person), .integer(total.count), .integer(total.lastAt)]
        }
        try await lockRollups(rows.map { Array($0.prefix(3)) }.removingDuplicates { $0 }, on: connection, dialect: dialect)
        // The person's events under the key: their entries in usage_events_account, which ends with the person and type.
        let stored: SQLQuery = """
            (SELECT COUNT(*) FROM usage_events e WHERE e.account_id = a.account_id AND e.day = a.day AND e.event = a.event
                AND e.type IN ('track', 'page') AND COALESCE(e.user_id, e.anonymous_id) = a.person)
            """
        // Chunks of one size, so that the statement's text repeats (SQLite keeps it compiled).
        for chunk in rows.chunked(into: 250) {
            try await connection.run(
                """
                WITH added (account_id, day, event, person, count, last_at) AS (VALUES \(bindRows: chunk))
                INSERT INTO usage_rollups (account_id, day, event, count, users, last_at)
                SELECT a.account_id, a.day, a.event, SUM(a.count),
                    SUM(CASE WHEN a.person IS NOT NULL AND a.count = \(stored) THEN 1 ELSE 0 END), MAX(a.last_at)
                FROM added a WHERE true GROUP BY a.account_id, a.day, a.event
                ON CONFLICT (account_id, day, event) DO UPDATE SET count = usage_rollups.count + excluded.count,
                    users = usage_rollups.users + excluded.users,
                    last_at = CASE WHEN excluded.last_at > usage_rollups.last_at THEN excluded.last_at ELSE usage_rollups.last_at END
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
