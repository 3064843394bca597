import Foundation
import TenureCore
import TenureStore

/// Where a task falls in a CSM's day: overdue, due today, due this week (the next seven days), later, or snoozed.
enum WorkGroup: String, Sendable, CaseIterable {
    case overdue, dueToday, thisWeek, later, snoozed

    /// The group's heading.
    var label: String {
        switch self {
        case .overdue: "Overdue"
        case .dueToday: "Due today"
        case .thisWeek: "This week"
        case .later: "Later"
        case .snoozed: "Snoozed"
        }
    }

    /// A slug for ids and test hooks.
    var key: String {
        switch self {
        case .overdue: "overdue"
        case .dueToday: "due-today"
        case .thisWeek: "this-week"
        case .later: "later"
        case .snoozed: "snoozed"
        }
    }
}

/// The day and the week a task list is read against, in UTC: today ends at the next midnight, this week seven days
/// after today's start.
struct WorkHorizon: Sendable, Hashable {
    var now: Date
    var dayEnd: Date
    var weekEnd: Date

    init(now: Date) {
        self.now = now
        let today = UTCCalendar.startOfDay(now)
        dayEnd = today.adding(days: 1)
        weekEnd = today.adding(days: 7)
    }

    /// The group of `task` by its deadline (the earlier of its due date and SLA); snoozed tasks apart, undated ones later.
    func group(of task: SuccessTask) -> WorkGroup {
        if task.status == .snoozed { return .snoozed }
        guard let deadline = task.deadline else { return .later }
        if deadline < now { return .overdue }
        if deadline < dayEnd { return .dueToday }
        return deadline < weekEnd ? .thisWeek : .later
    }
}

/// "My work": one person's (or one queue's, or everyone's) open tasks grouped by when they are due, with the
/// forms that work them and the one that adds a task.
struct WorkPage: Sendable {
    /// Whose tasks the page lists.
    enum Scope: Sendable, Hashable {
        case owner(id: String, name: String)
        case queue(String)
        /// Every open task, for someone who is not a CSM and picked no one.
        case everyone
    }

    var scope: Scope
    /// The signed-in person's CSM record, found by email.
    var me: CSM?
    var groups: [(group: WorkGroup, rows: [TaskRow])]
    /// Open tasks in scope, of which the groups show at most ``limit``.
    var total: Int
    var csms: [CSM]
    var queues: [String]
    /// Account names for the new-task form's suggestions (the owner's book).
    var accountNames: [String]
    var forms: TaskForms?
    /// The new-task form's starting values (the owner in scope).
    var newTask: NewTaskForm
    var notice: String?
    var horizon: WorkHorizon

    /// Most tasks the page lists.
    static let limit = 300

    /// The scope a request asks for: `?owner=` or `?queue=`, else the signed-in person's own tasks (when a CSM has their
    /// email), else everyone's.
    static func scope(query: [String: String], me: CSM?, csms: [CSM]) -> Scope {
        if let queue = query["queue"].trimmedText { return .queue(String(queue.prefix(100))) }
        if let owner = query["owner"].trimmedText {
            return .owner(id: String(owner.prefix(200)), name: csms.first { $0.id == owner }?.name ?? owner)
        }
        return me.map { .owner(id: $0.id, name: $0.name) } ?? .everyone
    }

    /// The path of the page for `scope`.
    static func path(_ scope: Scope) -> String {
        switch scope {
        case .owner(let id, _): "/work" + Layout.query([("owner", id)])
        case .queue(let name): "/work" + Layout.query([("queue", name)])
        case .everyone: "/work"
        }
    }

    /// The CSM whose email is the signed-in person's.
    static func csm(of user: DashboardUser, in csms: [CSM]) -> CSM? {
        csms.first { $0.email.caseInsensitiveCompare(user.email) == .orderedSame }
    }

