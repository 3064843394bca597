import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import TenureCore
import TenureStore

/// Delivers the outbox on this node, alongside any number of other nodes: each pass fans new events out to the
/// endpoints that subscribe to them, then claims due deliveries under a lease, attempts them at once and records
/// each attempt; a node that dies leaves its leases to lapse, and another node attempts them again with the same
/// `webhook-id`.
public actor DeliveryWorker: Service {
    let store: any Store
    let configuration: NotifyConfiguration
    let clock: WallClock
    let logger: Logger
    /// This process's name in leases and the attempt log.
    public nonisolated let node: String
    private let http: HTTPClient

    public init(store: any Store, configuration: NotifyConfiguration, clock: WallClock, logger: Logger = Logger(label: "tenure.notify")) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        node = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
        var http = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)))
        http.httpVersion = .http1Only
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
    }

    /// Passes until the service group shuts down; a pass interrupted by shutdown leaves its leases to lapse.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var attempted = 0
            do {
                attempted = try await cancelWhenGracefulShutdown { try await self.pass() }
            } catch is CancellationError {
                logger.notice("deliveries: interrupted, the node is shutting down")
            } catch {
                logger.error("deliveries: \(error)")
            }
            if attempted == 0 { try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.configuration.poll) } }
        }
        try await http.shutdown()
    }

    /// One pass: fans out new events, then attempts up to a batch of due deliveries; returns how many were attempted.
    @discardableResult
    public func pass() async throws -> Int {
        try await fanOut()
        let now = clock.now()
        let claims = try await store.claimDeliveries(node: node, now: now, leaseUntil: now.addingTimeInterval(configuration.lease),
                                                     limit: configuration.batch)
        let finished = await withTaskGroup(of: Attempted?.self) { group in
            for claim in claims { group.addTask { await self.attempt(claim) } }
            var all: [Attempted] = []
            for await one in group { if let one { all.append(one) } }
            return all
        }
        await record(finished)
        return claims.count
    }

    /// Creates the deliveries of events not yet fanned out; returns how many.
    @discardableResult
    public func fanOut() async throws -> Int {
        var created = 0
        while true {
            let events = try await store.eventsAwaitingFanOut(limit: 500)
            guard !events.isEmpty else { return created }
            let endpoints = try await store.endpoints().map(\.endpoint)
            let pairs = events.flatMap { event in
                endpoints.filter { endpoint in
                    endpoint.accepts(event.type, segment: event.accountSegment, owner: event.routingOwner, channel: event.channel) && event.type != .ping
                }
                    .map { (eventID: event.id, endpointID: $0.id) }
            }
            created += try await store.fanOut(events.map(\.seq), deliveries: pairs, at: clock.now())
        }
    }

    /// An attempt made, waiting to be recorded with the others of its pass.
    struct Attempted: Sendable {
        var finished: FinishedAttempt
        var answer: ReceiverAnswer
        var duration: Duration
    }

    /// Makes one attempt of `claim`; `nil` when it was not made (the endpoint's send slot was taken).
    func attempt(_ claim: DeliveryClaim) async -> Attempted? {
        let started = clock.now(), timer = ContinuousClock.now
        let sent: Sent
        do {
            sent = try await send(claim, at: started)
        } catch let wait as SendSlotBusy {
            try? await store.releaseDelivery(claim, dueAt: wait.until)
            return nil
        } catch {
            sent = Sent(request: "", answer: ReceiverAnswer(statusCode: nil, error: "\(error)"), response: "")
        }
        let elapsed = timer.duration(to: .now)
        let duration = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let outcome = sent.answer.outcome(seriesAttempt: claim.seriesAttempt, schedule: configuration.retry, at: clock.now())
        let record = DeliveryAttempt(attempt: claim.attempt, node: node, startedAt: started, duration: duration,
                                     statusCode: sent.answer.statusCode, error: sent.answer.error, request: sent.request, response: sent.response)
        return Attempted(finished: FinishedAttempt(claim: claim, attempt: record, outcome: outcome), answer: sent.answer, duration: elapsed)
    }

    /// Records a pass's attempts in one transaction, then logs them and tells the contacts of disabled endpoints.
    private func record(_ attempts: [Attempted]) async {
        let held: [Bool]
        do {
            held = try await store.finishAttempts(attempts.map(\.finished), at: clock.now())
        } catch {
            logger.error("deliveries: could not record \(attempts.count) attempts: \(error)")
            return
        }
        for (attempted, recorded) in zip(attempts, held) {
            let (claim, outcome) = (attempted.finished.claim, attempted.finished.outcome)
            guard recorded else {
                logger.warning("delivery \(claim.deliveryID): lease lost to another node; its attempt is not recorded")
                continue
            }
            OutcomeLog.record(outcome, claim: claim, answer: attempted.answer, logger: logger)
            DeliveryMetrics.record(outcome, claim: claim, duration: attempted.duration, startedAt: attempted.finished.attempt.startedAt)
            if case .failed(let reason?) = outcome { await tellContact(claim.endpoint.endpoint, reason: reason) }
        }
    }

    struct Sent: Sendable {
        var request: String
        var answer: ReceiverAnswer
        var response: String
    }

    struct SendSlotBusy: Error {
        var until: Date
    }

    private func send(_ claim: DeliveryClaim, at now: Date) async throws -> Sent {
        let endpoint = claim.endpoint.endpoint
        switch endpoint.kind {
        case .webhook:
            let secrets = try openSecrets(claim.endpoint).signingSecrets(at: now)
            let timestamp = Int(now.timeIntervalSince1970)
            let headers = [
                ("content-type", "application/json"), ("user-agent", "Tenure-Webhooks/1"), ("webhook-id", claim.event.id),
                ("webhook-timestamp", String(timestamp)),
                ("webhook-signature", WebhookSignature.header(id: claim.event.id, timestamp: timestamp, body: claim.event.payload, secrets: secrets)),
            ]
            return try await post(claim.event.payload, to: endpoint.target, headers: headers)
        case .slack:
            guard let url = try openSecrets(claim.endpoint).slackURL else { throw ValidationError(field: "url", "the Slack endpoint has no URL") }
            if let busy = try await store.reserveSend(endpointID: endpoint.id, now: now, until: now.addingTimeInterval(configuration.slackInterval)) {
                throw SendSlotBusy(until: busy)
            }
            let summary = try await summary(of: claim.event)
            return try await post(SlackMessage.payload(summary), to: url, headers: [("content-type", "application/json")])
        case .email:
            return try await email(claim, at: now)
        }
    }

    private func email(_ claim: DeliveryClaim, at now: Date) async throws -> Sent {
        let address = claim.endpoint.endpoint.target
        guard let smtp = configuration.smtp else {
            return Sent(request: "", answer: ReceiverAnswer(statusCode: nil, error: "no SMTP server is configured (TENURE_SMTP_URL)"), response: "")
        }
        if try await store.optedOut([address]).contains(address.lowercased()) {
            return Sent(request: "to: \(address)", answer: ReceiverAnswer(statusCode: 250, error: "skipped: the recipient opted out"), response: "")
        }
        let unsubscribe = configuration.unsubscribeURL(for: address)
        let message = try EventEmail.message(try await summary(of: claim.event), from: smtp.from, to: address, unsubscribe: unsubscribe)
        do {
            try await SMTPClient().send(message, configuration: smtp, now: now)
            return Sent(request: "to: \(address)\nsubject: \(message.subject)\nmessage-id: \(message.messageID)",
                        answer: ReceiverAnswer(statusCode: 250), response: "accepted")
        } catch let error as SMTPError {
            return Sent(request: "to: \(address)", answer: ReceiverAnswer(statusCode: nil, error: error.description), response: "")
        }
    }

    private func post(_ body: Data, to target: String, headers: [(String, String)]) async throws -> Sent {
        let url = try await configuration.outbound.check(target)
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let requestText = (["POST \(url.path.isEmpty ? "/" : url.path) (\(url.host ?? ""))"]
            + headers.map { $0.0 == "webhook-signature" ? "\($0.0): \($0.1.prefix(12))…" : "\($0.0): \($0.1)" }).joined(separator: "\n")
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(configuration.timeout * 1_000)))
            let body = try await response.body.collect(upTo: 1 << 20)
            let retryAfter = ReceiverAnswer.retryAfter(response.headers.first(name: "retry-after"), now: clock.now())
            let status = Int(response.status.code)
            let error: String? = (300..<400).contains(status) ? "redirects are not followed (Location: \(response.headers.first(name: "location") ?? "none"))" : nil
            return Sent(request: requestText, answer: ReceiverAnswer(statusCode: status, retryAfter: retryAfter, error: error),
                        response: String(decoding: body.readableBytesView.prefix(2_000), as: UTF8.self))
        } catch {
            return Sent(request: requestText, answer: ReceiverAnswer(statusCode: nil, error: "\(error)"), response: "")
        }
    }

    private func openSecrets(_ record: EndpointRecord) throws -> EndpointSecrets {
        guard let box = configuration.secretBox else {
            throw ValidationError(field: "TENURE_SECRET_KEY", "is not set: the endpoint's secrets cannot be opened")
        }
        return try box.open(record.sealedSecrets)
    }

    private func summary(of event: StoredEvent) async throws -> EventSummary {
        var name: String?
        if let accountID = event.accountID { name = try await store.account(id: accountID)?.account.name }
        return EventSummary(event, accountName: name, dashboard: configuration.publicURL)
    }

    /// Emails the endpoint's contact that Tenure disabled it, when there is a contact and an SMTP server.
    private func tellContact(_ endpoint: NotificationEndpoint, reason: String) async {
        logger.warning("endpoint \(endpoint.id) disabled: \(reason)")
        guard let contact = endpoint.contactEmail, let smtp = configuration.smtp else { return }
        let link = configuration.publicURL?.appendingPathComponent("settings/notifications")
        let text = """
            Tenure stopped sending to the \(endpoint.kind.rawValue) endpoint \(endpoint.id) (\(endpoint.description.isEmpty ? endpoint.target : endpoint.description)): \(reason).

            Fix the receiver, enable the endpoint again and replay its failed deliveries\(link.map { " at \($0.absoluteString)" } ?? "").
            """
        do {
            let message = try MailMessage(from: smtp.from, to: [contact], subject: "Tenure disabled a notification endpoint", textBody: text)
            try await SMTPClient().send(message, configuration: smtp, now: clock.now())
        } catch {
            logger.error("could not tell \(contact) that endpoint \(endpoint.id) was disabled: \(error)")
        }
    }
}

