/// Builds a report's sections and their items from its normalized lines.
///
/// Sections open at `一、` lines; inside a section the shallowest numbering
/// present (`（一）`, else `1.`, …) makes the top-level items, each holding the
/// lines up to the next number of its level, read again one level deeper.
/// Where no line numbering is left, inline enumerations (`一是…二是…`) make the
/// items; paragraphs that are not enumerated become items with an empty
/// label, so every statement is a leaf somewhere. The opening paragraph and
/// lines written after the closing (a postscript) make parts of their own; the
/// closing (`特此汇报`, signature, date) is not an item.
struct OutlineBuilder: Sendable {
    /// The sections; the lines between the title and the closing, and those after the closing's
    /// date (where counts are read).
    struct Outline: Sendable, Equatable {
        var sections: [Section]
        var body: Range<Int>
        /// Lines a unit wrote after its closing's date or closing words (`附件：…`, a sentence added
        /// late): the last section, of kind `other`, holds them; empty where there are none.
        var postscript: Range<Int>
    }

    /// A heading phrase longer than this is a sentence, not a heading.
    static let maxHeadingLength = 40
    /// The same for an inline item's first sentence (`一是…。`).
    static let maxInlineHeadingLength = 30

    typealias Paragraph = InlineEnumeration.Paragraph
    private let classifier: SectionClassifier
    /// The configured closing words as scalars (`特此汇报`), compared with a line's opening.
    private let closingWords: [[Unicode.Scalar]]

    init(vocabulary: PipelineConfiguration.SectionVocabulary) {
        classifier = SectionClassifier(vocabulary: vocabulary)
        closingWords = vocabulary.closing.filter { !$0.isEmpty }.map(\.scalarArray)
    }

    /// A title line longer than this holds the report's first sentences too (title and
    /// text glued into one line by a web page): it is read as body as well.
    static let maxTitleLength = 60

    func build(_ lines: [NormalizedLine], titleIndex: Int?) -> Outline {
        var start = (titleIndex ?? -1) + 1
        if let titleIndex, lines.indices.contains(titleIndex), !lines[titleIndex].text.hasAtMost(Self.maxTitleLength) {
            start = titleIndex
        }
        let (closingStart, postscript) = closing(lines, after: start)
        let end = max(start, closingStart)
        let paragraphs = Self.splittingInlineSections((start..<end).map {
            Paragraph(text: lines[$0].text, location: lines[$0].location)
        })
        let numbering = paragraphs.map { Numbering.leading($0.text) }

        var parts: [Part]
        if let sectionLevel = sectionLevel(paragraphs, numbering) {
            parts = numberedParts(paragraphs, numbering, level: sectionLevel)
        } else {
            parts = unnumberedParts(paragraphs, afterTitle: titleIndex != nil)
        }
        var sections: [Section] = []
        for part in parts {
            if part.isOpening {
                // The opening (`在…领导下，…现将有关情况汇报如下：`) is a part of its own:
                // every sentence of a report stays somewhere in its reading.
                let (intro, items) = items(part.body, below: part.level)
                let all = intro.map { Item(label: "", text: $0.text, location: $0.location) } + items
                if !all.isEmpty {
                    sections.append(Section(kind: .other, label: "", heading: "", items: all, location: all[0].location))
                }
                continue
            }
            let (intro, items) = items(part.body, below: part.level)
            var section = Section(kind: part.kind, label: part.label, heading: part.heading, items: items,
                                  location: part.location)
            section.intro = intro.map(\.text).joined()
            sections += splitByKind(section, named: part.named)
        }
        // Each postscript line is an item of its own: not glued to the last item, and not read for numbering.
        let added = postscript.map { Item(label: "", text: lines[$0].text, location: lines[$0].location) }
        if !added.isEmpty {
            sections.append(Section(kind: .other, label: "", heading: "", items: added, location: added[0].location))
        }
        return Outline(sections: sections, body: start..<end, postscript: postscript)
    }

    /// A part of the report before its items are read: the opening, or a section.
    private struct Part {
        var isOpening = false
        var kind: SectionKind = .other
        var named: [SectionKind] = []
        var label = ""
        var heading = ""
        var body: [Paragraph] = []
        var location: SourceLocation?
        /// The numbering level of the part's own heading; items are read below it.
        var level: Numbering.Level = .chinese

        /// Whether the part is only a heading over headings, as in a table of contents.
        var isContents: Bool {
            !heading.isEmpty && body.allSatisfy { $0.text.hasAtMost(OutlineBuilder.maxHeadingLength) && !$0.text.contains("。") }
        }
    }

