import Foundation
import TenureCore
import TenureStore

/// Trains churn models on the store's history, judges them on cut-offs they
/// never saw, predicts every paying account's churn now, and finds the early
/// usage thresholds that separate retained from churned accounts.
public struct ChurnEngine: Sendable {
    public let store: any Store
    /// Accounts read and predicted at a time (see ``HealthEngine/accountsPerChunk``).
    public var accountsPerChunk: Int
    /// Most samples one training reads; beyond it, a fixed share of accounts (chosen by a hash of their id) is kept.
    public var maximumSamples: Int

    public init(store: any Store, accountsPerChunk: Int = 10_000, maximumSamples: Int = 200_000) {
        self.store = store
        self.accountsPerChunk = accountsPerChunk
        self.maximumSamples = maximumSamples
    }

    private var health: HealthEngine { HealthEngine(store: store, accountsPerChunk: accountsPerChunk) }

    /// Every paying account at each cut-off, labelled by whether it churned
    /// within `horizonDays`, with its days to churn (or to the end of the
    /// data), ordered by cut-off and account. A large book keeps a deterministic
    /// sample of its accounts (at most about ``maximumSamples`` samples in all).
    /// Reads a chunk of accounts at a time; `progress` receives (chunks done, chunks in all).
    public func samples(cutoffs: [Date], horizonDays: Int, chunks: HealthEngine.AccountChunks,
                        progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [ChurnSample] {
        let end = chunks.asOf
        var samples = [[ChurnSample]](repeating: [], count: cutoffs.count)
        var accounts = 0
        for (position, range) in chunks.ranges.enumerated() {
            let context = try await chunks.context(range, from: store)
            let ledger = context.snapshot.ledger
            accounts += ledger.accounts.count
            // The share kept only falls as more accounts are seen: keep the share of the accounts so far, thin it as it falls.
            let keptPerMille = min(1_000, maximumSamples * 1_000 / max(1, accounts * cutoffs.count))
            // Each cut-off reads the activity of the accounts kept only (by key, when they are few).
            let kept = keptPerMille >= 1_000
                ? context : context.narrowed(to: ledger.accounts.keys.filter { Self.keeps($0, keptPerMille: keptPerMille) })
            for (index, cutoff) in cutoffs.enumerated() {
                samples[index].removeAll { !Self.keeps($0.subject.accountID, keptPerMille: keptPerMille) }
                for state in try await health.states(at: cutoff, population: .paying, context: kept)
                where Self.keeps(state.accountID, keptPerMille: keptPerMille) {
                    let churnedAt = ledger.accounts[state.accountID]?.movements(from: cutoff, to: end).first { $0.kind == .churn }?.at
                    let days = churnedAt.map { max(0, $0.timeIntervalSince(cutoff) / 86_400) }
                    samples[index].append(ChurnSample(subject: state, churned: days.map { $0 <= Double(horizonDays) } ?? false,
                                                      daysToChurn: days, observedDays: end.timeIntervalSince(cutoff) / 86_400))
                }
            }
            progress(position + 1, chunks.ranges.count)
        }
        return samples.flatMap { $0.sorted { $0.subject.accountID < $1.subject.accountID } }
    }

    /// Whether the account's samples are kept at `keptPerMille`.
    private static func keeps(_ accountID: String, keptPerMille: Int) -> Bool {
        keptPerMille >= 1_000 || stableHash(accountID) % 1_000 < keptPerMille
    }

    /// FNV-1a of `text`: the same on every run and machine, unlike `hashValue`.
    static func stableHash(_ text: String) -> Int {
        Int(text.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 } % 1_000_003)
    }

