import Foundation

/// Reads the counts of a line: `累计开展集中学习82次`, `吸纳了2名入党积极分子`,
/// `党组会议、"三重一大"专题会议各8次` (two counts), `十余次`, `x次` (unknown).
///
/// A count is a number (Arabic, Chinese, or an unfilled placeholder) followed
/// by a configured measure word. Never counts: figures inside a fixed formula
/// (`三会一课`), inside quotation marks or a document title in `《》`, inside a
/// parenthesis that explains a quoted term, ordinals (`第一`), frequencies
/// (`每月召开一次`), and a bare Chinese `一` (`作为一项重大任务`) unless shared
/// out by `各` (`各一份`). Dates, years and percentages have no measure word
/// in the configured list and so never match.
///
/// A count may take its activity from elsewhere in the sentence: a bare total
/// (`共开展3次`) from the clause before it that names one configured activity
/// (`每月固定开展主题党日，共开展3次`), and people counted and then made members
/// of an activity (`将2名骨干列为入党积极分子`) from that activity.
struct MetricReader: Sendable {
    private let measureWords: [[Unicode.Scalar]]
    private let approxAfter: [[Unicode.Scalar]]
    private let approxBefore: [[Unicode.Scalar]]
    private let falseMeasures: [[Unicode.Scalar]]
    /// Frequency words as folded scalars, longest first (compared without Character comparison).
    private let frequencyMarkers: [[Unicode.Scalar]]
    private let thresholdMarkers: [[Unicode.Scalar]]
    private let formulaVerbs: [[Unicode.Scalar]]
    private let multiYearMarkers: [[Unicode.Scalar]]
    /// The first scalars of the frequency and multi-year words: most scalars open none, told by one bit test.
    private let frequencyInitials: ScalarBits
    private let multiYearInitials: ScalarBits
    private let formulasByInitial: [Unicode.Scalar: [[Unicode.Scalar]]]
    /// Configured activity names and aliases by their first character, longest first.
    private let aliasesByInitial: [Unicode.Scalar: [(alias: [Unicode.Scalar], name: String, units: Set<String>)]]
    /// The keys of `formulasByInitial` and `aliasesByInitial`, tested before hashing a scalar.
    private let formulaInitials: ScalarBits
    private let aliasInitials: ScalarBits
    private let leadingByInitial: [Unicode.Scalar: [[Unicode.Scalar]]]

    /// Measure words whose activity stands before the number even when a noun follows (`82次组织学习`).
    private static let eventMeasures: Set<String> = ["次", "人次", "场", "场次", "轮"]
    /// Characters that end a clause for the activity phrase.
    private static let clauseBreaks: ScalarSet = ["，", ",", "。", "；", ";", "！", "？", "!", "?", "：", ":", "、",
                                                       "（", "(", "）", ")"]
    /// Characters that end a clause for `各`, which shares one count over a list joined by `、`.
    private static let sentenceBreaks: ScalarSet = ["，", ",", "。", "；", ";", "！", "？", "!", "?", "：", ":"]
    /// Characters that end a sentence, and those that part its clauses, for a total's antecedent.
    private static let sentenceEnds: ScalarSet = ["。", "；", ";", "！", "？", "!", "?"]
    private static let innerBreaks: ScalarSet = ["，", ",", "：", ":"]
    /// Verbs that make people counted before them into an activity's members (`列为入党积极分子`).
    private static let conversionVerbs: [[Unicode.Scalar]] = ["列为", "列入", "确定为", "吸收为", "吸纳为", "发展为", "接收为", "纳入"]
        .map { Array($0.unicodeScalars) }
    private static let placeholderCharacters: ScalarSet = ["X", "x", "×", "*", "_"]
    /// Words that end a noun phrase read after a count (`19家社会力量参与…`).
    private static let phraseStops: [[Unicode.Scalar]] = [
        "累计", "共计", "共", "参与", "参加", "开展", "成立", "进行", "提供", "投入",
        "全面", "推行", "每", "为", "的", "在", "到", "轮训", "等", "和", "及", "与",
        "签订", "签署", "完成", "实现", "换届", "举办", "召开", "建立", "设立", "推动", "落实",
    ].map { Array($0.unicodeScalars) }
    /// Characters after a measure word that mean no noun follows (`X名的要求`).
    private static let particles: ScalarSet = ["的", "地", "得", "了", "等", "和", "与", "及", "或", "以", "左", "余"]
    /// Words whose first character is a one-character leading word (`在职党员`, not `在…职党员`).
    static let wordsOpeningWithALeadingCharacter: Set<String> = [
        "在职", "在岗", "在编", "在册", "在校", "在读", "在线", "在建", "为民", "共青", "共产", "共建", "共享", "共同",
        "对象", "对口", "对接", "对标", "已婚", "已故",
    ]
    /// The longest activity name kept when no configured alias applies.
    private static let maxActivityLength = 14

