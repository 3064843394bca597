import Foundation

/// Contacts, tickets, surveys, touchpoints and tasks, and the account record itself.
extension DemoAccountSimulation {
    var companyName: String {
        var names = SeededGenerator(seed: generator.seed, stream: UInt64(index) &* 31 &+ 7)
        let suffix = names.pick(DemoNames.suffixes)
        return "\(names.pick(DemoNames.prefixes)) \(names.pick(DemoNames.cores))\(suffix)"
    }

    var domain: String {
        let slug = companyName.lowercased().filter { $0.isLetter }
        return "\(slug)\(index + 1).example.com"
    }

    mutating func makeContacts() {
        let count = switch segment {
        case .selfServe: rng.int(in: 1...2)
        case .smb: rng.int(in: 2...5)
        case .midMarket: rng.int(in: 4...10)
        case .enterprise: rng.int(in: 8...20)
        }
        hasExecutiveSponsor = (segment == .midMarket || segment == .enterprise) && rng.chance(0.6)
        for number in 1...count {
            let first = rng.pick(DemoNames.firstNames), last = rng.pick(DemoNames.lastNames)
            let role: ContactRole = switch number {
            case 1: .admin
            case 2: .champion
            case 3 where hasExecutiveSponsor: .executiveSponsor
            case 4: .billing
            default: .user
            }
            let id = "ct_\(index + 1)_\(number)"
            contactIDs.append(id)
            facts.contacts.append(Contact(
                id: id, accountID: accountID, name: "\(first) \(last)",
                email: "\(first.lowercased()).\(last.lowercased())@\(domain)",
                title: role == .executiveSponsor ? "Chief Operating Officer" : rng.pick(DemoNames.titles),
                role: role, segmentUserID: "usr_\(index + 1)_\(number)", createdAt: signup))
        }
    }

    /// Tickets, survey answers, CSM touchpoints and tasks for one served week.
    mutating func simulateRelationship(week: Int, at weekStart: Date) {
        let level = min(1, max(0, engagement(week: week)))
        let struggle = max(0, 0.45 - level) / 0.45
        let ticketRate = 0.03 * Double(teamSize).squareRoot() * friction * (1 + 2.5 * struggle)
        for _ in 0..<rng.poisson(min(ticketRate, 6)) { openTicket(at: weekStart.adding(days: 7 * rng.unit())) }
        let daysIn = weekStart.timeIntervalSince(signup) / 86_400
        if daysIn >= 70, Int(daysIn - 70) % 182 < 7 { surveyNPS(at: weekStart.adding(days: 2), level: level) }
        if week == 6 && rng.chance(0.3) {
            addSurvey(.ces, score: clamp(Int((2 + 3 * (1 - level) + rng.normal()).rounded()), 1...7), at: weekStart)
        }
        if ownerID != nil { recordTouchpoints(week: week, at: weekStart) }
    }

    private mutating func openTicket(at openedAt: Date) {
        guard openedAt <= asOf else { return }
        ticketDates.append(openedAt)
        let topic = rng.pick(DemoNames.ticketSubjects)
        let priority: Ticket.Priority = rng.pick([(.low, 0.25), (.normal, 0.5), (.high, 0.2), (.urgent, 0.05)])
        let resolvedAt = openedAt.adding(days: 0.1 + rng.unit() * (priority >= .high ? 3 : 8))
        let resolved = resolvedAt <= asOf
        facts.tickets.append(Ticket(
            id: "tkt_\(index + 1)_\(ticketDates.count)", accountID: accountID, subject: topic.subject,
            priority: priority, status: resolved ? .solved : .open, category: topic.category,
            openedAt: openedAt, resolvedAt: resolved ? resolvedAt : nil))
        if resolved && rng.chance(0.3) {
            let penalty = 0.8 * (friction - 1) + (priority >= .high ? 1.0 : 0)
            addSurvey(.csat, score: clamp(Int((4.6 - penalty + rng.normal(deviation: 0.7)).rounded()), 1...5), at: resolvedAt)
        }
    }

    private mutating func surveyNPS(at instant: Date, level: Double) {
        for _ in contactIDs where rng.chance(0.35) {
            let score = clamp(Int((3 + 8 * level - 1.5 * (friction - 1) + rng.normal(deviation: 1.3)).rounded()), 0...10)
            addSurvey(.nps, score: score, at: instant.adding(days: 3 * rng.unit()))
        }
    }

    private mutating func addSurvey(_ kind: SurveyResponse.Kind, score: Int, at instant: Date) {
        guard instant <= asOf else { return }
        if kind == .nps { npsAnswers.append((instant, score)) }
        let comment: String? = switch (kind, score) {
        case (.nps, 0...6) where rng.chance(0.6): rng.pick(DemoNames.detractorComments)
        case (.nps, 9...10) where rng.chance(0.4): rng.pick(DemoNames.promoterComments)
        default: nil
        }
        facts.surveyResponses.append(SurveyResponse(
            id: "srv_\(index + 1)_\(facts.surveyResponses.count + 1)", accountID: accountID,
            contactID: rng.pick(contactIDs), kind: kind, score: score, comment: comment, respondedAt: instant))
    }

