import Hummingbird

/// The fields the sign-in form posts.
struct SignInForm: Decodable {
    var csrf: String?
    var email: String?
    var password: String?
    var next: String?
}

/// The field every other dashboard form posts: the session's CSRF token.
struct CSRFForm: Decodable {
    var csrf: String?
}

extension URLEncodedFormDecoder {
    /// `text` (a form body or a URL query) decoded as `T` by Hummingbird's decoder; `nil` when it
    /// does not decode (a field given twice, a malformed escape).
    static func form<T: Decodable>(_ type: T.Type, from text: String) -> T? {
        try? URLEncodedFormDecoder().decode(type, from: text)
    }
}
