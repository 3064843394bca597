import Foundation
import TenureCore

/// A Slack incoming-webhook message: `text` (the notification and screen-reader fallback) and Block Kit blocks in
/// mrkdwn, with a link back to the account's dashboard page.
public enum SlackMessage {
    public static func payload(_ summary: EventSummary) -> Data {
        var blocks: [JSONValue] = [
            .object(["type": .string("section"), "text": .object(["type": .string("mrkdwn"), "text": .string("*\(escape(summary.headline))*")])]),
        ]
        if !summary.details.isEmpty {
            blocks.append(.object(["type": .string("section"), "text": .object([
                "type": .string("mrkdwn"), "text": .string(summary.details.map(escape).joined(separator: "\n")),
            ])]))
        }
        if let link = summary.link {
            blocks.append(.object(["type": .string("context"), "elements": .array([.object([
                "type": .string("mrkdwn"), "text": .string("<\(link.absoluteString)|Open in Tenure>"),
            ])])]))
        }
        let text = escape(([summary.headline] + summary.details).joined(separator: " — "))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(JSONValue.object(["text": .string(text), "blocks": .array(blocks)]))) ?? Data()
    }

    /// Slack's mrkdwn escaping: `&`, `<` and `>` become entities, so text cannot form links or mentions.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
