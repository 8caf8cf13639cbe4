/// Finds unfilled placeholders (`XX局`, `x次`, `*个支部`, `20_年`) by the configured patterns.
///
/// A placeholder is reported as the phrase that holds it, in whole words, so a person sees which
/// figure or name is missing: a figure with what it counts (`集中学习x次`, `x期集中学习`), a name
/// with the words that end it (`XX区`, `XX幼儿园党支部`), a date with its digits (`20XX年`).
/// Placeholders joined by signs only (`X+X`, `X%—X%`, `X〔2023〕X号`) are one; each of a
/// name's parts (`XX镇`, `XX村党支部`) is one place to fill and is reported as such.
struct PlaceholderFinder: Sendable {
    private let patterns: [CompiledPattern]
    /// Which patterns a line can match at all (most lines hold no placeholder character).
    private let prefilter: PatternPrefilter
    private let context: Int
    private let nameWords: [[Character]]
    private let measureWords: [[Character]]
    private let falseMeasures: [[Character]]
    private let approxMarkers: [[Character]]
    /// Leading words (开展, 培养, 研究) by their last character: a figure's phrase starts after one.
    private let leadingByFinal: [Character: [[Character]]]
    private let leadingByInitial: [Character: [[Character]]]
    /// Activity names and aliases, longest first: a noun after a figure runs over a whole one.
    private let nounWords: [[Character]]

    private static let placeholderCharacters: Set<Character> = ["X", "x", "×", "*", "_"]
    private static let dateUnits: Set<Character> = ["年", "月", "日", "号"]
    private static let breaks: Set<Character> = ["，", ",", "。", "；", ";", "！", "？", "!", "?", "：", ":", "、",
                                                 "（", "(", "）", ")", "《", "》", "“", "\"", "”", "【", "】", "〔", "〕"]
    /// Closing quotation and title marks as written, with their openers.
    private static let openers: [Character: Character] = ["”": "“", "》": "《", "’": "‘", "」": "「"]
    /// Characters that end a noun phrase read on either side of a placeholder.
    private static let particles: Set<Character> = ["的", "了", "等", "和", "与", "及", "或", "以", "左", "余",
                                                    "并", "将", "把", "被", "是", "有"]

    init(settings: PipelineConfiguration.PlaceholderSettings,
         metrics: PipelineConfiguration.MetricVocabulary = PipelineConfiguration.default.metrics) {
        func compiled(_ words: [String]) -> [[Character]] {
            words.filter { !$0.isEmpty }.map { Array($0.map(TextFolding.fold)) }.sorted { $0.count > $1.count }
        }
        patterns = settings.patterns.map(CompiledPattern.init)
        prefilter = PatternPrefilter(patterns: settings.patterns)
        context = max(1, settings.context)
        nameWords = compiled(settings.nameWords)
        measureWords = compiled(metrics.measureWords)
        falseMeasures = compiled(metrics.falseMeasures)
        approxMarkers = compiled(metrics.approxMarkers)
        let leading = compiled(metrics.leadingWords)
        leadingByFinal = Dictionary(grouping: leading, by: { $0[$0.count - 1] })
        leadingByInitial = Dictionary(grouping: leading, by: { $0[0] })
        nounWords = compiled(metrics.activities.flatMap { [$0.name] + $0.aliases } + settings.nameWords)
    }

