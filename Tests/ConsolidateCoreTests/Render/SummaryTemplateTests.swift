import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct SummaryTemplateTests {
    static let templateFile = Repository.root.appendingPathComponent("Pipelines/templates/summary.md.mustache")

    @Test func shipsTheBuiltInTemplateBesideTheDefaultPipeline() throws {
        #expect(try String(contentsOf: Self.templateFile, encoding: .utf8) == SummaryTemplate.builtInText)
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        // The pipeline names it relative to its own folder; loading makes that absolute, so any command finds it.
        #expect(configuration.render.summaryTemplate == Self.templateFile.standardizedFileURL.path)
        let loaded = try SummaryTemplate.load(configuration.render.summaryTemplate)
        #expect(loaded.file == Self.templateFile.standardizedFileURL.path)
    }

    @Test func rendersFromAnEditedTemplateWithoutRebuilding() throws {
        let template = try SummaryTemplate(text: "# {{title}}\n{{#problems}}\n- {{label}}：{{unitCount}}个单位\n{{/problems}}\n",
                                           file: "mine.mustache")
        let text = SummaryMarkdown(consolidation: SummaryMarkdownTests.consolidation,
                                   configuration: SummaryMarkdownTests.configuration, template: template).render()
        #expect(text == "# 青山区2024年第二季度基层党建工作情况汇总报告\n- 理论学习不够深入，学用结合不紧：2个单位\n")
    }

    @Test func writesUnitsWordsWithoutHTMLEscaping() throws {
        let template = try SummaryTemplate(text: "{{title}}", file: "t")
        var consolidation = SummaryMarkdownTests.consolidation
        consolidation.title = "甲&乙<丙>“丁”"
        #expect(SummaryMarkdown(consolidation: consolidation, configuration: SummaryMarkdownTests.configuration,
                                template: template).render() == "甲&乙<丙>“丁”")
    }

    @Test func namesTheFileAndLineOfABrokenTemplate() throws {
        let error = #expect(throws: SummaryTemplateError.self) {
            try SummaryTemplate(text: "# {{title}}\n\n{{#problems}}\n- {{label}}\n{{/plans}}\n", file: "/x/summary.md.mustache")
        }
        guard case let .syntax(file, line, _, reason)? = error else { Issue.record("expected a syntax error"); return }
        #expect(file == "/x/summary.md.mustache")
        #expect(line == 5)
        #expect(reason.contains("{{/…}}"))
        #expect(error!.description.hasPrefix("/x/summary.md.mustache:5:"))
    }

    @Test func reportsAMissingTemplateFileRelativeToThePipeline() throws {
        let error = #expect(throws: SummaryTemplateError.self) {
            try SummaryTemplate.load("/nowhere/templates/none.mustache")
        }
        #expect(error == .unreadable(file: "/nowhere/templates/none.mustache",
                                     reason: "no such file (render.summaryTemplate is read relative to the pipeline file's folder)"))
    }

    /// A broken template stops the run before any output is written, and names the template.
    @Test func aBrokenTemplateFailsTheRunAndLeavesPreviousOutputs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = folder.appendingPathComponent("pipeline.yml")
        var yaml = try String(contentsOf: Repository.defaultPipeline, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "summaryTemplate: templates/summary.md.mustache", with: "summaryTemplate: broken.mustache")
        try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
        try "# {{title}}\n{{#units}}\n".write(to: folder.appendingPathComponent("broken.mustache"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("上次".utf8).write(to: out.appendingPathComponent("summary.md"))
        let configuration = try PipelineConfiguration.load(from: pipeline)
        let runner = PipelineRunner(configuration: configuration, roster: nil, pipelinePath: pipeline.path)
        let error = #expect(throws: SummaryTemplateError.self) { try runner.run(input: Repository.samples, output: out) }
        #expect(error?.description.hasPrefix(folder.appendingPathComponent("broken.mustache").path + ":") == true)
        #expect(try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8) == "上次")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.docx").path))
    }
}