    /// The longest heading counted as the name of a part when no `一、` opens sections.
    static let maxPartNameLength = 16

    /// The numbering level whose lines open sections: `一、`; a report without them uses the
    /// shallowest numbering whose headings name a problems or plans part (`3、存在不足`), or
    /// two parts of any kind (`（一）基本情况`, `（二）工作亮点及成效`), or whose lines head
    /// deeper-numbered items (`1、加强班子建设` over `(1)` `(2)`).
    private func sectionLevel(_ paragraphs: [Paragraph], _ numbering: [Numbering?]) -> Numbering.Level? {
        if numbering.contains(where: { $0?.level == .chinese }) { return .chinese }
        guard let shallowest = numbering.compactMap({ $0?.level }).min() else { return nil }
        var namesKind = false
        var named = 0
        var heads = 0
        var current: Int?
        var counted = Set<Int>()
        for (index, number) in numbering.enumerated() {
            guard let number else { continue }
            if number.level == shallowest {
                current = index
                let heading = Self.splitHeading(number.rest, maxLength: Self.maxHeadingLength).heading
                // (Only a short heading names a part; a statement holds kind words by chance.)
                let kind = heading.count <= Self.maxPartNameLength ? classifier.kind(of: heading) : nil
                if kind == .problems || kind == .plans { namesKind = true }
                if kind != nil { named += 1 }
            } else if let current, number.level > shallowest, !counted.contains(current) {
                counted.insert(current)
                heads += 1
            }
        }
        return namesKind || named >= 2 || heads >= 2 ? shallowest : nil
    }

    /// Parts opened by the section level's numbers; what precedes the first is the opening.
    private func numberedParts(_ paragraphs: [Paragraph], _ numbering: [Numbering?], level: Numbering.Level) -> [Part] {
        var parts = [Part(isOpening: true)]
        var named: [SectionKind] = []
        for (paragraph, number) in zip(paragraphs, numbering) {
            guard let number, number.level == level else {
                parts[parts.count - 1].body.append(paragraph)
                continue
            }
            let (heading, remainder) = Self.splitHeading(number.rest, maxLength: Self.maxHeadingLength)
            // A heading that names no kind (`一、强化理论武装`) is a topic of the work done
            // while no problems or plans part has begun; after one, it is other.
            named = classifier.kinds(in: heading.isEmpty ? String(remainder.prefix(Self.maxHeadingLength)) : heading)
            let kind = named.first ?? (parts.contains { $0.kind == .problems || $0.kind == .plans } ? .other : .achievements)
            var part = Part(kind: kind, named: named, label: number.label, heading: heading,
                            location: paragraph.location, level: level)
            if !remainder.isEmpty { part.body.append(Paragraph(text: remainder, location: paragraph.location)) }
            // A list of headings numbered again from one after a page's table of contents
            // (`目录：一、… 二、… 三、…` then the report itself): the contents are no sections.
            // (The last entry's lines run on into the page's title and opening.)
            if number.ordinal == 1, parts.count > 2, parts.dropFirst().dropLast().allSatisfy(\.isContents),
               parts[parts.count - 1].body.first.map({ Part(heading: "-", body: [$0]).isContents }) ?? true {
                let contents = parts.dropFirst().flatMap { part in
                    [Paragraph(text: part.label + part.heading, location: part.location ?? paragraph.location)] + part.body
                }
                parts = [Part(isOpening: true, body: parts[0].body + contents)]
            }
            parts.append(part)
        }
        // `二、存在的问题及下步打算` over `…主要有：一是…。下步，我们将：一是…`: a section whose
        // heading names several kinds parts at the sentences that introduce each list.
        return parts.flatMap { part -> [Part] in
            guard part.named.count >= 2 else { return [part] }
            var split = [Part(kind: part.kind, named: part.named, label: part.label, heading: part.heading,
                              location: part.location, level: part.level)]
            splitAtLeadIns(part.body, into: &split) { kind, current in
                kind != current.kind && part.named.contains(kind)
            }
            return split
        }
    }

