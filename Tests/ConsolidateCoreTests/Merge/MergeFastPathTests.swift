import Foundation
import Testing
@testable import ConsolidateCore

/// The merge's fast paths (folding by table, keywords by automaton, order and search on scalars)
/// give exactly what the plain `String` and Unicode-property code they replace gave.
@Suite struct MergeFastPathTests {
    /// Folding as it was written before the table: one scalar at a time from its properties.
    static func referenceFold(_ text: String, masking names: [String] = []) -> String {
        var scalars = Array(text.unicodeScalars)
        for name in names where name.unicodeScalars.count >= 2 {
            scalars = TextSimilarity.removing(Array(name.unicodeScalars), from: scalars)
        }
        var result = String.UnicodeScalarView()
        var lastWasDigit = false
        for original in scalars {
            var scalar = original
            switch scalar.value {
            case 0x4E00...0x9FFF:
                result.append(TraditionalChinese.simplified(scalar.value) ?? scalar)
                lastWasDigit = false
                continue
            case 0x61...0x7A:
                result.append(scalar)
                lastWasDigit = false
                continue
            case 0xFF01...0xFF5E:
                scalar = Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
            case 0xFEFF:
                continue
            default:
                break
            }
            if scalar.properties.isWhitespace { continue }
            if (0x41...0x5A).contains(scalar.value) {
                result.append(Unicode.Scalar(scalar.value + 0x20) ?? scalar)
                lastWasDigit = false
                continue
            }
            if scalar.properties.numericType != nil && !scalar.properties.isIdeographic {
                if !lastWasDigit { result.append("#") }
                lastWasDigit = true
                continue
            }
            lastWasDigit = false
            if scalar.properties.generalCategory.isPunctuationOrSymbol { continue }
            result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return String(result)
    }

    @Test func foldingByTableMatchesFoldingByPropertiesForEveryScalarOfTheBasicPlane() {
        // Each scalar between two digits and two letters: shows whether it keeps a digit run going.
        var mismatches: [UInt32] = []
        for value in UInt32(0)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "1" + String(Character(scalar)) + "2党A"
            if TextSimilarity.fold(text) != Self.referenceFold(text) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(10))")
    }

    @Test func foldingMasksTheUnitAndDigitsAsBefore() {
        let texts = [
            "第三支部组织党员３０人次开展志愿服务，共计12.5小时。",
            "召開支委會 研究發展黨員工作",
            "İstanbul ﬁ ǅ 𝟘𝟙 テスト ＡＢＣ\u{FEFF}x\u{00A0}y",
            "",
            "一",
        ]
        for text in texts {
            #expect(TextSimilarity.fold(text) == Self.referenceFold(text))
            #expect(TextSimilarity.fold(text, masking: ["第三支部"]) == Self.referenceFold(text, masking: ["第三支部"]))
            #expect(TextSimilarity.bigrams(TextSimilarity.foldedScalars(text)) == TextSimilarity.bigrams(Self.referenceFold(text)))
        }
        #expect(TextSimilarity.fold("第三支部开展学习", masking: ["第三支部"]) == "开展学习")
        #expect(TextSimilarity.fold("第三支部开展学习", masking: ["第四支部"]) == "第三支部开展学习")
    }

