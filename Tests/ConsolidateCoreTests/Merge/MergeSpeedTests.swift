import Foundation
import Testing
@testable import ConsolidateCore

/// The merge's faster pieces (MinHash signatures eight seeds a pass, radix-sorted bigrams, unit
/// names ordered by their bytes) give exactly what the code they replace gave.
@Suite struct MergeSpeedTests {
    typealias Seeded = GroupingEvaluationTests.Seeded

    /// Random keys shaped like bigrams: two BMP scalars (mostly CJK), sometimes ASCII, rarely beyond.
    static func bigramLikeKeys(_ count: Int, using random: inout Seeded) -> [UInt64] {
        (0..<count).map { _ in
            func scalar() -> UInt64 {
                switch random.next() % 10 {
                case 0: return 0x20 + random.next() % 0x5F
                case 1: return 0x1_0000 + random.next() % 0x1000
                default: return 0x4E00 + random.next() % 0x200
                }
            }
            return scalar() << 32 | scalar()
        }
    }

    @Test func signatureEightSeedsAPassEqualsOneSeedAPass() {
        var random = Seeded(state: 14)
        let detector = CopyDetector(threshold: 0.8)
        for count in [0, 1, 2, 7, 63, 300, 2500] {
            let set = TextSimilarity.sortedUnique(Self.bigramLikeKeys(count, using: &random))
            #expect(detector.signature(set) == detector.referenceSignature(set), "\(count) keys")
        }
        // Bands of other sizes leave seeds beyond the last block of eight.
        var odd = CopyDetector(threshold: 0.8)
        (odd.bands, odd.rows) = (5, 3)
        let set = Self.bigramLikeKeys(500, using: &random)
        #expect(odd.signature(set).count == 15)
        #expect(odd.signature(set) == odd.referenceSignature(set))
    }

    @Test func signatureOfARealReportEqualsOneSeedAPass() {
        let text = "坚持把党的政治建设摆在首位，认真落实“三会一课”制度，本季度召开支部党员大会3次、支委会6次。"
            + "组织党员开展志愿服务12场，走访困难群众45户，为群众办实事18件。存在问题：个别党员学习主动性不强。"
        let document = CopyDetector.Document(unit: "某某村党支部", text: String(repeating: text, count: 3))
        let detector = CopyDetector(threshold: 0.8)
        #expect(detector.signature(document.bigrams) == detector.referenceSignature(document.bigrams))
    }

    @Test func radixSortedUniqueEqualsTheStandardSort() {
        var random = Seeded(state: 2026)
        for count in [256, 257, 1000, 4096, 20_000] {
            var keys = Self.bigramLikeKeys(count, using: &random)
            // Repeats, as a report repeats its phrases.
            keys += keys.prefix(count / 3)
            var expected = keys
            expected.sort()
            var sorted = keys
            TextSimilarity.radixSort(&sorted)
            #expect(sorted == expected, "\(count) keys")
            #expect(TextSimilarity.sortedUnique(keys) == Array(Set(keys)).sorted())
        }
        // Keys over every byte, and keys all alike (every pass skipped).
        let wide = (0..<3000).map { _ in random.next() }
        var sorted = wide
        TextSimilarity.radixSort(&sorted)
        #expect(sorted == wide.sorted())
        var same = [UInt64](repeating: 0x4E00_0000_4E01, count: 400)
        TextSimilarity.radixSort(&same)
        #expect(same == [UInt64](repeating: 0x4E00_0000_4E01, count: 400))
        #expect(TextSimilarity.sortedUnique(same) == [0x4E00_0000_4E01])
    }

