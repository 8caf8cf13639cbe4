import ArgumentParser
import ConsolidateCore
import Foundation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prints the paragraphs of a file as the tool read them: rendered number, text and origin.",
        discussion: "With --plain, only the text as a person reads it: the body, then each side channel under a line naming it.")

    @Argument(help: "A report file (.docx, .txt).") var file: String
    @Flag(help: "Only the text, one paragraph per line.") var plain = false
    @OptionGroup var pipelineOptions: PipelineOptions

    func run() throws {
        let inputs = (try? pipelineOptions.load().0.inputs) ?? PipelineConfiguration.default.inputs
        let document: RawDocument
        do {
            document = try Ingest.read(URL(fileURLWithPath: file), displayPath: file, inputs: inputs)
        } catch {
            Diagnostics.line("\(file): error: [ingest] \(error.description)")
            throw ExitCode(3)
        }
        print(plain ? InspectFormatter.plain(document) : InspectFormatter.detailed(document), terminator: "")
    }
}
