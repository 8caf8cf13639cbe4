import ArgumentParser
import ConsolidateCore
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints the last runs into an output folder and the current state of submissions.")

    @Option(help: "The output folder of `consolidate run`.") var out: String
    @Option(help: "How many runs to list.") var runs = 5

    func run() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), isFolder.boolValue else {
            let error = RunError.outputMissing(path: out)
            Diagnostics.line("\(error)")
            throw ExitCode(error.exitCode)
        }
        print(StatusReport.text(for: URL(fileURLWithPath: out), runs: runs), terminator: "")
    }
}
