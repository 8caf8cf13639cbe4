/// Reads a report's title, unit and period, and tells its own first lines from a web page's frame.
///
/// The title is the last line before the report's first paragraph that reads like a report's
/// name (`…党建工作总结`, `…情况汇报`, `…调研报告`); a title glued to the first sentence or
/// heading (`…工作总结今年以来，…`) is cut off it. Lines before the title, and frame lines between
/// it and the first paragraph (`发布时间:…`, `分享`, a file name), are the page's, not the
/// report's: they are returned so the report can say they were left out.
///
/// The unit, in order of trust (`HeaderReader+Unit.swift`): the roster or the file name where
/// the caller gives one; the organisation the title opens with, made specific by the text where
/// the title names it only by its kind (`学校党支部` → `某某小学党支部`); a signature line
/// (`某某村党总支书记 张三`); the subject of the opening; an organisation the text defines
/// (`某某公司（以下简称公司）`); last, the unit's own word for itself (`我村`).
struct HeaderReader: Sendable {
    /// What the header says, and which lines are the report's.
    struct Header: Sendable, Equatable {
        var title: String
        /// The line the title stands on, where it is a line of its own or opens one.
        var titleIndex: Int?
        /// What followed the title on its line (`今年以来，…`), which belongs to the body.
        var titleRemainder: String?
        var unit: String
        var unitEvidence: UnitEvidence
        var period: Period
        /// Lines of the page's frame around the title, left out of the reading.
        var frame: [Int]
        /// Frame text removed from the title's own line (`文档介绍:`).
        var framePrefix: String?
    }

    /// Where the unit's name was read.
    enum UnitEvidence: String, Sendable, Equatable {
        case hint, title, signature, opening, definition, pronoun, none
    }

    /// How far into a report its title may stand (site frames run to a few dozen lines).
    static let headerLines = 60

    /// Words a report's name contains.
    static let titleWords = ["汇报", "总结", "报告", "情况", "材料", "打算", "计划", "分析", "述职", "要点", "发言"]
    static let titleWordSet = ScalarWords(titleWords)
    /// Words a title ends with, where one is glued to the text after it.
    private static let titleEndings = ["汇报材料", "述职报告", "调研报告", "工作报告", "情况汇报", "情况报告", "汇报", "总结",
                                       "报告", "材料", "打算", "计划", "分析", "情况"]
    /// Characters that continue a title past a title word (`总结及2024年打算`, `情况的报告`).
    private static let titleContinuations: ScalarSet = ["及", "和", "与", "暨", "的", "、", "（", "(", "之", "报", "汇", "材",
                                                             "”", "\"", "》", "—", "-"]

    func read(_ lines: [NormalizedLine], unitHint: String?) -> Header {
        let zone = Array(lines.prefix(Self.headerLines).map(\.text))
        let bodyStart = Self.bodyStart(zone)
        // Lines before the title are the page's, except a line naming the unit above it (`中共某某局党组`).
        let frameBefore: (Int) -> [Int] = { end in (0..<end).filter { !Self.isNameLine(zone[$0]) } }

        var title = ""
        var titleIndex: Int?
        var remainder: String?
        var framePrefix: String?
        var frame: [Int] = []
        var bodyFrom = 0

        let standalone = Self.standaloneTitle(zone, before: bodyStart)
        let glued = bodyStart < zone.count ? Self.gluedTitle(zone[bodyStart]) : nil
        if let glued, standalone.map({ !zone[$0].hasTitleWord || Self.sameTitle(zone[$0], glued.title) }) ?? true {
            title = glued.title
            titleIndex = bodyStart
            remainder = glued.remainder
            framePrefix = glued.prefix
            frame = frameBefore(bodyStart)
            bodyFrom = bodyStart + 1
        } else if let index = standalone {
            title = zone[index]
            titleIndex = index
            frame = frameBefore(index)
            bodyFrom = index + 1
        } else if let first = zone.indices.first(where: { !PageFrame.isFrame(zone[$0]) }) {
            // No line reads like a title: the first line stands in for one and stays in the body.
            title = zone[first]
            frame = frameBefore(first)
            bodyFrom = first
        }
        // Frame lines between the title and the first paragraph (`• 来源:`, `发布日期:… 浏览次数:…`).
        if bodyFrom < bodyStart {
            frame += (bodyFrom..<bodyStart).filter { PageFrame.isFrame(zone[$0]) }
        }

        let frameSet = Set(frame)
        var body: [String] = []
        if let remainder { body.append(remainder) }
        for index in lines.indices where index >= bodyFrom && !frameSet.contains(index) && index != titleIndex {
            body.append(lines[index].text)
            if body.count >= 40 { break }
        }
        let before = (0..<(titleIndex ?? bodyFrom)).filter { !PageFrame.isFrame(zone[$0]) }.map { zone[$0] }
        let ending = lines.suffix(6).map(\.text)
        var (unit, evidence) = Self.unit(title: title, linesBeforeTitle: before, body: body, ending: ending)
        if let hint = unitHint?.trimmingWhitespace(), !hint.isEmpty { (unit, evidence) = (hint, .hint) }

        let period = Self.period(title: title, body: body)
        return Header(title: title, titleIndex: titleIndex, titleRemainder: remainder, unit: unit, unitEvidence: evidence,
                      period: period, frame: frame.sorted(), framePrefix: framePrefix)
    }

