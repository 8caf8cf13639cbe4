/// Builds a report's sections and their items from its normalized lines.
///
/// Sections open at `一、` lines; inside a section the shallowest numbering
/// present (`（一）`, else `1.`, …) makes the top-level items, each holding the
/// lines up to the next number of its level, read again one level deeper.
/// Where no line numbering is left, inline enumerations (`一是…二是…`) make the
/// items; paragraphs that are not enumerated become items with an empty
/// label, so every statement is a leaf somewhere. The opening paragraph and
/// the closing (`特此汇报`, signature, date) are not items.
struct OutlineBuilder: Sendable {
    /// The sections, and the lines between the title and the closing (where counts are read).
    struct Outline: Sendable, Equatable {
        var sections: [Section]
        var body: Range<Int>
    }

    /// A heading phrase longer than this is a sentence, not a heading.
    static let maxHeadingLength = 40
    /// The same for an inline item's first sentence (`一是…。`).
    static let maxInlineHeadingLength = 30

    private typealias Paragraph = InlineEnumeration.Paragraph
    private let classifier: SectionClassifier
    private let closingWords: [String]

    init(vocabulary: PipelineConfiguration.SectionVocabulary) {
        classifier = SectionClassifier(vocabulary: vocabulary)
        closingWords = vocabulary.closing
    }

