/// One reply of an SMTP server: a code and one or more lines of text (`250-…` lines continue, `250 …` ends).
struct SMTPReply: Sendable, Hashable {
    let code: Int
    /// The text after each line's code, in order.
    let lines: [String]

    var text: String { lines.joined(separator: "\n") }

    /// The extensions an EHLO reply lists after its greeting line, as upper-cased keywords with their parameters,
    /// e.g. `["STARTTLS": [], "AUTH": ["PLAIN", "LOGIN"]]`; `AUTH=PLAIN` (an old spelling) counts as `AUTH PLAIN`.
    var extensions: [String: [String]] {
        var extensions: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            extensions[keyword, default: []] += words.dropFirst()
        }
        return extensions
    }
}