    /// A report without numbered sections: parts open at unnumbered heading lines
    /// (`共建共享，让组织强起来` on a line of its own) and at the sentence that introduces an
    /// inline enumeration when it names a kind (`…仍然存在着一些不足：一是…`, whose kind is
    /// the sentence's: the heading may be a phrase inside a sentence).
    private func unnumberedParts(_ paragraphs: [Paragraph], afterTitle: Bool) -> [Part] {
        let headingLines = paragraphs.indices.filter { index in
            // The line right below the title is its subtitle or author line.
            index > 0 && index + 1 < paragraphs.count && Self.isHeadingLine(paragraphs[index].text)
                && !paragraphs[index + 1].text.hasAtMost(paragraphs[index].text.count)
                && !Self.isHeadingLine(paragraphs[index + 1].text)
        }
        let useHeadings = headingLines.count >= 2
            || headingLines.contains { classifier.kind(of: paragraphs[$0].text) != nil }
        let headings = useHeadings ? Set(headingLines) : []
        var parts = [Part(isOpening: true)]
        splitAtLeadIns(paragraphs, into: &parts, headings: headings) { kind, current in
            kind != current.kind || current.isOpening
        }
        return parts
    }

    /// Reads `paragraphs` into `parts`, opening a part at each heading line (by index) and
    /// at each sentence introducing an inline enumeration (`…还存在一些不足：一是…`) whose
    /// kind `opens` allows beside the current part. The lead-in sentence is the new part's
    /// heading; what precedes it stays with the part before.
    private func splitAtLeadIns(_ paragraphs: [Paragraph], into parts: inout [Part], headings: Set<Int> = [],
                                opens: (SectionKind, Part) -> Bool) {
        let leadIns = InlineEnumeration.runStarts(paragraphs)
        for (index, paragraph) in paragraphs.enumerated() {
            if headings.contains(index) {
                let named = classifier.kinds(in: paragraph.text)
                let kind = named.first
                    ?? (parts.contains { $0.kind == .problems || $0.kind == .plans } ? .other : .achievements)
                parts.append(Part(kind: kind, named: named, heading: paragraph.text,
                                  location: paragraph.location, level: .chinese))
                continue
            }
            // (Most paragraphs introduce no list: taken whole, without an array of characters.)
            guard let offsets = leadIns[index] else {
                let rest = paragraph.text.trimmingWhitespace()
                if !rest.isEmpty { parts[parts.count - 1].body.append(Paragraph(text: rest, location: paragraph.location)) }
                continue
            }
            var characters = Array(paragraph.text)
            var consumed = 0
            for offset in offsets {
                // The introducing sentence: what precedes the marker back to the last full
                // stop, or, where the marker opens the paragraph, the previous paragraph when
                // it announces a list (ends with a colon).
                let local = offset - consumed
                // (`…作了剖析。一是…`: the marker right after a full stop is introduced by that sentence.)
                var leadEnd = local
                while leadEnd > 0, characters[leadEnd - 1].isWhitespace { leadEnd -= 1 }
                if leadEnd > 0, "。！？!?；;".contains(characters[leadEnd - 1]) { leadEnd -= 1 }
                let sentenceStart = Self.sentenceStart(characters, before: leadEnd)
                var lead = String(characters[sentenceStart..<local]).trimmingWhitespace()
                var fromPrevious = false
                let current = parts[parts.count - 1]
                if lead.isEmpty, local == 0, consumed == 0, index > 0, !headings.contains(index - 1),
                   let previous = current.body.last, previous.location == paragraphs[index - 1].location,
                   previous.text.last.map({ "：:".contains($0) }) == true {
                    let prior = Array(previous.text)
                    let start = Self.sentenceStart(prior, before: prior.count)
                    lead = String(prior[start...]).trimmingWhitespace()
                    fromPrevious = true
                }
                // (A numbered line leading into a list is an item; its parts are `splitByKind`'s.)
                guard !Numbering.opens(lead), let kind = classifier.kinds(in: Self.namingClauses(of: lead)).first,
                      opens(kind, current) else { continue }
                let heading = String(lead.reversed().drop(while: { "，,：:；;。".contains($0) || $0.isWhitespace })
                    .reversed())
                if fromPrevious {
                    var previous = parts[parts.count - 1].body.removeLast()
                    let prior = Array(previous.text)
                    let start = Self.sentenceStart(prior, before: prior.count)
                    previous.text = String(prior[..<start]).trimmingWhitespace()
                    if !previous.text.isEmpty { parts[parts.count - 1].body.append(previous) }
                } else {
                    let before = String(characters[..<sentenceStart]).trimmingWhitespace()
                    if !before.isEmpty {
                        parts[parts.count - 1].body.append(Paragraph(text: before, location: paragraph.location))
                    }
                    characters = Array(characters[local...])
                    consumed = offset
                }
                parts.append(Part(kind: kind, named: classifier.kinds(in: lead), heading: heading,
                                  location: paragraph.location, level: current.level))
            }
            let rest = String(characters).trimmingWhitespace()
            if !rest.isEmpty { parts[parts.count - 1].body.append(Paragraph(text: rest, location: paragraph.location)) }
        }
    }