    /// `CopyDetector.suspectedCopies` as first written: signatures one seed a pass, an array per
    /// document, a `Set` of pairs, unit names compared per pair.
    static func referenceCopies(_ detector: CopyDetector, _ documents: [CopyDetector.Document]) -> [(String, String, Double)] {
        // Each report's bigrams once (`Document.bigrams` computes them on each call).
        let sets = documents.map(\.bigrams)
        let signed = sets.map { set -> (signature: [UInt64], empty: Bool) in
            (detector.referenceSignature(set), set.isEmpty)
        }
        let signatures = signed.map(\.signature)
        var buckets: [[Int]] = []
        let present = signatures.indices.filter { !signed[$0].empty }
        for band in 0..<detector.bands {
            let rows = (band * detector.rows)..<((band + 1) * detector.rows)
            func compare(_ a: Int, _ b: Int) -> Int {
                for row in rows where signatures[a][row] != signatures[b][row] {
                    return signatures[a][row] < signatures[b][row] ? -1 : 1
                }
                return 0
            }
            let sorted = present.sorted { a, b in
                let order = compare(a, b)
                return order != 0 ? order < 0 : a < b
            }
            var start = 0
            while start < sorted.count {
                var end = start + 1
                while end < sorted.count && compare(sorted[start], sorted[end]) == 0 { end += 1 }
                if end - start > 1 { buckets.append(Array(sorted[start..<end])) }
                start = end
            }
        }
        var pairs = Set<UInt64>()
        for var members in buckets {
            let window: Int
            if members.count > detector.crowded {
                members.sort { signatures[$0].lexicographicallyPrecedes(signatures[$1]) }
                window = detector.crowdedWindow
            } else {
                window = members.count
            }
            for i in members.indices {
                for j in (i + 1)..<min(members.count, i + 1 + window) {
                    let (a, b) = (min(members[i], members[j]), max(members[i], members[j]))
                    pairs.insert(UInt64(a) << 32 | UInt64(b))
                }
            }
        }
        let close = Array(pairs).filter { pair in
            let (a, b) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            guard documents[a].unit != documents[b].unit else { return false }
            let agreeing = zip(signatures[a], signatures[b]).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
            return Double(agreeing) / Double(detector.bands * detector.rows) >= detector.threshold - detector.estimateMargin
        }
        let found = close.map { pair -> (String, String, Double)? in
            let (a, b) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            let (x, y) = (sets[a], sets[b])
            let shared = TextSimilarity.shared(x, y)
            let jaccard = Double(shared) / Double(x.count + y.count - shared)
            guard jaccard >= detector.threshold else { return nil }
            let names = [documents[a].unit, documents[b].unit].sorted()
            return (names[0], names[1], jaccard)
        }
        return found.compactMap { $0 }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    }

    /// Reports from a few templates, each filled in with its own figures and a clause or two of
    /// its own; some copied whole from another unit, some copied with one sentence changed.
    static func templateReports(_ count: Int, seed: UInt64) -> [CopyDetector.Document] {
        var random = Seeded(state: seed)
        let templates = [
            ["本季度，支部认真落实“三会一课”制度，召开党员大会{n}次。", "组织党员学习党的创新理论，开展专题研讨{n}场。",
             "深入开展主题党日活动，走访慰问困难党员{n}名。", "存在问题：理论学习深度不够，个别党员参与不积极。"],
            ["我单位以党建引领业务发展，全年办理群众诉求{n}件。", "推动党员进社区报到，参与志愿服务{n}人次。",
             "加强党风廉政建设，开展警示教育{n}次。", "下一步，将持续完善制度，抓好整改落实。"],
            ["村党支部带领群众发展特色种植，新增产业基地{n}亩。", "选派党员联系农户，解决实际困难{n}件。",
             "规范党费收缴，按时公示账目{n}次。", "今后，将进一步加强班子建设，发挥战斗堡垒作用。"],
        ]
        let extras = ["坚持问题导向，边学边改。", "创新推出“红色驿站”服务品牌。", "建立党员积分管理台账。",
                      "开展“初心讲堂”宣讲活动。", "联合共建单位举办党史知识竞赛。", "设立党员先锋岗，亮身份作表率。"]
        var documents: [CopyDetector.Document] = []
        for index in 0..<count {
            let unit = "第\(index + 1)党支部"
            if index > 3, random.next() % 6 == 0 {
                // A copy of an earlier unit's report, whole or with one line changed.
                let source = documents[Int(random.next() % UInt64(documents.count))]
                var lines = source.lines
                if random.next() % 2 == 0, !lines.isEmpty { lines[0] = extras[Int(random.next() % UInt64(extras.count))] }
                documents.append(CopyDetector.Document(unit: unit, lines: lines))
                continue
            }
            let template = templates[Int(random.next() % UInt64(templates.count))]
            var lines = template.map { $0.replacingOccurrences(of: "{n}", with: String(random.next() % 90 + 1)) }
            for _ in 0..<Int(random.next() % 3) { lines.append(extras[Int(random.next() % UInt64(extras.count))]) }
            documents.append(CopyDetector.Document(unit: unit, lines: lines))
        }
        // A unit with two documents, an empty one, and one naming itself.
        documents.append(CopyDetector.Document(unit: "第1党支部", lines: documents[0].lines))
        documents.append(CopyDetector.Document(unit: "空白单位", text: ""))
        documents.append(CopyDetector.Document(unit: "城关党支部", text: "城关党支部" + templates[0].joined()))
        return documents
    }