    init(vocabulary: PipelineConfiguration.MetricVocabulary) {
        func sorted(_ words: [String]) -> [[Unicode.Scalar]] {
            words.filter { !$0.isEmpty }.map { Array($0.unicodeScalars.map(TextFolding.foldScalar)) }.sorted { $0.count > $1.count }
        }
        measureWords = sorted(vocabulary.measureWords)
        approxAfter = sorted(vocabulary.approxMarkers)
        approxBefore = sorted(vocabulary.approxPrefixes)
        falseMeasures = sorted(vocabulary.falseMeasures)
        frequencyMarkers = sorted(vocabulary.frequencyMarkers)
        thresholdMarkers = sorted(vocabulary.thresholdMarkers)
        formulaVerbs = sorted(vocabulary.formulaVerbs)
        multiYearMarkers = sorted(vocabulary.multiYearMarkers)
        frequencyInitials = ScalarBits(frequencyMarkers.compactMap(\.first))
        multiYearInitials = ScalarBits(multiYearMarkers.compactMap(\.first))
        leadingByInitial = Dictionary(grouping: sorted(vocabulary.leadingWords), by: { $0[0] })
        formulasByInitial = Dictionary(grouping: sorted(vocabulary.formulas), by: { $0[0] })
        formulaInitials = ScalarBits(formulasByInitial.keys)
        let aliases = vocabulary.activities.flatMap { activity in
            ([activity.name] + activity.aliases).filter { !$0.isEmpty }
                .map { (alias: Array($0.unicodeScalars), name: activity.name, units: Set(activity.units)) }
        }.sorted { $0.alias.count > $1.alias.count }
        aliasesByInitial = Dictionary(grouping: aliases, by: { $0.alias[0] })
        aliasInitials = ScalarBits(aliasesByInitial.keys)
    }

    /// The counts of `line`. `year` is the report's year where known: a count after `2021年以来`
    /// in a report of a later year covers several years.
    func metrics(in line: NormalizedLine, year: Int? = nil) -> [Metric] {
        // The text as written (quoted in `text`), the same characters in simplified form (read for
        // names and measure words) and folded (read for everything else): offsets agree in all three.
        let written = line.text.scalarArray
        let folded = TextFolding.foldScalars(written)
        // (most lines of a report hold no figure at all)
        // (The set is read once here: a static is reached through a once-only check each time.)
        let placeholders = Self.placeholderCharacters
        guard folded.contains(where: { Self.mayOpenNumber($0, placeholders: placeholders) }) else { return [] }
        let original = TraditionalChinese.simplifiedScalars(written)
        let shielded = shieldedPositions(original, folded)
        // Where the configured frequency words (每月, 每季度) start.
        let frequencies = folded.indices.filter {
            frequencyInitials.mayContain(folded[$0]) && Self.match(frequencyMarkers, in: folded, at: $0) != nil
        }
        // Where a span of several years opens (三年来, 近年来, 2019年以来); counts after it in its sentence are not the period's.
        let multiYear = multiYearStarts(folded, year: year)
        var metrics: [Metric] = []
        // The counts read so far, where their numbers stand (for a total that adds them up).
        var read: [ReadCount] = []
        // The line's own numbering (`1.`, `（二）`) is no part of an activity.
        let lineStart = Numbering.scan(written)?.labelLength ?? 0
        var previousEnd = lineStart
        var i = 0
        while i < folded.count {
            guard let token = numberToken(folded, at: i) else { i += 1; continue }
            guard let count = count(after: token, in: folded, original: original, shielded: shielded,
                                         frequencies: frequencies) else {
                i = token.end
                continue
            }

            // The activity: the phrase before the number back to its clause (or the previous count),
            // or the noun after the measure word (`吸纳了2名入党积极分子`).
            var regionStart = token.start
            while regionStart > previousEnd, !Self.clauseBreaks.contains(folded[regionStart - 1]) { regionStart -= 1 }
            regionStart = min(regionStart, count.numberStart)
            let before = String(original[regionStart..<count.numberStart])
            var afterEnd = count.end
            while afterEnd < folded.count, afterEnd - count.end < 16, !Self.clauseBreaks.contains(folded[afterEnd]),
                  !folded[afterEnd].isASCIIDigitOrFullWidth, !Self.placeholderCharacters.contains(folded[afterEnd]) {
                afterEnd += 1
            }
            let after = Self.cutPhrase(String(original[count.end..<afterEnd]))
            let nextIsNoun = count.end < folded.count
                && (folded[count.end].isHan && !Self.particles.contains(folded[count.end])
                    || folded[count.end] == "\"" || original[count.end] == "《")
            let beforeActivity = activityName(before, unit: count.unit)
            let useAfter = nextIsNoun && !after.isEmpty
                && (!Self.eventMeasures.contains(count.unit) || beforeActivity.isEmpty)

            // The span shown: the clause before the count, or its last 24 characters
            // (from a quotation or title that opens within them, where one does).
            var textStart = regionStart
            if count.numberStart - regionStart > 24 {
                textStart = count.numberStart - 24
                if let open = (textStart..<count.numberStart).first(where: { "《“".unicodeScalars.contains(original[$0]) }) {
                    textStart = open
                }
            }
            // A count that opens its clause (`，X个社区…`) is shown with the end of the clause before it,
            // so that the span is never a bare figure that could be any `X个` of the report.
            if count.numberStart - textStart < 2 {
                var start = textStart
                while start > 0, textStart - start < 2, !folded[start - 1].isHan { start -= 1 }
                while start > 0, textStart - start < 8, !Self.clauseBreaks.contains(folded[start - 1]),
                      !Self.sentenceEnds.contains(folded[start - 1]) {
                    start -= 1
                }
                textStart = start
            }
            // The span ends with the count (`吸纳了2名`), its activity after it being named by `activity`.
            var textEnd = count.end
            let beyond = beyondPeriod(count.numberStart, folded: folded, starts: multiYear, lineStart: lineStart)

            if let distributed = respectively(from: count, previousEnd: previousEnd, original: original, folded: folded,
                                              shielded: shielded, frequencies: frequencies) {
                // `召开支委会、党员大会分别为6次和3次`: the counts go to the listed activities in order.
                let spanText = String(written[distributed.listStart..<distributed.end])
                for (phrase, share) in distributed.pairs {
                    // An unpaired list is named as written, so that no count lands on a guessed activity.
                    let name = distributed.paired ? activityName(phrase, unit: share.unit) : ""

                    metrics.append(Metric(text: spanText, activity: name.isEmpty ? Self.bare(phrase) : name, value: share.value,
                                          unit: share.unit, approx: share.approx, beyondPeriod: beyond, location: line.location))
                    read.append(ReadCount(numberStart: share.numberStart, value: share.value, unit: share.unit,
                                          activity: metrics[metrics.count - 1].activity))
                }
                previousEnd = distributed.end
                i = distributed.end
                continue
            }
            if count.shared {
                // `党组会议、"三重一大"专题会议各8次`: one count per listed activity, the span shared.
                var listStart = regionStart
                while listStart > previousEnd, !Self.sentenceBreaks.contains(folded[listStart - 1]) { listStart -= 1 }
                // (`警示教育和谈心谈话各2次`: 和, 与, 及 join the list too)
                let phrases = Self.listItems(Array(original[listStart..<count.numberStart]))
                let spanText = String(written[listStart..<count.end])
                for phrase in phrases {
                    let name = activityName(phrase, unit: count.unit)
                    metrics.append(Metric(text: spanText, activity: name.isEmpty ? Self.bare(phrase) : name, value: count.value,
                                          unit: count.unit, approx: count.approx, beyondPeriod: beyond, location: line.location))
                    read.append(ReadCount(numberStart: count.numberStart, value: count.value, unit: count.unit,
                                          activity: metrics[metrics.count - 1].activity))
                }
            } else {
                var activity = useAfter ? activityName(after, unit: count.unit, fromFront: true) : beforeActivity
                if activity.isEmpty { activity = useAfter ? beforeActivity : activityName(after, unit: count.unit, fromFront: true) }
                if let target = conversionTarget(after: count.end, original: original, folded: folded, unit: count.unit) {
                    // `将2名骨干列为入党积极分子`: the people counted become the named activity's.
                    activity = target.name
                    textEnd = target.end
                } else if activity.isEmpty,
                          let source = antecedent(ofClauseAt: regionStart, lineStart: lineStart, original: original,
                                                  folded: folded, unit: count.unit, total: count.value, read: read) {
                    // `每月固定开展主题党日，共开展3次`: the total belongs to the clause before it.
                    activity = source.name
                    textStart = source.start
                }
                if activity.isEmpty { activity = Self.bare(before) }
                metrics.append(Metric(text: String(written[textStart..<textEnd]), activity: activity, value: count.value,
                                      unit: count.unit, approx: count.approx, beyondPeriod: beyond, location: line.location))
                read.append(ReadCount(numberStart: count.numberStart, value: count.value, unit: count.unit, activity: activity))
            }
            previousEnd = max(textEnd, useAfter ? count.end + after.unicodeScalars.count : textEnd)
            i = count.end
        }
        return metrics
    }

