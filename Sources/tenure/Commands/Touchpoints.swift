import ArgumentParser
import Foundation
import TenureCore
import TenureStore

extension Tenure {
    /// `tenure touchpoints`: the log of calls, meetings, QBRs, emails and notes with each account.
    struct Touchpoints: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log calls, meetings, QBRs, emails and notes with an account, and list them.",
            discussion: """
                A touchpoint has a kind, a date, the account's contacts who took part, a summary and maybe a next step, \
                which --task turns into a task. Touchpoints feed the health signals that read them (executive sponsor \
                seen, QBRs in the last 180 days).

                Examples:
                  tenure touchpoints log --account acct_0000527 --kind qbr \\
                      --summary "Reviewed adoption; sponsor wants SSO" --attendee cont_0001 \\
                      --next-step "Send the SSO plan" --task --due-days 3
                  tenure touchpoints list --account acct_0000527
                """,
            subcommands: [Log.self, List.self],
            defaultSubcommand: List.self)

        struct Log: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Log a touchpoint; with --task its next step becomes a task.",
                discussion: """
                    Kinds: call, meeting, qbr, email, note. The task made from the next step belongs to the CSM who held \
                    the touchpoint (--csm, default the account's owner).

                    Example:
                      tenure touchpoints log --account acct_0000527 --kind call \\
                          --summary "Champion is leaving in June" \\
                          --next-step "Meet the new admin" --task --due-days 7
                    """)

            @Option(help: "The account's id.")
            var account: String
            @Option(help: "call, meeting, qbr, email or note.")
            var kind: Touchpoint.Kind
            @Option(help: "What happened.")
            var summary: String
            @Option(help: "A contact of the account who took part, by id (repeat for several).")
            var attendee: [String] = []
            @Option(help: "The CSM who held it (default: the account's owner).")
            var csm: String?
            @Flag(help: "The customer's executive sponsor took part.")
            var executiveSponsor = false
            @Option(help: "When it took place: a date (2026-06-12) or an ISO 8601 instant (default: now).")
            var at: String?
            @Option(help: "What was agreed to do next.")
            var nextStep: String?
            @Flag(help: "Make the next step a task.")
            var task = false
            @Option(help: "Days from now until the next step's task is due (0 to 3650; default 7).")
            var dueDays: Int?
            @OptionGroup var database: DatabaseOptions

            func validate() throws {
                if task && nextStep == nil { throw ArgumentParser.ValidationError("--task needs --next-step TEXT") }
                if dueDays != nil && !task { throw ArgumentParser.ValidationError("--due-days needs --task") }
                if let dueDays, !(0...3_650).contains(dueDays) { throw ArgumentParser.ValidationError("--due-days must be between 0 and 3650") }
                if let at, JSONCoding.parse(at) == nil {
                    throw ArgumentParser.ValidationError("--at must be a date such as 2026-06-12 or an ISO 8601 instant")
                }
            }

            func run() async throws {
                let now = WallClock.command.now()
                let (touchpoint, nextTask) = try await database.withStore { store in
                    guard let record = try await store.account(id: account)?.account else {
                        throw TenureCore.ValidationError(field: "account_id", "there is no account '\(account)'")
                    }
                    let touchpoint = Touchpoint(accountID: account, csmID: csm ?? record.ownerID, kind: kind,
                                                occurredAt: at.flatMap(JSONCoding.parse) ?? now, summary: summary,
                                                executiveSponsorPresent: executiveSponsor, attendees: attendee, nextStep: nextStep)
                    try touchpoint.validate()
                    try touchpoint.checkAttendees(among: try await store.contacts(ofAccount: account), of: record.name)
                    var nextTask: SuccessTask?
                    if task, let nextStep {
                        nextTask = try await TaskOwner.newTask(about: account, owner: touchpoint.csmID, title: nextStep, dueDays: dueDays ?? 7,
                                                               source: "touchpoint:\(touchpoint.id)", store: store, at: now)
                    }
                    try await store.logTouchpoint(touchpoint, nextTask: nextTask, actor: CommandActor.current, at: now)
                    return (touchpoint, nextTask)
                }
                print("Logged \(touchpoint.kind.rawValue) \(touchpoint.id) with \(account).")
                if let nextTask {
                    print("Created task \(nextTask.id) for \(TaskOwner.text(nextTask)), due \(WorkTime.text(nextTask.dueAt, .table)) UTC: \(nextTask.title)")
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List touchpoints, newest first.",
                discussion: "Example:\n  tenure touchpoints list --account acct_0000527 --kind qbr --format csv")

            @Option(help: "Only touchpoints with this account.")
            var account: String?
            @Option(help: "Only touchpoints of this kind: call, meeting, qbr, email or note.")
            var kind: Touchpoint.Kind?
            @OptionGroup var paging: NotifyPaging
            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table
            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let query = TouchpointQuery(accountID: account, kind: kind, limit: paging.limit, offset: paging.offset)
                let page = try await database.withStore { try await $0.touchpoints(query) }
                let rows = page.items.map { touchpoint in
                    [touchpoint.id, WorkTime.text(touchpoint.occurredAt, format), touchpoint.kind.rawValue, touchpoint.accountID, touchpoint.csmID ?? "",
                     touchpoint.attendees.joined(separator: ","), touchpoint.summary, touchpoint.nextStep ?? ""]
                }
                print(TextTable(columns: ["id", "occurred_at", "kind", "account_id", "csm", "attendees", "summary", "next_step"], rows: rows)
                    .render(format))
                if format == .table, let more = page.remainder { print(more) }
            }
        }
    }
}

extension Touchpoint.Kind: ExpressibleByArgument {}
