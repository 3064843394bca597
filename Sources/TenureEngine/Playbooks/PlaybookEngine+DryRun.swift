import Foundation
import TenureCore
import TenureStore

extension PlaybookEngine {
    /// Replays `playbook` over the last `days` days of stored history, writing nothing: the trigger's occurrences are rebuilt
    /// from the facts and scores Tenure keeps (survey answers, payments, cancellations, health colour changes, renewals,
    /// schedules, missed milestones, usage drops) together with the outbox, and each is decided as a real run would decide
    /// it, with conditions checked against the accounts as they are now.
    public func dryRun(_ playbook: Playbook, days: Int) async throws -> PlaybookDryRun {
        let now = clock.now()
        let from = now.addingTimeInterval(-Double(days) * 86_400)
        let occurrences = try await historicalOccurrences(of: playbook, from: from, to: now)
            .sorted { ($0.at, $0.accountID, $0.key) < ($1.at, $1.accountID, $1.key) }
        var simulation = DryRunSimulation(playbook: playbook, from: from, to: now, deadlines: configuration.deadlines)
        var subjects: [String: PlaybookSubject?] = [:]
        for occurrence in occurrences {
            if subjects[occurrence.accountID] == nil { subjects[occurrence.accountID] = .some(try await subject(accountID: occurrence.accountID)) }
            guard let subject = subjects[occurrence.accountID] ?? nil else { continue }
            simulation.replay(occurrence, subject: subject)
        }
        return simulation.finished()
    }

    /// Every occurrence of the playbook's trigger in `[from, to]`.
    func historicalOccurrences(of playbook: Playbook, from: Date, to now: Date) async throws -> [TriggerOccurrence] {
        switch playbook.trigger {
        case .event, .segmentEntered, .segmentExited, .stageChanged:
            return try await historicalEvents(from: from, to: now)
        case .schedule:
            return try await dailyOccurrences(of: playbook, scheduledAfter: from, missedAfter: from, at: now)
        case .milestoneMissed:
            return try await dailyOccurrences(of: playbook, scheduledAfter: from, missedAfter: from, at: now)
        case .usageDrop:
            var occurrences: [TriggerOccurrence] = []
            var day = from
            while day <= now {
                occurrences += try await dailyOccurrences(of: playbook, scheduledAfter: day, missedAfter: day, at: day)
                day = day.addingTimeInterval(86_400)
            }
            return occurrences
        case .manual:
            return []
        }
    }

    /// The events of `[from, to]`: the outbox's, and those rebuilt from stored facts and daily scores, one per key.
    func historicalEvents(from: Date, to now: Date) async throws -> [TriggerOccurrence] {
        var byKey: [String: TriggerOccurrence] = [:]
        for event in try await store.factEvents(from: from, to: now) {
            if let occurrence = TriggerOccurrence(event: event) { byKey[occurrence.key] = occurrence }
        }
        for occurrence in try await healthChanges(from: from, to: now) { byKey[occurrence.key] = occurrence }
        var offset = 0
        while true {
            let page = try await store.events(EventQuery(since: from, limit: 500, offset: offset))
            for event in page.items where event.occurredAt <= now {
                if let occurrence = TriggerOccurrence(event) { byKey[occurrence.key] = occurrence }
            }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        return Array(byKey.values)
    }

    /// `account.health.changed` occurrences for each change of colour between consecutive daily scores in the window.
    func healthChanges(from: Date, to now: Date) async throws -> [TriggerOccurrence] {
        let thresholds = try await HealthEngine(store: store).activeHealthDefinition(at: now).definition.thresholds
        let history = try await store.healthScores(from: from.addingTimeInterval(-86_400), before: now)
        var occurrences: [TriggerOccurrence] = []
        for (accountID, points) in history {
            let sorted = points.sorted { $0.at < $1.at }
            for (before, after) in zip(sorted, sorted.dropFirst()) where after.at >= from {
                let (was, now) = (thresholds.colour(of: before.score), thresholds.colour(of: after.score))
                guard was != now else { continue }
                let data: [String: JSONValue] = [
                    "account_id": .string(accountID),
                    "previous": .object(["score": .number(before.score.rounded()), "colour": .string(was.rawValue)]),
                    "current": .object(["score": .number(after.score.rounded()), "colour": .string(now.rawValue)]),
                    "reason": .string("colour"),
                ]
                let day = String(JSONCoding.format(after.at).prefix(10))
                occurrences.append(TriggerOccurrence(type: EventType.accountHealthChanged.rawValue, accountID: accountID, at: after.at,
                                                     data: data, key: "account.health.changed:\(accountID):\(day):\(now.rawValue)"))
            }
        }
        return occurrences
    }
}
