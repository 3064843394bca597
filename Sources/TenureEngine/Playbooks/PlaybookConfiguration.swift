import Foundation
import TenureCore

/// How playbooks and tasks behave in a deployment: the business calendar that SLAs count in, and the escalation rules.
public struct PlaybookConfiguration: Sendable, Hashable {
    public var calendar: BusinessCalendar
    public var escalation: EscalationPolicy

    public init(calendar: BusinessCalendar = .standard, escalation: EscalationPolicy = .standard) {
        self.calendar = calendar
        self.escalation = escalation
    }

    /// The due date and SLA deadline of a task a step creates at `now`: due days count calendar days, due business days
    /// and SLAs count the business calendar.
    func deadlines(of step: TaskStep, from now: Date) -> (due: Date?, sla: Date?) {
        let plain = StepPlanner.calendarDays(step, from: now)
        let due = step.dueBusinessDays.map { calendar.adding(businessDays: $0, to: now) } ?? plain.due
        let sla = step.slaBusinessHours.map { calendar.adding(businessHours: $0, to: now) }
            ?? step.slaBusinessDays.map { calendar.adding(businessDays: $0, to: now) }
        return (due, sla)
    }
}
