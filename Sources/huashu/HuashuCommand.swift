import ArgumentParser

@main
struct HuashuCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "huashu",
    abstract: "Classify Chinese buyer messages and suggest replies for shop customer service.",
    discussion: """
      Rules are read from --rules DIR, else ./rules, else the rules shipped with huashu;
      `huashu --version` says which ones, and where the agent's home is.

      Examples:
        echo 老板能便宜点吗 | huashu classify
        huashu explain '你们少发了一件！！！我要投诉'
      """,
    version: VersionReport.text(),
    subcommands: [
      Suggest.self, Classify.self, Explain.self, Test.self, Mine.self, Lint.self, Accept.self,
      Find.self,
      Usage.self, PhrasebookCommand.self, StoreCommand.self, Serve.self, Bench.self,
    ])
}
