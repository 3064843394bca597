import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureStore
import TenureTestSupport

/// Recurring jobs across real processes on one PostgreSQL database.
@Suite("Jobs across nodes")
struct JobClusterTests {
    @Test("three workers on one PostgreSQL run each due health run once; a worker killed mid-run is taken over")
    func threeWorkers() async throws {
        try await TestDatabases.withDatabaseURL(.postgres) { url in
            let database = ["--database", url]
            let generated = try await CommandRunner.run(["generate", "--accounts", "150", "--seed", "6", "--health-history-days", "0"] + database)
            #expect(generated.status == 0, "\(generated.stderr)")
            // Every worker's clock reads the tests' instant plus the real time elapsed since here, so the three agree.
            let started = Date()
            func clock() -> [String: String] { ["TENURE_NOW": JSONCoding.format(TestClock.now.addingTimeInterval(Date().timeIntervalSince(started)))] }
            let workers = try (0..<3).map { _ in
                try CommandRunner(["worker", "--health-interval", "2", "--job-lease", "4"] + database, environment: clock())
            }
            try await withStore(url) { store in
                let accountID = try #require(try await store.accounts(AccountQuery(limit: 1)).items.first?.account.id)
                // The facts move all the time, so every due run has scores and predictions to recompute.
                let mover = Task {
                    for round in 1... {
                        guard !Task.isCancelled else { return }
                        try? await store.upsertAccounts([AccountDraft(id: accountID, name: "Moved \(round)")], at: TestClock.now)
                        try? await Task.sleep(for: .milliseconds(500))
                    }
                }
                defer { mover.cancel() }
                func runs() async throws -> [JobRun] { try await store.jobRuns(job: "health", limit: 1_000) }
                func worker(of node: String) -> CommandRunner? {
                    workers.first { node.split(separator: ":").dropFirst().first == "\($0.processIdentifier)" }
                }

                // Kill the worker holding a run while it runs (a second try if the first run ended just before the kill).
                var taken: JobRun?
                var kills = 0
                let deadline = Date().addingTimeInterval(90)
                while taken == nil, kills < 2, Date() < deadline {
                    guard let running = try await runs().first(where: { $0.status == .running }), let victim = worker(of: running.node) else {
                        try await Task.sleep(for: .milliseconds(20))
                        continue
                    }
                    _ = try await victim.kill()
                    kills += 1
                    let after = try await runs().first { $0.dueAt == running.dueAt }
                    if after?.status == .running && after?.node == running.node { taken = running }
                }
                let killed = try #require(taken, "no worker was caught mid-run")

                // Another worker takes the run over once the dead one's 4-second lease lapses.
                var resumed: JobRun?
                while Date() < deadline {
                    resumed = try await runs().first { $0.dueAt == killed.dueAt && $0.status == .succeeded }
                    if resumed != nil { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(resumed?.attempts == 2)
                #expect(resumed?.node != killed.node)
                // The survivors go on: two more due runs after the taken-over one.
                while Date() < deadline, try await runs().filter({ $0.dueAt > killed.dueAt && $0.status == .succeeded }).count < 2 {
                    try await Task.sleep(for: .milliseconds(200))
                }
                mover.cancel()
                for worker in workers where worker.isRunning {
                    _ = try? await worker.interrupt()
                }

                let all = try await runs().sorted { $0.dueAt < $1.dueAt }
                #expect(all.filter { $0.dueAt > killed.dueAt }.count >= 2, "\(all)")
                #expect(all.allSatisfy { $0.status == .succeeded }, "\(all.map { ($0.dueAt, $0.status) })")
                #expect(all.filter { $0.attempts > 1 }.map(\.dueAt) == [killed.dueAt], "only the killed run needed a second attempt")
                #expect(Set(all.map(\.dueAt)).count == all.count, "each due run happened once")
                let first = all[0].dueAt
                #expect(all.allSatisfy { Int(($0.dueAt.timeIntervalSince(first) * 1000).rounded()) % 2_000 == 0 }, "due instants lie on the 2 s grid")
                for (earlier, later) in zip(all, all.dropFirst()) {
                    #expect(later.startedAt >= earlier.finishedAt ?? .distantFuture, "runs never overlap: \(earlier.dueAt) and \(later.dueAt)")
                }
                let listed = try await CommandRunner.run(["jobs", "--job", "health", "--format", "json", "--limit", "1000"] + database)
                let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: String]] ?? []
                #expect(rows.count == all.count)
                #expect(rows.filter { $0["attempts"] == "2" }.map { $0["due_at"] } == [JSONCoding.format(killed.dueAt)])
            }
        }
    }

