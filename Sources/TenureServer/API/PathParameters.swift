import Hummingbird
import TenureCore

extension Parameters {
    /// The path parameter `name`, percent-decoded: an id holding a space, `/`, `%` or `é` reads back
    /// at the path its creator encodes it to. Invalid escapes and control characters are a 400 naming it.
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        guard let value = raw.removingPercentEncoding else { throw APIError.badRequest("is not valid percent-encoding", field: name) }
        do {
            try Check.maxLength(value, name, 200)
        } catch {
            throw APIError.badRequest(error.message, field: name)
        }
        return value
    }
}
