import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `--agent`: who is accepting replies, recorded with each acceptance in the usage store.
struct AgentOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Who you are, recorded with each reply you accept.",
      discussion: "Default: $HUASHU_AGENT, else your login name.",
      valueName: "name"))
  var agent: String?

  func validate() throws {
    if let agent, agent.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw ValidationError("--agent must not be empty")
    }
  }

  /// The agent's name: `--agent`, else `$HUASHU_AGENT`, else the login name; `""` when none
  /// is known.
  var name: String {
    if let agent { return agent.trimmingCharacters(in: .whitespacesAndNewlines) }
    let environment = ProcessInfo.processInfo.environment["HUASHU_AGENT"] ?? ""
    let fromEnvironment = environment.trimmingCharacters(in: .whitespacesAndNewlines)
    if !fromEnvironment.isEmpty { return fromEnvironment }
    let user = ProcessInfo.processInfo.userName
    if !user.isEmpty { return user }
    return getlogin().map { String(cString: $0) } ?? ""
  }
}
