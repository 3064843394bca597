import Foundation
import TenureCore
import TenureStore

/// What a receiver answered to one attempt, and what Tenure makes of it: 2xx delivered; 410 gives up and disables
/// the endpoint; other answers, redirects and network errors are retried on the schedule, no sooner than a
/// `Retry-After` on 429, 502, 503 or 504; the last failure gives up and disables the endpoint.
public struct ReceiverAnswer: Sendable, Hashable {
    public var statusCode: Int?
    /// Seconds the receiver asked to wait.
    public var retryAfter: TimeInterval?
    public var error: String?

    public init(statusCode: Int?, retryAfter: TimeInterval? = nil, error: String? = nil) {
        self.statusCode = statusCode
        self.retryAfter = retryAfter
        self.error = error
    }

    public var delivered: Bool { statusCode.map { (200..<300).contains($0) } ?? false }

    /// The delivery's outcome after attempt `seriesAttempt` of its schedule, answered at `now`.
    public func outcome(seriesAttempt: Int, schedule: RetrySchedule, at now: Date) -> DeliveryOutcome {
        if delivered { return .delivered }
        if statusCode == 410 { return .failed(disableEndpoint: "the receiver answered 410 Gone") }
        let honoured = [429, 502, 503, 504].contains(statusCode ?? 0) ? retryAfter : nil
        guard let next = schedule.nextAttempt(after: seriesAttempt, failedAt: now, retryAfter: honoured) else {
            return .failed(disableEndpoint: "all \(schedule.attempts) attempts of a delivery failed (last: \(summary))")
        }
        return .retry(at: next)
    }

    /// `HTTP 503` or the error, for logs and messages.
    public var summary: String {
        statusCode.map { "HTTP \($0)" } ?? error ?? "no answer"
    }

    /// A `Retry-After` value in seconds: a whole number of seconds or an HTTP date.
    public static func retryAfter(_ header: String?, now: Date) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Int(header) { return seconds >= 0 ? TimeInterval(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: header).map { max(0, $0.timeIntervalSince(now)) }
    }
}
