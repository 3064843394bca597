/// Temporary: statements written with hand-numbered `$n` placeholders, until every caller builds an ``SQLQuery``.
extension SQLDatabase {
    func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await read(SQLQuery(numbered: sql, binds))
    }
}

extension SQLConnection {
    @discardableResult
    func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await run(SQLQuery(numbered: sql, binds))
    }
}

extension SQLQuery {
    /// `sql` with each `$n` (not after a quote) bound to `binds[n - 1]`.
    init(numbered sql: String, _ binds: [SQLValue]) {
        self = ""
        let characters = Array(sql)
        var index = 0
        var literal = ""
        while index < characters.count {
            let character = characters[index]
            var end = index + 1
            while character == "$", end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            if end > index + 1, index == 0 || characters[index - 1] != "'" {
                append(unsafeRaw: literal)
                literal = ""
                append(bind: binds[Int(String(characters[index + 1..<end]))! - 1])
                index = end
            } else {
                literal.append(character)
                index += 1
            }
        }
        append(unsafeRaw: literal)
    }
}