    func placeholders(in line: NormalizedLine) -> [Placeholder] {
        let text = line.text
        var ranges: [Range<String.Index>] = []
        let candidates = prefilter.candidates(in: text)
        for (index, pattern) in patterns.enumerated() where PatternPrefilter.contains(candidates, index) {
            ranges += pattern.matches(in: text)
        }
        guard !ranges.isEmpty else { return [] }
        // Character offsets by one walk over the sorted matches: measuring each match from the
        // start of the line would cost the line's length per match (quadratic on a long line
        // full of placeholders).
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var spans: [(lower: Int, upper: Int)] = []
        var cursor = text.startIndex, offset = 0
        for range in ranges {
            offset += text.distance(from: cursor, to: range.lowerBound)
            cursor = range.lowerBound
            spans.append((offset, offset + text.distance(from: range.lowerBound, to: range.upperBound)))
        }
        let characters = Array(text)
        let folded = TextFolding.foldKeepingLength(text)
        // Placeholders joined by signs only (`X+X`, `X%—X%`, `X〔2023〕X号`) are one.
        var merged: [(lower: Int, upper: Int)] = []
        for span in spans {
            if let last = merged.last, span.lower <= last.upper
                || span.lower - last.upper <= 8 && (last.upper..<span.lower).allSatisfy({ Self.joinsPlaceholders(folded[$0]) }) {
                merged[merged.count - 1].upper = max(last.upper, span.upper)
            } else {
                merged.append(span)
            }
        }
        // Each placeholder's phrase; phrases that overlap are one.
        var phrases: [(lower: Int, upper: Int)] = []
        for span in merged {
            let phrase = self.phrase(around: span, in: folded, written: characters)
            if let last = phrases.last, phrase.lower < last.upper {
                phrases[phrases.count - 1].upper = max(last.upper, phrase.upper)
            } else {
                phrases.append(phrase)
            }
        }
        return phrases.map { Placeholder(text: String(characters[$0.lower..<$0.upper]), location: line.location) }
    }

    /// Signs that join two placeholders into one (`X+X`, `X%—X%`, `X〔2023〕X号`): no words between.
    private static func joinsPlaceholders(_ character: Character) -> Bool {
        !character.isHan && !character.isWhitespace && !"，,。；;、\"“”‘’'（）()".contains(character)
    }

    // MARK: Phrases

    /// The phrase holding the placeholder at `span`.
    private func phrase(around span: (lower: Int, upper: Int), in folded: [Character],
                        written: [Character]) -> (lower: Int, upper: Int) {
        var lower = span.lower
        var upper = span.upper
        // A date: `20XX年`, `2023.11xx月`, `XXXX年`.
        if upper < folded.count, Self.dateUnits.contains(folded[upper]) {
            upper += 1
            while lower > 0, folded[lower - 1].isASCIIDigitOrFullWidth || folded[lower - 1] == "." && lower > 1
                    && folded[lower - 2].isASCIIDigitOrFullWidth {
                lower -= 1
            }
            return (lower, upper)
        }
        // A figure: `集中学习x次`, `x期集中学习`, `整顿资金X余万元`, `参学率X%`.
        var cursor = upper
        if let marker = Self.match(approxMarkers, in: folded, at: cursor) { cursor += marker.count }
        let measure = folded.indices.contains(cursor) && folded[cursor] == "%" ? 1
            : Self.match(falseMeasures, in: folded, at: cursor) == nil ? Self.match(measureWords, in: folded, at: cursor)?.count : nil
        if let measure {
            upper = cursor + measure
            let start = wordsBefore(lower, in: folded, written: written)
            if start < lower || folded[cursor] == "%" { return (start, upper) }
            // Nothing counted before the figure: the noun after it (`x期集中学习`, `X个社区`).
            return (lower, upper + noun(at: upper, in: folded))
        }
        // `XX个春秋`, `X个月`: a measure word that is part of another word goes with it.
        if let word = Self.match(falseMeasures, in: folded, at: cursor) {
            return (lower, cursor + word.count)
        }
        // A name: `XX区`, `xxx小学党支部`, `XX中心`.
        var end = upper
        while end < folded.count, let word = Self.match(nameWords, in: folded, at: end) { end += word.count }
        if end > upper { return (lower, end) }
        // Else the word after it (`***事业`, `*工作`), or the one before (`营商环境***等`).
        let after = noun(at: upper, in: folded)
        if after > 0 { return (lower, upper + after) }
        let before = max(wordsBefore(lower, in: folded, written: written), lower - min(4, context))
        return (before, upper)
    }

