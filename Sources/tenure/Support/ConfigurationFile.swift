import Foundation
import TenureCore
import TenureEngine
import TenureNotify
import TenureStore
import Yams

/// `tenure.yaml`: flat `key: value` settings for `tenure serve` and the database, read below
/// the flags and the environment and above the defaults. Unknown keys, anchors and aliases are
/// refused with the key named, so a typo never passes silently.
struct ConfigurationFile {
    /// One setting: its key in the file and the environment variable that overrides it.
    enum Setting: String, CaseIterable {
        case database, host, port
        case stripeWebhookSecret = "stripe_webhook_secret"
        case metricsToken = "metrics_token"
        case workerMetricsPort = "worker_metrics_port"
        case logFormat = "log_format"
        case logLevel = "log_level"
        case healthInterval = "health_interval"
        case jobs
        case secretKey = "secret_key"
        case smtpURL = "smtp_url"
        case mailFrom = "mail_from"
        case publicURL = "public_url"
        case outboundAllow = "outbound_allow"
        case digestHour = "digest_hour"
        case digestTimezone = "digest_timezone"
        case businessCalendar = "business_calendar"
        case taskEscalation = "task_escalation"

        /// `TENURE_` and the key in capitals; the database's is `TENURE_DATABASE_URL`.
        var environment: String { self == .database ? "TENURE_DATABASE_URL" : "TENURE_" + rawValue.uppercased() }
    }

    /// The file read, if any.
    var path: String?
    var values: [Setting: String] = [:]

    /// Reads `path`, else `$TENURE_CONFIG`, else `tenure.yaml` in the working directory when there is one.
    static func load(_ path: String?) throws -> ConfigurationFile {
        let environment = ProcessInfo.processInfo.environment
        guard let path = path ?? environment["TENURE_CONFIG"] ?? (FileManager.default.fileExists(atPath: "tenure.yaml") ? "tenure.yaml" : nil)
        else { return ConfigurationFile() }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read the configuration file") }
        return try ConfigurationFile(path: path, text: String(decoding: data, as: UTF8.self))
    }

    init() {}

    init(path: String, text: String) throws {
        self.path = path
        do {
            try YAMLAliasCheck.check(text)
        } catch {
            // Checked line by line, the first line that fails names the key.
            let line = text.split(separator: "\n").first { (try? YAMLAliasCheck.check(String($0))) == nil }
            let key = line?.split(separator: ":").first.map { "\($0.trimmingCharacters(in: .whitespaces)): " } ?? ""
            throw CommandFailure("\(path): \(key)\(error.message)")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw CommandFailure("\(path): not valid YAML: \(error)") }
        guard let node else { return }
        guard let mapping = node.mapping else { throw CommandFailure("\(path): expected `key: value` lines") }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "\(keyNode)"
            guard let setting = Setting(rawValue: key) else {
                let known = Setting.allCases.map(\.rawValue).joined(separator: ", ")
                throw CommandFailure("\(path): unknown key '\(key)' (known: \(known))")
            }
            guard let scalar = value.scalar else { throw CommandFailure("\(path): \(key) must be a single value") }
            if !["", "~", "null"].contains(scalar.string) { values[setting] = scalar.string }
        }
    }

    /// The setting's value from the environment, else from the file, with where it came from.
    func value(_ setting: Setting) -> (text: String, origin: String)? {
        if let text = ProcessInfo.processInfo.environment[setting.environment], !text.isEmpty { return (text, setting.environment) }
        return values[setting].map { ($0, "\(setting.rawValue) in \(path ?? "tenure.yaml")") }
    }

    /// The setting's value read by `parse`, failing with its origin and `expected` when `parse` refuses it.
    func value<T>(_ setting: Setting, expected: String, _ parse: (String) -> T?) throws -> T? {
        guard let (text, origin) = value(setting) else { return nil }
        guard let parsed = parse(text) else { throw CommandFailure("\(origin): '\(text)' is not \(expected)") }
        return parsed
    }

    /// The setting's port, 0 to 65535.
    func port(_ setting: Setting) throws -> Int? {
        try value(setting, expected: "a port between 0 and 65535") { Int($0).flatMap { (0...65_535).contains($0) ? $0 : nil } }
    }

    /// The address to listen on: the `host` setting, else loopback only.
    var host: String { value(.host)?.text ?? "127.0.0.1" }
}

