import Foundation

/// Simulates one demo account from sign-up to the generator's `asOf`, week by
/// week, and collects the facts it leaves behind. Facts dated after `asOf`
/// are never emitted, so the data looks exactly as it would on that day.
struct DemoAccountSimulation {
    let generator: DemoGenerator
    let index: Int
    var rng: SeededGenerator
    var facts = FactBatch()

    // Who the account is.
    let accountID: String
    let segment: DemoSegment
    let signup: Date
    var ownerID: String?
    var hasExecutiveSponsor = false
    var contactIDs: [String] = []

    // Latent behaviour, never stored.
    let baseEngagement: Double
    /// Week from which engagement declines, and how fast (share per week).
    var decline: (week: Int, rate: Double)?
    /// Propensity to hit problems and open tickets (1 = typical).
    let friction: Double
    var teamSize: Int

    // What the account did, week by week since sign-up.
    var logins: [Int] = []
    var breadth: [Int] = []
    var activeUsers: [Int] = []
    var reportsPerWeek: [Int] = []
    var ticketDates: [Date] = []
    var npsAnswers: [(date: Date, score: Int)] = []

    // Billing.
    var tier: Int
    var annual: Bool
    var subscription: Subscription?
    var subscriptionCount = 0
    var invoiceCount = 0
    var paymentCount = 0
    var paidEver = false
    var reactivateAt: Date?
    let taxRateBasisPoints: Int64
    var latestChange: [String: SubscriptionChange] = [:]
    /// When the customer next decides whether to renew.
    var decisionPoint: Date?
    /// Latest instant any subscription change was simulated at, even past `asOf`.
    var lastChangeAt = Date.distantPast

    // Playbooks.
    var playbookHistory = DemoPlaybookHistory()
    /// The stand-in health colour at the end of the last served week.
    var lastHealthColour: HealthColour?
    /// Draws for how the CSM works tasks, apart from `rng` so that tasks leave the other facts as they were.
    var workRNG: SeededGenerator

    var asOf: Date { generator.asOf }

    init(generator: DemoGenerator, index: Int) {
        self.generator = generator
        self.index = index
        var rng = SeededGenerator(seed: generator.seed, stream: UInt64(index) + 1)
        workRNG = SeededGenerator(seed: generator.seed, stream: UInt64(index) &* 131 &+ 11)
        accountID = String(format: "acct_%07d", index + 1)
        segment = rng.pick(DemoSegment.allCases.map { ($0, $0.share) })
        let historyDays = generator.asOf.timeIntervalSince(generator.start) / 86_400
        signup = UTCCalendar.startOfDay(generator.start.adding(days: historyDays * pow(rng.unit(), 0.75)))
            .addingTimeInterval(Double(rng.int(in: 8 * 3600...18 * 3600)))
        baseEngagement = min(0.97, max(0.08, rng.normal(mean: segment.meanEngagement, deviation: 0.2)))
        if rng.chance(0.3) { decline = (rng.int(in: 6...70), 0.01 + 0.04 * rng.unit()) }
        friction = exp(rng.normal(mean: 0, deviation: 0.5))
        taxRateBasisPoints = rng.chance(0.3) ? 825 : 0
        switch segment {
        case .selfServe:
            tier = rng.chance(0.7) ? 0 : 1
            teamSize = tier == 0 ? rng.int(in: 1...3) : rng.int(in: 1...8)
            annual = rng.chance(0.15)
        case .smb:
            tier = rng.chance(0.6) ? 1 : 2
            teamSize = tier == 1 ? rng.int(in: 17...80) : rng.int(in: 10...45)
            annual = rng.chance(0.35)
        case .midMarket:
            tier = 2
            teamSize = rng.int(in: 47...185)
            annual = rng.chance(0.6)
        case .enterprise:
            tier = 3
            teamSize = rng.int(in: 140...1000)
            annual = rng.chance(0.8)
        }
        self.rng = rng
        if let count = Optional(generator.csmCount(for: segment)), count > 0 {
            ownerID = generator.csmID(segment, Int(self.rng.next() % UInt64(count)))
        }
    }

    /// Runs the simulation and returns every fact dated on or before `asOf`, and the playbook runs before it.
    mutating func run() -> DemoBatch {
        makeContacts()
        startSubscription(at: signup, withTrial: (segment == .selfServe || segment == .smb) && rng.chance(0.7), reactivation: false)
        var week = 0
        while true {
            let weekStart = signup.adding(days: Double(7 * week))
            guard weekStart < asOf else { break }
            let weekEnd = min(weekStart.adding(days: 7), asOf)
            simulateUsage(week: week, from: weekStart, to: weekEnd)
            processBilling(until: weekEnd, week: week)
            if isServing(at: weekStart) {
                let surveys = facts.surveyResponses.count
                simulateRelationship(week: week, at: weekStart)
                runPlaybooks(from: weekStart, to: weekEnd, surveysFrom: surveys)
            } else if let reactivateAt, reactivateAt < weekEnd {
                self.reactivateAt = nil
                decline = nil
                startSubscription(at: reactivateAt, withTrial: false, reactivation: true)
            }
            week += 1
        }
        facts.subscriptions = latestChange.values.map(\.state).sorted { $0.id < $1.id }
        facts.accounts = [makeAccount()]
        return DemoBatch(facts: facts, playbooks: playbookHistory)
    }

    /// Whether the account has a live (trialing or paying) subscription at `instant`.
    func isServing(at instant: Date) -> Bool {
        guard let subscription else { return false }
        return subscription.endedAt.map { instant < $0 } ?? true
    }

    /// Engagement (0–1) in `week`: the account's base level, its decline, and
    /// the drag of never having reached first value.
    mutating func engagement(week: Int) -> Double {
        var level = baseEngagement
        if let decline, week > decline.week {
            level *= max(0.05, 1 - decline.rate * Double(week - decline.week))
        }
        if week > 4 && !activated { level *= 0.8 }
        return min(1, max(0.02, level + rng.normal(deviation: 0.05)))
    }

    /// Whether the account reached its first-value milestone in its first 30 days.
    var activated: Bool { reportsCreated(inWeeks: 0...4) >= DemoCatalog.firstValueReports }

    /// Records `state` as the subscription's state from `instant` on, unless that is after `asOf`.
    mutating func record(_ state: Subscription, at instant: Date) {
        subscription = state
        lastChangeAt = max(lastChangeAt, instant)
        guard instant <= asOf else { return }
        let change = SubscriptionChange(effectiveAt: instant, state: state)
        if let last = facts.subscriptionChanges.last, last.state.id == state.id, last.effectiveAt == instant {
            facts.subscriptionChanges[facts.subscriptionChanges.count - 1] = change
        } else {
            facts.subscriptionChanges.append(change)
        }
        latestChange[state.id] = change
    }

    /// The next id of a kind (`"in_42_7"`: the 7th invoice of account 42), counting in `counter`.
    mutating func nextID(_ prefix: String, _ counter: WritableKeyPath<Self, Int>) -> String {
        self[keyPath: counter] += 1
        return "\(prefix)_\(index + 1)_\(self[keyPath: counter])"
    }
}
