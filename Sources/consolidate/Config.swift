import ArgumentParser
import ConsolidateCore

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks a pipeline file and prints the effective configuration, defaults filled in.")

    @OptionGroup var pipelineOptions: PipelineOptions

    func run() throws {
        let (configuration, _) = try pipelineOptions.load()
        print(try configuration.yaml(), terminator: "")
    }
}