    func build(_ lines: [NormalizedLine], titleIndex: Int?) -> Outline {
        let start = (titleIndex ?? -1) + 1
        let end = max(start, closingStart(lines, after: start))
        let numbering = lines.map { Numbering.leading($0.text) }

        // Sections open at `一、`; a report without them uses the shallowest numbering
        // whose headings name a problems or plans part (`3、存在不足`, `4、2024年工作计划`).
        var sectionLevel: Numbering.Level?
        if (start..<end).contains(where: { numbering[$0]?.level == .chinese }) {
            sectionLevel = .chinese
        } else if let shallowest = (start..<end).compactMap({ numbering[$0]?.level }).min(),
                  (start..<end).contains(where: { index in
                      guard let number = numbering[index], number.level == shallowest else { return false }
                      let kind = classifier.kind(of: Self.splitHeading(number.rest, maxLength: Self.maxHeadingLength).heading)
                      return kind == .problems || kind == .plans
                  }) {
            sectionLevel = shallowest
        }
        guard let sectionLevel else {
            let paragraphs = (start..<end).map { Paragraph(text: lines[$0].text, location: lines[$0].location) }
            let items = items(paragraphs, below: .chinese)
            let sections = items.isEmpty ? [] : [Section(kind: .other, label: "", heading: "", items: items,
                                                          location: lines[start].location)]
            return Outline(sections: sections, body: start..<end)
        }

        var sections: [(section: Section, named: [SectionKind])] = []
        var index = start
        while index < end, numbering[index]?.level != sectionLevel { index += 1 }
        while index < end {
            let opening = numbering[index]!
            var next = index + 1
            while next < end, numbering[next]?.level != sectionLevel { next += 1 }
            let (heading, remainder) = Self.splitHeading(opening.rest, maxLength: Self.maxHeadingLength)
            var body = (index + 1..<next).map { Paragraph(text: lines[$0].text, location: lines[$0].location) }
            if !remainder.isEmpty { body.insert(Paragraph(text: remainder, location: lines[index].location), at: 0) }
            // A heading that names no kind (`一、强化理论武装`) is a topic of the work done
            // while no problems or plans part has begun; after one, it is other.
            let named = classifier.kinds(in: heading.isEmpty ? String(remainder.prefix(Self.maxHeadingLength)) : heading)
            let kind = named.first
                ?? (sections.contains { $0.section.kind == .problems || $0.section.kind == .plans } ? .other : .achievements)
            sections.append((Section(kind: kind, label: opening.label, heading: heading,
                                     items: items(body, below: sectionLevel), location: lines[index].location), named))
            index = next
        }
        return Outline(sections: sections.flatMap { splitByKind($0.section, named: $0.named) }, body: start..<end)
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
            guard !item.label.isEmpty, item.heading.count <= Self.maxPartHeadingLength,
                  let kind = classifier.kind(of: item.heading),
                  named.isEmpty || named.contains(kind) || kind == .other else { return nil }
            return kind
        }
        guard parts.contains(where: { $0 != nil && $0 != section.kind }) else { return [section] }
        var result = [Section(kind: section.kind, label: section.label, heading: section.heading,
                              location: section.location)]
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
            if result.count == 1, result[0].items.isEmpty {
                // The first part takes the section's own number and heading.
                result[0].kind = kind
                result[0].items = items
                continue
            }
            result.append(Section(kind: kind, label: item.label, heading: item.heading, items: items,
                                  location: item.location))
        }
        return result
    }

    // MARK: Items

    private func items(_ paragraphs: [Paragraph], below level: Numbering.Level) -> [Item] {
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
        return inlineItems(intro) + groups.map { group in
            let (heading, remainder) = Self.splitHeading(group.numbering.rest, maxLength: Self.maxHeadingLength)
            var body = group.body
            if !remainder.isEmpty { body.insert(Paragraph(text: remainder, location: group.location), at: 0) }
            return Self.combine(label: group.numbering.label, heading: heading,
                                children: items(body, below: top), location: group.location)
        }
    }

    private func inlineItems(_ paragraphs: [Paragraph]) -> [Item] {
        guard let split = InlineEnumeration.split(paragraphs) else {
            return paragraphs.map { Item(label: "", text: $0.text, location: $0.location) }
        }
        let intro = split.intro.map { Item(label: "", text: $0.text, location: $0.location) }
        return intro + split.entries.map { entry in
            let words = String(entry.text.drop(while: { "，,、：:".contains($0) || $0.isWhitespace }))
            let (heading, text) = Self.splitHeading(words, maxLength: Self.maxInlineHeadingLength)
            return Item(label: entry.label, heading: heading, text: text, location: entry.location)
        }
    }

    /// An item from its children: unnumbered paragraphs only become its text; an
    /// enumeration becomes its nested items (paragraphs before it stay as unlabeled leaves).
    private static func combine(label: String, heading: String, children: [Item], location: SourceLocation) -> Item {
        if children.allSatisfy({ $0.label.isEmpty && $0.items.isEmpty }) {
            return Item(label: label, heading: heading, text: children.map(\.statement).joined(), location: location)
        }
        return Item(label: label, heading: heading, text: "", items: children, location: location)
    }

    /// Levels whose numbers a writer also runs on inside one paragraph (`（1）…；（2）…`).
    private static let runLevels: Set<Numbering.Level> = [.chineseParenthesized, .arabic, .arabicParenthesized, .circled]
    private static let runBoundaries: Set<Character> = ["。", "；", ";", "：", ":", "，", ",", "！", "？", "!", "?"]

    /// `存在问题：（1）学习不深；（2）创新不足。` in one paragraph: a run of numbers that
    /// starts at one and rises by one, each after punctuation, is split into paragraphs
    /// so the numbered items are read like lines of their own.
    static func splittingNumberedRun(_ paragraph: InlineEnumeration.Paragraph) -> [InlineEnumeration.Paragraph] {
        let characters = Array(paragraph.text)
        var markers: [(offset: Int, level: Numbering.Level, ordinal: Int)] = []
        for index in characters.indices where index == 0 || runBoundaries.contains(characters[index - 1]) {
            let window = String(characters[index..<min(characters.count, index + 8)])
            if let number = Numbering.leading(window), runLevels.contains(number.level) {
                markers.append((index, number.level, number.ordinal))
            }
        }
        guard markers.count >= 2 else { return [paragraph] }
        var best: [Int] = []
        for (start, first) in markers.enumerated() where first.ordinal == 1 {
            var run = [first.offset]
            var last = 1
            for marker in markers[(start + 1)...] where marker.level == first.level && marker.ordinal == last + 1 {
                run.append(marker.offset)
                last += 1
            }
            if run.count > best.count { best = run }
        }
        guard best.count >= 2 else { return [paragraph] }
        var pieces: [InlineEnumeration.Paragraph] = []
        let bounds = (best.first == 0 ? [] : [0]) + best + [characters.count]
        for (lower, upper) in zip(bounds, bounds.dropFirst()) {
            let text = String(characters[lower..<upper]).trimmingWhitespace()
            if !text.isEmpty { pieces.append(InlineEnumeration.Paragraph(text: text, location: paragraph.location)) }
        }
        return pieces
    }

    /// Splits a numbered line's words into its heading phrase and the text after it:
    /// at the first `。` when what precedes it is short, else the whole line is a
    /// heading when short and unpunctuated at its end, else it is all text.
    static func splitHeading(_ words: String, maxLength: Int) -> (heading: String, text: String) {
        // `1.一是…二是…`: an enumeration, not a heading.
        if LineJoiner.opensBlock(words) { return ("", words) }
        // `存在问题：（1）…`: a short phrase before a colon heads what follows it.
        if let colon = words.firstIndex(where: { $0 == "：" || $0 == ":" }),
           words[..<colon].count <= maxLength, !words[..<colon].contains(where: { $0 == "。" || $0 == "！" }),
           words.index(after: colon) < words.endIndex {
            return (String(words[..<colon]), String(words[words.index(after: colon)...]).trimmingWhitespace())
        }
        if let stop = words.firstIndex(where: { $0 == "。" || $0 == "！" }) {
            let heading = words[..<stop]
            guard heading.count <= maxLength else { return ("", words) }
            return (String(heading), String(words[words.index(after: stop)...]).trimmingWhitespace())
        }
        if words.count <= maxLength, !(words.last.map { "；;，,、".contains($0) } ?? false) {
            // `（一）主要做法：` — the colon introduces what follows, it is no part of the heading.
            return (String(words.reversed().drop(while: { "：:".contains($0) }).reversed()), "")
        }
        return ("", words)
    }

    // MARK: Closing

    /// Where the closing begins: trailing `特此汇报` lines, dates and signature lines.
    private func closingStart(_ lines: [NormalizedLine], after start: Int) -> Int {
        var end = lines.count
        while end > start {
            let text = lines[end - 1].text
            let isClosing = text.count <= 30 && closingWords.contains(where: { !$0.isEmpty && text.hasPrefix($0) })
            let isSignature = text.count <= 25 && !text.contains(where: { "。，,；;：:！？!?、".contains($0) })
                && Numbering.leading(text) == nil && !LineJoiner.opensBlock(text)
            guard isClosing || Self.isDate(text) || isSignature else { break }
            end -= 1
        }
        return end
    }

    /// `2023年7月10日`, `二〇二三年七月十日`.
    static func isDate(_ text: String) -> Bool {
        guard text.count <= 16, text.hasSuffix("日"), let year = text.firstIndex(of: "年"),
              let month = text.firstIndex(of: "月") else { return false }
        return year < month
    }
}