extension ConfigurationFile {
    /// The notification settings: the secret key that seals endpoint secrets and signs unsubscribe links, the SMTP
    /// server and From address, the public URL for links (`defaultPublicURL` when unset), the outbound allow-list and
    /// the digest's hour and time zone. A value that cannot work fails here, naming where it came from.
    func notify(defaultPublicURL: String) throws -> NotifyConfiguration {
        var configuration = NotifyConfiguration()
        if let (text, origin) = value(.secretKey) {
            do { configuration.secretBox = try SecretBox(base64Key: text) } catch let error as ValidationError { throw CommandFailure("\(origin): \(error.message)") }
        }
        let publicURL = value(.publicURL) ?? (defaultPublicURL, "public_url")
        guard let url = URL(string: publicURL.text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
            throw CommandFailure("\(publicURL.origin): '\(publicURL.text)' is not an http or https URL such as https://tenure.example.com")
        }
        configuration.publicURL = url
        // Unset, the From address is at the public host when it is a domain name (an address needs a dot in its domain).
        let host = url.host ?? "", domain = host.contains(".") && !host.allSatisfy({ $0.isNumber || $0 == "." }) ? host : "localhost.localdomain"
        let from = value(.mailFrom) ?? ("Tenure <tenure@\(domain)>", "mail_from")
        if let (smtpURL, origin) = value(.smtpURL) {
            do {
                configuration.smtp = try SMTPConfiguration(url: smtpURL, from: from.text)
            } catch {
                // The message never repeats the URL, which may hold a password.
                throw CommandFailure("\(error.field == "TENURE_SMTP_URL" ? origin : from.origin): \(error.message)")
            }
        } else {
            // Checked now, so a bad address fails at start rather than when an SMTP server is added.
            do { _ = try SMTPConfiguration(url: "smtp://localhost", from: from.text) } catch { throw CommandFailure("\(from.origin): \(error.message)") }
        }
        if let (text, origin) = value(.outboundAllow) {
            let hosts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let bad = hosts.first(where: { host in host.contains { $0.isWhitespace || $0 == "/" || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } } }) {
                throw CommandFailure("\(origin): '\(bad)' is not a host name or an IP address (list them separated by commas)")
            }
            configuration.outbound = OutboundGuard(allowed: hosts)
        }
        configuration.digestHour = try value(.digestHour, expected: "an hour from 0 to 23") { Int($0).flatMap { (0...23).contains($0) ? $0 : nil } } ?? 8
        configuration.digestTimeZone = try value(.digestTimezone, expected: "an IANA time zone such as Europe/Paris") { TimeZone(identifier: $0) }
            ?? TimeZone(identifier: "UTC")!
        return configuration
    }
}

extension ConfigurationFile {
    /// The business calendar SLAs count in and the escalation rules of overdue tasks; a value that cannot work fails here,
    /// naming where it came from.
    func playbooks() throws -> PlaybookConfiguration {
        var configuration = PlaybookConfiguration()
        if let (text, origin) = value(.businessCalendar) {
            do { configuration.calendar = try BusinessCalendar(spec: text) } catch { throw CommandFailure("\(origin): \(error.message)") }
        }
        if let (text, origin) = value(.taskEscalation) {
            do { configuration.escalation = try EscalationPolicy(spec: text) } catch { throw CommandFailure("\(origin): \(error.message)") }
        }
        return configuration
    }
}
