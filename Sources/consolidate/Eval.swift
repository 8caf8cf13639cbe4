import ArgumentParser
import ConsolidateCore
import Foundation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scores ingest, normalize and extract against hand-made gold readings; exits 1 below the floors.",
        discussion: "Reads every NAME.gold.json in --gold with the report its `source` names in --seeds.")

    @Option(help: "The folder of seed reports.") var seeds: String = "../shared/seeds"
    @Option(help: "The folder of gold readings (NAME.gold.json).") var gold: String = "../shared/gold"
    @OptionGroup var pipelineOptions: PipelineOptions

    func run() throws {
        let (configuration, _) = try pipelineOptions.load()
        let evaluation = try GoldScorer(configuration: configuration)
            .evaluate(seeds: URL(fileURLWithPath: seeds), gold: URL(fileURLWithPath: gold), configuration: configuration)
        print(evaluation.table)
        if !evaluation.passes {
            for failure in evaluation.failures { Diagnostics.line("below floor: \(failure)") }
            throw ExitCode.failure
        }
    }
}
