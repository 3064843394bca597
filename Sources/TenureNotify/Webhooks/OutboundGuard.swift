import Foundation
import TenureCore
#if canImport(Glibc)
import Glibc
#endif

/// Keeps outbound requests off the private network (server-side request forgery): an endpoint URL must be http(s)
/// without credentials, and every address its host resolves to must be public — loopback, private, link-local,
/// shared, multicast and reserved ranges are refused unless the allow-list (`outbound_allow`) names the host or
/// the address. Checked when an endpoint is saved and again before every attempt.
public struct OutboundGuard: Sendable {
    /// Hosts or addresses that may be private (e.g. `127.0.0.1` in tests, an internal receiver in production).
    public var allowed: Set<String>

    public init(allowed: [String] = []) {
        self.allowed = Set(allowed.map { $0.lowercased() })
    }

    /// The URL, checked; a ``ValidationError`` naming `field` says why it is refused.
    @discardableResult
    public func check(_ text: String, field: String = "url") async throws -> URL {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let url = components.url else {
            throw ValidationError(field: field, "must be an http or https URL")
        }
        guard components.user == nil, components.password == nil else {
            throw ValidationError(field: field, "must not carry a user name or password")
        }
        guard let host = components.host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")), !host.isEmpty else {
            throw ValidationError(field: field, "names no host")
        }
        if allowed.contains(host) { return url }
        let addresses = try await Self.resolve(host)
        guard !addresses.isEmpty else { throw ValidationError(field: field, "host \(host) does not resolve") }
        for address in addresses where !allowed.contains(address) {
            if let range = Self.privateRange(of: address) {
                throw ValidationError(field: field, "\(host) resolves to \(address), a \(range) address; Tenure sends only to public addresses unless outbound_allow (TENURE_OUTBOUND_ALLOW) names the host or address")
            }
        }
        return url
    }

    /// The kind of non-public range `address` (IPv4 or IPv6 text) is in, or `nil` when it is public.
    public static func privateRange(of address: String) -> String? {
        if let v4 = ipv4(address) { return privateRange(v4) }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return "unparseable" }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return privateRange(UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15]))
        }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return bytes[15] == 1 ? "loopback" : "unspecified" }
        if bytes[0] & 0xfe == 0xfc { return "private (unique local)" }
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return "link-local" }
        if bytes[0] == 0xff { return "multicast" }
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b { return "NAT64" }
        return nil
    }

    private static func ipv4(_ address: String) -> UInt32? {
        var value = in_addr()
        guard inet_pton(AF_INET, address, &value) == 1 else { return nil }
        return UInt32(bigEndian: value.s_addr)
    }

    private static func privateRange(_ v4: UInt32) -> String? {
        let ranges: [(UInt32, Int, String)] = [
            (0x0000_0000, 8, "unspecified"), (0x0A00_0000, 8, "private"), (0x6440_0000, 10, "shared (carrier-grade NAT)"),
            (0x7F00_0000, 8, "loopback"), (0xA9FE_0000, 16, "link-local"), (0xAC10_0000, 12, "private"), (0xC000_0000, 24, "reserved"),
            (0xC0A8_0000, 16, "private"), (0xC612_0000, 15, "benchmarking"), (0xE000_0000, 4, "multicast"), (0xF000_0000, 4, "reserved"),
        ]
        for (base, bits, name) in ranges where v4 >> (32 - bits) == base >> (32 - bits) { return name }
        return nil
    }

    /// Every address `host` resolves to, as text.
    static func resolve(_ host: String) async throws -> [String] {
        try await Task.detached {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &result) == 0 else { return [] }
            defer { freeaddrinfo(result) }
            var addresses: [String] = []
            var cursor = result
            while let info = cursor?.pointee {
                var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                if getnameinfo(info.ai_addr, info.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                    addresses.append(String(cString: buffer))
                }
                cursor = info.ai_next
            }
            return Array(Set(addresses)).sorted()
        }.value
    }
}
