/// The Extract stage: a normalized document into a `UnitReport`.
///
/// A read-only walk over the cleaned lines: the header (title, unit,
/// period), the outline (sections and items) and the counts. Problems'
/// `categories` stay empty: the Merge stage classifies them. Vocabularies are
/// compiled once per `Extractor`.
public struct Extractor: Sendable {
    public let configuration: PipelineConfiguration
    private let header = HeaderReader()
    private let outline: OutlineBuilder
    private let metrics: MetricReader

    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
        outline = OutlineBuilder(vocabulary: configuration.sections)
        metrics = MetricReader(vocabulary: configuration.metrics)
    }

    /// `unitHint` is the unit's name where the roster or the file name tells it.
    public func extract(_ document: NormalizedDocument, unitHint: String?) -> UnitReport {
        let header = header.read(document.lines, unitHint: unitHint)
        let lines = Self.lines(of: document.lines, header: header)
        let outline = outline.build(lines, titleIndex: header.titleIndex == nil ? nil : 0)
        let counts = (lines[outline.body] + lines[outline.postscript]).flatMap {
            FileDeadline.passed ? [] : metrics.metrics(in: $0, year: header.period.year)
        }

        var warnings = document.notes
        var residue = document.residue
        if header.title.isEmpty {
            warnings.append("未识别出报告标题，请核对报告开头。")
        } else if header.titleIndex == nil {
            warnings.append("未识别出报告标题，暂以首行“\(header.title.prefix(30))”代替，请核对报告开头。")
        }
        if let prefix = header.framePrefix, let index = header.titleIndex {
            residue.append(Residue(text: prefix, rule: "page-frame", location: document.lines[index].location))
        }
        residue += header.frame.map { Residue(text: document.lines[$0].text, rule: "page-frame", location: document.lines[$0].location) }
        if !header.frame.isEmpty {
            warnings.append("报告标题前后有\(header.frame.count)行网页或文件信息（如“\(document.lines[header.frame[0]].text.prefix(20))”），不是报告正文，未计入汇总。")
        }
        if let first = outline.postscript.first {
            warnings.append("落款之后还有\(outline.postscript.count)行（如“\(lines[first].text.prefix(20))”），已单独列为附记，未并入上一条，请核对。")
        }
        if header.unit.isEmpty { warnings.append("未能从标题或开头段识别出报送单位。") }
        if header.period.year == nil { warnings.append("未能识别报告所属年度。") }
        if !outline.sections.contains(where: { !$0.label.isEmpty || !$0.heading.isEmpty }) {
            warnings.append("未识别出“一、二、三”等层次标题，全文按一个部分读取。")
        } else {
            let kinds = Set(outline.sections.map(\.kind))
            if !kinds.contains(.problems) { warnings.append("未识别出“存在的问题”部分。") }
            if !kinds.contains(.plans) { warnings.append("未识别出“下一步打算”部分。") }
        }
        return UnitReport(source: document.source, unit: header.unit, title: header.title, period: header.period,
                          sections: outline.sections, metrics: counts, placeholders: document.placeholders,
                          residue: residue, warnings: warnings)
    }

    /// The report's own lines: its title (where it has one) first, then its body without the
    /// page's frame, the words glued to the title on its line (`…工作总结今年以来，…`) the body's
    /// first line.
    static func lines(of lines: [NormalizedLine], header: HeaderReader.Header) -> [NormalizedLine] {
        var own = [NormalizedLine]()
        if let index = header.titleIndex { own.append(NormalizedLine(text: header.title, location: lines[index].location)) }
        return own + body(of: lines, header: header)
    }

    /// The report's own lines after its title: the page's frame left out, and the words glued
    /// to the title on its line (`…工作总结今年以来，…`) kept as the body's first line.
    static func body(of lines: [NormalizedLine], header: HeaderReader.Header) -> [NormalizedLine] {
        let frame = Set(header.frame)
        var body: [NormalizedLine] = []
        let start = header.titleIndex.map { $0 + 1 } ?? 0
        if let index = header.titleIndex, let remainder = header.titleRemainder {
            body.append(NormalizedLine(text: remainder, location: lines[index].location))
        }
        for index in lines.indices where index >= start && !frame.contains(index) {
            body.append(lines[index])
        }
        return body
    }
}
