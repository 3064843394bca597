import Foundation
import Hummingbird
import TenureCore
import TenureNotify
import TenureStore

/// `/unsubscribe?email=…&token=…` (public): the link in every notification email. `GET` shows a page with one
/// button; `POST` with `List-Unsubscribe=One-Click` (RFC 8058, what mail clients send, and what the button sends)
/// records the opt-out. The token is an HMAC of the address under `TENURE_SECRET_KEY`, checked in constant time;
/// without a key there are no links, so the route answers 404.
struct UnsubscribeController {
    let store: any NotificationStore
    let secretBox: SecretBox?
    let clock: WallClock

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.get("unsubscribe", use: page)
        group.post("unsubscribe", use: unsubscribe)
    }

    /// `GET /unsubscribe`: asks to confirm, so that a link scanner following the link unsubscribes nobody.
    @Sendable func page(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let email = try checkedAddress(request)
        return Self.html(.ok, title: "Unsubscribe", body: """
            <p>Stop Tenure's notification emails to <strong>\(email)</strong>?</p>
            <form method="post" action="\(request.uri.description)">
            <input type="hidden" name="List-Unsubscribe" value="One-Click">
            <button type="submit">Unsubscribe</button>
            </form>
            """)
    }

    /// `POST /unsubscribe`: RFC 8058 one-click; records the opt-out and confirms.
    @Sendable func unsubscribe(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let email = try checkedAddress(request)
        let body = try await request.body.collect(limit: 4_096)
        let text = String(buffer: body)
        let fields = text.split(separator: "&").map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
        let multipart = text.contains("name=\"List-Unsubscribe\"") && text.contains("One-Click")
        guard fields.contains("List-Unsubscribe=One-Click") || multipart else {
            throw APIError.badRequest("send the form body List-Unsubscribe=One-Click (RFC 8058)", field: "List-Unsubscribe")
        }
        try await store.setOptOut(email: email, optedOut: true, at: clock.now())
        return Self.html(.ok, title: "Unsubscribed", body: """
            <p><strong>\(email)</strong> will get no more notification emails from Tenure.</p>
            <p>Changed your mind? Ask your Tenure administrator to subscribe you again.</p>
            """)
    }

    /// The address, when the link's token is its own: 404 without a secret key, 403 for a wrong token.
    private func checkedAddress(_ request: Request) throws -> String {
        guard let secretBox else { throw APIError.notFound("unsubscribe links (no TENURE_SECRET_KEY is set)") }
        let query = try QueryReader(request, allowed: ["email", "token"])
        guard let email = try query.string("email", maxLength: 320) else { throw APIError.badRequest("is required", field: "email") }
        guard let token = try query.string("token") else { throw APIError.badRequest("is required", field: "token") }
        guard secretBox.isUnsubscribeToken(token, for: email) else {
            throw APIError(.forbidden, "this unsubscribe link is not valid for \(email); use the link from the latest email")
        }
        return email
    }

    private static func html(_ status: HTTPResponse.Status, title: String, body: HTML) -> Response {
        let page: HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Tenure</title></head>
            <body><h1>\(title)</h1>
            \(body)
            </body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }
}