    private mutating func recordTouchpoints(week: Int, at weekStart: Date) {
        let at = weekStart.adding(days: 1 + 3 * rng.unit())
        guard at <= asOf else { return }
        let qbrEvery = segment == .enterprise ? 13 : 26
        if segment != .smb && week > 0 && week % qbrEvery == 0 {
            addTouchpoint(.qbr, "Quarterly business review: goals, adoption and roadmap.", at: at,
                          sponsor: hasExecutiveSponsor && rng.chance(0.7), nextStep: ("Send the QBR summary and agreed actions", 3))
        } else if segment == .enterprise && week % 4 == 2 && rng.chance(0.7) {
            addTouchpoint(.call, "Check-in call with the champion.", at: at, sponsor: false,
                          nextStep: ("Answer the questions from the check-in call", 7))
        } else if segment == .midMarket && week % 8 == 4 && rng.chance(0.5) {
            addTouchpoint(.call, "Adoption check-in.", at: at, sponsor: false, nextStep: ("Share the adoption plan agreed on the call", 7))
        } else if segment == .smb && week % 12 == 6 && rng.chance(0.4) {
            addTouchpoint(.email, "Sent the quarterly best-practice digest.", at: at, sponsor: false)
        }
        if week == 0 {
            addTask("Kickoff call with \(companyName)", due: signup.adding(days: 7), at: signup,
                    completed: signup.adding(days: Double(rng.int(in: 2...10))))
        }
    }

    /// Logs a touchpoint; its next step, if any, becomes a task for the CSM due that many days later.
    private mutating func addTouchpoint(_ kind: Touchpoint.Kind, _ summary: String, at instant: Date, sponsor: Bool,
                                        nextStep: (title: String, dueDays: Double)? = nil) {
        let id = "tp_\(index + 1)_\(facts.touchpoints.count + 1)"
        facts.touchpoints.append(Touchpoint(
            id: id, accountID: accountID, csmID: ownerID, kind: kind, occurredAt: instant, summary: summary,
            executiveSponsorPresent: sponsor, nextStep: nextStep?.title))
        if let nextStep {
            facts.tasks.append(worked(SuccessTask(
                accountID: accountID, ownerID: ownerID, title: nextStep.title, dueAt: instant.adding(days: nextStep.dueDays),
                createdAt: instant, source: "touchpoint:\(id)")))
        }
    }

    /// `task` with the demo's id, as its owner has worked it by `asOf`: done with an outcome when finished by then (most
    /// before the due date, some days late, a few weeks late), open otherwise.
    mutating func worked(_ task: SuccessTask) -> SuccessTask {
        var task = task
        task.id = "task_\(index + 1)_\(facts.tasks.count + 1)"
        let due = task.dueAt ?? task.createdAt.adding(days: 7)
        let finished = switch workRNG.unit() {
        case ..<0.5: task.createdAt.addingTimeInterval(max(3_600, due.timeIntervalSince(task.createdAt)) * (0.1 + 0.9 * workRNG.unit()))
        case ..<0.8: due.adding(days: 1 + 9 * workRNG.unit())
        default: due.adding(days: 10 + 35 * workRNG.unit())
        }
        guard finished <= asOf else { return task }
        task.status = .done
        task.completedAt = finished
        task.updatedAt = finished
        task.outcome = workRNG.pick([(.resolved, 0.4), (.saved, 0.2), (.noResponse, 0.2), (.riskConfirmed, 0.1), (.expansion, 0.05),
                                     (.notNeeded, 0.05)])
        return task
    }

    private mutating func addTask(_ title: String, due: Date, at created: Date, completed: Date?) {
        let done = completed.map { $0 <= asOf } ?? false
        facts.tasks.append(SuccessTask(
            id: "task_\(index + 1)_\(facts.tasks.count + 1)", accountID: accountID, ownerID: ownerID, title: title,
            status: done ? .done : .open, dueAt: due, createdAt: created, completedAt: done ? completed : nil))
    }

    /// The account as it stands at `asOf`, with its lifecycle stage read off its history.
    func makeAccount() -> Account {
        var names = SeededGenerator(seed: generator.seed, stream: UInt64(index) &* 131 &+ 3)
        let employees: Int = switch segment {
        case .selfServe: names.int(in: 1...20)
        case .smb: names.int(in: 20...200)
        case .midMarket: names.int(in: 200...1_000)
        case .enterprise: Int(1_000 * pow(20, names.unit()))
        }
        return Account(
            id: accountID, name: companyName, domain: domain, stripeCustomerID: "cus_demo\(index + 1)",
            segmentGroupID: "grp_\(index + 1)", industry: names.pick(DemoNames.industries), employeeCount: employees,
            ownerID: ownerID, lifecycleStage: lifecycleStage, segment: segment.rawValue, currency: .usd,
            tags: segment == .enterprise ? ["strategic"] : [],
            traits: ["signup_channel": .string(names.pick(["organic", "paid_search", "partner", "outbound"]))],
            createdAt: signup, updatedAt: asOf)
    }

    private var lifecycleStage: LifecycleStage {
        guard let subscription, isServing(at: asOf) else { return .churned }
        if subscription.status == .trialing { return .trial }
        let age = asOf.timeIntervalSince(signup) / 86_400
        if age < 90 { return .onboarding }
        if subscription.currentPeriodEnd.timeIntervalSince(asOf) < 120 * 86_400
            && subscription.currentPeriodEnd.timeIntervalSince(subscription.currentPeriodStart) > 80 * 86_400 {
            return .renewal
        }
        if let nps = npsAnswers.last, nps.score >= 9 { return .advocacy }
        return activated && age > 180 ? .valueRealization : .adoption
    }
}

func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int { min(range.upperBound, max(range.lowerBound, value)) }
