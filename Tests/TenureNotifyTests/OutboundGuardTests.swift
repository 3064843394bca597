import Foundation
import TenureCore
import Testing
@testable import TenureNotify

/// Server-side request forgery: endpoint URLs that reach the private network are refused unless allow-listed.
@Suite("Outbound guard")
struct OutboundGuardTests {
    static let privateURLs = ["http://127.0.0.1:1/x", "http://10.0.0.5/", "http://[::1]/", "http://169.254.169.254/", "http://localhost/"]

    @Test("loopback, private, link-local (cloud metadata) and localhost URLs are refused naming the field", arguments: privateURLs)
    func refused(url: String) async throws {
        let error = try await #require(throws: ValidationError.self) { try await OutboundGuard().check(url) }
        #expect(error.field == "url")
        #expect(error.message.contains("outbound_allow"), "the message says how to allow it: \(error.message)")
        let named = try await #require(throws: ValidationError.self) { try await OutboundGuard().check(url, field: "target") }
        #expect(named.field == "target")
    }

    @Test("the same URLs pass when the allow-list names the host or address", arguments: privateURLs)
    func allowed(url: String) async throws {
        let allowList = OutboundGuard(allowed: ["127.0.0.1", "10.0.0.5", "::1", "169.254.169.254", "LOCALHOST"])
        let checked = try await allowList.check(url)
        #expect(checked.absoluteString == url)
    }

    @Test("localhost passes when every address it resolves to is allow-listed")
    func localhostByAddress() async throws {
        let addresses = try await OutboundGuard.resolve("localhost")
        try #require(!addresses.isEmpty)
        try await OutboundGuard(allowed: addresses).check("http://localhost:8080/hook")
    }

    @Test("credentials in the URL and schemes other than http(s) are refused, allow-list or not")
    func credentialsAndSchemes() async throws {
        let allowList = OutboundGuard(allowed: ["example.com"])
        let credentials = try await #require(throws: ValidationError.self) { try await allowList.check("https://user:pw@example.com") }
        #expect(credentials.field == "url" && credentials.message.contains("user name or password"))
        for url in ["ftp://example.com/", "file:///etc/passwd", "gopher://example.com", "example.com/hook", "http:///nohost"] {
            await #expect(throws: ValidationError.self, "\(url)") { try await allowList.check(url) }
        }
    }

    @Test("privateRange(of:) names the range of non-public addresses and nil for public ones", arguments: [
        ("100.64.0.1", "shared"), ("172.31.255.255", "private"), ("172.32.0.1", nil), ("::ffff:127.0.0.1", "loopback"),
        ("fe80::1", "link-local"), ("8.8.8.8", nil), ("127.8.9.10", "loopback"), ("10.255.255.255", "private"), ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"), ("::1", "loopback"), ("::", "unspecified"),
        ("fd00::1", "private"), ("ff02::1", "multicast"), ("::ffff:10.1.2.3", "private"), ("2606:4700:4700::1111", nil), ("1.1.1.1", nil),
        ("100.128.0.1", nil), ("192.0.0.8", "reserved"), ("198.18.0.1", "benchmarking"),
    ] as [(String, String?)])
    func privateRange(address: String, expected: String?) {
        let range = OutboundGuard.privateRange(of: address)
        if let expected {
            #expect(range?.contains(expected) == true, "\(address) is \(range ?? "public")")
        } else {
            #expect(range == nil, "\(address) is public, not \(range ?? "")")
        }
    }
}
