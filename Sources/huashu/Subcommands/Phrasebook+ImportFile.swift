import Foundation
import HuashuCore

extension PhrasebookImportCommand {
  /// The import file, read, decoded and checked, and a description of it.
  ///
  /// - Parameter team: The team layer's files when they are not in the phrasebook directory
  ///   (a team store): a personal CSV import takes the intents of their groups.
  func read(current: [PhrasebookBundle.File], team: [PhrasebookBundle.File]? = nil) throws
    -> (PhrasebookImport.Incoming, String)
  {
    let url = URL(fileURLWithPath: file)
    let attributes = try? FileManager.default.attributesOfItem(atPath: file)
    if let size = attributes?[.size] as? Int, size > Self.maximumBytes {
      throw CommandFailure.badInput(
        "\(file): the file is \(size / 1_048_576) MB; a phrasebook import is at most "
          + "\(Self.maximumBytes / 1_048_576) MB (split it, or check it is the right file)")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CommandFailure.badInput("\(file): cannot read: \(error.localizedDescription)")
    }
    guard !data.isEmpty else {
      throw CommandFailure.badInput("\(file): the file is empty")
    }
    let decoded: DecodedText
    do {
      decoded = try DecodedText(bytes: [UInt8](data))
    } catch {
      throw CommandFailure.badInput("\(file): \(error)")
    }
    guard let format = format ?? PhrasebookFileFormat(fileName: file) else {
      throw CommandFailure.badInput(
        "\(file): cannot tell the format from the name; pass --format yaml, json or qianniu-csv")
    }
    switch format {
    case .qianniuCSV:
      do {
        return (
          try QianniuCSV.read(
            decoded.text, current: current, groupIntents: teamGroupIntents(team: team)),
          "\(file) (Qianniu CSV, read as \(decoded.encoding.rawValue))"
        )
      } catch {
        throw CommandFailure.badInput("\(file): \(error)")
      }
    case .yaml, .json:
      let source = try decodeBundle(decoded.text, format: format)
      let bundle = source.bundle
      guard bundle.formatVersion <= PhrasebookBundle.currentFormatVersion else {
        throw CommandFailure.badInput(
          "\(file): bundle format \(bundle.formatVersion) is newer than this huashu reads "
            + "(\(PhrasebookBundle.currentFormatVersion)); update huashu")
      }
      var edited = false
      if let damage = source.damage {
        guard acceptEdited else {
          throw CommandFailure.badInput(
            "\(damage); nothing was imported. Export it again, or, if you edited it by hand "
              + "on purpose, pass --accept-edited")
        }
        edited = true
      }
      return (
        source.incoming,
        "\(file) (bundle of the \(bundle.layer) layer\(edited ? ", edited since its export" : ""))"
      )
    }
  }

  private func decodeBundle(_ text: String, format: PhrasebookFileFormat) throws
    -> PhrasebookBundle.Source
  {
    do {
      switch format {
      case .json: return try PhrasebookBundle.readJSON(text, path: file)
      default: return try PhrasebookBundle.readYAML(text, path: file)
      }
    } catch let diagnostics as BundleDiagnostics {
      DiagnosticPrinter.standardError.print(diagnostics.diagnostics)
      throw CommandFailure.reported("\(file) is not a phrasebook bundle")
    } catch {
      throw CommandFailure.badInput("\(file): not a phrasebook bundle: \(error)")
    }
  }

  /// For a personal import, the intents of the team's groups: a quick phrase exported from
  /// Qianniu in a group the team has answers what that group answers.
  private func teamGroupIntents(team: [PhrasebookBundle.File]?) -> [String: String] {
    guard into == .personal else { return [:] }
    if let team { return QianniuCSV.groupIntents(of: team) }
    guard let directory = try? layers.directory(of: .team),
      let team = try? PhrasebookLayer.read(directory: directory)
    else { return [:] }
    return QianniuCSV.groupIntents(of: team.files)
  }
}
