/// One written form of a place, as ``PlaceReader`` looks it up.
struct PlaceName: Sendable {
  /// A word around the name that means the name is not a place (大连 in 大连衣裙).
  struct Decoy: Sendable {
    /// The whole word.
    let scalars: [Unicode.Scalar]
    /// Where the name starts inside the word, in scalars.
    let offset: Int
  }

  /// The written form.
  let scalars: [Unicode.Scalar]

  /// The place it names; `name` is the written form.
  let place: Place

  /// Whether the form has no suffix (成都, not 成都市): such a form may be a street or a
  /// district (成都路, 朝阳区) and is checked against what follows it.
  let isBare: Bool

  /// Whether the form counts only after a word that introduces a place (中山, 安康).
  let isAmbiguous: Bool

  /// The decoy words that contain this name.
  var decoys: [Decoy] = []
}
