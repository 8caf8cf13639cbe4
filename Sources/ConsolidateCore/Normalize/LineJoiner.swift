/// Rejoins sentences that a hard line break cut in two.
///
/// Text copied from web pages and PDFs breaks lines at a fixed width; a
/// line that does not end a sentence, followed by a line that opens no
/// heading or enumeration, is the same paragraph. Headings, the title, short
/// lines (a signature, a date) and a line followed by a short unpunctuated
/// one (an unnumbered heading) are left alone.
struct LineJoiner: Sendable {
    /// A line shorter than this is a title, heading or signature, never a wrapped sentence.
    static let minimumWrappedLength = 16
    /// A following line this short with no punctuation is a heading, not a sentence's tail.
    static let headingLikeLength = 20
    /// The lines at the top where an unpunctuated line is a title or a unit's name.
    static let headerLines = 3

    // Every mark below is one scalar: lines are tested scalar by scalar, an integer comparison each.
    private static let terminal: ScalarSet = ["。", "！", "？", "!", "?", "：", ":", "…"]
    private static let closers: ScalarSet = ["”", "’", "」", "』", "）", ")", "】", "\"", "'"]
    fileprivate static let punctuation: ScalarSet = ["。", "，", ",", "、", "；", ";", "：", ":", "！", "？", "!", "?"]
    private static let inlineOpeners = ["一是", "首先", "一方面", "一个是", "第一，", "第一,"].map { Array($0.unicodeScalars) }

    /// Measure words (次, 名, 人次): a line ending in a number and one opening with one of them are
    /// one count cut by a line break (`召开支委会10` / `次，…`).
    private let measureWords: [[Character]]
    /// A measure word followed by these is another word (`人民`, `次日`): no count was cut.
    private let falseMeasures: [[Character]]

    init(measureWords: [String] = [], falseMeasures: [String] = []) {
        func compiled(_ words: [String]) -> [[Character]] {
            words.filter { !$0.isEmpty }.map { Array($0.map(TextFolding.fold)) }.sorted { $0.count > $1.count }
        }
        self.measureWords = compiled(measureWords)
        self.falseMeasures = compiled(falseMeasures)
    }

    /// What the joining decision needs to know of a line, kept up to date as pieces are
    /// joined to it, so that a paragraph rejoined from thousands of wrapped lines costs its
    /// length once rather than once per line (`count`, `contains` and `Numbering.leading`
    /// over the joined text are each linear in it).
    struct LineState {
        /// Characters so far (the sum over the pieces).
        var length: Int
        /// Whether any piece holds punctuation.
        var hasPunctuation: Bool
        /// Whether the line ends a sentence, as `endsSentence` says of the whole text.
        var endsSentence: Bool
        /// Whether the line opens with a number and no `。` follows: a heading of its own.
        var isOpenHeading: Bool
        /// Whether a piece names a report (`总结`, `汇报`…): unpunctuated and short, the line is a title.
        var hasTitleWord: Bool

        init(_ text: String) {
            let scalars = text.scalarArray
            length = scalars.count
            hasPunctuation = scalars.contains(where: LineJoiner.punctuation.contains)
            endsSentence = LineJoiner.sentenceEnding(scalars) ?? false
            // A label is a few characters: a line long enough to continue (`minimumWrappedLength`)
            // has its whole label in its first piece, which is where the label is read.
            isOpenHeading = Numbering.opens(text) && !scalars.contains("。")
            hasTitleWord = HeaderReader.titleWordSet.occurs(in: scalars)
        }

        /// The state of the line with `piece` joined to its end.
        mutating func append(_ piece: String) {
            let scalars = piece.scalarArray
            length += scalars.count
            hasPunctuation = hasPunctuation || scalars.contains(where: LineJoiner.punctuation.contains)
            endsSentence = LineJoiner.sentenceEnding(scalars) ?? endsSentence
            isOpenHeading = isOpenHeading && !scalars.contains("。")
            hasTitleWord = hasTitleWord || HeaderReader.titleWordSet.occurs(in: scalars)
        }
    }

    func join(_ lines: [NormalizedLine]) -> [NormalizedLine] {
        var result: [NormalizedLine] = []
        var last: LineState?
        for line in lines {
            if FileDeadline.passed { break }
            if let previous = result.last, splitsCount(previous.text, line.text) {
                result[result.count - 1].text += line.text
                last?.append(line.text)
                continue
            }
            // The first line is the title and is never joined to the opening; nor is an
            // unpunctuated line among the first few (a title under a unit's name).
            if result.count > 1, let state = last,
               result.count > Self.headerLines || state.hasPunctuation,
               Self.continues(state, with: line.text) {
                // Appended in place: the joined text is not copied for every piece.
                result[result.count - 1].text += line.text
                last?.append(line.text)
            } else {
                result.append(line)
                last = LineState(line.text)
            }
        }
        return result
    }

    /// Whether `line` ends with a number and `next` opens with a measure word that is no word of
    /// its own (`10` / `次，`; not `2023` / `人民…`): the break cut a count in two.
    func splitsCount(_ line: String, _ next: String) -> Bool {
        guard let last = line.unicodeScalars.last, last.isASCIIDigitOrFullWidth || ChineseNumeral.isNumeralScalar(last),
              Numbering.leading(line).map({ !$0.rest.isEmpty }) ?? true else { return false }
        let head = Array(next.prefix(6).map(TextFolding.fold))
        guard let word = measureWords.first(where: { head.starts(with: $0) }),
              !falseMeasures.contains(where: { head.starts(with: $0) }) else { return false }
        // The measure word ends where a clause does, or before another Chinese word it counts.
        guard head.count > word.count else { return true }
        let following = head[word.count]
        return !following.isASCIILetter && !following.isASCIIDigitOrFullWidth
    }

    static func continues(_ line: String, with next: String) -> Bool {
        continues(LineState(line), with: next)
    }

    static func continues(_ line: LineState, with next: String) -> Bool {
        guard line.length >= minimumWrappedLength, !line.endsSentence else { return false }
        // `某某社区党委2023年党建工作总结`: an unpunctuated line that names a report is a title.
        if line.length <= 60, line.hasTitleWord, !line.hasPunctuation { return false }
        if line.isOpenHeading { return false }
        if opensBlock(next) { return false }
        if next.unicodeScalars.count <= headingLikeLength, !next.unicodeScalars.contains(where: punctuation.contains) {
            return false
        }
        return true
    }

    /// Whether `line` ends with sentence punctuation, allowing a closing quote or bracket after it.
    static func endsSentence(_ line: String) -> Bool {
        sentenceEnding(line) ?? false
    }

    /// Whether `text` ends a sentence; nil where it is only closing quotes and brackets
    /// (or empty), which leave the answer to what stands before them.
    static func sentenceEnding(_ text: String) -> Bool? {
        sentenceEnding(text.scalarArray)
    }

    static func sentenceEnding(_ scalars: [Unicode.Scalar]) -> Bool? {
        for scalar in scalars.reversed() {
            if terminal.contains(scalar) { return true }
            if closers.contains(scalar) { continue }
            return false
        }
        return nil
    }

    /// Whether `line` opens a heading or an enumeration.
    static func opensBlock(_ line: String) -> Bool {
        if Numbering.opens(line) { return true }
        return inlineOpeners.contains(where: { line.unicodeScalars.starts(with: $0) })
            || line.unicodeScalars.first.map(ChineseNumeral.isNumeralScalar) == true
            && line.unicodeScalars.dropFirst().prefix(2).contains("是")
    }
}
