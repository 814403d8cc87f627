extension UsageReport {
  /// The report with each reply's Qianniu code and group from `phrasebook` (replies no longer
  /// in it keep their id alone): what `huashu usage` and `GET /api/usage` show.
  public func labeled(by phrasebook: Phrasebook) -> UsageReport {
    labeled { id in
      phrasebook.entry(id).map { UsageReport.Label(code: $0.code, group: $0.group) }
    }
  }
}