/// Operators' series: `tenure_deliveries_total` by endpoint `kind` and `outcome` (delivered, retry, failed),
/// `tenure_delivery_duration_seconds` per attempt, and `tenure_delivery_lag_seconds` from an event's commit to
/// its first attempt.
enum DeliveryMetrics {
    static func record(_ outcome: DeliveryOutcome, claim: DeliveryClaim, duration: Duration, startedAt: Date) {
        let name = switch outcome {
        case .delivered: "delivered"
        case .retry: "retry"
        case .failed: "failed"
        }
        Counter(label: "tenure_deliveries_total", dimensions: [("kind", claim.endpoint.endpoint.kind.rawValue), ("outcome", name)]).increment()
        Metrics.Timer(label: "tenure_delivery_duration_seconds", preferredDisplayUnit: .seconds).record(duration: duration)
        if claim.attempt == 1 {
            Metrics.Timer(label: "tenure_delivery_lag_seconds", preferredDisplayUnit: .seconds)
                .recordSeconds(max(0, startedAt.timeIntervalSince(claim.event.createdAt)))
        }
    }
}

/// One log line per recorded attempt.
enum OutcomeLog {
    static func record(_ outcome: DeliveryOutcome, claim: DeliveryClaim, answer: ReceiverAnswer, logger: Logger) {
        let what = "delivery \(claim.deliveryID) of \(claim.event.type.rawValue) \(claim.event.id) to \(claim.endpoint.endpoint.id), attempt \(claim.attempt)"
        switch outcome {
        case .delivered: logger.info("\(what): delivered (\(answer.summary))")
        case .retry(let at): logger.notice("\(what): \(answer.summary); next attempt \(JSONCoding.format(at))")
        case .failed(let reason): logger.warning("\(what): \(answer.summary); given up\(reason.map { ": \($0)" } ?? "")")
        }
    }
}

extension NotifyConfiguration {
    /// The one-click unsubscribe link for `address`: `/unsubscribe?email=…&token=…`, the token an HMAC of the address.
    func unsubscribeURL(for address: String) -> URL? {
        guard let publicURL, let token = secretBox?.unsubscribeToken(for: address) else { return nil }
        var components = URLComponents(url: publicURL.appendingPathComponent("unsubscribe"), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "email", value: address), URLQueryItem(name: "token", value: token)]
        return components?.url
    }
}

extension StoredEvent {
    /// The owner an endpoint's `owners` filter matches: the account's, or a digest's CSM.
    var routingOwner: String? {
        type == .digestDaily ? data["owner_id"]?.text : accountOwner
    }

    /// The one kind of endpoint a playbook's message is for (`nil`: any kind).
    var channel: NotificationEndpoint.Kind? {
        type == .playbookNotification ? data["channel"]?.text.flatMap(NotificationEndpoint.Kind.init(rawValue:)) : nil
    }
}
