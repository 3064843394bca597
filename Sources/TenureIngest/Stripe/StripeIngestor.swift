import Foundation
import TenureCore
import TenureStore

/// Takes Stripe events in (from webhooks or sync), keeps each raw event once,
/// and re-derives the facts of every object an event touches from all the
/// stored events about it. An actor, so derivations in one process never
/// interleave; the facts themselves do not depend on arrival order, and an
/// event that cannot become facts is marked failed without stopping the others.
public actor StripeIngestor {
    let store: any Store
    let clock: WallClock

    public init(store: any Store, clock: WallClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// What happened to a delivered event.
    public enum Outcome: String, Sendable {
        /// New (or failed before): stored and its object's facts re-derived.
        case processed
        /// Already stored and processed: nothing changed.
        case duplicate
    }

    /// What one call of ``ingest(_:)`` did.
    public struct Ingested: Sendable {
        /// Events stored and derived: new ones, and stored ones that had failed.
        public var new: Int
        /// Replays of events already processed.
        public var duplicates: Int
        /// Why events of the derived objects could not become facts, by event id.
        public var failed: [String: String]
    }

    /// Reads an event's JSON into a record, or throws naming what is missing or out of range.
    public static func record(fromEvent payload: Data, receivedAt: Date) throws -> StripeEventRecord {
        let envelope: StripeEvent<StripeObjectHeader>
        do {
            envelope = try JSONCoding.decoder.decode(StripeEvent<StripeObjectHeader>.self, from: payload)
        } catch {
            throw StripeMappingError(field: "event", "not a Stripe event: \(error)")
        }
        _ = try Date(stripeSeconds: envelope.created, field: "created")
        let object = envelope.data.object
        guard let objectID = object.id else { throw StripeMappingError(field: "data.object.id", "is missing") }
        return StripeEventRecord(
            id: envelope.id, type: envelope.type, created: envelope.created, objectType: object.object, objectID: objectID,
            relatedID: object.object == "charge" ? object.invoice?.id : nil,
            payload: String(decoding: payload, as: UTF8.self), receivedAt: receivedAt)
    }

    /// Takes one webhook event's body. An event that cannot become facts on its own is refused
    /// (a ``StripeMappingError`` naming the field) and not stored, so Stripe's retry is read afresh.
    public func receive(payload: Data) async throws -> Outcome {
        let record = try Self.record(fromEvent: payload, receivedAt: clock.now())
        if let error = StripeDerivation.derive(Self.derivedObject(record), from: [record], accountID: { $0 }).errors[record.id] {
            throw error as? StripeMappingError ?? StripeMappingError(field: "data.object", "\(error)")
        }
        let ingested = try await ingest([record])
        if let reason = ingested.failed[record.id] { throw StripeMappingError(field: "event", reason) }
        return ingested.new == 1 ? .processed : .duplicate
    }

    /// Stores the records and re-derives the objects of the new ones (and of those that had failed).
    /// Serialization failures and deadlocks with other nodes are retried a few times.
    @discardableResult
    public func ingest(_ records: [StripeEventRecord]) async throws -> Ingested {
        try await retryingOnContention {
            let taken = try await store.insertStripeEvents(records)
            let fresh = records.filter { taken.contains($0.id) }
            let failed = try await derive(fresh.map(Self.derivedObject))
            return Ingested(new: taken.count, duplicates: records.count - taken.count, failed: failed)
        }
    }

    /// Rebuilds every object's facts from the stored events; `progress` gets (done, total).
    /// Events that cannot become facts are marked failed (``Store/failedStripeEvents(limit:)``) and the rest go on.
    public func reprocess(progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        // Charges need no pass of their own: an invoice's derivation reads the charges that name it.
        let order = ["customer": 0, "product": 1, "price": 2, "plan": 2, "subscription": 3, "invoice": 4]
        let objects = try await store.stripeObjects().filter { $0.type != "charge" }.sorted { (order[$0.type] ?? 9, $0.id) < (order[$1.type] ?? 9, $1.id) }
        var done = 0
        for chunk in stride(from: 0, to: objects.count, by: 200).map({ Array(objects[$0..<min($0 + 200, objects.count)]) }) {
            _ = try await retryingOnContention { try await derive(chunk) }
            done += chunk.count
            progress(done, objects.count)
        }
        return objects.count
    }

    /// The object whose facts an event changes: itself, or a charge's invoice.
    static func derivedObject(_ record: StripeEventRecord) -> (type: String, id: String) {
        if record.objectType == "charge" { return ("invoice", record.relatedID ?? record.objectID) }
        return (record.objectType, record.objectID)
    }

    /// Most derivations of the same objects in a row when other nodes keep storing events about them.
    static let maximumRounds = 5

    /// Re-derives `objects` and returns why events about them failed. Another node may store an event
    /// about them meanwhile, and its derivation may finish first: so the events are read again after the
    /// write, and the objects derived again until no event has arrived unseen.
    private func derive(_ objects: [(type: String, id: String)]) async throws -> [String: String] {
        let unique = objects.removingDuplicateObjects()
        guard !unique.isEmpty else { return [:] }
        let ids = unique.map(\.id)
        var events = try await store.stripeEvents(about: ids)
        var round = 1
        while true {
            let failed = try await apply(unique, from: events)
            let latest = try await store.stripeEvents(about: ids)
            if Set(latest.map(\.id)) == Set(events.map(\.id)) || round == Self.maximumRounds { return failed }
            events = latest
            round += 1
        }
    }

    /// Writes the facts `events` give `objects` and records each event's error (or clears it).
    private func apply(_ objects: [(type: String, id: String)], from events: [StripeEventRecord]) async throws -> [String: String] {
        let now = clock.now()
        var customers = Set<String>()
        for event in events {
            if event.objectType == "customer" { customers.insert(event.objectID) }
            if let header = try? JSONCoding.decoder.decode(StripeEvent<StripeObjectHeader>.self, from: Data(event.payload.utf8)),
               let customer = header.data.object.customer?.id {
                customers.insert(customer)
            }
        }
        var accounts = try await store.accountIDs(forStripeCustomers: Array(customers))
        for customer in customers.sorted() where accounts[customer] == nil {
            do {
                let created = try await Self.refusingBadData {
                    try await store.upsertAccount(AccountDraft(id: customer, name: customer, stripeCustomerID: customer), newID: customer, at: now)
                }
                accounts[customer] = created.account.id
            } catch is BadData {
                // A customer id Tenure cannot keep leaves its objects without an account: their write fails below.
            }
        }
        var errors: [String: String?] = [:]
        var parts: [(facts: FactBatch, blame: String)] = []
        for object in objects {
            let about = events.filter { $0.objectID == object.id || $0.relatedID == object.id }
            guard let blame = about.last?.id else { continue }
            let derived = StripeDerivation.derive(object, from: about) { accounts[$0] ?? $0 }
            for event in about { errors.updateValue(derived.errors[event.id].map { "\($0)" }, forKey: event.id) }
            for draft in derived.accounts {
                do {
                    _ = try await Self.refusingBadData { try await store.upsertAccount(draft, newID: draft.id ?? UUID().uuidString, at: now) }
                } catch let error as BadData {
                    errors[blame] = "\(error)"
                }
            }
            parts.append((derived.facts, blame))
        }
        do {
            var batch = FactBatch()
            for part in parts { batch.append(contentsOf: part.facts) }
            try await Self.refusingBadData { try await store.write(batch, asOf: now) }
        } catch is BadData {
            // One object's facts spoil the batch: write each object's alone, and fail only the spoilt ones.
            for part in parts {
                do {
                    try await Self.refusingBadData { try await store.write(part.facts, asOf: now) }
                } catch let error as BadData {
                    errors[part.blame] = "\(error)"
                }
            }
        }
        try await store.recordStripeErrors(errors)
        return errors.compactMapValues { $0 }
    }

    /// The data itself is wrong (invalid, or conflicting with stored rows): retrying cannot help.
    struct BadData: Error, CustomStringConvertible {
        var underlying: any Error
        var description: String { "\(underlying)" }
    }

    /// Runs `work`, wrapping failures caused by the data in ``BadData``; others (an unreachable database) pass through.
    private static func refusingBadData<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ work: () async throws -> T
    ) async throws -> T {
        do {
            return try await work()
        } catch let error as ValidationError {
            throw BadData(underlying: error)
        } catch let error as StoreError where [.conflict, .missingReference, .invalidValue].contains(error.code) {
            throw BadData(underlying: error)
        }
    }
}

extension Array where Element == (type: String, id: String) {
    func removingDuplicateObjects() -> [(type: String, id: String)] {
        var seen = Set<String>()
        return filter { seen.insert("\($0.type)/\($0.id)").inserted }
    }
}