    static func load(store: any Store, user: DashboardUser, query: [String: String], now: Date) async throws -> WorkPage {
        let csms = try await store.csms()
        let me = csm(of: user, in: csms)
        let scope = scope(query: query, me: me, csms: csms)
        var taskQuery = TaskQuery(limit: limit)
        var defaultOwner: TaskOwnerChoice? = me.map { .csm($0.id) }
        switch scope {
        case .owner(let id, _): (taskQuery.ownerID, defaultOwner) = (id, .csm(id))
        case .queue(let name): (taskQuery.queue, defaultOwner) = (name, .queue(name))
        case .everyone: break
        }
        let horizon = WorkHorizon(now: now)
        async let tasks = store.tasks(taskQuery)
        async let queues = TaskForms.queues(in: store, now: now)
        async let book = accountNames(store: store, ownerID: taskQuery.ownerID)
        async let notice = TaskNoticeText.load(store: store, query: query)
        let page = try await tasks
        let grouped = Dictionary(grouping: page.items) { horizon.group(of: $0.task) }
        let queueNames = try await queues
        return WorkPage(
            scope: scope, me: me, groups: WorkGroup.allCases.map { ($0, grouped[$0] ?? []) }, total: page.total,
            csms: csms.sorted { ($0.name, $0.id) < ($1.name, $1.id) }, queues: queueNames, accountNames: try await book,
            forms: TaskForms(user: user, returnTo: path(scope), csms: csms, queues: queueNames),
            newTask: NewTaskForm(owner: defaultOwner?.formValue), notice: try await notice, horizon: horizon)
    }

    /// The names of the accounts `ownerID` owns, by name; none without an owner.
    static func accountNames(store: any Store, ownerID: String?) async throws -> [String] {
        guard let ownerID else { return [] }
        return try await store.accounts(AccountQuery(ownerID: ownerID, limit: AccountQuery.maximumLimit)).items.map(\.account.name).sorted()
    }
}

/// The notice line of a page an action redirected to.
enum TaskNoticeText {
    /// The words of the query's notice, naming the task by its title; `nil` without one.
    static func load(store: any Store, query: [String: String]) async throws -> String? {
        guard let notice = TaskNotice(query: query) else { return nil }
        guard let id = notice.taskID else { return notice.message(title: nil) }
        return notice.message(title: try await store.task(id: id)?.title)
    }
}

/// The team view for a CS lead: each CSM's and each queue's open work.
struct TeamPage: Sendable {
    var loads: [TaskLoad]

    static func load(store: any Store, now: Date) async throws -> TeamPage {
        let horizon = WorkHorizon(now: now)
        return TeamPage(loads: try await store.taskLoad(at: now, dayEnd: horizon.dayEnd, weekEnd: horizon.weekEnd))
    }

    /// The row's name: the CSM's, the queue's, or "Unassigned".
    static func name(_ load: TaskLoad) -> String {
        load.ownerName ?? load.ownerID ?? load.queue.map { "Queue: \($0)" } ?? "Unassigned"
    }

    /// The My work page of the row's CSM or queue; `nil` for unassigned tasks.
    static func link(_ load: TaskLoad) -> String? {
        if let owner = load.ownerID { return WorkPage.path(.owner(id: owner, name: "")) }
        return load.queue.map { WorkPage.path(.queue($0)) }
    }
}

/// One task's page: the task, its comments and history, and the same actions as My work.
struct TaskPage: Sendable {
    var row: TaskRow
    var comments: [TaskComment]
    var history: [TaskChange]
    var forms: TaskForms?
    var notice: String?
    /// Why the last action was refused (a field named), shown above the actions.
    var actionError: String?
    var now: Date

    /// The page of task `id`; `nil` when there is no such task.
    static func load(store: any Store, id: String, user: DashboardUser, query: [String: String], now: Date,
                     actionError: String? = nil) async throws -> TaskPage? {
        guard let task = try await store.task(id: id) else { return nil }
        async let comments = store.comments(taskID: id)
        async let history = store.taskHistory(taskID: id)
        async let csms = store.csms()
        async let forms = TaskForms.load(store: store, user: user, returnTo: TaskPaths.task(id), now: now)
        async let notice = TaskNoticeText.load(store: store, query: query)
        let owners = try await csms
        var accountName: String?
        if let accountID = task.accountID { accountName = try await store.account(id: accountID)?.account.name }
        return TaskPage(
            row: TaskRow(task: task, accountName: accountName, ownerName: task.ownerID.map { owner in owners.first { $0.id == owner }?.name ?? owner }),
            comments: try await comments, history: try await history, forms: try await forms, notice: try await notice,
            actionError: actionError, now: now)
    }
}

/// Paths of the task pages (the playbooks' are ``PlaybooksPaths``).
enum TaskPaths {
    /// `/tasks/{id}`, and `…/{id}/{action}` with one.
    static func task(_ id: String, _ action: String? = nil) -> String {
        "/tasks/" + NotificationsPaths.component(id) + (action.map { "/" + $0 } ?? "")
    }

    /// Where the "Log a touchpoint" form of an account posts.
    static func touchpoints(ofAccount id: String) -> String {
        Layout.accountPath(id) + "/touchpoints"
    }
}
