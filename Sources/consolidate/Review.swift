import ArgumentParser
import ConsolidateCore
import ConsolidateReview
import Foundation

struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serves the review page of an output folder on 127.0.0.1.",
        discussion: """
            The reviewer's decisions (reviewed, rewritten wording, moves, splits and joins, statements left out, notes) \
            are stored at once in OUT/.consolidate/decisions.json and applied by every later run. \
            Exit codes: 0 stopped; 2 bad pipeline; 5 --out missing or holds no run's outputs; 1 failure (the port is taken).
            """)

    @Option(help: "The output folder of `consolidate run`.") var out: String
    @Option(help: "The port to listen on (127.0.0.1 only).") var port: Int = 8765
    @OptionGroup var pipelineOptions: PipelineOptions

    func run() async throws {
        let outURL = URL(fileURLWithPath: out)
        var options = pipelineOptions
        // The pipeline the last run used, where none is given and it is still there.
        if options.pipeline == nil, !FileManager.default.fileExists(atPath: PipelineOptions.defaultPath),
           let record = RunRecord.previous(in: outURL), let used = record.pipeline, FileManager.default.fileExists(atPath: used) {
            options.pipeline = used
        }
        let (configuration, _) = try options.load()
        guard FileManager.default.fileExists(atPath: outURL.appendingPathComponent("summary.json").path) else {
            Diagnostics.error("\(out): 这里没有 summary.json：请先用 consolidate run --out \(out) 生成汇总，再审核。")
            throw ExitCode(5)
        }
        let server = ReviewServer(output: outURL, configuration: configuration, port: port)
        let port = port
        do {
            try await server.run(ready: {
                Diagnostics.line("审核页面：http://127.0.0.1:\(port)/ （按 Ctrl-C 结束）；审核决定保存在 \(outURL.path)/.consolidate/decisions.json")
            })
        } catch {
            Diagnostics.error("审核服务无法启动（\(error)）：端口 \(port) 可能已被占用，请用 --port 换一个端口。")
            throw ExitCode(1)
        }
    }
}
