import ArgumentParser
import ConsolidateCore
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Consolidates consolidations: merges several summary.json files (a city over its districts).")

    @Argument(help: "summary.json files written by `consolidate run` or `merge`.") var summaries: [String]
    @Option(help: "The folder the merged summary is written to.") var out: String
    @OptionGroup var pipelineOptions: PipelineOptions
    @Option(help: "Seconds to wait for another run holding the output folder before exiting with code 4.")
    var wait: Double = 600

    func run() throws {
        let (configuration, _) = try pipelineOptions.load()
        var consolidations: [Consolidation] = []
        for path in summaries {
            guard let data = FileManager.default.contents(atPath: path) else {
                Diagnostics.error("\(path): 文件不存在或无法读取：请给出 consolidate run 写出的 summary.json 的路径。")
                throw ExitCode(5)
            }
            do {
                consolidations.append(try JSONDecoder().decode(Consolidation.self, from: data))
            } catch {
                Diagnostics.error("\(path): 不是本工具写出的 summary.json（内容无法解读）：请给出 consolidate run 写出的 summary.json。")
                throw ExitCode(5)
            }
        }
        let consolidation = Merger(configuration: configuration).merge(MergeInput.from(consolidations))
        // summary.json is written into its file as it is encoded, never whole in memory.
        let files = try Renderer.outputFiles(configuration.render.outputs.filter { $0 != "run.json" },
                                             consolidation: consolidation, configuration: configuration)
        let outURL = URL(fileURLWithPath: out)
        let (lock, notices) = try OutputFolder.take(outURL, wait: wait, report: Diagnostics.error)
        defer { lock.release() }
        for notice in notices { Diagnostics.line(notice) }
        try OutputWriter.write(files, to: outURL)
        Diagnostics.line("done: \(summaries.count) summaries merged, \(consolidation.units.count) units → \(out)/")
    }
}