    // MARK: Numbers

    private enum NumberKind { case arabic, chinese, placeholder }

    private struct NumberToken {
        var start: Int
        var end: Int
        var kind: NumberKind
    }

    private struct Count {
        var numberStart: Int
        var end: Int
        var value: Int?
        var unit: String
        var approx: Bool
        /// `各8次`: the count applies to each activity of the list before it.
        var shared: Bool
    }

    private func numberToken(_ folded: [Unicode.Scalar], at i: Int) -> NumberToken? {
        let character = folded[i]
        let previous: Unicode.Scalar? = i > 0 ? folded[i - 1] : nil
        if character.isASCIIDigitOrFullWidth {
            if let previous, previous.isASCIIDigitOrFullWidth || previous.isASCIILetter || previous == "." { return nil }
            var end = i
            while end < folded.count, folded[end].isASCIIDigitOrFullWidth { end += 1 }
            if end + 1 < folded.count, folded[end] == ".", folded[end + 1].isASCIIDigitOrFullWidth { return nil }
            return NumberToken(start: i, end: end, kind: .arabic)
        }
        if Self.placeholderCharacters.contains(character) {
            if let previous, previous.isASCIILetter || previous.isASCIIDigitOrFullWidth
                || Self.placeholderCharacters.contains(previous) { return nil }
            // (`X.X万元`: the decimal part of an unfilled figure is the same token)
            if let previous, previous == ".", i > 1, Self.placeholderCharacters.contains(folded[i - 2]) { return nil }
            var end = i
            while end < folded.count, end - i < 4, Self.placeholderCharacters.contains(folded[end]) { end += 1 }
            if end + 1 < folded.count, folded[end] == ".", Self.placeholderCharacters.contains(folded[end + 1]) {
                end += 1
                while end < folded.count, end - i < 8, Self.placeholderCharacters.contains(folded[end]) { end += 1 }
            }
            if end < folded.count, folded[end].isASCIILetter { return nil }
            return NumberToken(start: i, end: end, kind: .placeholder)
        }
        if ChineseNumeral.isNumeralScalar(character) {
            // (`3万余元`: the 万 scales the Arabic figure before it)
            if let previous, ChineseNumeral.isNumeralScalar(previous) || previous.isASCIIDigitOrFullWidth { return nil }
            var end = i
            while end < folded.count, end - i < 6, ChineseNumeral.isNumeralScalar(folded[end]) { end += 1 }
            return NumberToken(start: i, end: end, kind: .chinese)
        }
        return nil
    }

