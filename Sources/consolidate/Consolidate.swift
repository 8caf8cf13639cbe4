import ArgumentParser
import ConsolidateCore

@main
struct Consolidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate",
        abstract: "Consolidates units' party-building work reports into one summary.",
        discussion: """
            Exit codes: 0 done; 3 done, but some inputs were quarantined; 4 another run holds the output folder; 2 bad configuration \
            or roster; 5 input folder (or the folder given to status) missing or not a folder; 6 no readable submission \
            (previous outputs kept); 7 output folder cannot be written; 1 failure; 64 bad command-line usage.
            """,
        version: ToolInfo.version,
        subcommands: [Run.self, Extract.self, Merge.self, Inspect.self, Status.self, Config.self, Review.self])
}
