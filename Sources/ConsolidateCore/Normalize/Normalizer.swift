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
        // Where a paragraph past `longestLine` was cut (once, though it may be cut before and after joining).
        var overlong = Set<SourceLocation>()
        func appendBounded(_ line: NormalizedLine, to lines: inout [NormalizedLine]) {
            let parts = Self.bounded(line.text)
            guard parts.count > 1 else { return lines.append(line) }
            overlong.insert(line.location)
            lines += parts.map { NormalizedLine(text: $0, location: line.location) }
        }
        for paragraph in document.paragraphs where paragraph.location.origin.isMainText {
            if FileDeadline.passed { break }
            // Word's rendered number ends with a tab or space before the text; the reader sees one run.
            let display = paragraph.number.isEmpty ? paragraph.text : paragraph.number.trimmingWhitespace() + paragraph.text
            // (Most paragraphs hold no break: one piece, the whole text, without splitting it.)
            guard Self.mayHoldLineBreak(display) else {
                let text = display.trimmingWhitespace()
                if !text.isEmpty { appendBounded(NormalizedLine(text: text, location: paragraph.location), to: &lines) }
                continue
            }
            for piece in display.unicodeScalars.split(whereSeparator: Self.isLineBreak) {
                let text = String(piece).trimmingWhitespace()
                if !text.isEmpty { appendBounded(NormalizedLine(text: text, location: paragraph.location), to: &lines) }
            }
        }
        let cleaned = residue.remove(from: lines)
        // Joining wrapped lines can build a paragraph past the bound again.
        var joined: [NormalizedLine] = []
        for line in joiner.join(cleaned.lines) { appendBounded(line, to: &joined) }
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
        if !overlong.isEmpty {
            notes.append("报告中有\(overlong.count)段超过\(Self.longestLine)字，已分段读取（尽量在句末断开），请核对原文。")
        }
        if !found.isEmpty {
            let example = found[0].text
            notes.append("报告中有\(found.count)处未填写的占位符（如“\(example)”），相关数字未计入合计，请补充。")
        }
        return NormalizedDocument(source: document.source, lines: restored.lines, residue: cleaned.residue,
                                  placeholders: found, notes: notes)
    }

    /// Whether `text` holds a line break, read from its UTF-8: LF, VT, CR, or U+2028 and U+2029
    /// (`E2 80 A8`, `E2 80 A9`, which in valid UTF-8 stand for nothing else).
    static func mayHoldLineBreak(_ text: String) -> Bool {
        // (A native string's bytes are read where they lie; a bridged one's are copied first.)
        text.utf8.withContiguousStorageIfAvailable(holdsLineBreak) ?? holdsLineBreak(Array(text.utf8))
    }

    private static func holdsLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0B || byte == 0x0D { return true }
            if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return true
            }
            index += 1
        }
        return false
    }

    private static func holdsLineBreak(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(holdsLineBreak)
    }

    /// A line break (`\r\n` gives an empty piece between its two scalars, which is dropped).
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0D, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The most scalars of one line. A real paragraph has hundreds; a whole report a few
    /// thousand. Past this a line is cut, so every per-line step (and the per-file time
    /// limit, checked between lines) stays bounded whatever one paragraph holds.
    static let longestLine = 20_000

    /// `text` as it is when within `longestLine` scalars; else in pieces of at most that many,
    /// each cut in its second half after the last sentence end (`。！？；`), else after the last
    /// clause mark or space, else between two Chinese characters (which splits no Latin word
    /// or marker such as `##paidbegin##`), else at the bound.
    static func bounded(_ text: String) -> [String] {
        guard text.utf8.count > longestLine else { return [text] }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > longestLine else { return [text] }
        var pieces: [String] = []
        var start = 0
        while scalars.count - start > longestLine {
            let window = (start + longestLine / 2)..<(start + longestLine)
            let cut = scalars[window].lastIndex(where: sentenceEnds.contains).map { $0 + 1 }
                ?? scalars[window].lastIndex(where: { clauseEnds.contains($0) || $0.properties.isWhitespace }).map { $0 + 1 }
                ?? window.reversed().first(where: { isHan(scalars[$0 - 1]) && isHan(scalars[$0]) })
                ?? window.upperBound
            pieces.append(scalars[start..<cut].string)
            start = cut
        }
        pieces.append(scalars[start...].string)
        return pieces
    }

    private static let sentenceEnds = ScalarSet("。！？；!?;".unicodeScalars)
    private static let clauseEnds = ScalarSet("，、,：:".unicodeScalars)

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(scalar.value) }
}
