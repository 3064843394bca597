import Foundation
import TenureCore
import TenureStore

/// Takes Stripe events in (from webhooks or sync), keeps each raw event once,
/// and re-derives the facts of every object an event touches from all the
/// stored events about it. An actor, so derivations in one process never
/// interleave; the facts themselves do not depend on arrival order.
public actor StripeIngestor {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// What happened to a delivered event.
    public enum Outcome: String, Sendable {
        /// New: stored and its object's facts re-derived.
        case processed
        /// Already stored: nothing changed.
        case duplicate
    }

    /// Reads an event's JSON into a record, or throws naming what is missing.
    public static func record(fromEvent payload: Data, receivedAt: Date) throws -> StripeEventRecord {
        let envelope: StripeEvent<StripeObjectHeader>
        do {
            envelope = try JSONCoding.decoder.decode(StripeEvent<StripeObjectHeader>.self, from: payload)
        } catch {
            throw StripeMappingError(field: "event", "not a Stripe event: \(error)")
        }
        let object = envelope.data.object
        guard let objectID = object.id else { throw StripeMappingError(field: "data.object.id", "is missing") }
        return StripeEventRecord(
            id: envelope.id, type: envelope.type, created: envelope.created, objectType: object.object, objectID: objectID,
            relatedID: object.object == "charge" ? object.invoice?.id : nil,
            payload: String(decoding: payload, as: UTF8.self), receivedAt: receivedAt)
    }

    /// Takes one webhook event's body.
    public func receive(payload: Data, receivedAt: Date = Date()) async throws -> Outcome {
        let record = try Self.record(fromEvent: payload, receivedAt: receivedAt)
        let counts = try await ingest([record])
        return counts.new == 1 ? .processed : .duplicate
    }

    /// Stores the records and re-derives the objects of the new ones.
    @discardableResult
    public func ingest(_ records: [StripeEventRecord]) async throws -> (new: Int, duplicates: Int) {
        let inserted = try await store.insertStripeEvents(records)
        let fresh = records.filter { inserted.contains($0.id) }
        try await derive(fresh.map(Self.derivedObject))
        return (inserted.count, records.count - inserted.count)
    }

    /// Rebuilds every object's facts from the stored events; `progress` gets (done, total).
    public func reprocess(progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        // Charges need no pass of their own: an invoice's derivation reads the charges that name it.
        let order = ["customer": 0, "product": 1, "price": 2, "plan": 2, "subscription": 3, "invoice": 4]
        let objects = try await store.stripeObjects().filter { $0.type != "charge" }.sorted { (order[$0.type] ?? 9, $0.id) < (order[$1.type] ?? 9, $1.id) }
        var done = 0
        for chunk in stride(from: 0, to: objects.count, by: 200).map({ Array(objects[$0..<min($0 + 200, objects.count)]) }) {
            try await derive(chunk)
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

    private func derive(_ objects: [(type: String, id: String)]) async throws {
        let unique = objects.removingDuplicateObjects()
        guard !unique.isEmpty else { return }
        let events = try await store.stripeEvents(about: unique.map(\.id))
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
            let created = try await store.upsertAccount(
                AccountDraft(id: customer, name: customer, stripeCustomerID: customer), newID: customer, at: Date())
            accounts[customer] = created.account.id
        }
        var batch = FactBatch()
        var drafts: [AccountDraft] = []
        var errors: [String: String?] = [:]
        for object in unique {
            let about = events.filter { $0.objectID == object.id || $0.relatedID == object.id }
            let derived = StripeDerivation.derive(object, from: about) { accounts[$0] ?? $0 }
            batch.append(contentsOf: derived.facts)
            drafts += derived.accounts
            for event in about { errors[event.id] = derived.errors[event.id] }
        }
        for draft in drafts { _ = try await store.upsertAccount(draft, newID: draft.id ?? UUID().uuidString, at: Date()) }
        try await store.write(batch, asOf: Date())
        try await store.recordStripeErrors(errors)
    }
}

extension Array where Element == (type: String, id: String) {
    func removingDuplicateObjects() -> [(type: String, id: String)] {
        var seen = Set<String>()
        return filter { seen.insert("\($0.type)/\($0.id)").inserted }
    }
}