    /// The first line of the report's body: a paragraph of sentences, or a numbered heading that is
    /// not part of a site's table of contents (`目录/提纲:` and the headings it lists).
    static func bodyStart(_ zone: [String]) -> Int {
        var inContents = false
        for (index, line) in zone.enumerated() {
            let text = line.trimmingWhitespace()
            if text.hasPrefix("目录") || text.hasPrefix("提纲") { inContents = true; continue }
            if PageFrame.isFrame(text) && PageFrame.leadingKeyLength(text) == nil { continue }
            if inContents {
                // The contents end where the report's own name comes back.
                if !Numbering.opens(text), text.hasTitleWord, isTitleShaped(text) { inContents = false }
                continue
            }
            if isParagraph(text) || Numbering.level(text) == .chinese { return index }
        }
        return zone.count
    }

    /// A line of running text: long, with a sentence's punctuation.
    static func isParagraph(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        let count = scalars.count
        if count >= 30, scalars.contains(where: sentencePunctuation.contains) { return true }
        return count >= 8 && (scalars.last == "。" || scalars.last == "：" || scalars.last == ":")
            && scalars.contains(where: { $0 == "，" || $0 == "," })
    }

    /// A line shaped like a title: short, unnumbered, no sentence inside it.
    static func isTitleShaped(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        let count = scalars.count
        guard count >= 4, count <= 60, !Numbering.opens(text) else { return false }
        if scalars.contains(where: sentencePunctuation.contains) { return false }
        return scalars.last != "：" && scalars.last != ":"
    }

    /// Punctuation that only a sentence holds (a title or a name has none).
    private static let sentencePunctuation: ScalarSet = ["，", "。", "；", ",", ";", "！", "!", "？", "?"]

    /// The last line before the body that reads like a report's name; else the last short
    /// line that is neither frame nor a signature.
    static func standaloneTitle(_ zone: [String], before end: Int) -> Int? {
        let candidates = (0..<min(end, zone.count)).filter { index in
            let text = zone[index]
            return isTitleShaped(text) && !PageFrame.isFrame(text) && !text.hasPrefix("目录") && !text.hasPrefix("提纲")
        }
        // In a table of contents the headings are numbered; a worded title after it is the report's.
        if let worded = candidates.last(where: { zone[$0].hasTitleWord && signature(zone[$0]) == nil }) { return worded }
        return candidates.first(where: { signature(zone[$0]) == nil && !isGreeting(zone[$0]) })
    }

    /// `各位领导大家好!`, `尊敬的…`: a speech's greeting.
    private static func isGreeting(_ text: String) -> Bool {
        text.hasPrefix("各位") || text.hasPrefix("尊敬的") || text.hasSuffix("好!") || text.hasSuffix("好！")
    }

    /// Two renderings of one title (`…汇报.docx` beside `…汇报`, a year in front or not).
    private static func sameTitle(_ a: String, _ b: String) -> Bool {
        let strip: (String) -> String = { droppingPeriod($0).isEmpty ? $0 : droppingPeriod($0) }
        let (x, y) = (strip(a).filter { !$0.isWhitespace }, strip(b).filter { !$0.isWhitespace })
        return x == y || x.hasSuffix(y) || y.hasSuffix(x)
    }

    /// A title glued to the words after it (`…党建工作总结今年以来，…`, `…情况汇报 一、…`),
    /// after a frame key (`文档介绍:`), and the rest of the line.
    static func gluedTitle(_ line: String) -> (title: String, remainder: String, prefix: String?)? {
        // Scalars: every ending and mark tested is scalars (offsets of a frame key too).
        var scalars = line.scalarArray
        var prefix: String?
        if let key = PageFrame.leadingKeyLength(line), key <= scalars.count {
            prefix = scalars[..<key].string
            scalars.removeFirst(key)
        }
        let limit = min(scalars.count, 64)
        var end = 0
        while end < limit {
            switch scalars[end] {
            case "。", "，", ",", "；", ";", "！", "!", "？", "?", "：", ":": return nil
            default: break
            }
            for word in titleEndingScalars {
                guard end + word.count <= scalars.count,
                      scalars[end..<(end + word.count)].elementsEqual(word) else { continue }
                let stop = end + word.count
                var restStart = stop
                while restStart < scalars.count, scalars[restStart].isWhiteSpaceScalar { restStart += 1 }
                guard stop >= 6, scalars.count - restStart >= 10, !titleContinuations.contains(scalars[restStart])
                else { continue }
                // `（幼儿园）`: a bracketed note stays with the title.
                let title = scalars[..<stop].string.trimmingWhitespace()
                guard isTitleShaped(title) else { continue }
                return (title, scalars[restStart...].string, prefix)
            }
            end += 1
        }
        return nil
    }

    /// `titleEndings` as scalars, in their order.
    private static let titleEndingScalars = titleEndings.map(\.scalarArray)

    /// A title without the period it opens with (`2023年上半年XX局党建工作总结` → `XX局党建工作总结`).
    static func droppingPeriod(_ title: String) -> String {
        var characters = Substring(title)
        if characters.hasPrefix("关于") { characters = characters.dropFirst(2) }
        let digits = characters.prefix(while: { $0.isASCIIDigitOrFullWidth })
        guard digits.count == 4 else { return "" }
        characters = characters.dropFirst(4).drop(while: { $0 == " " })
        guard characters.first == "年" else { return "" }
        characters = characters.dropFirst()
        for word in ["度", "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度", "一季度", "二季度",
                     "三季度", "四季度", "全年"] where characters.hasPrefix(word) {
            characters = characters.dropFirst(word.count)
        }
        return String(characters)
    }
}

extension String {
    /// Whether the text contains a word a report's name contains (`总结`, `汇报`, `报告`…).
    var hasTitleWord: Bool { HeaderReader.titleWordSet.occurs(in: scalarArray) }
}