    @Test func firstSentenceLengthMatchesTheCharacterSearch() {
        func reference(_ text: String) -> Int {
            let end = text.firstIndex { $0 == "。" || $0 == "；" || $0 == "." } ?? text.endIndex
            return text.unicodeScalars.distance(from: text.startIndex, to: end)
        }
        let texts = [
            "党建与业务融合不够紧密。部分党员作用发挥不明显",
            "学习教育走深走实；组织生活规范",
            "没有句号的一句话",
            "版本1.2已上线",
            "e\u{301}.后面",
            ".\u{301}不是句点",
            "\u{600}.前置字符",
            "。",
            "",
        ]
        for text in texts { #expect(KeywordClassifier.firstSentenceLength(text) == reference(text), "\(text)") }
    }

    /// Keyword occurrences as they were found before the automaton: at each position, each keyword
    /// starting with that scalar, in keyword order.
    static func referenceOccurrences(_ keywords: [String], in text: String) -> [(id: Int, start: Int, end: Int)] {
        let scalars = Array(text.unicodeScalars)
        var result: [(id: Int, start: Int, end: Int)] = []
        func matches(_ part: [Unicode.Scalar], at position: Int) -> Bool {
            position + part.count <= scalars.count && scalars[position..<(position + part.count)].elementsEqual(part)
        }
        let parsed = keywords.map { $0.split(separator: "…").map { Array($0.unicodeScalars) }.filter { !$0.isEmpty } }
        for start in scalars.indices {
            for (id, parts) in parsed.enumerated() where !parts.isEmpty && matches(parts[0], at: start) {
                var end = start + parts[0].count
                var complete = true
                for part in parts.dropFirst() {
                    guard let found = (end...min(end + KeywordMatcher.gap, scalars.count)).first(where: { matches(part, at: $0) })
                    else { complete = false; break }
                    end = found + part.count
                }
                if complete { result.append((id, start, end)) }
            }
        }
        return result
    }

    @Test func automatonFindsEveryKeywordOccurrenceInOrder() {
        let keywords = ["党员", "党员大会", "员大", "重…轻党建", "组织生活会", "组织生活", "生活", "党员…作用", "党员", "a", "ab…c"]
        let matcher = KeywordMatcher(folded: keywords)
        let texts = [
            "召开党员大会，组织生活会上党员发挥先锋作用",
            "重业务、轻党建的问题仍然存在，重医疗轻党建",
            "重业务工作多年轻党建",
            "没有任何关键词的句子",
            "abxxc ab c abababc",
            "党",
        ]
        for text in texts {
            let fast = matcher.occurrences(text)
            let slow = Self.referenceOccurrences(keywords, in: text)
            #expect(fast.map { [$0.id, $0.start, $0.end] } == slow.map { [$0.id, $0.start, $0.end] }, "\(text)")
        }
        #expect(matcher.occurrences("召开党员大会").contains { $0.id == 1 })
        #expect(!matcher.occurrences("重业务工作多年以后才轻党建").contains { $0.id == 3 })
    }

    @Test func plainTextOrderIsStringOrder() {
        let texts = ["青川区教育局", "青川区财政局", "青川区", "青川区教育局第一支部", "abc", "ABC", "第3支部", "第12支部",
                     "“红色驿站”", "（一）", "e\u{301}", "\u{E9}", "f", "\u{F900}", "\u{8C48}", "", "·党建", "　空格"]
        let keys = texts.map(TextOrder.Key.init)
        for (a, x) in zip(texts, keys) {
            for (b, y) in zip(texts, keys) {
                let expected = a < b ? -1 : a == b ? 0 : 1
                #expect(TextOrder.compare(x, y) == expected, "\(a) \(b)")
                if x.plain && y.plain {
                    #expect(TextOrder.compare(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value)) == expected)
                }
            }
        }
        #expect(TextOrder.Key("青川区教育局").plain)
        #expect(!TextOrder.Key("e\u{301}").plain)
    }

    @Test func plainnessReadFromUTF8IsPlainnessScalarByScalar() {
        // Each edge of the plain ranges, scalars of one to four bytes, and ordinary text.
        let edges: [UInt32] = [0x1F, 0x20, 0x7E, 0x7F, 0xA0, 0xB6, 0xB7, 0xB8, 0x2FF, 0x300, 0x200F, 0x2010, 0x2027, 0x2028,
                               0x2030, 0x205E, 0x205F, 0x2FFF, 0x3000, 0x3029, 0x302A, 0x302F, 0x3030, 0x303F, 0x3040, 0x33FF,
                               0x3400, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xF900, 0xFF00, 0xFF01, 0xFF5E, 0xFF5F,
                               0xFFFD, 0x1_0000, 0x2_0000, 0x1F469]
        let scalars = edges.compactMap(Unicode.Scalar.init)
        var generator = SystemRandomNumberGenerator()
        var texts = ["", "青川区教育局党委", "（一）坚持“三会一课”制度，全年开展12次。", "e\u{301}", "党建·引领", "👩‍👩‍👧"]
        texts += scalars.map { String($0) }
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                text.unicodeScalars.append(Bool.random(using: &generator) ? scalars.randomElement(using: &generator)! : "党")
            }
            texts.append(text)
        }
        for text in texts {
            #expect(TextOrder.isPlain(text) == text.unicodeScalars.allSatisfy { TextOrder.isPlain($0.value) }, "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func removingANameTakesOutEachOccurrenceLeftToRight() {
        // The reference: the text and the name as strings, occurrences taken left to right.
        func reference(_ name: String, _ text: String) -> String {
            var result = String.UnicodeScalarView()
            let (n, t) = (Array(name.unicodeScalars), Array(text.unicodeScalars))
            var index = 0
            while index < t.count {
                if !n.isEmpty, index + n.count <= t.count, Array(t[index..<(index + n.count)]) == n {
                    index += n.count
                } else {
                    result.append(t[index])
                    index += 1
                }
            }
            return String(result)
        }
        var generator = SystemRandomNumberGenerator()
        var cases = [("第三支部", "第三支部组织党员学习，第三支部书记讲党课"), ("aa", "aaa"), ("aa", "aaaa"), ("党", ""), ("", "党建"),
                     ("青川区", "青川区"), ("青川区教育局", "青川区"), ("支部", "第三支部")]
        for _ in 0..<300 {
            let name = String((0..<Int.random(in: 1...3, using: &generator)).map { _ in "ab党".randomElement(using: &generator)! })
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in "ab党，".randomElement(using: &generator)! })
            cases.append((name, text))
        }
        for (name, text) in cases {
            let removed = TextSimilarity.removing(name.scalarArray, from: text.scalarArray)
            #expect(String(String.UnicodeScalarView(removed)) == reference(name, text), "\(name) \(text)")
        }
    }

    @Test func sameBytesIsEqualityOfUTF8NotOfStrings() {
        // Short (held inline) and long texts, equal, differing at the first, a middle or the last
        // byte, of other lengths, and canonically equivalent spellings (equal as `String`s, not bytes).
        let long = "青川区教育局党委坚持“三会一课”制度，全年开展12次主题党日活动。"
        var texts = ["", "a", "ab", "党", "党建", "e\u{301}", "\u{E9}", "Å", "A\u{30A}", long, long + "。", String(long.dropLast()),
                     "甲" + long.dropFirst(), String(long.prefix(10)) + "乙" + long.dropFirst(11), String(long.dropLast()) + "！"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            texts.append(String((0..<Int.random(in: 0...40, using: &generator)).map { _ in "党建ab，。".randomElement(using: &generator)! }))
        }
        for a in texts {
            for b in texts {
                let expected = Array(a.utf8) == Array(b.utf8)
                #expect(TextOrder.sameBytes(a, b) == expected, "\(a) \(b)")
                var copy = b
                #expect(copy.withUTF8 { TextOrder.sameBytes(a, $0) } == expected, "\(a) \(b)")
            }
        }
        #expect("e\u{301}" == "\u{E9}" && !TextOrder.sameBytes("e\u{301}", "\u{E9}"))
    }

    @Test func unitNamingItselfIsFoundOnlyWhereItIs() {
        #expect(TextOrder.containsName("第三支部", in: "第三支部组织党员开展学习"))
        #expect(!TextOrder.containsName("第三支部", in: "第四支部组织党员开展学习"))
        #expect(!TextOrder.containsName("甲", in: "甲局组织学习"))
        #expect(TextOrder.containsName("甲局", in: "组织学习，甲局"))
        #expect(!TextOrder.containsName("甲局长", in: "甲局"))
        // Not plain: as Foundation finds it.
        #expect(TextOrder.containsName("Cafe\u{301}", in: "在Cafe\u{301}开展活动") == "在Cafe\u{301}开展活动".contains("Cafe\u{301}"))
    }

    @Test func statementOrderByRanksIsStatementOrder() {
        let units = ["青川区教育局", "青川区财政局", "e\u{301}局", "\u{E9}局", "青川区"]
        var statements: [Statement] = []
        for (index, unit) in units.enumerated() {
            for paragraph in [3, 1, 2] {
                statements.append(Statement(kind: .achievement, unit: unit, text: "第\(paragraph)段做法\(index % 2)",
                                            source: index % 2 == 0 ? "\(unit).docx" : nil,
                                            location: SourceLocation(paragraph: paragraph)))
                statements.append(Statement(kind: .plan, unit: unit, text: "同段另一条", source: "\(unit).docx",
                                            location: SourceLocation(paragraph: paragraph)))
            }
        }
        statements.reverse()
        #expect(Merger.sortedByStatementOrder(statements) == statements.sorted(by: Merger.statementOrder))
    }

    @Test func rowsMadeFromPackedReadingsAreTheRowsOfTheirStatementsAsAList() {
        // Loose statements (one without a source, one whose source is empty), and packed reports whose
        // leaves repeat words in one paragraph under other kinds: rows equal in every key keep their order.
        let loose = [
            Statement(kind: .plan, unit: "青川区财政局", text: "同一句", source: nil, location: nil),
            Statement(kind: .achievement, unit: "青川区财政局", text: "同一句", source: "", location: SourceLocation(paragraph: 2)),
            Statement(kind: .problem, unit: "e\u{301}局", text: "乙", source: "e\u{301}局.txt", location: SourceLocation(paragraph: 1)),
        ]
        let reports = [
            MergerTests.report("青川区教育局", achievements: ["同一句", "第二句", "同一句"], problems: ["同一句"], plans: ["第二句"]),
            MergerTests.report("\u{E9}局", achievements: ["甲", "乙"], plans: ["乙"]),
            MergerTests.report("青川区财政局", achievements: ["同一句"]),
            MergerTests.report("青川区", problems: ["问题一", "问题一"]),
        ]
        var packed = reports.map {
            MergeInput.PackedStatements(unit: $0.unit, source: $0.source.path, reading: PackedReading($0))
        }
        let listed = loose + reports.flatMap(Statement.statements(of:))
        let rows = StatementRows(sorting: loose, taking: &packed)
        #expect(packed.isEmpty, "each reading is let go")
        #expect(rows.statements == StatementRows(sorting: listed).statements)
        #expect(rows.statements.count == listed.count)
        #expect(rows.statements == listed.sorted(by: Merger.statementOrder))
    }

    @Test func rowsTakenChunkByChunkWithWorkBesideAreTheRowsTakenAtOnce() {
        let reports = [
            MergerTests.report("青川区教育局", achievements: ["同一句", "第二句"], problems: ["同一句"]),
            MergerTests.report("\u{E9}局", achievements: ["甲", "乙"], plans: ["乙"]),
            MergerTests.report("青川区财政局", achievements: ["同一句"]),
            MergerTests.report("e\u{301}局", problems: ["问题一", "问题一"]),
            MergerTests.report("青川区", plans: ["打算"]),
        ]
        func packed() -> [MergeInput.PackedStatements] {
            reports.map { MergeInput.PackedStatements(unit: $0.unit, source: $0.source.path, reading: PackedReading($0)) }
        }
        var whole = packed()
        let expected = StatementRows(sorting: [], taking: &whole).statements
        for chunk in [1, 2, 1024] {
            final class Shown: @unchecked Sendable {
                let lock = NSLock()
                var entries: [(index: Int, unit: String, leaves: Int)] = []
            }
            let shown = Shown()
            var taking = packed()
            let rows = StatementRows(sorting: [], taking: &taking, chunk: chunk) { index, entry in
                shown.lock.withLock { shown.entries.append((index, entry.unit, entry.reading.leafCount)) }
            }
            #expect(rows.statements == expected, "chunk \(chunk)")
            #expect(taking.isEmpty)
            // Each reading shown once, whole (its leaves still there), in the order its rows were made.
            #expect(shown.entries.map(\.index) == Array(reports.indices), "chunk \(chunk)")
            #expect(shown.entries.map(\.unit) == reports.map(\.unit))
            #expect(shown.entries.map(\.leaves) == packed().map(\.reading.leafCount))
        }
    }

    @Test func rankedValuesAreTheirPlacesAmongTheDistinctStrings() {
        // Plain names alone (told by bytes), and with two spellings of one name (told as `String`s).
        for values in [["青川区财政局", "青川区", "青川区财政局", "Bureau", "青川区教育局", "青川区"],
                       ["青川区财政局", "e\u{301}局", "青川区", "\u{E9}局", "e\u{301}局", "青川区财政局"]] {
            let (ranks, distinct) = Merger.ranked(values)
            let sorted = Array(Set(values)).sorted()
            #expect(distinct == sorted.map { value in values.first { $0 == value }! }, "of equal values, the first seen")
            #expect(ranks == values.map { value in Int32(sorted.firstIndex(of: value)!) })
        }
    }

    @Test func statementRowsGiveBackEachStatementSpelledAsItCame() {
        // Two spellings of one name (equal as `String`s), no source, no location, paragraphs past 32 bits.
        let spellings = ["e\u{301}局", "\u{E9}局", "青川区财政局"]
        var statements: [Statement] = []
        for (index, unit) in spellings.enumerated() {
            statements.append(Statement(kind: .achievement, unit: unit, text: "做法\(index)", source: unit + ".docx",
                                        location: SourceLocation(paragraph: Int(Int32.max) + index, origin: .table)))
            statements.append(Statement(kind: .problem, unit: unit, text: "问题\(index)", source: nil, location: nil))
            statements.append(Statement(kind: .plan, unit: unit, text: "打算\(index)", source: "\u{E9}.txt",
                                        location: SourceLocation(paragraph: -index)))
        }
        let rows = StatementRows(sorting: statements.reversed())
        let sorted = statements.sorted(by: Merger.statementOrder)
        #expect(rows.count == statements.count)
        func spelled(_ statement: Statement) -> [[UInt8]] {
            [Array(statement.unit.utf8), Array(statement.text.utf8), statement.source.map { Array($0.utf8) } ?? [0xFF]]
        }
        // Each row is a statement of the input, byte for byte, in the merge's order.
        for index in 0..<rows.count {
            let statement = rows.statement(index)
            #expect(statements.contains { spelled($0) == spelled(statement) && $0.location == statement.location && $0.kind == statement.kind })
            #expect(statement.text == sorted[index].text && statement.location == sorted[index].location)
            let member = rows.member(index)
            #expect(Array(member.unit.utf8) == Array(statement.unit.utf8) && member.location == statement.location)
            #expect(member.source.map { Array($0.utf8) } == statement.source.map { Array($0.utf8) })
        }
        #expect(Set(rows.unitSpellings.map { Array($0.utf8) }).count == 3)
        // What the rows are for: a statement in 40 bytes, not a `Statement`'s 72.
        #expect(MemoryLayout<StatementRows.Row>.stride == 40 && MemoryLayout<Statement>.stride == 72)
        // Each kind's rows keep the order and the tables.
        for kind in StatementKind.allCases {
            let selected = rows.ofKind(kind)
            #expect(selected.statements.map(spelled) == rows.statements.filter { $0.kind == kind }.map(spelled))
        }
    }

    @Test func grouperReadsRowsAsItReadsStatements() {
        let corpus = StatementCorpus.generate(units: 60, seed: 14)
        let rows = StatementRows(sorting: corpus.statements)
        let grouper = StatementGrouper(settings: PipelineConfiguration.default.merge)
        let fromRows = grouper.practices(rows)
        let fromStatements = grouper.practices(rows.statements)
        #expect(fromRows.map(\.copies) == fromStatements.map(\.copies))
        #expect(fromRows.map(\.central) == fromStatements.map(\.central))
        #expect(fromRows.count > 10)
    }
    @Test func bigramCountsAddedUpFromSlicesEqualOneTablesCounts() {
        var random = GroupingEvaluationTests.Seeded(state: 1130)
        let words = Array("组织党员开展主题党日活动学习教育廉政建设，。1234ab")
        let texts = (0..<3000).map { _ in String((0..<Int.random(in: 0...40, using: &random)).map { _ in words.randomElement(using: &random)! }) }
        let grams = texts.map { TextSimilarity.bigrams(TextSimilarity.foldedScalars($0)) }
        var whole = StatementGrouper.GramTable(capacity: 16)
        for set in grams { for gram in set { whole.count(gram) } }
        var added = StatementGrouper.GramTable(capacity: 0)
        for slice in stride(from: 0, to: grams.count, by: 700) {
            var part = StatementGrouper.GramTable(capacity: 4)
            for set in grams[slice..<min(grams.count, slice + 700)] { for gram in set { part.count(gram) } }
            part.forEach { added.count($0, by: $1) }
        }
        #expect(added.count == whole.count && whole.count > 100)
        var counts: [UInt64: Int32] = [:]
        whole.forEach { counts[$0] = $1 }
        added.forEach { key, value in #expect(counts[key] == value) }
        #expect(whole.distinctKeys().sorted() == added.distinctKeys().sorted())
    }
}

