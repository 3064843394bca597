import Foundation
import TenureCore
import TenureStore
import TenureTestSupport
import Testing
@testable import TenureNotify

/// Email endpoints through a real SMTP server (aiosmtpd with STARTTLS and AUTH, Tests/e2e/smtp_server.py), the
/// message read back by Python's `email` package.
@Suite("Email delivery")
struct EmailDeliveryTests {
    @Test("payment.failed arrives with the account in the subject, escaped HTML and one-click unsubscribe; an opted-out address gets nothing",
          arguments: Backend.allCases)
    func paymentFailed(backend: Backend) async throws {
        let server = try await SMTPTestServer(["--require-starttls", "--user", "ana", "--password", "s3cr=t"])
        defer { server.stop() }
        try await TestDatabases.withStore(backend) { store in
            let smtp = try SMTPConfiguration(url: "smtp://ana:s3cr%3Dt@127.0.0.1:\(server.port)?tls_verify=none", from: "Tenure <tenure@example.com>")
            let harness = try DeliveryHarness(store: store, smtp: smtp, publicURL: URL(string: "https://tenure.example.com/app"))
            let name = "Acme <script>alert(1)</script> & Co"
            let account = try await store.upsertAccount(AccountDraft(id: "acct_m", name: name), newID: "acct_m", at: harness.time.now).account
            let csm = try await harness.notifier.create(.init(kind: .email, target: "csm@example.com", eventTypes: ["payment.failed"])).endpoint
            let gone = try await harness.notifier.create(.init(kind: .email, target: "Gone@Example.com", eventTypes: ["payment.failed"])).endpoint
            try await store.setOptOut(email: "gone@example.com", optedOut: true, at: harness.time.now)
            let event = try #require(try await harness.appendPaymentsFailed(accountID: account.id).first)
            #expect(try await harness.withWorker { try await $0.pass() } == 2)

            let received = try #require(try server.received().only, "one message: none to the opted-out address")
            #expect(received.rcptTos == ["csm@example.com"])
            #expect(received.tls && received.authenticatedAs == "ana")
            let mail = received.parsed
            #expect(mail.defects.isEmpty, "\(mail.defects)")
            #expect(mail.headers["Subject"] == "Payment failed for \(name)")
            let html = try #require(mail.parts.first { $0.contentType == "text/html" }?.text)
            #expect(html.contains("Payment failed for Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
            #expect(!html.contains("<script>"), "no markup from the account name")
            let text = try #require(mail.parts.first { $0.contentType == "text/plain" }?.text)
            #expect(text.contains("Payment failed for \(name)"))
            #expect(text.contains("https://tenure.example.com/app/accounts/acct_m"))

            #expect(mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
            let header = try #require(mail.headers["List-Unsubscribe"])
            #expect(header.hasPrefix("<https://tenure.example.com/app/unsubscribe?") && header.hasSuffix(">"), "\(header)")
            let link = try #require(URLComponents(string: String(header.dropFirst().dropLast())))
            let query = Dictionary(uniqueKeysWithValues: (link.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(query["email"] == "csm@example.com")
            let box = try #require(harness.configuration.secretBox)
            #expect(query["token"].map { box.isUnsubscribeToken($0, for: "csm@example.com") } == true)
            #expect(html.contains("unsubscribe?email="), "the HTML has the unsubscribe link too")

            let sent = try #require(try await store.deliveries(DeliveryQuery(endpointID: csm.id, eventID: event.id)).items.only)
            #expect(sent.status == .succeeded && sent.lastError == nil)
            let skipped = try #require(try await store.deliveries(DeliveryQuery(endpointID: gone.id, eventID: event.id)).items.only)
            #expect(skipped.lastError?.contains("opted out") == true, "\(skipped.lastError ?? "no note")")
        }
    }

    @Test("when Tenure disables an endpoint (410) its contact is emailed why, with the settings link", arguments: Backend.allCases)
    func contactToldOfDisable(backend: Backend) async throws {
        let server = try await SMTPTestServer(["--no-tls"])
        defer { server.stop() }
        let receiver = try await WebhookReceiver(answers: ["410"])
        defer { receiver.stop() }
        try await TestDatabases.withStore(backend) { store in
            let smtp = try SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)?starttls=none", from: "Tenure <tenure@example.com>")
            let harness = try DeliveryHarness(store: store, smtp: smtp, publicURL: URL(string: "https://tenure.example.com"))
            let endpoint = try await harness.notifier.create(.init(kind: .webhook, target: receiver.url(), description: "CRM sync",
                                                                   eventTypes: ["*"], contactEmail: "ops@example.com")).endpoint
            try await harness.appendPaymentsFailed()
            #expect(try await harness.withWorker { try await $0.pass() } == 1)
            #expect(try await harness.endpoint(endpoint.id).status == .disabled)
            let told = try #require(try server.received().only, "one message, to the contact")
            #expect(told.rcptTos == ["ops@example.com"])
            #expect(told.parsed.headers["Subject"] == "Tenure disabled a notification endpoint")
            let text = told.parsed.parts.map(\.text).joined()
            #expect(text.contains(endpoint.id) && text.contains("CRM sync") && text.contains("410"), "\(text)")
            #expect(text.contains("https://tenure.example.com/settings/notifications"), "\(text)")
        }
    }
}
