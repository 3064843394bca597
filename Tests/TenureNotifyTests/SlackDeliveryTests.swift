import Foundation
import TenureCore
@testable import TenureStore
import TenureTestSupport
import Testing
@testable import TenureNotify

/// Slack endpoints against a local receiver: one message per second per endpoint across workers, and messages
/// that Slack's own SDK (slack_sdk) reads as Block Kit.
@Suite("Slack delivery")
struct SlackDeliveryTests {
    /// One line of Tests/e2e/validate_slack.py's output.
    struct Validation: Decodable {
        var text: String?
        var blockTypes: [String]
        var roundTrip: Bool
        var errors: [String]
    }

    @Test("two events are two messages at least 1 s apart by the clock, the second released to send_after; slack_sdk parses them",
          arguments: Backend.allCases)
    func pacedMessages(backend: Backend) async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        try await TestDatabases.withStore(backend) { store in
            let harness = try DeliveryHarness(store: store, publicURL: URL(string: "https://tenure.example.com"))
            let t0 = harness.time.now
            let account = try await store.upsertAccount(AccountDraft(id: "acct_s", name: "Acme <!channel> & <b>Co</b>"), newID: "acct_s", at: t0).account
            let created = try await harness.notifier.create(.init(kind: .slack, target: receiver.url("/services/T000/B000/XXXXSECRET"),
                                                                  eventTypes: ["payment.*"]))
            #expect(created.secret == nil)
            #expect(created.endpoint.target == "http://127.0.0.1:\(receiver.port)/services/T000/…", "the stored target hides the URL's secret part")
            let events = try await harness.appendPaymentsFailed(2, accountID: account.id)
            try await harness.withWorker { worker in
                #expect(try await worker.pass() == 2, "both claimed; one sent, the other given back to its endpoint's next slot")
                #expect(try receiver.requests().count == 1)
                let deliveries = try await store.deliveries(DeliveryQuery(endpointID: created.endpoint.id)).items
                let waiting = try #require(deliveries.filter { $0.status == .pending }.only)
                #expect(waiting.attempts == 0, "a delivery waiting for its slot has not been attempted")
                #expect(waiting.nextAttemptAt == t0.addingTimeInterval(1), "released to send_after, 1 s after the first send")
                harness.time.advance(0.5)
                #expect(try await worker.pass() == 0)
                harness.time.set(t0.addingTimeInterval(1))
                #expect(try await worker.pass() == 1)
            }
            let requests = try receiver.requests()
            try #require(requests.count == 2)
            #expect(requests.allSatisfy { $0.path == "/services/T000/B000/XXXXSECRET" && $0.headers["content-type"] == "application/json" })
            var started: [Date] = []
            for event in events {
                let delivery = try await harness.delivery(of: event)
                #expect(delivery.status == .succeeded && delivery.attempts == 1)
                started.append(try #require(try await store.deliveryAttempts(deliveryID: delivery.id).only).startedAt)
            }
            #expect(abs(started[0].timeIntervalSince(started[1])) >= 1, "at most one message per second per endpoint: \(started)")

            let result = try await E2E.run("validate_slack.py", [receiver.requestsFile.path])
            let validations = try result.lines(Validation.self)
            #expect(result.status == 0, "\(validations.map(\.errors)) \(result.stderr)")
            try #require(validations.count == 2)
            for validation in validations {
                #expect(validation.roundTrip)
                #expect(validation.blockTypes == ["section", "section", "context"])
                let text = try #require(validation.text)
                #expect(text.contains("Payment failed for Acme"))
                #expect(!text.contains("<!channel>") && !text.contains("<b>"),
                        "the text field is mrkdwn too: an account name must not mention @channel or format: \(text)")
            }
            let body = try #require(requests.first?.body)
            #expect(body.contains("&lt;!channel&gt; &amp; &lt;b&gt;Co&lt;/b&gt;"), "blocks escape &, < and >")
            #expect(body.contains("<https://tenure.example.com/accounts/acct_s|Open in Tenure>"))
        }
    }

    @Test("a Slack endpoint's URL survives sealing and opening (the worker reads it back to post)")
    func slackURLSealed() throws {
        let box = try SecretBox(base64Key: DeliveryHarness.key)
        var secrets = EndpointSecrets()
        secrets.slackURL = "https://hooks.slack.com/services/T000/B000/XXXX"
        let opened = try box.open(try box.seal(secrets))
        #expect(opened.slackURL == secrets.slackURL)
        #expect(opened == secrets)
    }

    @Test("the message for an account named with mrkdwn control characters passes slack_sdk and mentions nobody")
    func payloadEscaping() async throws {
        let now = Date(timeIntervalSince1970: 1_781_524_800)
        let event = DomainEvent(type: .paymentFailed, accountID: "acct_x", occurredAt: now,
                                data: ["account_id": .string("acct_x"), "invoice_id": .string("in_<1>"), "amount": .number(4_900),
                                       "currency": .string("usd"), "failure_code": .string("card_declined")], key: "k")
        let stored = StoredEvent(seq: 1, id: event.id, type: event.type, accountID: event.accountID, occurredAt: now, createdAt: now, key: event.key,
                                 payload: event.payload, accountSegment: nil, accountOwner: nil)
        let summary = EventSummary(stored, accountName: "Acme <!channel> & <https://evil.example|Co>", dashboard: URL(string: "https://tenure.example.com"))
        let body = String(decoding: SlackMessage.payload(summary), as: UTF8.self)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-slack-\(UUID().uuidString).jsonl")
        let line = try JSONSerialization.data(withJSONObject: ["method": "POST", "path": "/", "headers": [String: String](), "body": body])
        try (line + Data("\n".utf8)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await E2E.run("validate_slack.py", [file.path])
        let validation = try #require(try result.lines(Validation.self).only, "\(result.stderr)")
        #expect(validation.errors.isEmpty && validation.roundTrip, "\(validation.errors)")
        #expect(validation.blockTypes == ["section", "section", "context"])
        let text = try #require(validation.text)
        #expect(!text.contains("<!channel>") && !text.contains("<https://evil.example|Co>"),
                "Slack reads the text field as mrkdwn too (it is the notification): &, < and > must be escaped there as in the blocks: \(text)")
        #expect(!body.contains("<!channel>"), "neither the text nor the blocks carry a live mention")
    }

    @Test("a playbook's message names the account as text: the template inserts it as written, Slack and email escape it")
    func playbookMessageEscaping() throws {
        let now = Date(timeIntervalSince1970: 1_781_524_800)
        let name = "Acme <!channel> & <script>alert(1)</script>"
        let template = try PlaybookTemplate("Detractor follow-up for {{account.name}} still open", field: "steps[2].notify.text")
        let text = template.render(["account": .object(["name": .string(name)])])
        #expect(text == "Detractor follow-up for \(name) still open")
        let event = DomainEvent(type: .playbookNotification, accountID: "acct_x", occurredAt: now,
                                data: ["account_id": .string("acct_x"), "account_name": .string(name), "playbook": .string("Detractors"),
                                       "run_id": .string("run_1"), "channel": .string("slack"), "text": .string(text)], key: "k")
        let stored = StoredEvent(seq: 1, id: event.id, type: event.type, accountID: event.accountID, occurredAt: now, createdAt: now,
                                 key: event.key, payload: event.payload, accountSegment: nil, accountOwner: nil)
        let summary = EventSummary(stored, accountName: name, dashboard: URL(string: "https://tenure.example.com"))
        let slack = String(decoding: SlackMessage.payload(summary), as: UTF8.self)
        #expect(!slack.contains("<!channel>") && !slack.contains("<script>") && slack.contains("&lt;!channel&gt;"))
        let mail = try EventEmail.message(summary, from: "tenure@example.com", to: "ana@example.com", unsubscribe: nil)
        let html = try #require(mail.htmlBody)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
    }
}