    /// Trains a model on the last `months` month starts whose horizon has
    /// passed: backtests the procedure (fit on the earliest 60 % of cut-offs,
    /// calibrate on the next 20 %, test on the last 20 %), then fits the model
    /// it stores on the earliest 80 % and calibrates it on the last 20 %, and
    /// predicts every paying account with it.
    public func train(months: Int = 18, horizonDays: Int = 90, trainer: ChurnTrainer? = nil, now: Date,
                      progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> StoredChurnModel {
        let trainer = trainer ?? ChurnTrainer(horizonDays: horizonDays)
        let chunks = try await HealthEngine.AccountChunks.load(from: store, asOf: now, size: accountsPerChunk)
        let cutoffs = HealthEngine.backtestCutoffs(before: now, months: months, horizonDays: horizonDays, calendar: chunks.policy.calendar)
        let samples = try await samples(cutoffs: cutoffs, horizonDays: horizonDays, chunks: chunks, progress: progress)
        let stored: StoredChurnModel
        do {
            let report = try ChurnBacktestReport(samples: samples, trainer: trainer)
            let split = cutoffs[cutoffs.count * 4 / 5]
            let model = try trainer.fit(training: samples.filter { $0.subject.cutoff < split },
                                        calibration: samples.filter { $0.subject.cutoff >= split })
            stored = try await store.saveChurnModel(StoredChurnModel(trainedAt: now, model: model, report: report))
        } catch let error as PredictionError {
            throw ValidationError(field: nil, "cannot train a churn model on \(samples.count) account-months over \(cutoffs.count) cut-offs: \(error.message)")
        }
        _ = try await predict(with: stored, chunks: chunks, now: now)
        return stored
    }

    /// Predicts every paying account now with the newest model and stores the
    /// predictions, a chunk of accounts at a time; returns how many (0 without a model).
    /// `context` is the book's chunks as of `now` (the health recompute's, so the book is split once).
    @discardableResult
    public func predict(now: Date, context chunks: HealthEngine.AccountChunks) async throws -> Int {
        guard let stored = try await store.latestChurnModel() else { return 0 }
        return try await predict(with: stored, chunks: chunks, now: now)
    }

    /// The churn probability at which an account enters the at-risk list and `account.risk.raised` fires.
    public static let riskThreshold = 0.5

    private func predict(with stored: StoredChurnModel, chunks: HealthEngine.AccountChunks, now: Date) async throws -> Int {
        var predicted = 0
        for range in chunks.ranges {
            predicted += try await predict(with: stored, context: try await chunks.context(range, from: store), now: now)
        }
        return predicted
    }

    /// Predicts and stores the paying accounts of `context`'s range, replacing that range's predictions.
    private func predict(with stored: StoredChurnModel, context: HealthEngine.Context, now: Date) async throws -> Int {
        let model = stored.model
        let predictions = try await health.states(at: now, population: .paying, context: context).map { state in
            let probability = model.probability(state)
            let factors = model.factors(state)
            let timing = model.timeToChurn(state)
            return ChurnPrediction(
                accountID: state.accountID, modelVersion: stored.version, computedAt: now, probability: probability,
                horizonDays: model.horizonDays, mrr: state.mrr, expectedLoss: Int64((probability * Double(state.mrr)).rounded()),
                survival: timing?.survival, medianDaysToChurn: timing?.medianDays,
                daysToRenewal: state.signals[.daysToRenewal].map { Int($0) },
                factors: Array(factors.filter { $0.logOdds > 0 }.prefix(3)) + Array(factors.filter { $0.logOdds < 0 }.prefix(2)))
        }
        let previous = try await store.churnProbabilities(ofAccounts: predictions.map(\.accountID))
        let raised = AccountEvents.riskRaised(
            previous: previous, current: predictions.map { ($0.accountID, $0.probability, $0.expectedLoss) },
            threshold: Self.riskThreshold, at: now)
        try await store.replaceChurnPredictions(predictions, events: raised, at: now, accounts: context.accounts)
        return predictions.count
    }

    /// The early-usage thresholds of every event: counts in each account's first
    /// `days` days of usage against whether it was still paying `horizonDays`
    /// later. Accounts whose window has not fully passed are left out.
    public func activationThresholds(days: Int = 30, horizonDays: Int = 180, now: Date) async throws
        -> (accounts: Int, thresholds: [ActivationThreshold])
    {
        let snapshot = try await MetricsSnapshot.load(from: store, asOf: now)
        var subjects: [ActivationThreshold.Subject] = []
        for (accountID, usage) in try await store.earlyUsage(days: days) {
            let outcomeDay = usage.firstDay.adding(days: Double(days + horizonDays))
            guard outcomeDay <= now, let revenue = snapshot.ledger.accounts[accountID],
                  revenue.mrr(before: usage.firstDay.adding(days: Double(days))) > 0 else { continue }
            subjects.append(.init(counts: usage.counts, retained: revenue.mrr(before: outcomeDay) > 0))
        }
        return (subjects.count, ActivationThreshold.discover(subjects))
    }

    /// Kaplan–Meier curves of customer lifetimes (first payment to first churn,
    /// censored at `now`), one per value of `breakdown` (`nil`: one for all).
    public func survivalCurves(by breakdown: Breakdown?, now: Date) async throws -> [(group: String, estimate: KaplanMeierEstimate)] {
        let snapshot = try await MetricsSnapshot.load(from: store, asOf: now)
        var durations: [Double] = [], events: [Bool] = [], groups: [String] = []
        for (accountID, revenue) in snapshot.ledger.accounts {
            guard let start = revenue.firstPaidAt else { continue }
            let churn = revenue.movements.first { $0.kind == .churn && $0.at > start }?.at
            durations.append((churn ?? now).timeIntervalSince(start) / 86_400)
            events.append(churn != nil)
            groups.append(breakdown.flatMap { breakdown in snapshot.accounts[accountID].flatMap { snapshot.value(of: $0, for: breakdown) } }
                ?? (breakdown == nil ? "all" : Breakdown.noValue))
        }
        do {
            return try KaplanMeierEstimate.byGroup(durations: durations, events: events, groups: groups)
        } catch {
            throw ValidationError(field: nil, "no customer lifetimes to estimate: \(error.message)")
        }
    }
}
