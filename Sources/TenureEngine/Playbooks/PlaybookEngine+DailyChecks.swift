import Foundation
import TenureCore
import TenureStore

extension PlaybookEngine {
    /// The setting that holds the last hour the daily checks ran for.
    static let checkedHourKey = "playbooks.checked_until"
    /// Usage drops are only judged when the earlier window held at least this many events.
    static let usageDropMinimumEvents: Int64 = 10
    /// A milestone missed longer ago than this when a playbook is activated fires nothing.
    static let milestoneLookback: TimeInterval = 7 * 86_400

    /// Once an hour: schedules whose times came since the last check, first-value milestones missed, and usage drops.
    func startFromDailyChecks(_ playbooks: [ActivePlaybook], at now: Date) async throws -> StartCounts {
        let checking = playbooks.filter { !$0.playbook.trigger.listensToEvents && $0.playbook.trigger != .manual }
        let hour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
        let last = try await store.setting(Self.checkedHourKey).flatMap(JSONCoding.parse) ?? hour.addingTimeInterval(-3_600)
        guard hour > last else { return StartCounts() }
        var counts = StartCounts()
        for active in checking {
            let occurrences = try await dailyOccurrences(of: active.playbook, scheduledAfter: last,
                                                         missedAfter: now.addingTimeInterval(-Self.milestoneLookback), at: now)
            for occurrence in occurrences {
                counts.add(try await start(active, for: occurrence, at: now))
            }
        }
        try await store.setSetting(Self.checkedHourKey, to: JSONCoding.format(hour))
        return counts
    }

    /// The occurrences at `now` of a schedule (its times after `scheduledAfter`: every account at each), a missed milestone
    /// (deadlines after `missedAfter`) or a usage drop (judged at `now`).
    func dailyOccurrences(of playbook: Playbook, scheduledAfter: Date, missedAfter from: Date, at now: Date) async throws -> [TriggerOccurrence] {
        switch playbook.trigger {
        case .schedule(let cron):
            let times = cron.occurrences(from: scheduledAfter, to: now, in: configuration.calendar.timeZone)
            guard !times.isEmpty else { return [] }
            let accounts = try await store.accountAttributes().map(\.id)
            return times.flatMap { time in
                accounts.map { TriggerOccurrence.schedule(accountID: $0, at: time) }
            }
        case .milestoneMissed(let days):
            let product = try await store.decodedSetting(SettingKey.productConfiguration, as: ProductConfiguration.self) ?? ProductConfiguration()
            guard let milestone = product.firstValue else { return [] }
            let reached = try await store.milestoneReached(milestone)
            let window = TimeInterval(days) * 86_400
            return try await store.accountAttributes().compactMap { account in
                let deadline = account.createdAt.addingTimeInterval(window)
                guard reached[account.id].map({ $0 > deadline }) ?? true, deadline <= now, deadline > from else { return nil }
                return TriggerOccurrence.milestoneMissed(accountID: account.id, days: days, at: deadline)
            }
        case .usageDrop(let percent, let days):
            let product = try await store.decodedSetting(SettingKey.productConfiguration, as: ProductConfiguration.self) ?? ProductConfiguration()
            let recent = UsageCondition.Window(event: product.engagementEvent, days: days)
            let both = UsageCondition.Window(event: product.engagementEvent, days: 2 * days)
            let totals = try await store.usageTotals([recent, both], asOf: now)
            return (totals[both] ?? [:]).compactMap { accountID, total in
                let last = totals[recent]?[accountID] ?? 0
                let before = total - last
                guard before >= Self.usageDropMinimumEvents, Double(before - last) >= percent / 100 * Double(before) else { return nil }
                return TriggerOccurrence.usageDrop(accountID: accountID, before: before, after: last, days: days, at: now)
            }
        case .event, .segmentEntered, .segmentExited, .stageChanged, .manual:
            return []
        }
    }
}
