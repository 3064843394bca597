import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureStore
import TenureTestSupport

/// The demo's playbooks in the store: the effect report finds the rescue's planted drop in churn through the revenue
/// ledger and calls the detractor follow-up a null, and every CSM starts with work in "My work".
@Suite("Demo playbooks in the store")
struct DemoPlaybookEffectTests {
    @Test("the loader stores the three playbooks, active by demo, and every run with its step log", arguments: Backend.allCases)
    func loaded(backend: Backend) async throws {
        let generator = DemoGenerator(seed: 11, accountCount: 60, asOf: Fixtures.now)
        let history = generator.batch(forAccounts: 0..<60).playbooks
        try await TestDatabases.withStore(backend) { store in
            try await DemoLoader.load(generator, into: store, batchSize: 25)
            let active = try await store.activePlaybooks()
            #expect(active.map(\.name).sorted() == DemoPlaybooks.playbooks.map(\.name).sorted())
            #expect(active.allSatisfy { $0.author == DemoLoader.author && $0.version == 1 && $0.createdAt == generator.start })
            // Instants are stored to the millisecond: compare what a person reads.
            func text(_ run: PlaybookRun) -> String { "\(run.id) \(run.status) \(run.nextStep) \(run.triggerKey) \(run.trace)" }
            let runs = try await store.runs(RunQuery(limit: 500)).items
            #expect(runs.map(text).sorted() == history.runs.map(text).sorted())
            #expect(runs.count > 10)
            for run in runs {
                let log = try await store.runSteps(runID: run.id).map { "\($0.index) \($0.outcome)" }
                #expect(log == history.steps.filter { $0.runID == run.id }.map { "\($0.index) \($0.outcome)" })
            }
        }
    }

    @Test("the effect report finds the rescue's drop in 90-day churn and nothing for the detractor follow-up; every CSM has open tasks")
    func plantedEffects() async throws {
        let asOf = UTCCalendar.date(2026, 11, 1)
        let generator = DemoGenerator(seed: 42, accountCount: 1_500, asOf: asOf)
        try await TestDatabases.withStore(.sqlite) { store in
            try await DemoLoader.load(generator, into: store)
            let engine = PlaybookEngine(store: store, clock: WallClock { asOf })
            // Seed 42: 2 of 67 enrolled runs churned against 5 of 17 held out, -26 points (-50 to -9).
            let rescue = try #require(try await engine.effect(playbook: "Red account rescue")).churn
            #expect((rescue.difference ?? 0) < 0 && rescue.significant, "\(rescue)")
            let detractor = try #require(try await engine.effect(playbook: "Detractor follow-up")).churn
            #expect(!detractor.significant, "\(detractor)")

            let load = try await store.taskLoad(at: asOf, dayEnd: asOf.adding(days: 1), weekEnd: asOf.adding(days: 7))
            for csm in generator.csms {
                #expect((load.first { $0.ownerID == csm.id }?.open ?? 0) >= 1, "\(csm.id) has nothing to do")
            }
            #expect(load.filter { $0.overdue > 0 }.count > generator.csms.count / 2)
            #expect(load.contains { $0.dueThisWeek > 0 })
        }
    }
}