    /// Clauses that say what comes: `支部按照年度学习计划，一是…` names no plans, its clause
    /// only gives the basis of what follows (按照, 根据, 围绕 …).
    static func namingClauses(of lead: String) -> String {
        var clauses: [Substring] = []
        var rest = Substring(lead)
        while !rest.isEmpty {
            let end = rest.firstIndex(where: { "，,".contains($0) }).map { rest.index(after: $0) } ?? rest.endIndex
            clauses.append(rest[..<end])
            rest = rest[end...]
        }
        return clauses.filter { clause in !basisWords.contains { clause.contains($0) } }.joined()
    }

    private static let basisWords = ["按照", "根据", "依据", "遵照", "围绕", "结合", "对照"]

    /// Where the sentence holding position `index` begins: after the last `。！？；` before it.
    private static func sentenceStart(_ characters: [Character], before index: Int) -> Int {
        var start = min(index, characters.count)
        while start > 0, !"。！？!?；;".contains(characters[start - 1]) { start -= 1 }
        return start
    }

    /// A line standing alone as an unnumbered heading: short, no sentence inside, not
    /// ending as a clause does, not a date or a numbered line.
    static func isHeadingLine(_ text: String) -> Bool {
        guard !text.hasAtMost(3), text.hasAtMost(Self.maxInlineHeadingLength),
              !text.contains(where: { "。！？!?；;".contains($0) }),
              let last = text.last, !"：:，,、".contains(last),
              !Numbering.opens(text), !LineJoiner.opensBlock(text), !isDate(text) else { return false }
        return text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    /// Web pages flatten a report into few lines: `…取得成效。一、主要工作（一）…`. A `一、`
    /// inside a line, after a full stop or white space, that continues the report's rising
    /// sequence of section numbers, starts a paragraph of its own.
    static func splittingInlineSections(_ paragraphs: [Paragraph], precheck: Bool = true) -> [Paragraph] {
        var last = 0
        var result: [Paragraph] = []
        for paragraph in paragraphs {
            // (Most paragraphs hold no numeral where a section number could stand: passed on
            // whole, without building their scalars. `precheck: false` is the reference the tests hold this to.)
            guard !precheck || paragraph.text.countScalars(upTo: 1, where: Self.mayOpenInlineSection) > 0 else {
                result.append(paragraph)
                continue
            }
            // Scalars: every mark tested is one scalar, compared as an integer.
            let scalars = paragraph.text.scalarArray
            var cuts: [Int] = []
            for index in scalars.indices {
                guard ChineseNumeral.isNumeralScalar(scalars[index]) else { continue }
                let atStart = index == 0
                guard atStart || Self.inlineSectionStops.contains(scalars[index - 1].value)
                        || scalars[index - 1].isWhiteSpaceScalar,
                      atStart || !ChineseNumeral.isNumeralScalar(scalars[index - 1]) else { continue }
                guard let number = Numbering.scan(Array(scalars[index..<min(scalars.count, index + 12)])),
                      number.level == .chinese else { continue }
                if atStart {
                    last = number.ordinal
                } else if number.ordinal > last, number.ordinal <= last + 3 {
                    cuts.append(index)
                    last = number.ordinal
                }
            }
            guard !cuts.isEmpty else {
                result.append(paragraph)
                continue
            }
            for (lower, upper) in zip([0] + cuts, cuts + [scalars.count]) {
                let text = scalars[lower..<upper].string.trimmingWhitespace()
                if !text.isEmpty { result.append(Paragraph(text: text, location: paragraph.location)) }
            }
        }
        return result
    }

    /// The sentence ends after which an inline `一、` may open a section: 。！？!?
    private static let inlineSectionStops: [UInt32] = [0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F]

    /// The positions `splittingInlineSections` reads a number at: a numeral opening the
    /// paragraph, or after a sentence end or white space (not after another numeral).
    @inline(__always)
    static func mayOpenInlineSection(_ previous: Unicode.Scalar?, _ scalar: Unicode.Scalar) -> Bool {
        guard ChineseNumeral.isNumeralScalar(scalar) else { return false }
        guard let previous else { return true }
        return (inlineSectionStops.contains(previous.value) || previous.isWhiteSpaceScalar)
            && !ChineseNumeral.isNumeralScalar(previous)
    }

    /// The longest item heading read as the name of a part (`（二）下步打算`).
    static let maxPartHeadingLength = 8

    /// `四、存在的问题及下步打算` with `（一）存在问题` and `（二）下步打算`: where the short
    /// headings of a section's items name kinds and one differs from the section's, each
    /// such item becomes a section of its kind, so plans are not merged as problems.
    ///
    /// A section's heading announces its parts, so an item may only part it into a kind
    /// the heading names (`named`), or into other (causes share a problems section
    /// unannounced: `存在的问题及原因` with `（二）原因分析`). Short items are mostly
    /// statements, whose words name kinds by chance: under `存在的短板`, `（一）宣传亮点不多`
    /// is a problem; under `下步打算`, `（一）补齐短板` is a plan. Where the heading names no
    /// kind (`三、其他`), the items' headings alone tell the parts.
    private func splitByKind(_ section: Section, named: [SectionKind]) -> [Section] {
        let parts = section.items.map { item -> SectionKind? in
            guard !item.label.isEmpty, item.heading.hasAtMost(Self.maxPartHeadingLength),
                  let kind = classifier.kind(of: item.heading),
                  named.isEmpty || named.contains(kind) || kind == .other else { return nil }
            return kind
        }
        guard parts.contains(where: { $0 != nil && $0 != section.kind }) else { return [section] }
        var result = [Section(kind: section.kind, label: section.label, heading: section.heading,
                              location: section.location)]
        result[0].intro = section.intro
        // Whether the last part was opened by an item's heading rather than the section's.
        var openedByItem = false
        for (item, kind) in zip(section.items, parts) {
            // An item naming the kind of the part an item opened is one of that part's
            // statements (`（二）学习不深` after `（一）存在问题`), heading and all.
            guard let kind, !(openedByItem && kind == result[result.count - 1].kind) else {
                result[result.count - 1].items.append(item)
                continue
            }
            openedByItem = true
            let items = item.items.isEmpty && !item.text.isEmpty
                ? [Item(label: "", text: item.text, location: item.location)] : item.items
            // The words leading into the part's enumeration stay its intro.
            let intro = item.items.isEmpty ? "" : item.text
            if result.count == 1, result[0].items.isEmpty {
                // The first part takes the section's own number and heading.
                result[0].kind = kind
                result[0].items = items
                result[0].intro += intro
                continue
            }
            var part = Section(kind: kind, label: item.label, heading: item.heading, items: items,
                               location: item.location)
            part.intro = intro
            result.append(part)
        }
        return result
    }

    // MARK: Items

    /// A part's items and the paragraphs that introduce them. Where the part holds an
    /// enumeration (numbered lines, `一是…二是…`), what precedes it only leads into the list
    /// (`取得了明显成效：`, `还存在一些不足：`): it is returned as the intro, no item, so that
    /// it is never merged as a statement. Without an enumeration every paragraph is an item.
    private func items(_ paragraphs: [Paragraph], below level: Numbering.Level) -> (intro: [Paragraph], items: [Item]) {
        let paragraphs = paragraphs.flatMap(Self.splittingNumberedRun)
        let numbering = paragraphs.map { Numbering.leading($0.text) }
        guard let top = numbering.compactMap({ $0?.level }).filter({ $0 > level }).min() else {
            return inlineItems(paragraphs)
        }
        var intro: [Paragraph] = []
        var groups: [(numbering: Numbering, location: SourceLocation, body: [Paragraph])] = []
        for (paragraph, number) in zip(paragraphs, numbering) {
            if let number, number.level == top {
                groups.append((number, paragraph.location, []))
            } else if groups.isEmpty {
                intro.append(paragraph)
            } else {
                groups[groups.count - 1].body.append(paragraph)
            }
        }
        // An enumeration inside the lead-in (`一是…二是…` before `（一）`) is one of its own.
        let leading: (intro: [Paragraph], items: [Item]) = InlineEnumeration.split(intro)
            .map { Self.inlineItems(intro, split: $0) } ?? (intro, [])
        return (leading.intro, leading.items + groups.map { group in
            let (heading, remainder) = Self.splitHeading(group.numbering.rest, maxLength: Self.maxHeadingLength)
            var body = group.body
            if !remainder.isEmpty { body.insert(Paragraph(text: remainder, location: group.location), at: 0) }
            var (intro, children) = items(body, below: top)
            // Inside an item, only a clause running into its list (`严格执行制度，一是…`,
            // `主要表现在：`) leads in; a paragraph of its own before the list is a statement.
            if let last = intro.last?.text.last, !"：:，,".contains(last) {
                children = intro.map { Item(label: "", text: $0.text, location: $0.location) } + children
                intro = []
            }
            return Self.combine(label: group.numbering.label, heading: heading, intro: intro,
                                children: children, location: group.location)
        })
    }

    private func inlineItems(_ paragraphs: [Paragraph]) -> (intro: [Paragraph], items: [Item]) {
        guard let split = InlineEnumeration.split(paragraphs) else {
            return ([], paragraphs.map { Item(label: "", text: $0.text, location: $0.location) })
        }
        return Self.inlineItems(paragraphs, split: split)
    }

    /// `inlineItems(paragraphs)` where the enumeration over them is already read.
    private static func inlineItems(_ paragraphs: [Paragraph], split: InlineEnumeration.Split) -> (intro: [Paragraph], items: [Item]) {
        (split.intro, split.entries.map { entry in
            let words = String(entry.text.drop(while: { "，,、：:".contains($0) || $0.isWhitespace }))
            let (heading, text) = Self.splitHeading(words, maxLength: Self.maxInlineHeadingLength)
            return Item(label: entry.label, heading: heading, text: text, location: entry.location)
        })
    }

    /// An item from its children: unnumbered paragraphs only become its text; an
    /// enumeration becomes its nested items, and the words leading into it the item's text.
    private static func combine(label: String, heading: String, intro: [Paragraph], children: [Item],
                                location: SourceLocation) -> Item {
        if intro.isEmpty, children.allSatisfy({ $0.label.isEmpty && $0.items.isEmpty }) {
            return Item(label: label, heading: heading, text: children.map(\.statement).joined(), location: location)
        }
        return Item(label: label, heading: heading, text: intro.map(\.text).joined(), items: children,
                    location: location)
    }

    /// Levels whose numbers a writer also runs on inside one paragraph (`（1）…；（2）…`).
    private static let runLevels: Set<Numbering.Level> = [.chineseParenthesized, .arabic, .arabicParenthesized, .circled]
    private static let runBoundaries: ScalarSet = ["。", "；", ";", "：", ":", "，", ",", "！", "？", "!", "?"]

    /// `存在问题：（1）学习不深；（2）创新不足。` in one paragraph: a run of numbers that
    /// starts at one and rises by one, each after punctuation, is split into paragraphs
    /// so the numbered items are read like lines of their own.
    static func splittingNumberedRun(_ paragraph: InlineEnumeration.Paragraph) -> [InlineEnumeration.Paragraph] {
        splittingNumberedRun(paragraph, precheck: true)
    }

    /// `splittingNumberedRun(_:)`; `precheck: false` reads every paragraph's scalars, the
    /// reference the tests hold the precheck to.
    static func splittingNumberedRun(_ paragraph: InlineEnumeration.Paragraph, precheck: Bool) -> [InlineEnumeration.Paragraph] {
        // (A run needs two labels where a marker is read: most paragraphs have fewer, told
        // without building their scalars.)
        guard !precheck || paragraph.text.countScalars(upTo: 2, where: { previous, scalar in
            opensRunLabel(scalar) && (previous.map(runBoundaries.contains) ?? true)
        }) >= 2 else { return [paragraph] }
        let scalars = paragraph.text.scalarArray
        var markers: [(offset: Int, level: Numbering.Level, ordinal: Int)] = []
        // (The label's own scalar first: a comparison, where the boundary is a hashed lookup.)
        for index in scalars.indices where opensRunLabel(scalars[index])
            && (index == 0 || runBoundaries.contains(scalars[index - 1])) {
            if let number = Numbering.scan(Array(scalars[index..<min(scalars.count, index + 8)])),
               runLevels.contains(number.level) {
                markers.append((index, number.level, number.ordinal))
            }
        }
        guard markers.count >= 2 else { return [paragraph] }
        // From each marker, a run goes on at the first later marker of its level numbered one more:
        // linked from the back in one pass, so a paragraph of thousands of `（1）` stays linear.
        struct Label: Hashable { var level: Int, ordinal: Int }
        var next = [Int?](repeating: nil, count: markers.count)
        var length = [Int](repeating: 1, count: markers.count)
        var latest: [Label: Int] = [:]
        for index in markers.indices.reversed() {
            let marker = markers[index]
            let (following, overflow) = marker.ordinal.addingReportingOverflow(1)
            if !overflow, let successor = latest[Label(level: marker.level.rawValue, ordinal: following)] {
                next[index] = successor
                length[index] = length[successor] + 1
            }
            latest[Label(level: marker.level.rawValue, ordinal: marker.ordinal)] = index
        }
        // The longest run from a `1`; of equal runs, the first.
        var start: Int?
        for index in markers.indices where markers[index].ordinal == 1 && length[index] > start.map({ length[$0] }) ?? 0 {
            start = index
        }
        var best: [Int] = []
        var cursor = start
        while let index = cursor {
            best.append(markers[index].offset)
            cursor = next[index]
        }
        guard best.count >= 2 else { return [paragraph] }
        var pieces: [InlineEnumeration.Paragraph] = []
        let bounds = (best.first == 0 ? [] : [0]) + best + [scalars.count]
        for (lower, upper) in zip(bounds, bounds.dropFirst()) {
            let text = scalars[lower..<upper].string.trimmingWhitespace()
            if !text.isEmpty { pieces.append(InlineEnumeration.Paragraph(text: text, location: paragraph.location)) }
        }
        return pieces
    }

    /// The scalars a label of `runLevels` can open with: `（` `(`, a digit, a circled number.
    private static func opensRunLabel(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "（" || scalar == "(" || scalar.isASCIIDigitOrFullWidth || (0x2460...0x2473).contains(scalar.value)
    }

    /// Splits a numbered line's words into its heading phrase and the text after it:
    /// at the first `。` when what precedes it is short, else the whole line is a
    /// heading when short and unpunctuated at its end, else it is all text.
    static func splitHeading(_ words: String, maxLength: Int) -> (heading: String, text: String) {
        // `1.一是…二是…`: an enumeration, not a heading.
        if LineJoiner.opensBlock(words) { return ("", words) }
        // Offsets below are in scalars; every mark tested is one scalar.
        let scalars = words.scalarArray
        func text(_ range: Range<Int>) -> String { scalars[range].string }
        // `存在问题：（1）…`: a short phrase before a colon heads what follows it.
        if let colon = scalars.firstIndex(where: { $0 == "：" || $0 == ":" }),
           colon <= maxLength, !scalars[..<colon].contains(where: { $0 == "。" || $0 == "！" }),
           colon + 1 < scalars.count {
            return (text(0..<colon), text((colon + 1)..<scalars.count).trimmingWhitespace())
        }
        // `基本情况   党员人数…`: a gap of white space ends a heading on a flattened page.
        if let gap = Self.whitespaceGap(in: scalars), gap.lowerBound <= maxLength,
           !scalars[..<gap.lowerBound].contains(where: Self.gapBreaks.contains) {
            return (text(0..<gap.lowerBound), text(gap.upperBound..<scalars.count))
        }
        // `主要工作情况（一）加强…`: a heading run straight into its first subheading.
        if let open = scalars.indices.first(where: { index in
            index > 0 && (scalars[index] == "（" || scalars[index] == "(")
                && Numbering.level(text(index..<min(scalars.count, index + 6))) == .chineseParenthesized
        }), open <= maxLength, !scalars[..<open].contains(where: Self.clauseBreaks.contains) {
            return (text(0..<open).trimmingWhitespace(), text(open..<scalars.count))
        }
        // `加强思想教育，提高队伍素质一年来，我支部…`: a heading run into a sentence that
        // opens with a time phrase, where no full stop ends the heading.
        // (Only where the line is no short heading and no full stop ends a heading before.)
        if scalars.count > maxLength,
           !scalars.prefix(maxLength + 1).contains(where: Self.sentenceBreaks.contains),
           let start = timePhraseStart(scalars, maxLength: maxLength) {
            return (text(0..<start), text(start..<scalars.count))
        }
        if let stop = scalars.firstIndex(where: { $0 == "。" || $0 == "！" }) {
            guard stop <= maxLength else { return ("", words) }
            return (text(0..<stop), text((stop + 1)..<scalars.count).trimmingWhitespace())
        }
        if scalars.count <= maxLength, !(scalars.last.map(Self.openEnds.contains) ?? false) {
            // `（一）主要做法：` — the colon introduces what follows, it is no part of the heading.
            var end = scalars.count
            while end > 0, scalars[end - 1] == "：" || scalars[end - 1] == ":" { end -= 1 }
            return (text(0..<end), "")
        }
        return ("", words)
    }

    private static let gapBreaks: ScalarSet = ["。", "！", "，", ",", "；", ";", "：", ":"]
    private static let clauseBreaks: ScalarSet = ["。", "！", "，", ",", "；", ";"]
    private static let sentenceBreaks: ScalarSet = ["。", "！", "；", ";", "：", ":"]
    private static let openEnds: ScalarSet = ["；", ";", "，", ",", "、"]

    /// Time phrases that open a report's sentences (`一年来，`, `今年以来，`).
    private static let timePhrases: [[Unicode.Scalar]] = ["一年来", "今年以来", "今年来", "近年来", "近年以来", "多年来",
                                                         "近几年来", "年初以来", "上半年以来", "下半年以来", "本季度以来"]
        .map { Array($0.unicodeScalars) }

    /// Where a time phrase followed by a comma begins, at least four characters in and within
    /// `maxLength`: the first sentence after a heading written without a full stop.
    private static func timePhraseStart(_ scalars: [Unicode.Scalar], maxLength: Int) -> Int? {
        guard scalars.count > 5 else { return nil }
        for index in 4..<min(scalars.count - 1, maxLength + 1) {
            for phrase in timePhrases where index + phrase.count < scalars.count {
                let after = scalars[index + phrase.count]
                if (after == "，" || after == ","), scalars[index..<(index + phrase.count)].elementsEqual(phrase) {
                    return index
                }
            }
        }
        return nil
    }

    /// The first run of two or more white-space scalars inside `words`, not at its ends.
    private static func whitespaceGap(in scalars: [Unicode.Scalar]) -> Range<Int>? {
        var index = 0
        while index < scalars.count {
            guard scalars[index].isWhiteSpaceScalar else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, scalars[end].isWhiteSpaceScalar { end += 1 }
            if index > 0, end < scalars.count, end - index >= 2 { return index..<end }
            index = end
        }
        return nil
    }

    // MARK: Closing

    /// The most lines a postscript may have: a closing found further up is the body's own words.
    static let maxPostscriptLines = 6

    /// Where the closing (closing words, signature, date) starts, and the lines after it that are
    /// not part of it: `附件：…`, `（联系人：…）` or a sentence added after the date.
    ///
    /// The closing is first looked for as the report's last lines. Where those hold neither a date
    /// nor closing words, a date or closing-words line among the last `maxPostscriptLines` ends the
    /// closing instead, and the lines after it are the postscript.
    private func closing(_ lines: [NormalizedLine], after start: Int) -> (start: Int, postscript: Range<Int>) {
        let end = closingStart(lines, before: lines.count, after: start)
        let none = lines.count..<lines.count
        if (end..<lines.count).contains(where: { ends(lines[$0].text) }) { return (end, none) }
        let lowest = max(start, lines.count - 1 - Self.maxPostscriptLines)
        guard lowest < lines.count - 1,
              let last = (lowest..<lines.count - 1).last(where: { ends(lines[$0].text) }) else { return (end, none) }
        return (closingStart(lines, before: last + 1, after: start), (last + 1)..<lines.count)
    }

    /// Whether the line can end a closing: a date or closing words (`特此汇报。`).
    private func ends(_ text: String) -> Bool {
        Self.isDate(text) || isClosingWords(text)
    }

    private func isClosingWords(_ text: String) -> Bool {
        // (A short line only: a paragraph is told by its first 31 characters.)
        text.hasAtMost(30) && closingWords.contains(where: { text.unicodeScalars.starts(with: $0) })
    }

    /// The first of the closing lines that run up to `limit`: closing words, signatures and dates.
    private func closingStart(_ lines: [NormalizedLine], before limit: Int, after start: Int) -> Int {
        var end = limit
        while end > start {
            let text = lines[end - 1].text
            let isSignature = text.hasAtMost(25) && !text.unicodeScalars.contains(where: Self.signatureBreaks.contains)
                && !Numbering.opens(text) && !LineJoiner.opensBlock(text)
            guard isClosingWords(text) || Self.isDate(text) || isSignature else { break }
            end -= 1
        }
        return end
    }

    /// Punctuation a signature or a date line never holds.
    private static let signatureBreaks: ScalarSet = ["。", "，", ",", "；", ";", "：", ":", "！", "？", "!", "?", "、"]

    /// `2023年7月10日`, `二〇二三年七月十日`.
    static func isDate(_ text: String) -> Bool {
        guard text.hasAtMost(16), text.unicodeScalars.last == "日", let year = text.unicodeScalars.firstIndex(of: "年"),
              let month = text.unicodeScalars.firstIndex(of: "月") else { return false }
        return year < month
    }
}
