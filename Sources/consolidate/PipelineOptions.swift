import ArgumentParser
import ConsolidateCore
import Foundation

/// The `--pipeline` option shared by the commands, and how it is resolved.
struct PipelineOptions: ParsableArguments {
    @Option(name: .long, help: "The pipeline configuration (YAML). Default: Pipelines/default.yml in the current folder.")
    var pipeline: String?

    static let defaultPath = "Pipelines/default.yml"

    /// The configuration and the path it came from; a missing or invalid file exits with code 2
    /// after `report` has said why.
    func load(report: (String) -> Void = Diagnostics.error) throws -> (PipelineConfiguration, String) {
        let path = pipeline ?? Self.defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
            report(pipeline == nil
                ? "\(Self.defaultPath): 未指定 --pipeline，当前文件夹中也没有 \(Self.defaultPath)：请在本工具的文件夹中运行，或用 --pipeline 指定流水线配置文件。"
                : "\(path): 流水线配置文件不存在：请检查 --pipeline 给出的路径。")
            throw ExitCode(2)
        }
        do {
            return (try PipelineConfiguration.load(from: URL(fileURLWithPath: path)), path)
        } catch {
            report("\(path): \(error)")
            throw ExitCode(2)
        }
    }
}

/// Lines on standard error in the form compilers use.
enum Diagnostics {
    static func error(_ message: String) { write("error: " + message) }

    static func line(_ text: String) { write(text) }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
