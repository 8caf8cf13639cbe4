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
            return try JSONOutput.encodeInParallel(consolidation)
        default:
            throw StageError(stage: .render, file: name, message: "this build does not write \(name)")
        }
    }

    /// The outputs called `names`, in their order, each as `render(_:consolidation:configuration:changes:)`
    /// gives it; what several share is worked out once: the summary's view (summary.md, summary.docx
    /// and review.html's quoted sentences) and its Markdown (summary.md and summary.docx).
    public static func render(_ names: [String], consolidation: Consolidation, configuration: PipelineConfiguration,
                              changes: ChangeReport? = nil) throws -> [(name: String, data: Data)] {
        try outputFiles(names, consolidation: consolidation, configuration: configuration, changes: changes,
                        streaming: false).map { file in
            (file.name, try file.data ?? render(file.name, consolidation: consolidation, configuration: configuration, changes: changes))
        }
    }

    /// The outputs called `names` as `render(_:consolidation:configuration:changes:)` gives them, for
    /// `OutputWriter`: summary.json is written into its file as it is encoded (on every core) and
    /// review.html part by part as it is made, neither ever whole in memory; the others are rendered here.
    public static func outputFiles(_ names: [String], consolidation: Consolidation, configuration: PipelineConfiguration,
                                   changes: ChangeReport? = nil) throws -> [OutputFile] {
        try outputFiles(names, consolidation: consolidation, configuration: configuration, changes: changes, streaming: true)
    }

    private static func outputFiles(_ names: [String], consolidation: Consolidation, configuration: PipelineConfiguration,
                                    changes: ChangeReport?, streaming: Bool) throws -> [OutputFile] {
        var view: SummaryView?
        var shared: ReviewPage.Shared?
        var text: String?
        func sharedView() -> SummaryView {
            if let view { return view }
            // The account of units and the themed groups made once, for the view and review.html alike.
            let words = SummaryView.Wording(consolidation: consolidation, configuration: configuration)
            let account = words.accountRows()
            let themed = SummaryView.Themed(consolidation, configuration: configuration)
            let made = SummaryView(words: words, account: account, themed: themed)
            view = made
            shared = ReviewPage.Shared(overview: made.overview, account: account, themed: themed)
            return made
        }
        func sharedMarkdown() throws -> String {
            if let text { return text }
            let made = try markdown(consolidation, configuration: configuration, view: sharedView())
            text = made
            return made
        }
        return try names.map { name in
            switch name {
            case "summary.md":
                return OutputFile(name: name, data: Data(try sharedMarkdown().utf8))
            case "summary.docx":
                return OutputFile(name: name, data: try SummaryDocx(markdown: try sharedMarkdown()).data())
            case "review.html":
                let sentences = ReviewIndex.summarySentences(of: sharedView())
                let page = ReviewPage(consolidation: consolidation, configuration: configuration, changes: changes, sentences: sentences,
                                      shared: shared)
                // Written part by part as it is staged, never whole in memory (tens of megabytes for a province).
                guard streaming else { return OutputFile(name: name, data: Data(page.render().utf8)) }
                return OutputFile(name: name) { sink in
                    try page.render { part in
                        var part = part
                        try part.withUTF8 { try sink.write(UnsafeRawBufferPointer($0)) }
                    }
                }
            case "summary.json" where streaming:
                return OutputFile(name: name) { sink in try JSONOutput.write(consolidation, to: sink) }
            default:
                return OutputFile(name: name, data: try render(name, consolidation: consolidation, configuration: configuration,
                                                               changes: changes))
            }
        }
    }

    /// summary.md from the configured template, read anew on each run; `view` where it is already made.
    static func markdown(_ consolidation: Consolidation, configuration: PipelineConfiguration, view: SummaryView? = nil) throws -> String {
        let template = try SummaryTemplate.load(configuration.render.summaryTemplate)
        let text = template.render(view ?? SummaryView(consolidation: consolidation, configuration: configuration))
        // Where a reviewer decided anything, the report says so in its last line.
        guard let line = consolidation.review?.summaryLine else { return text }
        return text + (text.hasSuffix("\n") ? "\n" : "\n\n") + line + "\n"
    }
}