    /// The count a number token opens, or nil where it is no count.
    private func count(after token: NumberToken, in folded: [Unicode.Scalar], original: [Unicode.Scalar],
                       shielded: [Bool], frequencies: [Int]) -> Count? {
        var cursor = Self.skippingSpaces(folded, from: token.end)
        var approx = false
        var value: Int?
        switch token.kind {
        case .arabic:
            // (a figure too large for an Int is no count anyone can total)
            guard let number = Int(String(folded[token.start..<token.end])) else { return nil }
            value = number
        case .placeholder:
            value = nil
        case .chinese:
            guard let number = ChineseNumeral.value(ofScalars: folded[token.start..<token.end]) else { return nil }
            value = number
        }
        // `3万余元`, `2千多人次`: a multiplier after Arabic digits scales the figure; a measure
        // word that begins with one (`3万元`, `5万人次`) is read as written.
        if token.kind != .chinese, Self.match(measureWords, in: folded, at: cursor) == nil,
           cursor < folded.count, let multiplier = Self.arabicMultipliers[folded[cursor]] {
            if let number = value {
                let scaled = number.multipliedReportingOverflow(by: multiplier)
                guard !scaled.overflow else { return nil }
                value = scaled.partialValue
            }
            cursor = Self.skippingSpaces(folded, from: cursor + 1)
        }
        if let marker = Self.match(approxAfter, in: folded, at: cursor) {
            approx = true
            cursor = Self.skippingSpaces(folded, from: cursor + marker.count)
        }
        guard let measure = Self.match(measureWords, in: folded, at: cursor) else { return nil }
        if Self.match(falseMeasures, in: folded, at: cursor) != nil { return nil }
        let unit = String(original[cursor..<(cursor + measure.count)])
        var end = cursor + measure.count
        if (token.start..<end).contains(where: { shielded[$0] }) { return nil }
        let previous: Unicode.Scalar? = token.start > 0 ? folded[token.start - 1] : nil
        if previous == "第" { return nil }
        // `3-5人`: the upper end of a range is no count of its own.
        if token.start > 1, "-—~～至到".unicodeScalars.contains(folded[token.start - 1]),
           folded[token.start - 2].isASCIIDigitOrFullWidth || ChineseNumeral.isNumeralScalar(folded[token.start - 2]) {
            return nil
        }
        // `1月1次`, `一周一次`: a number of times per span of time is a frequency.
        if token.start > 1, Self.timeSpans.contains(folded[token.start - 1]),
           folded[token.start - 2].isASCIIDigitOrFullWidth || ChineseNumeral.isNumeralScalar(folded[token.start - 2]) {
            return nil
        }
        // `两个一流`, `六个一`: a numeral right after the measure word makes a formula, not a count.
        if end < folded.count, ChineseNumeral.isNumeralScalar(folded[end]) || folded[end].isASCIIDigitOrFullWidth
            || Self.placeholderCharacters.contains(folded[end]) { return nil }
        // `有3名及以上党员的`: a threshold, not a count.
        if Self.match(thresholdMarkers, in: folded, at: end) != nil { return nil }
        // `两位支部书记分别讲党课`: the people counted are who did what follows, not what was done.
        var subjectEnd = end
        while subjectEnd < folded.count, subjectEnd - end < 10, folded[subjectEnd].isHan,
              !folded[subjectEnd...].starts(with: ["分", "别"]) {
            subjectEnd += 1
        }
        if subjectEnd > end, folded[subjectEnd...].starts(with: ["分", "别"]) { return nil }

        let shared = previous == "各"
        var numberStart = token.start
        if shared { numberStart -= 1 }
        if let marker = approxBefore.first(where: { numberStart >= $0.count && Array(folded[(numberStart - $0.count)..<numberStart]) == $0 }) {
            approx = true
            numberStart -= marker.count
        }
        if token.kind == .chinese, let number = value {
            let digits = folded[token.start..<token.end]
            // A bare `一` is an article (`作为一项重大任务`), a lone `二` an ordinal or prefix
            // (`二次开发`: counts say 两), a lone 百, 千 or 万 a manner of speaking (`百家`) —
            // unless shared out, approximate or a stated total.
            // `落实十项措施`, `践行三个务必`: a numbered set that a verb of keeping names is a formula.
            if formulaVerbs.contains(where: { token.start >= $0.count && folded[(token.start - $0.count)..<token.start].elementsEqual($0) }) {
                return nil
            }
            let totalled = previous.map { "共计".unicodeScalars.contains($0) } ?? false
            // (`接收预备党员一名。`: a 一 that ends its clause, no noun after it, is a count)
            var after = end
            if let marker = Self.match(approxAfter, in: folded, at: after) { after += marker.count }
            var endsClause = after >= folded.count || !folded[after].isHan
            // (but not a norm: `2个月至少收看一次`, where another figure or 至少 sets the measure)
            if endsClause, number == 1 {
                var start = token.start
                while start > 0, !Self.sentenceBreaks.contains(folded[start - 1]) { start -= 1 }
                let clause = folded[start..<token.start]
                if clause.contains(where: { $0.isASCIIDigitOrFullWidth || ChineseNumeral.isNumeralScalar($0) })
                    || clause.contains(word: Self.atLeast) {
                    endsClause = false
                }
            }
            if !(shared || approx || totalled) {
                if number == 1 && !endsClause || digits.elementsEqual(["二"]) { return nil }
                if digits.count == 1, let only = digits.first, "百千万".unicodeScalars.contains(only) { return nil }
            }
            // `大、中、小三个年龄段`, `在A、B两个环节`: a numeral summing up the list before it
            // names how many kinds there are; it counts nothing done.
            if !shared, end < folded.count, folded[end].isHan, !Self.particles.contains(folded[end]) {
                var i = token.start
                while i > 0, !Self.sentenceBreaks.contains(folded[i - 1]) {
                    if folded[i - 1] == "、" { return nil }
                    i -= 1
                }
            }
        }

        // A frequency (`每月召开2次`) is no count; nor is a count in a clause opened by one.
        var clauseStart = token.start
        while clauseStart > 0, !Self.sentenceBreaks.contains(folded[clauseStart - 1]) { clauseStart -= 1 }
        if frequencies.contains(where: { (clauseStart..<token.start).contains($0) }) { return nil }

        if let marker = Self.match(approxAfter, in: folded, at: end) {
            approx = true
            end += marker.count
        }
        return Count(numberStart: numberStart, end: end, value: value, unit: unit, approx: approx, shared: shared)
    }

