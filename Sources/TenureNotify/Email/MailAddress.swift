import TenureCore

/// One mailbox as a header names it: an optional display name and a plain ASCII `local@domain` address.
struct MailAddress: Hashable, Sendable {
    /// The name people see, e.g. `Tenure`; nil for a bare address.
    var name: String?
    /// The address itself, e.g. `tenure@example.com`, as the SMTP envelope carries it.
    var address: String

    /// Reads `text` as `local@domain`, `<local@domain>` or `Name <local@domain>` (the name may be quoted),
    /// refusing control characters and addresses that are not plausible; errors name `field`.
    init(_ text: String, field: String) throws(ValidationError) {
        try MailHeader.refuseInjection(text, field: field)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            self.name = name.isEmpty ? nil : Self.unquoted(name)
        } else {
            address = trimmed
            name = nil
        }
        guard Self.isPlausible(address) else {
            throw ValidationError(field: field, "must be an email address like name@example.com or Name <name@example.com>")
        }
    }

    /// The domain after the `@`.
    var domain: Substring { address[address.index(after: address.lastIndex(of: "@")!)...] }

    /// The mailbox as a header writes it: a plain name as is, one with specials quoted, one beyond ASCII as encoded words.
    var rendered: String {
        guard let name else { return address }
        return "\(MailHeader.phrase(name)) <\(address)>"
    }

    /// ASCII `local@domain.tld`: a dot-atom local part of at most 64 characters and a domain of letter-digit-hyphen labels.
    static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.utf8.count <= 254 else { return false }
        let local = parts[0], domain = parts[1]
        let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
        guard (1...64).contains(local.count), local.allSatisfy(localCharacters.contains),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// `"Doe, Jane"` as `Doe, Jane`, undoing backslash escapes; any other name as given.
    private static func unquoted(_ name: String) -> String {
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else { return name }
        var result = "", escaped = false
        for character in name.dropFirst().dropLast() {
            if !escaped && character == "\\" {
                escaped = true
            } else {
                result.append(character)
                escaped = false
            }
        }
        return result
    }
}
