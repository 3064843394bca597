import Foundation
import TenureCore

/// The log of calls, meetings, QBRs, emails and notes with each account.
public protocol TouchpointStore: Sendable {
    /// Stores the touchpoint and, when given, the task made from its next step (with the task's history line and
    /// `task.created` event), in one transaction.
    func logTouchpoint(_ touchpoint: Touchpoint, nextTask: SuccessTask?, actor: String, at now: Date) async throws
    func touchpoint(id: String) async throws -> Touchpoint?
    /// Touchpoints, newest first.
    func touchpoints(_ query: TouchpointQuery) async throws -> Page<Touchpoint>
    /// The account's contacts — who may attend its touchpoints — by name.
    func contacts(ofAccount accountID: String) async throws -> [Contact]
}

/// Which touchpoints to list.
public struct TouchpointQuery: Sendable, Hashable {
    public var accountID: String?
    public var csmID: String?
    public var kind: Touchpoint.Kind?
    /// Touchpoints held at or after this instant.
    public var since: Date?
    public var limit: Int
    public var offset: Int

    public init(accountID: String? = nil, csmID: String? = nil, kind: Touchpoint.Kind? = nil, since: Date? = nil,
                limit: Int = 50, offset: Int = 0) {
        self.accountID = accountID
        self.csmID = csmID
        self.kind = kind
        self.since = since
        self.limit = limit
        self.offset = offset
    }
}
