extension Double {
  /// The value rounded to three decimals: how scores and ratios are reported (classify,
  /// suggest, test and mine answers), so the same figure reads the same everywhere.
  var roundedToThousandths: Double { (self * 1000).rounded() / 1000 }
}
