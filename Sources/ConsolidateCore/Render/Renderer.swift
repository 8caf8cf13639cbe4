import Foundation

/// The Render stage: a consolidation into the files a department reads.
public enum Renderer {
    /// The bytes of the output called `name` (`summary.md`, `summary.json`).
    public static func render(_ name: String, consolidation: Consolidation,
                              configuration: PipelineConfiguration) throws -> Data {
        switch name {
        case "summary.md":
            return Data(SummaryMarkdown(consolidation: consolidation, configuration: configuration).render().utf8)
        case "summary.json":
            return try JSONOutput.encode(consolidation)
        default:
            throw StageError(stage: .render, file: name, message: "this build does not write \(name)")
        }
    }
}
