import Foundation

/// The Render stage: a consolidation into the files a department reads.
public enum Renderer {
    /// The outputs this build can write; `run.json` is written by the runner from its record.
    public static let outputs = ["summary.md", "summary.docx", "review.html", "summary.json", "run.json"]

    /// The bytes of the output called `name` (`summary.md`, `summary.docx`, `review.html`, `summary.json`).
    /// `changes`, where there was a previous run, becomes the first section of review.html.
    public static func render(_ name: String, consolidation: Consolidation,
                              configuration: PipelineConfiguration, changes: ChangeReport? = nil) throws -> Data {
        switch name {
        case "summary.md":
            return Data(try markdown(consolidation, configuration: configuration).utf8)
        case "summary.docx":
            // Laid out from the Markdown, so that both documents say the same.
            let markdown = try markdown(consolidation, configuration: configuration)
            return try SummaryDocx(markdown: markdown).data()
        case "review.html":
            return Data(ReviewPage(consolidation: consolidation, configuration: configuration, changes: changes).render().utf8)
        case "summary.json":
            return try JSONOutput.encode(consolidation)
        default:
            throw StageError(stage: .render, file: name, message: "this build does not write \(name)")
        }
    }

    /// summary.md from the configured template, read anew on each run.
    static func markdown(_ consolidation: Consolidation, configuration: PipelineConfiguration) throws -> String {
        let template = try SummaryTemplate.load(configuration.render.summaryTemplate)
        let text = SummaryMarkdown(consolidation: consolidation, configuration: configuration, template: template).render()
        // Where a reviewer decided anything, the report says so in its last line.
        guard let line = consolidation.review?.summaryLine else { return text }
        return text + (text.hasSuffix("\n") ? "\n" : "\n\n") + line + "\n"
    }
}