    @Test func suspectedCopiesEqualTheFirstWrittenDetector() {
        for (count, crowded, threshold) in [(40, 64, 0.8), (400, 64, 0.8), (400, 8, 0.8), (300, 4, 0.5), (200, 16, 0.95)] {
            let documents = Self.templateReports(count, seed: UInt64(count * 31 + crowded))
            var detector = CopyDetector(threshold: threshold)
            detector.crowded = crowded
            detector.crowdedWindow = min(crowded, 16)
            let found = detector.suspectedCopies(documents)
            let expected = Self.referenceCopies(detector, documents)
            #expect(!expected.isEmpty)
            #expect(found.count == expected.count, "\(count) reports, crowded over \(crowded)")
            let same = zip(found, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }
            #expect(same, "\(count) reports, crowded over \(crowded)")
        }
        // Reports that are no copies of each other: none found, by either.
        let apart = (0..<50).map { CopyDetector.Document(unit: "单位\($0)", text: String(repeating: "党建\($0 * 7919)", count: 3)) }
        #expect(CopyDetector(threshold: 0.8).suspectedCopies(apart).isEmpty == Self.referenceCopies(CopyDetector(threshold: 0.8), apart).isEmpty)
    }

    @Test func narrowBigramSetsCountWhatTheSixtyFourBitOnesCount() {
        let texts = ["组织党员开展主题党日活动，学习党章党规", "组织党员开展志愿服务活动，走访慰问老党员",
                     "支部开展𠀋学习活动", "A", ""]
        let sets = texts.map { TextSimilarity.bigrams(TextSimilarity.foldedScalars($0, masking: [])) }
        let made = sets.map(CopyDetector.BigramSet.init)
        #expect(made.map { if case .narrow = $0 { true } else { false } } == [true, true, false, true, true],
                "a scalar beyond the Basic Multilingual Plane keeps a set in 64 bits")
        #expect(made.map(\.keys64) == sets && made.map(\.count) == sets.map(\.count))
        for i in sets.indices {
            for j in sets.indices {
                #expect(made[i].shared(with: made[j]) == TextSimilarity.shared(sets[i], sets[j]), "\(texts[i]) · \(texts[j])")
            }
        }
    }

    @Test func sharedAtLeastIsTheSharedCountWhereItReachesTheLeastAndNilElsewhere() {
        var random = Seeded(state: 77)
        for _ in 0..<3_000 {
            let a = Set((0..<Int(random.next() % 30)).map { _ in UInt32(random.next() % 40) }).sorted()
            let b = Set((0..<Int(random.next() % 30)).map { _ in UInt32(random.next() % 40) }).sorted()
            let least = Int(random.next() % 25)
            let shared = TextSimilarity.shared(a, b)
            #expect(TextSimilarity.shared(a, b, atLeast: least) == (shared >= least ? shared : nil), "\(a) \(b) \(least)")
        }
    }

    @Test func theLeastSharedCountIsTheFirstThatMeetsTheThreshold() {
        for threshold in [0.0, 0.3, 0.5, 0.6, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.2] {
            for total in 0...400 {
                let least = CopyDetector.leastShared(total, threshold: threshold)
                // The first count whose similarity, computed as the judgement computes it, meets the threshold.
                let first = (0..<total).first { Double($0) / Double(total - $0) >= threshold } ?? total
                #expect(least == first, "threshold \(threshold), total \(total)")
            }
        }
    }

    @Test func unionOfSortedPairsKeepsEachOnce() {
        #expect(CopyDetector.union([1, 3, 5], [2, 3, 6]) == [1, 2, 3, 5, 6])
        #expect(CopyDetector.union([], [4]) == [4])
        #expect(CopyDetector.union([4], []) == [4])
        #expect(CopyDetector.union([1, 2], [1, 2]) == [1, 2])
    }

    // MARK: Names keyed and ordered by their bytes

    /// `MetricTotals.totals` as first written: `String` keys, units sorted as `String`s.
    static func referenceTotals(of figures: [UnitFigure], bound: Int) -> MetricTotals.Outcome {
        var implausible: [UnitFigure] = []
        var byKey: [String: [UnitFigure]] = [:]
        for figure in figures {
            if let value = figure.value, value < 0 || value > bound {
                implausible.append(figure)
                continue
            }
            byKey[figure.activity + "\u{1F}" + figure.measure, default: []].append(figure)
        }
        var totals: [MetricTotal] = []
        for group in byKey.values {
            guard let first = group.first else { continue }
            var perUnit: [String: UnitFigure] = [:]
            for figure in group {
                if let current = perUnit[figure.unit], (current.value ?? -1) >= (figure.value ?? -1) { continue }
                perUnit[figure.unit] = figure
            }
            var sum = 0
            var contributions: [MetricContribution] = []
            var unknown: [String] = []
            for figure in perUnit.values.sorted(by: { $0.unit < $1.unit }) {
                guard let value = figure.value else {
                    unknown.append(figure.unit)
                    continue
                }
                let (next, overflow) = sum.addingReportingOverflow(value)
                if overflow {
                    implausible.append(figure)
                    continue
                }
                sum = next
                contributions.append(MetricContribution(unit: figure.unit, value: value, approx: figure.approx, text: figure.text))
            }
            guard !contributions.isEmpty || !unknown.isEmpty else { continue }
            totals.append(MetricTotal(activity: first.activity, unit: first.measure, total: sum,
                                      approx: contributions.contains { $0.approx }, units: contributions, unknown: unknown))
        }
        totals.sort {
            ($1.units.count + $1.unknown.count, $0.activity, $0.unit) < ($0.units.count + $0.unknown.count, $1.activity, $1.unit)
        }
        implausible.sort { ($0.unit, $0.activity, $0.measure, $0.text) < ($1.unit, $1.activity, $1.measure, $1.text) }
        return MetricTotals.Outcome(totals: totals, implausible: implausible)
    }

    /// `FigureConflicts.annotate` as first written: `String` keys, a set of values per unit.
    static func referenceAnnotate(_ totals: [MetricTotal], figures: [UnitFigure]) -> [MetricTotal] {
        var byKey: [String: [String: [UnitFigure]]] = [:]
        for figure in figures where figure.value != nil {
            byKey[figure.activity + "\u{1F}" + figure.measure, default: [:]][figure.unit, default: []].append(figure)
        }
        return totals.map { total in
            var total = total
            total.rule = FigureConflicts.rule
            let units = byKey[total.activity + "\u{1F}" + total.unit] ?? [:]
            total.units = total.units.map { contribution in
                guard contribution.source == nil,
                      let figure = units[contribution.unit]?.first(where: { $0.value == contribution.value && $0.text == contribution.text })
                else { return contribution }
                var contribution = contribution
                (contribution.source, contribution.location) = (figure.source, figure.location)
                return contribution
            }
            let conflicts = total.units.compactMap { contribution -> FigureConflict? in
                guard let own = units[contribution.unit], Set(own.compactMap(\.value)).count > 1 else { return nil }
                let listed = own.sorted {
                    ($0.source ?? "", $0.location?.paragraph ?? 0, $0.text) < ($1.source ?? "", $1.location?.paragraph ?? 0, $1.text)
                }.map {
                    MetricContribution(unit: $0.unit, value: $0.value ?? 0, approx: $0.approx, text: $0.text,
                                       source: $0.source, location: $0.location)
                }
                var sum = 0, overflow = false
                for figure in listed where figure.value != contribution.value {
                    let (next, over) = sum.addingReportingOverflow(figure.value)
                    (sum, overflow) = (next, overflow || over)
                }
                return FigureConflict(unit: contribution.unit, kept: contribution.value, figures: listed,
                                      breakdown: !overflow && sum == contribution.value)
            }
            total.conflicts = conflicts.isEmpty ? nil : conflicts
            return total
        }
    }

    /// Figures of many units: repeated activities, restated and conflicting figures, placeholders,
    /// implausible and overflowing values; with `decomposed`, some names spelled with a combining mark.
    static func figures(_ count: Int, seed: UInt64, decomposed: Bool) -> [UnitFigure] {
        var random = Seeded(state: seed)
        let activities = [("召开支部党员大会", "次"), ("开展主题党日", "次"), ("发展党员", "名"), ("走访群众", "户"),
                          ("志愿服务", "人次"), ("讲党课", "次")] + (decomposed ? [("Café读书会", "场")] : [])
        return (0..<count).map { _ in
            let number = Int(random.next() % 60)
            var unit = ["城关镇", "东风村", "教育局", "第二中学", "财政所"][number % 5] + "第\(number / 5)党支部"
            if decomposed, number % 7 == 0 { unit = "Cafe\u{301}" + unit } else if decomposed, number % 11 == 0 { unit = "Café" + unit }
            let (activity, measure) = activities[Int(random.next() % UInt64(activities.count))]
            let roll = random.next() % 40
            let value: Int? = roll == 0 ? nil : roll == 1 ? 5_000_000 : roll == 2 ? Int.max - 3 : Int(random.next() % 12)
            let text = value.map { "\(activity)\($0)\(measure)" } ?? "\(activity)x\(measure)"
            return UnitFigure(unit: unit, activity: activity, measure: measure, value: value, approx: random.next() % 9 == 0,
                              text: text, source: "\(unit).txt", location: SourceLocation(paragraph: Int(random.next() % 30)))
        }
    }

    @Test func totalsAndConflictsKeyedByBytesEqualTheStringKeyedOnes() {
        for (seed, decomposed) in [(UInt64(1), false), (2, false), (3, true)] {
            let figures = Self.figures(600, seed: seed, decomposed: decomposed)
            let plain = figures.allSatisfy { $0.plainNames }
            #expect(plain == !decomposed)
            let bound = 100_000
            let outcome = MetricTotals.totals(of: figures, bound: bound)
            let expected = Self.referenceTotals(of: figures, bound: bound)
            #expect(outcome.totals == expected.totals)
            #expect(outcome.implausible.map(\.unit) == expected.implausible.map(\.unit))
            let annotated = FigureConflicts.annotate(outcome.totals, figures: figures)
            #expect(annotated == Self.referenceAnnotate(expected.totals, figures: figures))
            #expect(annotated.contains { $0.conflicts != nil })
        }
        // Only plain names: the byte-keyed path is the one taken.
        let plain = Self.figures(50, seed: 4, decomposed: false).allSatisfy { $0.plainNames }
        #expect(plain)
    }

    @Test func aTotalThousandsOfUnitsReportIsAnnotatedInSlicesAsItWouldBeWhole() {
        // One activity from 9,000 units, some with two or three figures: the total's contributions are
        // looked at a slice per core (4,096 a slice at least), and come out as the reference's, in order.
        var random = Seeded(state: 11)
        let figures = (0..<20_000).map { i -> UnitFigure in
            let unit = "第\(Int(random.next() % 9000))支部"
            let value: Int? = random.next() % 50 == 0 ? nil : Int(random.next() % 6)
            let text = value.map { "集中学习\($0)次" } ?? "集中学习x次"
            return UnitFigure(unit: unit, activity: "集中学习", measure: "次", value: value, approx: false, text: text,
                              source: i % 3 == 0 ? nil : "\(unit).txt", location: SourceLocation(paragraph: i % 40))
        }
        let outcome = MetricTotals.totals(of: figures, bound: 100)
        #expect(outcome.totals.count == 1)
        #expect(outcome.totals[0].units.count > 3 * 4096 / 2)
        let annotated = FigureConflicts.annotate(outcome.totals, figures: figures)
        #expect(annotated == Self.referenceAnnotate(Self.referenceTotals(of: figures, bound: 100).totals, figures: figures))
        #expect((annotated[0].conflicts?.count ?? 0) > 1000)
    }

    @Test func uniqueSortedOnBytesEqualsSetAndStringSort() {
        var random = Seeded(state: 77)
        let names = ["城关镇党委", "城关镇党委", "东风村党支部", "abc", "ABC", "县教育局", "县教育局第一支部", "", "（一）支部"]
        for _ in 0..<50 {
            let values = (0..<Int(random.next() % 20)).map { _ in names[Int(random.next() % UInt64(names.count))] }
            #expect(Merger.uniqueSorted(values) == Array(Set(values)).sorted())
        }
        // Canonically equal spellings (é composed and decomposed) stay one, as a `Set` keeps them.
        let mixed = ["Caf\u{E9}党支部", "Cafe\u{301}党支部", "东风村"]
        #expect(Merger.uniqueSorted(mixed) == Array(Set(mixed)).sorted())
        #expect(Merger.uniqueSorted(mixed).count == 2)
    }

    @Test func accountOrderOnKeysEqualsTheTupleOrder() {
        var random = Seeded(state: 5)
        let statuses: [SubmissionStatus] = [.received, .quarantined, .superseded, .missing]
        let names = ["城关镇党委", "东风村党支部", "县教育局", "Caf\u{E9}", "Cafe\u{301}", "abc", "县教育局第一支部"]
        let units = (0..<200).map { _ in
            UnitEntry(unit: names[Int(random.next() % UInt64(names.count))], status: statuses[Int(random.next() % 4)],
                      source: random.next() % 5 == 0 ? nil : "报送/\(random.next() % 9).docx")
        }
        let rank: [SubmissionStatus: Int] = [.received: 0, .quarantined: 1, .superseded: 2, .missing: 3]
        let expected = units.sorted {
            (rank[$0.status] ?? 4, $0.unit, $0.source ?? "") < (rank[$1.status] ?? 4, $1.unit, $1.source ?? "")
        }
        let ordered = Merger.accountOrder(units)
        #expect(ordered.map(\.unit) == expected.map(\.unit))
        #expect(ordered.map(\.source) == expected.map(\.source))
        #expect(ordered.map(\.status) == expected.map(\.status))
    }

    @Test func severalUnitsTellsOneFromManyAsASetWould() {
        var none = Merger.SeveralUnits()
        #expect(none.count == 0)
        none.insert("东风村")
        #expect(none.count == 1)
        none.insert("东风村")
        #expect(none.count == 1)
        // Canonically equal spellings are one unit, as in a `Set<String>`.
        var same = Merger.SeveralUnits()
        same.insert("Caf\u{E9}")
        same.insert("Cafe\u{301}")
        #expect(same.count == Set(["Caf\u{E9}", "Cafe\u{301}"]).count)
        var two = Merger.SeveralUnits()
        two.insert("东风村")
        two.insert("西岭村")
        two.insert("东风村")
        #expect(two.count == 2)
    }

    @Test func twoScalarsToldFromTheFirstTwoAsACountWould() {
        for name in ["", "党", "党委", "e\u{301}", "\u{1F1E8}\u{1F1F3}", "第一党支部", "A", "AB", "𠀋"] {
            #expect(TextSimilarity.hasTwoScalars(name) == (name.unicodeScalars.count >= 2), "\(name)")
        }
        // A name of one scalar masks nothing; of two, it is masked.
        #expect(TextSimilarity.foldedScalars("党组织开展学习", masking: ["党"]) == TextSimilarity.foldedScalars("党组织开展学习"))
        #expect(TextSimilarity.foldedScalars("党组织开展学习", masking: ["开展"]) == TextSimilarity.foldedScalars("党组织学习"))
    }

    @Test func severalUnitsJoinedInOrderTellWhatOnePassTells() {
        // Slices of one sequence told apart and joined in order: what inserting the whole sequence tells.
        var random = Seeded(state: 19)
        let names = ["东风村", "西岭村", "Caf\u{E9}", "Cafe\u{301}", "城关镇"]
        for _ in 0..<300 {
            let units = (0..<Int(random.next() % 9)).map { _ in names[Int(random.next() % UInt64(names.count))] }
            var whole = Merger.SeveralUnits()
            for unit in units { whole.insert(unit) }
            let cuts = Set((0..<3).map { _ in Int(random.next() % UInt64(units.count + 1)) }).sorted()
            var joined = Merger.SeveralUnits()
            for (start, end) in zip([0] + cuts, cuts + [units.count]) where start <= end {
                var part = Merger.SeveralUnits()
                for unit in units[start..<end] { part.insert(unit) }
                joined = joined.joined(with: part)
            }
            #expect(joined.count == whole.count && joined.first == whole.first, "\(units) cut at \(cuts)")
        }
    }

    @Test func mergeInputOrdersSubmissionsAndUnitsAsStringsWould() {
        var random = Seeded(state: 9)
        let units = ["城关镇党委", "东风村党支部", "县教育局", "Caf\u{E9}支部", "abc支部", "县教育局第一支部"]
        let submissions = (0..<60).map { index -> SubmittedReport in
            let unit = units[Int(random.next() % UInt64(units.count))]
            var report = MergerTests.report(unit, achievements: ["开展主题党日活动第\(index)次。"])
            report.source.path = "报送/\(unit)-\(random.next() % 7).txt"
            // Few distinct times: most orders are decided by the path.
            return SubmittedReport(report: report, submitted: Date(timeIntervalSince1970: Double(random.next() % 3)))
        }
        let input = MergeInput.from(submissions, roster: nil, copySimilarity: 0.85)
        // The order as first written: latest first, then the later path; units in `String` order.
        let ordered = submissions.sorted { ($0.submitted, $0.report.source.path) > ($1.submitted, $1.report.source.path) }
        var byUnit: [String: [SubmittedReport]] = [:]
        for submission in ordered { byUnit[submission.report.unit, default: []].append(submission) }
        let expected = byUnit.keys.sorted().flatMap { byUnit[$0, default: []].map(\.report.source.path) }
        #expect(input.units.map(\.source) == expected)
    }
}
