import Foundation
import Mustache

/// The mustache template summary.md is written from, with the file it came from.
///
/// A department rewords its report by editing the template file beside its pipeline
/// (`render.summaryTemplate`), without rebuilding. The template is parsed before
/// anything is rendered, so a broken one stops the run with its file and line and
/// leaves the previous outputs untouched.
public struct SummaryTemplate: Sendable {
    /// Where the template came from, as named in errors (`<built-in>` for the compiled-in copy).
    public let file: String
    let template: MustacheTemplate

    /// Parses template text. Values are written as they are: Markdown wants no HTML escaping.
    public init(text: String, file: String) throws(SummaryTemplateError) {
        self.file = file
        do {
            // The pragma stands on a line of its own before the file's text; errors name the file's own lines.
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + text)
        } catch let error as MustacheTemplate.ParserError {
            throw .syntax(file: file, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                          reason: SummaryTemplateError.words(for: error.error))
        } catch {
            throw .syntax(file: file, line: 1, column: 1, reason: "\(error)")
        }
    }

    /// The template named by `render.summaryTemplate`: empty for the built-in one, else a path (made
    /// absolute against the pipeline file's folder when the pipeline was loaded; else against the current folder).
    public static func load(_ setting: String) throws(SummaryTemplateError) -> SummaryTemplate {
        guard !setting.isEmpty else { return builtIn }
        let url = URL(fileURLWithPath: setting)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(file: url.path, reason: FileManager.default.fileExists(atPath: url.path)
                ? "not UTF-8 text" : "no such file (render.summaryTemplate is read relative to the pipeline file's folder)")
        }
        return try SummaryTemplate(text: text, file: url.path)
    }

    /// summary.md for a view.
    public func render(_ view: SummaryView) -> String {
        template.render(view)
    }

    /// The template compiled into the tool, used where `render.summaryTemplate` is empty;
    /// `Pipelines/templates/summary.md.mustache` is a copy of it (a test keeps them equal).
    public static let builtIn = try! SummaryTemplate(text: builtInText, file: "<built-in summary template>")

    static let builtInText = #"""
        {{! The consolidated report (summary.md; summary.docx is laid out from the same text).
            A department may reword it freely; the run reads it anew each time, no rebuild.
            Markdown understood by summary.docx: "# " title, "## " 一、 headings, "### " （一） headings,
            "1. " and "- " lines, **bold**, and "| … |" tables; every other line is a paragraph.
            Values (all already in Chinese, unit names without the area's name):
              title; overview: roster (true where a roster says who is due), due, submitted, counted,
              quarantined {count, units}, superseded, missing {count, units}, notOnRoster {count, units},
              unidentified {count, units} (submissions named after their files);
              commonPractices and plans, each: number, theme (nil for a statement of no theme), unitCount, unitList,
                exampleUnit, example (a theme's quoted example), exampleSource (its whole wording), text (a statement of no theme),
            hasShared, shared (other practices several units share under the theme: text, unitCount, exampleUnit,
            separator), otherPractices (how many of the theme's practices are not named);
              figures: activity, total, measure, approx, unitCount, contributions, unknown;
              distinctivePractices: unit, text, source (the practice's whole wording); otherSinglePractices (how many single-unit practices are not named);
              problems: number, label, unitCount, units, itemCount, exampleUnit, example, alsoNamed (statements
            tallied under another category first that name this one too);
              units (the appendix): number, unit, status, file, residue, placeholders, figures, remarks;
            unitsNotListed (how many units the appendix leaves out past render.maxUnitRows).
            A value that may be missing is used as a section (# opens, / closes, ^ for its absence),
            so its clause is written only where there is one. }}
        # {{title}}

        {{#overview}}{{#roster}}本期{{due}}个单位应报送党建工作情况，已收到其中{{submitted}}个单位的材料{{/roster}}{{^roster}}本期未提供单位名单，无法核对应报送单位；共收到{{submitted}}个单位的材料{{/roster}}，{{counted}}个单位的材料计入本汇总{{#notOnRoster}}；另有名单以外的{{count}}个单位报送了材料，已单独列出并计入汇总（{{units}}）{{/notOnRoster}}{{#unidentified}}；{{count}}份材料未能识别报送单位，暂以文件名称呼（{{units}}）{{/unidentified}}{{#quarantined}}；{{count}}个单位的文件无法读取，已隔离待重新报送（{{units}}）{{/quarantined}}{{#superseded}}；{{.}}份材料已由同一单位较新或可读取的一份取代，未计入{{/superseded}}{{#roster}}{{#missing}}；未报送{{count}}个（{{units}}）{{/missing}}{{^missing}}；名单内单位均已报送{{/missing}}{{/roster}}。现将汇总情况报告如下。{{/overview}}

        ## 一、主要做法和成效

        ### （一）共性做法

        {{#commonPractices}}
        {{number}}. {{#theme}}**{{.}}**（{{unitCount}}）。如{{exampleUnit}}：“{{example}}”。{{#hasShared}}其他多个单位共有的做法有：{{/hasShared}}{{/theme}}{{^theme}}{{text}}（{{unitList}}）。{{/theme}}
        {{#shared}}
           - “{{text}}”（{{unitCount}}个单位，如{{exampleUnit}}）{{separator}}
        {{/shared}}
        {{#otherPractices}}
           - 另有{{.}}项做法，见 review.html。
        {{/otherPractices}}
        {{/commonPractices}}
        {{^commonPractices}}
        本期各单位未报送共性做法。
        {{/commonPractices}}

        ### （二）主要工作量

        {{#figures}}
        - {{activity}}：{{#contributions}}共计{{total}}{{measure}}{{#approx}}（含约数）{{/approx}}，涉及{{unitCount}}个单位（{{.}}）{{/contributions}}{{^contributions}}没有可计入的数字{{/contributions}}{{#unknown}}；{{.}}的数字未填写，未计入{{/unknown}}。
        {{/figures}}
        {{^figures}}
        本期各单位未报送可汇总的工作量数据。
        {{/figures}}

        ### （三）特色做法

        {{#distinctivePractices}}
        - **{{unit}}**：{{text}}。
        {{/distinctivePractices}}
        {{^distinctivePractices}}
        本期未发现单个单位的特色做法。
        {{/distinctivePractices}}
        {{#otherSinglePractices}}
        另有{{.}}项单位个别做法未在此列出，见 review.html。
        {{/otherSinglePractices}}

        ## 二、存在的主要问题

        {{#problems}}
        ### （{{number}}）{{label}}

        {{unitCount}}个单位反映此类问题（{{units}}），共{{itemCount}}条{{#alsoNamed}}；另有{{.}}条问题同时涉及此类，已计入其首要类别{{/alsoNamed}}。如{{exampleUnit}}：“{{example}}”。

        {{/problems}}
        {{^problems}}
        本期各单位未报送存在的问题。

        {{/problems}}
        ## 三、下一步工作打算

        {{#plans}}
        {{number}}. {{#theme}}**{{.}}**（{{unitCount}}）。如{{exampleUnit}}：“{{example}}”。{{#hasShared}}其他多个单位共有的做法有：{{/hasShared}}{{/theme}}{{^theme}}{{text}}（{{unitList}}）。{{/theme}}
        {{#shared}}
           - “{{text}}”（{{unitCount}}个单位，如{{exampleUnit}}）{{separator}}
        {{/shared}}
        {{#otherPractices}}
           - 另有{{.}}项做法，见 review.html。
        {{/otherPractices}}
        {{/plans}}
        {{^plans}}
        本期各单位未报送下一步工作打算。
        {{/plans}}

        ## 附件：各单位报送情况

        | 序号 | 单位 | 报送情况 | 文件 | 模板残留 | 未填写处 | 主要数据 | 说明 |
        | --- | --- | --- | --- | --- | --- | --- | --- |
        {{#units}}
        | {{number}} | {{unit}} | {{status}} | {{file}} | {{residue}} | {{placeholders}} | {{figures}} | {{remarks}} |
        {{/units}}
        {{#unitsNotListed}}

        其余{{.}}个单位的报送情况未逐一列出（未报送、已隔离或有说明的单位优先列出），见 review.html 和 summary.json。
        {{/unitsNotListed}}

        """#
}
