/// The kinds of diagnostic huashu reports.
///
/// The raw value is shown in brackets and is stable.
public enum DiagnosticCategory: String, Hashable, Sendable, Codable, CaseIterable {
  /// A file or directory could not be read.
  case unreadableFile = "unreadable-file"
  /// A rules directory holds no rule file.
  case noRuleFiles = "no-rule-files"
  /// The YAML itself does not parse.
  case malformedYAML = "malformed-yaml"
  /// A key the format does not know, usually a typo.
  case unknownKey = "unknown-key"
  /// A required key is absent.
  case missingField = "missing-field"
  /// A value has the wrong type or an unusable value.
  case invalidValue = "invalid-value"
  /// The same id is defined twice.
  case duplicateID = "duplicate-id"
  /// A regular expression PCRE2 cannot compile.
  case invalidPattern = "invalid-pattern"
  /// A rule with nothing that could make it fire.
  case emptyRule = "empty-rule"
  /// An id that refers to nothing: an unknown intent, a hidden reply that does not exist.
  case unknownReference = "unknown-reference"
  /// A keyword or pattern written in a form normalized messages never contain.
  case nonNormalForm = "non-normal-form"
  /// The same keyword twice in one intent.
  case duplicateKeyword = "duplicate-keyword"
  /// The same keyword in two intents.
  case keywordConflict = "keyword-conflict"
  /// A rule whose examples all go to another intent.
  case shadowedRule = "shadowed-rule"
  /// A rule without `match` or `no_match` examples.
  case missingExamples = "missing-examples"
  /// An intent without replies.
  case noReplies = "no-replies"
  /// A template variable nothing fills.
  case unknownVariable = "unknown-variable"
  /// A keyword that is empty after normalization.
  case emptyKeyword = "empty-keyword"
  /// A reply's local image that does not exist.
  case missingImage = "missing-image"
}