    private static let atLeast = "至少".scalarArray

    /// Multipliers written after Arabic digits (`3万`, `1亿`).
    private static let arabicMultipliers: [Unicode.Scalar: Int] = ["十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000]
    /// Spans of time that make `N月M次` a frequency.
    private static let timeSpans: ScalarSet = ["月", "周", "天", "日", "年", "季"]

    /// The first index from `index` on that holds no white space (a space, a thin space, U+3000, a line break).
    private static func skippingSpaces(_ folded: [Unicode.Scalar], from index: Int) -> Int {
        var i = index
        while i < folded.count, folded[i].isWhiteSpaceScalar { i += 1 }
        return i
    }

    /// A list's items: parted by `、`, and by `和`, `与`, `及`, `以及` where these join two phrases
    /// rather than stand inside a word (`参与`, `及时`, `涉及`, `和谐`).
    static func listItems(_ list: [Unicode.Scalar]) -> [String] {
        var items: [String] = []
        var current: [Unicode.Scalar] = []
        var i = 0
        while i < list.count {
            let character = list[i]
            var isBreak = character == "、"
            if "和与及".unicodeScalars.contains(character), !current.isEmpty, i + 1 < list.count {
                let before = current.last ?? " "
                let after = list[i + 1]
                isBreak = !Self.joinedBefore.contains(before) && !Self.joinedAfter.contains(after)
                if character == "及", before == "以" { current.removeLast() }
            }
            if isBreak {
                if !current.isEmpty { items.append(String(current)) }
                current = []
            } else {
                current.append(character)
            }
            i += 1
        }
        if !current.isEmpty { items.append(String(current)) }
        return items.map { $0.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
    }
    /// Characters that make a word with a following `和`, `与`, `及` (`参与`, `涉及`, `普及`, `总和`).
    private static let joinedBefore: ScalarSet = ["参", "涉", "普", "波", "危", "顾", "总", "给", "赋", "授", "温", "附"]
    /// Characters that make a word with a preceding `和`, `与`, `及` (`及时`, `和谐`, `与会`, `和平`).
    private static let joinedAfter: ScalarSet = ["时", "谐", "会", "平", "睦", "美", "格", "早"]

    /// The sum of `values`, or nil where it overflows.
    private static func checkedSum(_ values: [Int]) -> Int? {
        var sum = 0
        for value in values {
            let next = sum.addingReportingOverflow(value)
            if next.overflow { return nil }
            sum = next.partialValue
        }
        return sum
    }

    // MARK: Several years

    /// Where the line names a span of several years (`三年来`, `近年来`, `近三年`, `2019年以来` in a
    /// later year's report, `成立以来`), by the configured markers.
    private func multiYearStarts(_ folded: [Unicode.Scalar], year: Int?) -> [Int] {
        guard !multiYearMarkers.isEmpty else { return [] }
        var starts: [Int] = []
        for i in folded.indices {
            // `近三年`, `近5年`
            if folded[i] == Self.nearScalar, i + 2 < folded.count {
                var j = i + 1
                while j < folded.count, j - i <= 3, ChineseNumeral.isNumeralScalar(folded[j]) || folded[j].isASCIIDigitOrFullWidth { j += 1 }
                if j > i + 1, j < folded.count, folded[j] == "年", j + 1 >= folded.count || folded[j + 1] != "度" {
                    starts.append(i)
                    continue
                }
            }
            guard multiYearInitials.mayContain(folded[i]), let marker = Self.match(multiYearMarkers, in: folded, at: i)
            else { continue }
            if marker.first == Self.yearScalar {
                // `三年来`, `近年来`, `2019年以来`; never `今年以来`, `上半年以来`.
                guard i > 0 else { continue }
                let before = folded[i - 1]
                if before.isASCIIDigitOrFullWidth {
                    var j = i
                    while j > 0, folded[j - 1].isASCIIDigitOrFullWidth { j -= 1 }
                    if i - j == 4 {
                        guard let stated = Int(String(folded[j..<i])), let year, stated < year else { continue }
                    }
                } else if !(ChineseNumeral.isNumeralScalar(before) || "近多几数历".unicodeScalars.contains(before)) {
                    continue
                }
            }
            starts.append(i)
        }
        return starts
    }

    /// Scalar values that may open a number: digits, Chinese numerals, placeholder characters
    /// (compared, not hashed: asked of every scalar of every line).
    @inline(__always)
    private static func mayOpenNumber(_ scalar: Unicode.Scalar, placeholders: ScalarSet) -> Bool {
        if (0x30...0x39).contains(scalar.value) { return true }
        return ChineseNumeral.isNumeralScalar(scalar) || placeholders.contains(scalar)
    }
    private static let yearScalar: Unicode.Scalar = "年"
    private static let nearScalar: Unicode.Scalar = "近"

    /// The word of `words` (longest first; scalar values or characters) that starts at `index`, if any.
    private static func match<Element: Equatable>(_ words: [[Element]], in text: [Element], at index: Int) -> [Element]? {
        guard index < text.count else { return nil }
        let first = text[index]
        for word in words where word[0] == first && index + word.count <= text.count {
            var equal = true
            for offset in 1..<word.count where text[index + offset] != word[offset] {
                equal = false
                break
            }
            if equal { return word }
        }
        return nil
    }

    /// Words naming the report's own period: after one, a paragraph opened by `三年来` speaks of the period again.
    private static let periodWords: [[Unicode.Scalar]] = ["今年", "本年", "当年", "上半年", "下半年", "季度", "本月", "年初"].map { Array($0.unicodeScalars) }

    /// Whether a span of several years opens before `position` in its sentence, or opens the
    /// paragraph (`三年来，…。…累计发展党员67名`) with no word of the period itself in between.
    private func beyondPeriod(_ position: Int, folded: [Unicode.Scalar], starts: [Int], lineStart: Int) -> Bool {
        starts.contains { start in
            guard start < position else { return false }
            let between = start..<position
            if !between.contains(where: { Self.sentenceEnds.contains(folded[$0]) }) { return true }
            guard start - lineStart <= 2 else { return false }
            return !between.contains { index in Self.periodWords.contains { folded[index...].starts(with: $0) } }
        }
    }

    // MARK: Respectively

    /// Words between `分别` and the first of its counts.
    private static let respectivelyMarkers: [[Unicode.Scalar]] = ["分别达到", "分别为", "分别是", "分别达", "分别"].map { Array($0.unicodeScalars) }
    /// What may stand between two counts of one `分别` list.
    private static let countJoiners: ScalarSet = ["、", "，", ",", "和", "与", "及"]

    /// `支委会、党员大会分别为6次和3次`, `讲党课、开展主题党日分别4次、3次`: a list of activities,
    /// then `分别`, then as many counts as the list names, paired in order. Nil where `分别` does
    /// not stand right before the count. Where the list and the counts do not pair one to one
    /// (`支委会、党员大会和党课分别为6次、3次`), `paired` is false and every count goes to the
    /// list as written: which activity each figure belongs to is not guessed.
    private func respectively(from first: Count, previousEnd: Int, original: [Unicode.Scalar], folded: [Unicode.Scalar],
                              shielded: [Bool], frequencies: [Int])
        -> (pairs: [(phrase: String, count: Count)], paired: Bool, listStart: Int, end: Int)? {
        guard let marker = Self.respectivelyMarkers.first(where: { marker in
            first.numberStart >= marker.count && Array(folded[(first.numberStart - marker.count)..<first.numberStart]) == marker
        }) else { return nil }
        let markerStart = first.numberStart - marker.count
        var listStart = markerStart
        while listStart > previousEnd, !Self.sentenceBreaks.contains(folded[listStart - 1]) { listStart -= 1 }
        let list = String(original[listStart..<markerStart])

        var counts = [first]
        var cursor = first.end
        while true {
            var next = cursor
            while next < folded.count, next - cursor < 2, Self.countJoiners.contains(folded[next]) { next += 1 }
            guard next > cursor, let token = numberToken(folded, at: next),
                  let count = count(after: token, in: folded, original: original, shielded: shielded, frequencies: frequencies),
                  !count.shared else { break }
            counts.append(count)
            cursor = count.end
        }
        // Split on `、` first; on `和`, `与`, `及` too where that is what makes the list pair up. A
        // phrase that still names two configured activities (`党员大会和党课`) means it does not.
        var phrases = list.split(separator: "、").map(String.init).filter { !$0.isEmpty }
        if phrases.count != counts.count {
            phrases = list.split(whereSeparator: { "、和与及".contains($0) }).map(String.init).filter { !$0.isEmpty }
        }
        let paired = phrases.count >= 2 && counts.count >= phrases.count
            && phrases.allSatisfy { activityNames(in: ArraySlice(Array($0.unicodeScalars)), unit: first.unit).fitting.count <= 1 }
        guard paired else {
            let whole = Self.bare(list)
            return (counts.map { (whole, $0) }, false, listStart, counts.last!.end)
        }
        let used = Array(counts.prefix(phrases.count))
        return (Array(zip(phrases, used)), true, listStart, used.last!.end)
    }

    // MARK: Totals and conversions

    /// A count already read in the line: where its number stands, and what it counted.
    private struct ReadCount {
        var numberStart: Int
        var value: Int?
        var unit: String
        var activity: String
    }

    /// The configured activity a bare total (`共开展3次`, `季度内合计21次`) belongs to: the one
    /// named by the nearest earlier clause of its sentence (`每月固定开展主题党日，共开展3次`).
    ///
    /// Clauses naming no configured activity and holding no figure (`每月一次`) are passed over;
    /// one holding a figure but no activity stops the search. The clause found must name exactly
    /// one activity that takes the count's measure word, and where it holds counts of its own
    /// with that measure word, the total must be their sum (`讲党课1次、讲党课2次，共计3次`):
    /// otherwise the total adds up several activities (`支委会6次、党员大会3次，共计9次`,
    /// `党员大会3次，共计12次`) and belongs to none.
    private func antecedent(ofClauseAt clauseStart: Int, lineStart: Int, original: [Unicode.Scalar], folded: [Unicode.Scalar],
                            unit: String, total: Int?, read: [ReadCount]) -> (name: String, start: Int)? {
        guard clauseStart > lineStart, !Self.sentenceEnds.contains(folded[clauseStart - 1]) else { return nil }
        var end = clauseStart - 1
        while end > lineStart {
            var start = end
            while start > lineStart, !Self.innerBreaks.contains(folded[start - 1]),
                  !Self.sentenceEnds.contains(folded[start - 1]) {
                start -= 1
            }
            let named = activityNames(in: original[start..<end], unit: unit)
            if named.anyAlias {
                guard named.fitting.count == 1, let name = named.fitting.first else { return nil }
                let own = read.filter { (start..<end).contains($0.numberStart) && $0.unit == unit }
                if !own.isEmpty {
                    let values = own.compactMap(\.value)
                    guard let total, values.count == own.count, own.allSatisfy({ $0.activity == name }),
                          Self.checkedSum(values) == total else { return nil }
                }
                return (name, start)
            }
            if (start..<end).contains(where: {
                folded[$0].isASCIIDigitOrFullWidth || Self.placeholderCharacters.contains(folded[$0])
            }) {
                return nil
            }
            guard start > lineStart, !Self.sentenceEnds.contains(folded[start - 1]) else { return nil }
            end = start - 1
        }
        return nil
    }

    /// The configured activities a phrase names (the longest alias at each place), those whose
    /// measure words include `unit` apart, and whether it names any at all.
    private func activityNames(in phrase: ArraySlice<Unicode.Scalar>, unit: String) -> (fitting: Set<String>, anyAlias: Bool) {
        var fitting = Set<String>()
        var anyAlias = false
        var i = phrase.startIndex
        while i < phrase.endIndex {
            let found = aliasesByInitial[phrase[i]]?.first { candidate in
                i + candidate.alias.count <= phrase.endIndex
                    && phrase[i..<(i + candidate.alias.count)].elementsEqual(candidate.alias)
            }
            guard let found else { i += 1; continue }
            anyAlias = true
            if found.units.isEmpty || found.units.contains(unit) { fitting.insert(found.name) }
            i += found.alias.count
        }
        return (fitting, anyAlias)
    }

    /// The configured activity the people counted are made members of by a verb later in the
    /// clause, its name ending the clause (`将2名表现突出的骨干列为入党积极分子`), and where that name ends.
    private func conversionTarget(after end: Int, original: [Unicode.Scalar], folded: [Unicode.Scalar],
                                  unit: String) -> (name: String, end: Int)? {
        var i = end
        while i < folded.count, i - end < 30, !Self.clauseBreaks.contains(folded[i]), !folded[i].isASCIIDigitOrFullWidth {
            guard let verb = Self.conversionVerbs.first(where: { folded[i...].starts(with: $0) }) else { i += 1; continue }
            let nameStart = i + verb.count
            guard nameStart < original.count, let found = aliasesByInitial[original[nameStart]]?.first(where: { candidate in
                nameStart + candidate.alias.count <= original.count
                    && original[nameStart..<(nameStart + candidate.alias.count)].elementsEqual(candidate.alias)
            }), found.units.isEmpty || found.units.contains(unit) else { return nil }
            // The name ends the clause (`列为入党积极分子培养联系人` makes contacts, not activists).
            let nameEnd = nameStart + found.alias.count
            guard nameEnd == folded.count || Self.clauseBreaks.contains(folded[nameEnd])
                || Self.sentenceEnds.contains(folded[nameEnd]) else { return nil }
            return (found.name, nameEnd)
        }
        return nil
    }

    // MARK: Shielded spans

    /// Positions where no count may stand: quotations, 《titles》, the parenthesis explaining a
    /// quoted term, and configured formulas.
    private func shieldedPositions(_ original: [Unicode.Scalar], _ folded: [Unicode.Scalar]) -> [Bool] {
        var shielded = Array(repeating: false, count: original.count)
        func shield(open: Unicode.Scalar, close: Unicode.Scalar, limit: Int) {
            var i = 0
            while i < original.count {
                guard original[i] == open else { i += 1; continue }
                var j = i + 1
                while j < original.count, j - i <= limit, original[j] != close { j += 1 }
                guard j < original.count, original[j] == close else { i += 1; continue }
                for k in i...j { shielded[k] = true }
                // `"四大课堂"（党课、…）`: the parenthesis explains the quoted term.
                if j + 1 < original.count, original[j + 1] == "（" || original[j + 1] == "(" {
                    var k = j + 2
                    while k < original.count, k - j <= 60, original[k] != "）", original[k] != ")" { k += 1 }
                    if k < original.count { for m in (j + 1)...k { shielded[m] = true } }
                }
                i = j + 1
            }
        }
        shield(open: "“", close: "”", limit: 30)
        shield(open: "‘", close: "’", limit: 30)
        shield(open: "「", close: "」", limit: 30)
        shield(open: "《", close: "》", limit: 80)
        // Straight quotes pair in order.
        var open: Int?
        for (i, character) in original.enumerated() where character == "\"" {
            if let start = open {
                if i - start <= 30 { for k in start...i { shielded[k] = true } }
                open = nil
            } else {
                open = i
            }
        }
        for i in folded.indices {
            guard formulaInitials.mayContain(folded[i]), let candidates = formulasByInitial[folded[i]] else { continue }
            for formula in candidates where i + formula.count <= folded.count
                && folded[i..<(i + formula.count)].elementsEqual(formula) {
                for k in i..<(i + formula.count) { shielded[k] = true }
            }
        }
        return shielded
    }

    // MARK: Activity

    /// The canonical activity of a phrase: the configured activity whose alias stands
    /// closest to the count, else the phrase without its leading verbs and quotation marks.
    private func activityName(_ phrase: String, unit: String, fromFront: Bool = false) -> String {
        let characters = phrase.scalarArray
        var best: (name: String, distance: Int)?
        for start in characters.indices {
            guard aliasInitials.mayContain(characters[start]),
                  let candidates = aliasesByInitial[characters[start]] else { continue }
            // (The scalars first: the unit's test hashes a string, and most aliases are not there.)
            for (alias, name, units) in candidates where start + alias.count <= characters.count
                && characters[start..<(start + alias.count)].elementsEqual(alias)
                && (units.isEmpty || units.contains(unit)) {
                let distance = fromFront ? start : characters.count - (start + alias.count)
                if best == nil || distance < best!.distance { best = (name, distance) }
                break
            }
        }
        if let best { return best.name }
        // `签订《…责任书》9份`: the document's name is the activity.
        if !fromFront, phrase.hasSuffix("》"), let open = phrase.lastIndex(of: "《") {
            let title = phrase[phrase.index(after: open)..<phrase.index(before: phrase.endIndex)]
            if !title.isEmpty { return String(title.suffix(2 * Self.maxActivityLength)).filter { !"“”\"".contains($0) } }
        }
        var words = Self.bare(phrase).scalarArray
        // `二是开展…`: an inline enumeration marker opening the phrase.
        if let marker = words.firstIndex(of: "是"), marker > 0, marker <= 3,
           words[..<marker].allSatisfy(ChineseNumeral.isNumeralScalar) {
            words.removeFirst(marker + 1)
        }
        // Dates and spans of time before the activity (`2022年7月至2023年6月用餐`).
        if let lastTime = words.lastIndex(where: { $0 == "月" || $0 == "年" || $0 == "日" }),
           words[..<lastTime].contains(where: \.isASCIIDigitOrFullWidth) {
            words = Array(words[(lastTime + 1)...])
        }
        var stripped = true
        while stripped, let first = words.first, let candidates = leadingByInitial[first] {
            stripped = false
            // (a phrase that is one leading word whole, `共计`, goes entirely, not down to `计`)
            for word in candidates where words.count >= word.count && words.starts(with: word) {
                // A one-character word (在, 对, 为, 共) goes only before another leading word or a
                // number: `在职党员` and `共青团员` are words of their own.
                if word.count == 1, words.count > 1, Self.wordsOpeningWithALeadingCharacter.contains(String(words[0...1])) {
                    continue
                }
                words.removeFirst(word.count)
                stripped = true
                break
            }
        }
        if let first = words.first, leadingByInitial[first]?.contains(words) == true { words = [] }
        var text = String(words)
        for suffix in ["累计", "共计", "合计", "共"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
        }
        // `问题数X个` counts problems; `用餐次数` stays a word.
        if text.hasSuffix("数"), text.count > 2, !text.dropLast().hasSuffix("次") { text.removeLast() }
        if text.count > Self.maxActivityLength, !fromFront {
            // `在预算编制、支付三个关键环节设立党员先锋岗8个`: what was set up, not the last 14
            // characters of the clause: the words after its last verb of two or more characters.
            let characters = text.scalarArray
            for start in stride(from: characters.count - 3, through: 1, by: -1) {
                guard let verb = leadingByInitial[characters[start]]?.first(where: { word in
                    word.count >= 2 && start + word.count <= characters.count - 2
                        && characters[start..<(start + word.count)].elementsEqual(word)
                }) else { continue }
                text = String(characters[(start + verb.count)...])
                break
            }
        }
        if text.count > Self.maxActivityLength {
            text = fromFront ? String(text.prefix(Self.maxActivityLength)) : String(text.suffix(Self.maxActivityLength))
        }
        return text
    }

    /// A phrase without quotation marks, title marks and white space.
    private static func bare(_ phrase: String) -> String {
        // Most phrases hold no quotation mark nor space: told by their scalars, without
        // building a string character by character.
        guard phrase.unicodeScalars.contains(where: { $0.isWhiteSpaceScalar || quotationMarks.contains($0.value) }) else {
            return phrase
        }
        return String(scalars: phrase.unicodeScalars.filter { !$0.isWhiteSpaceScalar && !quotationMarks.contains($0.value) })
    }

    /// The marks `bare` removes, by scalar value.
    private static let quotationMarks: [UInt32] = "“”\"‘’《》「」『』【】".unicodeScalars.map(\.value)

    /// The noun phrase after a count, cut before the first word that ends it.
    private static func cutPhrase(_ phrase: String) -> String {
        let characters = phrase.scalarArray
        var index = 2
        while index < characters.count {
            if phraseStops.contains(where: { characters[index...].starts(with: $0) }) { break }
            index += 1
        }
        return String(characters.prefix(index))
    }
}

private extension String {
    /// The text of a run of scalars (the reader's arrays hold scalars, offsets agree with them).
    init(_ scalars: some Collection<Unicode.Scalar>) {
        self.init(scalars: scalars)
    }
}
