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
        let lines = document.lines
        let header = header.read(lines, unitHint: unitHint)
        let outline = outline.build(lines, titleIndex: header.titleIndex)
        let counts = lines[outline.body].flatMap { metrics.metrics(in: $0, year: header.period.year) }

        var warnings = document.notes
        if header.title.isEmpty { warnings.append("未识别出报告标题，请核对报告开头。") }
        if header.unit.isEmpty { warnings.append("未能从标题或开头段识别出报送单位。") }
        if header.period.year == nil { warnings.append("未能识别报告所属年度。") }
        if !outline.sections.contains(where: { !$0.label.isEmpty }) {
            warnings.append("未识别出“一、二、三”等层次标题，全文按一个部分读取。")
        } else {
            let kinds = Set(outline.sections.map(\.kind))
            if !kinds.contains(.problems) { warnings.append("未识别出“存在的问题”部分。") }
            if !kinds.contains(.plans) { warnings.append("未识别出“下一步打算”部分。") }
        }
        return UnitReport(source: document.source, unit: header.unit, title: header.title, period: header.period,
                          sections: outline.sections, metrics: counts, placeholders: document.placeholders,
                          residue: document.residue, warnings: warnings)
    }
}
