/// The bodies the API reads besides suggest lines (whose format is ``SuggestRequest``): each
/// format described once, here.
enum APIRequests {
  /// `POST /api/classify` and `POST /api/explain`: `{"text": "…"}`.
  struct Text: Decodable {
    var text: String?
  }

  /// `POST /api/accept`: `{"id": "…"}` or `{"code": "…"}`, and the chat it was used in.
  struct Accept: Decodable {
    var id: String?
    var code: String?
    var chat: String?
  }

  /// `POST /api/test`: `{}` for the rule examples only, or `{"corpus": "name"}`.
  struct Test: Decodable {
    var corpus: String?
  }
}
