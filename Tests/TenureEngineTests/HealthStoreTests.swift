import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureTestSupport
@testable import TenureStore

/// Health and segmentation storage and the point-in-time activity they read,
/// on both backends, against the fixtures' hand-checkable facts.
@Suite("Health in the store")
struct HealthStoreTests {
    static let product = ProductConfiguration(engagementEvent: "login", coreFeatures: ["report_created", "dashboard_viewed"])

    @Test("activity reads only facts dated before the cut-off", arguments: Backend.allCases)
    func activityAtCutoffs(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let now = try #require(try await store.accountActivity(asOf: Fixtures.now, product: Self.product)["a1"])
            #expect(now.engagementLast30Days == 42 && now.peakActiveUsers == 7)
            #expect(now.firstEngagementAt == Fixtures.day(-7) && now.engagementFirst30Days == 42)
            #expect(now.lastActivityAt == Fixtures.day(-6))
            #expect(now.coreFeaturesUsed == 1 && now.coreEventsLast30Days == 5)
            #expect(now.ticketsLast60Days == 1 && now.latestNPS == 9 && now.failedPaymentsLast90Days == 1)
            #expect(now.executiveSponsorSeen && now.qbrsLast180Days == 1)
            let before = try #require(try await store.accountActivity(asOf: Fixtures.day(-8), product: Self.product)["a1"])
            #expect(before.engagementLast30Days == 0 && before.firstEngagementAt == nil && before.lastActivityAt == nil)
            #expect(before.latestNPS == nil && before.coreFeaturesUsed == 0)
            #expect(before.ticketsLast60Days == 1 && before.failedPaymentsLast90Days == 1 && before.qbrsLast180Days == 1)
            let earlier = try #require(try await store.accountActivity(asOf: Fixtures.day(-25), product: Self.product)["a1"])
            #expect(earlier.ticketsLast60Days == 0 && earlier.failedPaymentsLast90Days == 0 && earlier.qbrsLast180Days == 1)
            // A month on, that week's logins fall 30–60 days back: the previous month of the trend.
            let later = try #require(try await store.accountActivity(asOf: Fixtures.day(25), product: Self.product)["a1"])
            #expect(later.engagementLast30Days == 0 && later.engagementPrevious30Days == 42 && later.engagement60To90Days == 0)
            #expect(try await store.accountActivity(asOf: Fixtures.day(55), product: Self.product)["a1"]?.engagement60To90Days == 42)
            // An account created after the cut-off does not exist yet.
            #expect(try await store.accountActivity(asOf: Fixtures.day(-150), product: Self.product)["a1"] == nil)
        }
    }

    @Test("facts dated after a cut-off never change what it sees", arguments: Backend.allCases)
    func noLookAhead(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let cutoff = Fixtures.day(-8)
            let before = try await store.accountActivity(asOf: cutoff, product: Self.product)
            var later = FactBatch()
            later.usageRollups = [UsageRollup(accountID: "a1", day: cutoff, event: "login", count: 500, users: 40, lastAt: cutoff.adding(days: 0.5))]
            later.tickets = [Ticket(id: "t9", accountID: "a1", subject: "Down", priority: .urgent, status: .open, openedAt: cutoff.adding(days: 0.1))]
            later.surveyResponses = [SurveyResponse(id: "s9", accountID: "a1", kind: .nps, score: 0, respondedAt: cutoff)]
            later.paymentAttempts = [PaymentAttempt(id: "py9", invoiceID: "in_1", accountID: "a1", attemptedAt: cutoff,
                                                    amount: Money(100, .usd), succeeded: false, failureCode: "expired_card")]
            later.touchpoints = [Touchpoint(id: "tp9", accountID: "a1", kind: .qbr, occurredAt: cutoff, summary: "QBR",
                                            executiveSponsorPresent: true)]
            try await store.write(later, asOf: Fixtures.now)
            #expect(try await store.accountActivity(asOf: cutoff, product: Self.product) == before)
            #expect(try await store.accountActivity(asOf: cutoff.adding(days: 1), product: Self.product)["a1"]?.latestNPS == 0)
        }
    }

    @Test("definitions get the next version, are never edited, and one is active at a time", arguments: Backend.allCases)
    func definitions(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let engine = HealthEngine(store: store)
            let standard = try await engine.activeHealthDefinition(at: Fixtures.now)
            #expect(standard.version == 1 && standard.definition == HealthDefinition.standard)
            #expect(try await store.definitions(.health).first?.origin == .builtin)
            let draft = StoredDefinition(kind: .health, name: "Mine", format: .yaml, source: "name: Mine", origin: .user, createdAt: Fixtures.now)
            let second = try await store.addDefinition(draft, activate: false)
            #expect(second.version == 2 && !second.active)
            #expect(try await store.activeDefinition(.health)?.version == 1)
            #expect(try await store.activateDefinition(.health, version: 2, at: Fixtures.day(1)))
            #expect(try await store.definitions(.health).map(\.active) == [false, true])
            #expect(try await store.activeDefinition(.health)?.activatedAt == Fixtures.day(1))
            #expect(try await !store.activateDefinition(.health, version: 9, at: Fixtures.now))
            #expect(try await store.activeDefinition(.segmentation) == nil)
            let third = try await store.addDefinition(draft, activate: true)
            #expect(third.version == 3 && third.active)
            #expect(try await store.definitions(.health).filter(\.active).map(\.version) == [3])
            #expect(try await store.definitions(.segmentation).isEmpty)
        }
    }

    @Test("scores keep daily history; the current day's become the accounts' health", arguments: Backend.allCases)
    func scoresAndHistory(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            func score(_ id: String, _ value: Double, _ colour: HealthColour) -> HealthScore {
                HealthScore(accountID: id, score: value, colour: colour, segment: nil,
                            signals: [SignalScore(signal: .loginTrend, raw: 0.5, normalized: value, weight: 100, effectiveWeight: 100, contribution: value)],
                            adoption: AdoptionScore(score: 40, breadth: 30, depth: 50))
            }
            try await store.saveHealth([score("a1", 80, .green), score("a2", 45, .red)], day: Fixtures.day(-7), definitionVersion: 1,
                                       current: false, at: Fixtures.now)
            #expect(try await store.account(id: "a1")?.health == nil)
            try await store.saveHealth([score("a1", 60, .yellow)], day: Fixtures.now, definitionVersion: 1, current: true, at: Fixtures.now)
            #expect(try await store.account(id: "a1")?.health == CurrentHealth(score: 60, colour: .yellow))
            #expect(try await store.account(id: "a2")?.health == nil)
            #expect(try await store.healthHistory(accountID: "a1", since: nil).map(\.score) == [80, 60])
            #expect(try await store.healthRecord(accountID: "a1")?.health == score("a1", 60, .yellow))
            #expect(try await store.healthDistribution() == [.yellow: HealthBandTotals(accounts: 1, mrr: 20_000)])
            #expect(try await store.currentHealth(ofAccounts: ["a1", "a2", "zz"]) == ["a1": CurrentHealth(score: 60, colour: .yellow)])
            #expect(try await store.currentHealth(ofAccounts: nil) == ["a1": CurrentHealth(score: 60, colour: .yellow)])
            let snapshot = try await MetricsSnapshot.load(from: store, asOf: Fixtures.now)
            let books = snapshot.books(names: [:], health: try await store.currentHealth(ofAccounts: nil))
            #expect(books.first { $0.csmID == "csm_1" }?.averageHealth == 60)
            #expect(books.first { $0.csmID == "csm_1" }?.redAccounts == 0)
            #expect(books.first { $0.csmID == Breakdown.noValue }?.averageHealth == nil)
            let page = try await store.accounts(AccountQuery(healthColour: .yellow))
            #expect(page.items.map(\.account.id) == ["a1"])
            let sorted = try await store.accounts(AccountQuery(sort: .health, descending: true))
            #expect(sorted.items.map(\.account.id) == ["a1", "a2"])     // unscored last either way
            #expect(try await store.accounts(AccountQuery(sort: .health)).items.map(\.account.id) == ["a1", "a2"])
            let window = try await store.healthScores(from: Fixtures.day(-10), before: Fixtures.now)
            #expect(window["a1"]?.map(\.score) == [80] && window["a2"]?.map(\.score) == [45])
            // Saving a day again replaces it.
            try await store.saveHealth([score("a1", 30, .red)], day: Fixtures.now, definitionVersion: 2, current: true, at: Fixtures.now)
            #expect(try await store.healthHistory(accountID: "a1", since: Fixtures.day(-1)).map(\.definitionVersion) == [2])
            #expect(try await store.healthDistribution().mapValues(\.accounts) == [.red: 1])
        }
    }

    @Test("alerts and backtests are stored and read back; segment changes keep history", arguments: Backend.allCases)
    func alertsBacktestsSegments(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let alert = HealthAlert(accountID: "a1", at: Fixtures.now, from: 82, fromAt: Fixtures.day(-14), to: 55)
            try await store.insertHealthAlerts([alert], definitionVersion: 1, at: Fixtures.now)
            let stored = try await store.healthAlerts(since: Fixtures.day(-1), limit: 10)
            #expect(stored.map(\.alert) == [alert] && stored.first?.accountName == "Acme Analytics" && stored.first?.ownerID == "csm_1")
            #expect(try await store.healthAlerts(since: Fixtures.day(1), limit: 10).isEmpty)

            let report = HealthBacktestReport(samples: [], definition: .standard, horizonDays: 90)
            try await store.saveBacktest(StoredBacktest(definitionVersion: 1, runAt: Fixtures.now, report: report))
            #expect(try await store.latestBacktest(definitionVersion: 1)?.report == report)
            #expect(try await store.latestBacktest(definitionVersion: 2) == nil)

            let enterprise = SegmentRule(key: "enterprise", engagementModel: .highTouch, accountsPerCSM: 15)
            let version = try await store.factsVersion()
            #expect(try await store.assignSegments(["a1": enterprise, "a2": nil], definitionVersion: 1, at: Fixtures.now) == 2)
            #expect(try await store.factsVersion() > version)
            #expect(try await store.account(id: "a1")?.account.segment == "enterprise")
            #expect(try await store.account(id: "a1")?.engagementModel == .highTouch)
            #expect(try await store.account(id: "a2")?.account.segment == nil)
            #expect(try await store.assignSegments(["a1": enterprise], definitionVersion: 1, at: Fixtures.day(1)) == 0)
            #expect(try await store.segmentHistory(accountID: "a1").map(\.segment) == ["enterprise"])
        }
    }

    @Test("YAML and JSON documents decode alike; mistakes name the field")
    func documents() throws {
        let yaml = try DefinitionDocument.yaml(HealthDefinition.standard, comment: "standard")
        #expect(yaml.hasPrefix("# standard\n"))
        #expect(try DefinitionDocument.decode(HealthDefinition.self, from: yaml, format: .yaml) == .standard)
        let segmentation = try DefinitionDocument.yaml(SegmentationDefinition.standard)
        #expect(try DefinitionDocument.decode(SegmentationDefinition.self, from: segmentation, format: .yaml) == .standard)
        let json = #"{"name":"J","signals":[{"signal":"latest_nps","weight":100,"transform":{"linear":{"from":0,"to":10}}}]}"#
        #expect(try DefinitionDocument.decode(HealthDefinition.self, from: json, format: .json).signals.first?.signal == .latestNPS)
        let cases: [(String, String?)] = [
            ("name: X\nsignals:\n- {signal: logins, weight: 100, transform: {linear: {from: 0, to: 1}}}", "signals[0].signal"),
            ("name: X\nsignals:\n- {signal: latest_nps, weight: ten, transform: {linear: {from: 0, to: 1}}}", "signals[0].weight"),
            ("name: X\nsignals:\n- {signal: latest_nps, weight: 90, transform: {linear: {from: 0, to: 1}}}", "signals"),
            ("name: X\nsignals:\n- {signal: latest_nps, weight: 100, transform: {cubic: {}}}", "signals[0].transform"),
            ("signals: []", "name"),
            ("name: [unclosed", nil),
            ("- just\n- a list", nil),
        ]
        for (text, field) in cases {
            let error = #expect(throws: ValidationError.self) { try DefinitionDocument.decode(HealthDefinition.self, from: text, format: .yaml) }
            #expect(error?.field == field, "\(text): \(String(describing: error))")
        }
    }
}
