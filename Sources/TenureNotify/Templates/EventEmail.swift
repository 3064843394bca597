import Foundation
import TenureCore

/// The email for an event: the summary as the subject, plain text and escaped HTML bodies, and for
/// non-transactional mail a one-click unsubscribe (RFC 8058) to `unsubscribe`.
public enum EventEmail {
    public static func message(_ summary: EventSummary, from: String, to: String, unsubscribe: URL?) throws -> MailMessage {
        let text = ([summary.headline, ""] + summary.details + (summary.link.map { ["", "Open in Tenure: \($0.absoluteString)"] } ?? []))
            .joined(separator: "\n")
        let html = """
            <!doctype html><html><body>
            <h1 style="font-size:18px">\(HTMLEscaping.escape(summary.headline))</h1>
            \(summary.details.map { "<p>\(HTMLEscaping.escape($0))</p>" }.joined(separator: "\n"))
            \(summary.link.map { "<p><a href=\"\(HTMLEscaping.escape($0.absoluteString))\">Open in Tenure</a></p>" } ?? "")
            \(unsubscribe.map { "<p style=\"color:#666;font-size:12px\"><a href=\"\(HTMLEscaping.escape($0.absoluteString))\">Unsubscribe</a></p>" } ?? "")
            </body></html>
            """
        var headers: [(name: String, value: String)] = []
        if let unsubscribe {
            headers = [("List-Unsubscribe", "<\(unsubscribe.absoluteString)>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
        }
        return try MailMessage(from: from, to: [to], subject: summary.headline, textBody: text, htmlBody: html, extraHeaders: headers)
    }
}
