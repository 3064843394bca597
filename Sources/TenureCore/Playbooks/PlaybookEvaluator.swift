import Foundation

/// Whether a trigger's occurrence enrolls an account in a playbook, holds it out, or passes it by — and why, in words.
public enum PlaybookEvaluator {
    /// The decision for `occurrence` of `subject`, checked in order: the trigger matches, the account has no active
    /// run of the playbook, its last start (`lastStart`) is outside the limit's days, the conditions hold; then the
    /// account is held out when `heldOut` (the caller's holdout draw) or enrolled.
    public static func decide(_ playbook: Playbook, occurrence: TriggerOccurrence, subject: PlaybookSubject, lastStart: Date?,
                              hasActiveRun: Bool, heldOut: Bool) -> Enrollment {
        guard playbook.trigger.matches(occurrence) else { return .skip(reason: "trigger did not match") }
        if hasActiveRun { return .skip(reason: "already in an active run") }
        if let days = playbook.limit.oncePerAccountDays, let lastStart, occurrence.at < lastStart.adding(days: Double(days)) {
            return .skip(reason: "enrolled \(ago(lastStart, at: occurrence.at)); limit once per \(days == 1 ? "day" : "\(days) days")")
        }
        let check = playbook.conditions.evaluate(subject, taskOpen: nil)
        if let failed = check.failed { return .skip(reason: "condition not met: \(failed)") }
        let trace = "fired because \(occurrence.reason); "
            + (check.matched.isEmpty ? "no conditions" : "conditions matched: \(check.matched.joined(separator: ", "))")
        guard heldOut else { return .enroll(trace: trace) }
        return .holdOut(trace: "\(trace); held out of the playbook (\(PlaybookText.percent(playbook.holdout)) holdout)")
    }

    /// `today`, `1 day ago`, `12 days ago`: whole days from `start` to `now`.
    private static func ago(_ start: Date, at now: Date) -> String {
        let days = Int((now.timeIntervalSince(start) / 86_400).rounded(.down))
        return days <= 0 ? "today" : days == 1 ? "1 day ago" : "\(days) days ago"
    }
}

/// What a playbook does with a trigger's occurrence for one account.
public enum Enrollment: Hashable, Sendable {
    /// Start a run; `trace` says why it fired and which conditions matched.
    case enroll(trace: String)
    /// Record a held-out run (no steps), to measure the playbook's effect.
    case holdOut(trace: String)
    /// Do nothing, for this reason.
    case skip(reason: String)
}
