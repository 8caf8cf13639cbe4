/// The Normalize stage: residue removed, hard breaks rejoined, spellings restored, placeholders found.
///
/// Every rule and vocabulary comes from the configuration and is compiled
/// once here, so one `Normalizer` serves thousands of documents in parallel
/// at a cost linear in each document's length.
public struct Normalizer: Sendable {
    public let configuration: PipelineConfiguration
    private let residue: ResidueRemover
    private let joiner: LineJoiner
    private let spelling: SpellingRestorer
    private let placeholders: PlaceholderFinder

    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
        residue = ResidueRemover(settings: configuration.residue)
        spelling = SpellingRestorer(settings: configuration.substitutions)
        placeholders = PlaceholderFinder(settings: configuration.placeholders, metrics: configuration.metrics)
        joiner = LineJoiner(measureWords: configuration.metrics.measureWords,
                            falseMeasures: configuration.metrics.falseMeasures)
    }

    public func normalize(_ document: RawDocument) -> NormalizedDocument {
        // Body text only: footnotes, comments, headers and footers are side channels.
        var lines: [NormalizedLine] = []
        for paragraph in document.paragraphs where paragraph.location.origin.isMainText {
            if FileDeadline.passed { break }
            // Word's rendered number ends with a tab or space before the text; the reader sees one run.
            let display = paragraph.number.isEmpty ? paragraph.text : paragraph.number.trimmingWhitespace() + paragraph.text
            for piece in display.split(whereSeparator: Self.isLineBreak) {
                let text = String(piece).trimmingWhitespace()
                if !text.isEmpty { lines.append(NormalizedLine(text: text, location: paragraph.location)) }
            }
        }
        let cleaned = residue.remove(from: lines)
        let joined = joiner.join(cleaned.lines)
        let restored = spelling.restore(joined)
        let found = restored.lines.flatMap { FileDeadline.passed ? [] : placeholders.placeholders(in: $0) }

        var notes = document.notes
        if !cleaned.residue.isEmpty {
            notes.append("报告中含有\(cleaned.residue.count)处范文网站残留内容（广告、付费标记、网站页脚等），已删除，请核对。")
        }
        notes += cleaned.warnings
        if restored.substitutions > 0 {
            notes.append("报告中有\(restored.substitutions)处规避写法（如“D建”），已按规范用语读取。")
        }
        notes += restored.warnings
        if !found.isEmpty {
            let example = found[0].text
            notes.append("报告中有\(found.count)处未填写的占位符（如“\(example)”），相关数字未计入合计，请补充。")
        }
        return NormalizedDocument(source: document.source, lines: restored.lines, residue: cleaned.residue,
                                  placeholders: found, notes: notes)
    }

    /// A line break by its first scalar (`\r\n` is one character): no string comparison per character.
    private static func isLineBreak(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x0A, 0x0B, 0x0D, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