    /// Where the words before `index` that name what a figure counts begin: back to a clause
    /// break, a quotation that ends right there (included whole), another figure, or a leading
    /// verb (`开展`, `培养`, `研究`); at most `context` characters.
    private func wordsBefore(_ index: Int, in folded: [Character], written: [Character]) -> Int {
        var start = index
        // `“干部大讲堂”x次`: a quoted name before the figure is the phrase's own.
        if start > 0, let opener = Self.openers[written[start - 1]] {
            var open = start - 2
            while open >= 0, start - open <= 2 * context, written[open] != opener { open -= 1 }
            if open >= 0, written[open] == opener { return open }
        }
        while start > 0, index - start < context {
            let previous = folded[start - 1]
            guard previous.isHan, !Self.breaks.contains(previous) else { break }
            if endsLeadingWord(at: start, in: folded) { break }
            // A configured name (`入党积极分子`, `入党对象`) is taken whole, whatever words it holds.
            if let word = nounWords.first(where: { $0.count > 1 && start >= $0.count && index - start + $0.count <= context + 2
                && folded[(start - $0.count)..<start].elementsEqual($0) }) {
                start -= word.count
                continue
            }
            if Self.particles.contains(previous), !Self.bindsToNext(previous, folded, start) { break }
            start -= 1
        }
        // `完成率X%`: a single character left after a leading word is no word; the word goes with it.
        if index - start == 1, start > 0, let word = leadingByFinal[folded[start - 1]]?.first(where: { start >= $0.count
            && $0.count > 1 && folded[(start - $0.count)..<start].elementsEqual($0) }) {
            start -= word.count
        }
        return start
    }

    /// Whether a configured leading word ends right before `index` (`开展|集中学习`); a
    /// one-character one (在, 对, 为) only where a word of its own does not open there (`在职`).
    private func endsLeadingWord(at index: Int, in folded: [Character]) -> Bool {
        guard index > 0, let candidates = leadingByFinal[folded[index - 1]] else { return false }
        for word in candidates where index >= word.count && folded[(index - word.count)..<index].elementsEqual(word) {
            if word.count > 1 { return true }
            // A one-character word (在, 对, 为, 共), unless it opens a word of its own (`在职`, `共建`).
            guard index < folded.count else { return true }
            return !MetricReader.wordsOpeningWithALeadingCharacter.contains(String([folded[index - 1], folded[index]]))
        }
        return false
    }

    /// `在职`, `为民`: a one-character particle that opens a word with what follows it.
    private static func bindsToNext(_ character: Character, _ folded: [Character], _ index: Int) -> Bool {
        guard index < folded.count else { return false }
        return MetricReader.wordsOpeningWithALeadingCharacter.contains(String([character, folded[index]]))
    }

    /// How many characters of the noun at `index` a phrase takes: a configured activity or name
    /// word that starts there, else two characters (a word), stopping at a break or a leading verb.
    private func noun(at index: Int, in folded: [Character]) -> Int {
        guard index < folded.count, folded[index].isHan, !Self.particles.contains(folded[index]) else { return 0 }
        if let word = Self.match(nounWords, in: folded, at: index) { return word.count }
        var length = 0
        while length < 2, index + length < folded.count {
            let character = folded[index + length]
            guard character.isHan, !Self.breaks.contains(character), !Self.particles.contains(character) else { break }
            if length > 0, leadingByInitial[character]?.contains(where: { index + length + $0.count <= folded.count
                && folded[(index + length)..<(index + length + $0.count)].elementsEqual($0) }) == true { break }
            length += 1
        }
        // `X个后进` + `社区`, `X名年青` + `党员`: a name word right after the two characters ends the noun.
        if length == 2, let word = Self.match(nameWords, in: folded, at: index + length) { length += word.count }
        return length
    }

    private static func match(_ words: [[Character]], in folded: [Character], at index: Int) -> [Character]? {
        guard index < folded.count else { return nil }
        for word in words where word[0] == folded[index] && index + word.count <= folded.count
            && folded[index..<(index + word.count)].elementsEqual(word) {
            return word
        }
        return nil
    }
}
