import Foundation
import TenureCore

/// The pages of the dashboard's navigation, in menu order.
public enum DashboardSection: String, Sendable, CaseIterable {
    case overview, work, accounts, atRisk, renewals, team, playbooks, cohorts, metrics
    /// Settings → Notifications; shown to admins only (``isVisible(to:)``).
    case settings

    /// Path of the section's page.
    public var path: String {
        switch self {
        case .overview: "/"
        case .work: "/work"
        case .accounts: "/accounts"
        case .atRisk: "/at-risk"
        case .renewals: "/renewals"
        case .team: "/team"
        case .playbooks: "/playbooks"
        case .cohorts: "/cohorts"
        case .metrics: "/metrics"
        case .settings: "/settings/notifications"
        }
    }

    /// The menu label.
    public var label: String {
        switch self {
        case .overview: "Overview"
        case .work: "My work"
        case .accounts: "Accounts"
        case .atRisk: "At risk"
        case .renewals: "Renewals"
        case .team: "Team"
        case .playbooks: "Playbooks"
        case .cohorts: "Cohorts"
        case .metrics: "Metrics"
        case .settings: "Settings"
        }
    }

    /// Whether the menu shows this section to someone with `role`: settings are for admins alone.
    public func isVisible(to role: Role) -> Bool {
        self != .settings || role.allows(.admin)
    }
}

/// The frame of every signed-in page: skip link, banner with navigation and
/// the user's name and sign-out button, the main landmark, and a footer.
enum Layout {
    /// A whole page around `content`.
    static func page(title: String, section: DashboardSection?, user: DashboardUser, content: HTML) -> HTML {
        let links = DashboardSection.allCases.filter { $0.isVisible(to: user.role) }.map { item -> HTML in
            let current: HTML = item == section ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(item.path)\"\(current)>\(item.label)</a></li>"
        }
        return document(title: title, body: """
            <a class="skip" href="#main">Skip to content</a>
            <header class="banner">
              <a class="brand" href="/">Tenure</a>
              <nav aria-label="Main"><ul>\(links)</ul></nav>
              <form class="signout" method="post" action="/logout">
                <span class="who">\(user.name) <span class="role">\(user.role.rawValue)</span></span>
                <input type="hidden" name="csrf" value="\(user.csrfToken)">
                <button type="submit">Sign out</button>
              </form>
            </header>
            <main id="main" tabindex="-1">
            \(content)
            </main>
            <footer class="footer"><p>Tenure · figures as of the latest data · every number has an explain link or a source table</p></footer>
            """)
    }

    /// The HTML document shell with `body`.
    static func document(title: String, body: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Tenure</title>
        <link rel="stylesheet" href="/static/tenure.css">
        </head>
        <body>
        \(body)
        </body>
        </html>
        """
    }

    /// The pages under Settings, as (path, label).
    static let settingsPages = [(NotificationsPaths.settings, "Notifications"), (CSMsPaths.settings, "CSMs")]

    /// The links between the pages under Settings, `current` marked.
    static func settingsMenu(current: String) -> HTML {
        let links = settingsPages.map { path, label -> HTML in
            "<li><a href=\"\(path)\"\(path == current ? HTML(" aria-current=\"page\"") : .empty)>\(label)</a></li>"
        }
        return "<nav class=\"subnav\" aria-label=\"Settings\"><ul>\(links)</ul></nav>"
    }

    /// An `<option>` of a `<select>`, selected when its value is `selected` (`nil` selects the empty value).
    static func option(_ value: String, _ label: String, selected: String?) -> HTML {
        "<option value=\"\(value)\"\(value == (selected ?? "") ? HTML(" selected") : .empty)>\(label)</option>"
    }

    /// A callout telling the user what to do when a section has no data yet.
    static func emptyState(_ title: String, _ explanation: HTML) -> HTML {
        "<div class=\"empty\" role=\"note\"><p class=\"empty-title\">\(title)</p><p>\(explanation)</p></div>"
    }

    /// The opening tag of a box that scrolls sideways when its table or chart is wider than the screen (close it
    /// with `</div>`): a named region in the tab order, so that a keyboard alone can scroll it too.
    static func scrollRegion(_ label: String, class classes: String = "table-wrap") -> HTML {
        "<div class=\"\(classes)\" role=\"region\" aria-label=\"\(label)\" tabindex=\"0\">"
    }

    /// Previous/next links of a paged list, keeping the other query parameters.
    static func pager(total: Int, offset: Int, limit: Int, link: (Int) -> String) -> HTML {
        guard total > 0 else { return .empty }
        let first = offset + 1, last = min(total, offset + limit)
        let previous: HTML = offset > 0 ? "<a rel=\"prev\" href=\"\(link(max(0, offset - limit)))\">← Previous</a>" : ""
        let next: HTML = last < total ? "<a rel=\"next\" href=\"\(link(offset + limit))\">Next →</a>" : ""
        return """
            <nav class="pager" aria-label="Pages"><span>\(Format.count(first))–\(Format.count(last)) of \(Format.count(total))</span> \
            \(previous) \(next)</nav>
            """
    }

    /// A `?a=1&b=2` query string of the non-empty parameters, percent-encoded.
    static func query(_ parameters: [(String, String?)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let pairs = parameters.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }
}

/// Error pages (not found, forbidden) in the dashboard's frame.
enum ErrorView {
    /// A small standalone page explaining an error.
    static func page(status: String, title: String, message: String) -> HTML {
        Layout.document(title: title, body: """
            <main id="main" class="narrow"><h1>\(title)</h1><p>\(message)</p>\
            <p><a href="/">Go to the overview</a></p><p class="muted">Error \(status)</p></main>
            """)
    }
}

extension Layout {
    /// The page path of an account, its id percent-encoded.
    static func accountPath(_ id: String) -> String {
        "/accounts/" + (id.addingPercentEncoding(withAllowedCharacters: pathSafe) ?? "")
    }

    /// Characters an id keeps as they are in a path segment: letters, digits and `-._~`.
    private static let pathSafe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
}
