import Foundation
import TenureCore

/// The SMTP server Tenure sends email through (the `TENURE_SMTP_URL` setting) and the From address it writes.
///
/// `smtp://user:password@host:port?starttls=required|optional|none` (port 587, STARTTLS required by default) or
/// `smtps://user:password@host:port` (TLS from the first byte, port 465). The user and password are
/// percent-decoded; `tls_verify=none` turns certificate checks off, for tests against a self-signed server only.
/// Errors never repeat any part of the URL, so a password cannot reach a log through them.
public struct SMTPConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is protected.
    public enum TLS: Sendable, Hashable {
        /// TLS from the first byte (`smtps://`).
        case implicit
        /// STARTTLS, and no mail at all when the server does not offer it (`starttls=required`, the default).
        case startTLS
        /// STARTTLS when the server offers it, plain text otherwise (`starttls=optional`); a send with
        /// credentials fails rather than authenticate in plain text.
        case startTLSWhenOffered
        /// Plain text throughout (`starttls=none`), for a relay on the same host; refused with credentials.
        case none
    }

    /// Whether the server's certificate is checked.
    public enum CertificateVerification: Sendable, Hashable {
        /// Against the system's trust roots and the host name (the default).
        case full
        /// Not at all (`tls_verify=none`): for tests against a self-signed local server only.
        case none
    }

    /// A user name and password for `AUTH`, sent only over TLS.
    public struct Credentials: Sendable, Hashable, CustomStringConvertible {
        public let user: String
        public let password: String

        /// The user, the password masked.
        public var description: String { "\(user):***" }
    }

    public let host: String
    public let port: Int
    /// Nil when the server takes mail without `AUTH`.
    public let credentials: Credentials?
    public let tls: TLS
    public let certificateVerification: CertificateVerification
    /// The From address of Tenure's email, e.g. `Tenure <tenure@example.com>`.
    public let from: String

    /// Reads `url` (see ``SMTPConfiguration``) and checks `from` as an address; throws a ``ValidationError``
    /// naming the problem (never the password) for anything else, control characters included.
    public init(url: String, from: String) throws(ValidationError) {
        _ = try MailAddress(from, field: "TENURE_SMTP_FROM")
        self.from = from
        guard !url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Self.invalid("must not contain line breaks, NUL or other control characters")
        }
        guard let separator = url.range(of: "://") else {
            throw Self.invalid("must be a URL like smtp://user:password@host:587 or smtps://user:password@host:465")
        }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "smtp" || scheme == "smtps" else { throw Self.invalid("must start with smtp:// or smtps://") }
        var rest = url[separator.upperBound...]
        var parameters = try Self.parameters(in: &rest)
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...] == "/" else {
                throw Self.invalid("must not have a path (percent-encode / ? # @ in the user or password)")
            }
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            credentials = try Self.credentials(rest[..<at])
            rest = rest[rest.index(after: at)...]
        } else {
            credentials = nil
        }
        (host, port) = try Self.hostAndPort(rest, defaultPort: scheme == "smtps" ? 465 : 587)
        if scheme == "smtps" {
            guard parameters.removeValue(forKey: "starttls") == nil else {
                throw Self.invalid("starttls does not apply to smtps://, which uses TLS from the start")
            }
            tls = .implicit
        } else {
            switch parameters.removeValue(forKey: "starttls") ?? "required" {
            case "required": tls = .startTLS
            case "optional": tls = .startTLSWhenOffered
            case "none": tls = .none
            default: throw Self.invalid("starttls must be required, optional or none")
            }
        }
        switch parameters.removeValue(forKey: "tls_verify") ?? "full" {
        case "full": certificateVerification = .full
        case "none": certificateVerification = .none
        default: throw Self.invalid("tls_verify must be full or none")
        }
        if credentials != nil && tls == .none {
            throw Self.invalid("a user and password need TLS: use starttls=required or smtps://, not starttls=none")
        }
    }

    /// The URL with the password masked.
    public var description: String {
        let scheme = tls == .implicit ? "smtps" : "smtp"
        let user = credentials.map { "\($0.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? ""):***@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        var query: [String] = []
        switch tls {
        case .implicit, .startTLS: break
        case .startTLSWhenOffered: query.append("starttls=optional")
        case .none: query.append("starttls=none")
        }
        if certificateVerification == .none { query.append("tls_verify=none") }
        return "\(scheme)://\(user)\(host):\(port)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// Whether ``host`` is an IP address rather than a name (TLS then sends no server name).
    var hostIsIPAddress: Bool { host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." } }

    private static func invalid(_ message: String) -> ValidationError {
        ValidationError(field: "TENURE_SMTP_URL", message)
    }

    /// Takes the query off `rest` and returns its parameters, refusing unknown and repeated ones.
    private static func parameters(in rest: inout Substring) throws(ValidationError) -> [String: String] {
        guard let mark = rest.firstIndex(of: "?") else {
            if rest.contains("#") { throw invalid("must not have a fragment (percent-encode # in the user or password)") }
            return [:]
        }
        let query = rest[rest.index(after: mark)...]
        rest = rest[..<mark]
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard ["starttls", "tls_verify"].contains(name) else {
                throw invalid("has an unknown query parameter; the known ones are starttls and tls_verify")
            }
            guard parts.count == 2 else { throw invalid("\(name) needs a value, like \(name)=none") }
            guard parameters.updateValue(parts[1].lowercased(), forKey: name) == nil else { throw invalid("repeats \(name)") }
        }
        return parameters
    }

    /// `user:password`, both percent-decoded and free of control characters.
    private static func credentials(_ userInfo: Substring) throws(ValidationError) -> Credentials {
        guard let colon = userInfo.firstIndex(of: ":") else {
            throw invalid("a user needs a password, like smtp://user:password@host")
        }
        func decoded(_ text: Substring, _ name: String) throws(ValidationError) -> String {
            guard let value = text.removingPercentEncoding else { throw invalid("the \(name) is not valid percent-encoding") }
            guard !value.isEmpty else { throw invalid("the \(name) is empty") }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw invalid("the \(name) must not contain line breaks, NUL or other control characters")
            }
            return value
        }
        return Credentials(user: try decoded(userInfo[..<colon], "user"),
                           password: try decoded(userInfo[userInfo.index(after: colon)...], "password"))
    }

    /// `host`, `host:port`, `[IPv6]` or `[IPv6]:port`.
    private static func hostAndPort(_ authority: Substring, defaultPort: Int) throws(ValidationError) -> (String, Int) {
        var host = authority, portText: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw invalid("has text after the IPv6 address") }
            portText = after.isEmpty ? nil : after.dropFirst()
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw invalid("has a host in brackets that is not an IPv6 address")
            }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            }
            guard !host.isEmpty else { throw invalid("is missing the host") }
            guard host.utf8.count <= 253, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else {
                throw invalid("has a host that is not a host name or an IP address (an IPv6 address goes in brackets)")
            }
        }
        guard let portText else { return (String(host), defaultPort) }
        guard (1...5).contains(portText.count), portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText),
              (1...65535).contains(port)
        else { throw invalid("must have a port between 1 and 65535") }
        return (String(host), port)
    }
}
