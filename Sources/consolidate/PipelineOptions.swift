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
                ? "no pipeline given and \(Self.defaultPath) is not in the current folder: pass --pipeline FILE"
                : "pipeline file \(path) does not exist")
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