    @Test("two workers on one PostgreSQL, then a restarted one: the playbooks job starts each run and creates each task once")
    func playbooksOnTwoNodes() async throws {
        try await TestDatabases.withDatabaseURL(.postgres) { url in
            let database = ["--database", url]
            try await withStore(url) { store in
                var batch = FactBatch()
                batch.csms = [CSM(id: "csm_1", name: "Ada Berg", email: "ada@cs.example.com")]
                for index in 0..<25 {
                    batch.accounts.append(Account(id: "n\(index)", name: "Node \(index)", ownerID: "csm_1", createdAt: TestClock.now.adding(days: -60)))
                    batch.surveyResponses.append(SurveyResponse(id: "nps\(index)", accountID: "n\(index)", kind: .nps, score: index % 10,
                                                                respondedAt: TestClock.now.adding(days: -1)))
                }
                try await store.write(batch, asOf: TestClock.now)
                _ = try await PlaybookEngine(store: store, clock: TestClock.clock).addPlaybook(source: """
                    name: Low scores
                    trigger: {event: survey.response.created, where: {score: {lte: 6}}}
                    steps:
                      - task: {title: "Call {{account.name}} about {{response.score}}", due_days: 2}
                      - task: {title: "Follow up with {{account.name}}", due_days: 5}
                    """, format: .yaml, activate: true)
            }
            // Scores 0…6 of index % 10: 18 accounts, two tasks each.
            let expected = (0..<25).filter { $0 % 10 <= 6 }.count
            let started = Date()
            func clock() -> [String: String] { ["TENURE_NOW": JSONCoding.format(TestClock.now.addingTimeInterval(Date().timeIntervalSince(started)))] }
            func waitForPlaybookRuns(_ count: Int, _ store: any Store) async throws {
                let deadline = Date().addingTimeInterval(60)
                while Date() < deadline, try await store.jobRuns(job: "playbooks", limit: 100).filter({ $0.status == .succeeded }).count < count {
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            try await withStore(url) { store in
                let workers = try (0..<2).map { _ in try CommandRunner(["worker", "--health-interval", "0"] + database, environment: clock()) }
                try await waitForPlaybookRuns(1, store)
                for worker in workers { _ = try await worker.kill() }
                let firstRuns = try await store.runs(RunQuery(limit: 100)).items
                #expect(firstRuns.count == expected)
                let jobRuns = try await store.jobRuns(job: "playbooks", limit: 10)
                #expect(try await store.tasks(TaskQuery(limit: 200)).total == 2 * expected,
                        "\(firstRuns.map { ($0.nextStep, $0.status, $0.nextStepAt.map(JSONCoding.format) ?? "-", JSONCoding.format($0.startedAt)) }) \(jobRuns)")

                // A node restarted after a crash runs the job again over the same events: nothing new.
                let restarted = try CommandRunner(["worker", "--health-interval", "0"] + database, environment: clock())
                let before = try await store.jobRuns(job: "playbooks", limit: 100).count
                let deadline = Date().addingTimeInterval(60)
                while Date() < deadline, try await store.jobRuns(job: "playbooks", limit: 100).filter({ $0.status == .succeeded }).count <= before {
                    try await Task.sleep(for: .milliseconds(200))
                }
                _ = try await restarted.interrupt()
                let runs = try await store.jobRuns(job: "playbooks", limit: 100)
                #expect(runs.count > before && runs.allSatisfy { $0.status == .succeeded }, "\(runs)")
                #expect(Set(runs.map(\.dueAt)).count == runs.count, "each due run happened once")
                #expect(try await store.runs(RunQuery(limit: 100)).total == expected)
                let tasks = try await store.tasks(TaskQuery(limit: 200)).items.map(\.task)
                #expect(tasks.count == 2 * expected && Set(tasks.map(\.title)).count == 2 * expected)
                #expect(try await store.events(EventQuery(type: .taskCreated, limit: 200)).total == 2 * expected)
            }
        }
    }
}
