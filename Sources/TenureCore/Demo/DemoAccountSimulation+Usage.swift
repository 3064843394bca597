import Foundation

/// Product usage, and the churn signals read back from it.
extension DemoAccountSimulation {
    /// Relative weekly rate of each core feature per active user.
    static let featureRates = [1.0, 2.0, 0.6, 0.8, 0.2]

    /// Simulates one week of product use and writes its rollups.
    mutating func simulateUsage(week: Int, from weekStart: Date, to weekEnd: Date) {
        let level = engagement(week: week)
        var active = 0
        if isServing(at: weekStart) {
            if week % 4 == 0 && level > 0.55 && rng.chance(0.5) {
                teamSize += max(1, rng.poisson(Double(teamSize) * 0.04 * level))
            }
            let seatCap = subscription?.items.first.map { Int($0.quantity) } ?? teamSize
            let cap = tier == 0 ? min(3, teamSize) : min(teamSize, seatCap)
            let expected = Double(cap) * level
            active = min(cap, max(0, Int(rng.normal(mean: expected, deviation: (expected * (1 - level)).squareRoot()).rounded())))
        }
        var weekLogins = 0, weekBreadth = 0, weekReports = 0
        if active > 0 {
            weekLogins = rng.poisson(Double(active) * 3.5 * (0.5 + level))
            addRollup(DemoCatalog.loginEvent, count: weekLogins, users: active, weekStart: weekStart, weekEnd: weekEnd)
            let features = min(5, max(1, Int((5 * level + rng.normal(deviation: 0.8)).rounded())))
            for feature in 0..<features {
                let count = rng.poisson(Double(active) * Self.featureRates[feature] * (0.3 + level))
                guard count > 0 else { continue }
                weekBreadth += 1
                let users = min(active, max(1, rng.poisson(Double(active) * 0.5)))
                addRollup(DemoCatalog.coreFeatures[feature], count: count, users: users, weekStart: weekStart, weekEnd: weekEnd)
                if feature == 0 { weekReports = count }
            }
        }
        logins.append(weekLogins)
        breadth.append(weekBreadth)
        activeUsers.append(active)
        reportsPerWeek.append(weekReports)
    }

    private mutating func addRollup(_ event: String, count: Int, users: Int, weekStart: Date, weekEnd: Date) {
        guard count > 0 else { return }
        let span = weekEnd.timeIntervalSince(weekStart)
        let lastAt = weekStart.addingTimeInterval(span * (0.5 + 0.5 * rng.unit()))
        facts.usageRollups.append(UsageRollup(
            accountID: accountID, day: UTCCalendar.startOfDay(weekStart), event: event, count: Int64(count),
            users: Int64(users), lastAt: lastAt))
    }

    /// Reports created in the given weeks since sign-up.
    func reportsCreated(inWeeks weeks: ClosedRange<Int>) -> Int {
        weeks.reduce(0) { $0 + ($1 < reportsPerWeek.count ? reportsPerWeek[$1] : 0) }
    }

    /// What the account's data showed at `instant`, and the churn log-odds it implies.
    func churnSignals(at instant: Date) -> ChurnSignals {
        let week = min(logins.count - 1, max(0, Int(instant.timeIntervalSince(signup) / (7 * 86_400))))
        let recentWeeks = max(0, week - 3)...max(0, week)
        let firstWeeks = 0...min(3, logins.count - 1)
        let recentLogins = recentWeeks.reduce(0) { $0 + logins[$1] }
        let firstLogins = firstWeeks.reduce(0) { $0 + logins[$1] }
        let windowStart = instant.adding(days: -60)
        let lastNPS = npsAnswers.last { $0.date <= instant }?.score
        return ChurnSignals(
            segment: segment,
            loginTrend: Double(recentLogins + 1) / Double(firstLogins + 1),
            breadth: recentWeeks.map { breadth[$0] }.max() ?? 0,
            recentTickets: ticketDates.filter { $0 > windowStart && $0 <= instant }.count,
            detractor: lastNPS.map { $0 <= 6 } ?? false,
            activated: activated,
            executiveSponsor: hasExecutiveSponsor && (segment == .midMarket || segment == .enterprise))
    }
}

/// The observable signals the demo's churn decision depends on.
struct ChurnSignals {
    var segment: DemoSegment
    /// Logins in the last 4 weeks ÷ logins in the first 4 weeks (each +1).
    var loginTrend: Double
    /// Core features used in the best of the last 4 weeks.
    var breadth: Int
    /// Tickets opened in the last 60 days.
    var recentTickets: Int
    var detractor: Bool
    var activated: Bool
    var executiveSponsor: Bool

    /// Log-odds of voluntary churn within one month.
    var logit: Double {
        var value = segment.baseChurnLogit
        if loginTrend < 0.5 { value += 1.8 }
        if loginTrend < 0.25 { value += 0.7 }
        if breadth <= 1 { value += 0.6 }
        if breadth >= 4 { value -= 0.6 }
        value += 0.3 * Double(min(recentTickets, 5))
        if detractor { value += 0.9 }
        if !activated { value += 1.1 }
        if executiveSponsor { value -= 0.6 }
        return value
    }

    /// What a churning customer says, following the signal that drove them away.
    func feedback(_ rng: inout SeededGenerator) -> CancellationFeedback {
        if loginTrend < 0.5 || breadth <= 1 {
            return rng.pick([(.unused, 0.6), (.tooComplex, 0.25), (.tooExpensive, 0.15)])
        }
        if recentTickets >= 3 { return rng.pick([(.lowQuality, 0.5), (.customerService, 0.5)]) }
        if detractor { return rng.pick([(.missingFeatures, 0.5), (.switchedService, 0.3), (.lowQuality, 0.2)]) }
        return rng.pick([(.tooExpensive, 0.4), (.switchedService, 0.3), (.missingFeatures, 0.2), (.other, 0.1)])
    }
}
