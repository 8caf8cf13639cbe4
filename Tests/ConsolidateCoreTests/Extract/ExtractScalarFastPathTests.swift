import Testing
@testable import ConsolidateCore

/// The Extract stage's prechecks (a paragraph told to need no split, a line told to open no
/// label, without building their scalars) give exactly what the full reading they skip gives.
@Suite struct ExtractScalarFastPathTests {
    typealias Seeded = GroupingEvaluationTests.Seeded
    typealias Paragraph = InlineEnumeration.Paragraph

    /// Scalars that open or end labels and sections, beside ordinary text and scalars whose
    /// characters span several scalars.
    static let alphabet: [Unicode.Scalar] = [
        "一", "二", "三", "十", "两", "、", "（", "）", "(", ")", "1", "2", "１", "２", ".", "．", "①", "②", "⑳",
        "。", "，", ",", "；", ";", "：", ":", "！", "？", "!", "?", " ", "　", "\t", "是", "党", "建", "学", "习",
        "年", "季", "第", "\u{0301}", "\u{200D}", "\u{FEFF}", "e", "X",
    ]

    /// Generated lines: mostly the marks above, so that labels and runs of them turn up often.
    static func texts(count: Int, maxLength: Int, seed: UInt64) -> [String] {
        var generator = Seeded(state: seed)
        var texts: [String] = ["", " ", "一", "（", "1", "①"]
        for _ in 0..<count {
            let length = Int.random(in: 0...maxLength, using: &generator)
            var view = String.UnicodeScalarView()
            for _ in 0..<length { view.append(alphabet.randomElement(using: &generator) ?? "党") }
            texts.append(String(view))
        }
        return texts
    }

    /// Hand-written lines: runs of numbers inside a paragraph, sections run on after a full stop,
    /// and lines that hold numbers nowhere a label could stand.
    static let written = [
        "主要问题：（1）理论学习浮于表面；（2）组织生活形式单一；（3）党员作用发挥不够。",
        "工作措施有三：1.强化思想引领；2.健全制度体系；3.抓实队伍建设。",
        "支部全年开展活动12次，参与党员达到96人次，覆盖率达到100%。",
        "落实①学习制度，②谈心制度，③走访制度。",
        "今年以来支部持续推进规范化建设。二、存在的不足 一是学习不够系统，二是创新不足。三、下步打算",
        "一、基本情况 支部现有党员31名。二、主要做法 坚持每月学习。",
        "党支部带领群众种植果树两千余株，户均增收三千元。",
        "（一）加强班子建设",
        "1、开展主题党日活动",
        "全年共召开支委会十二次、党员大会四次。",
        "第一，筑牢思想根基；第二，压实工作责任。",
        "2023年发展党员3名，1名预备党员按期转正。",
    ]

    static var samples: [String] { written + texts(count: 6000, maxLength: 18, seed: 20_261_130) }

    @Test func numberedRunPrecheckGivesTheFullSplit() {
        for text in Self.samples {
            let paragraph = Paragraph(text: text, location: SourceLocation(paragraph: 1))
            #expect(OutlineBuilder.splittingNumberedRun(paragraph)
                        == OutlineBuilder.splittingNumberedRun(paragraph, precheck: false), "\(Array(text.unicodeScalars))")
        }
        let run = Paragraph(text: Self.written[0], location: SourceLocation(paragraph: 1))
        #expect(OutlineBuilder.splittingNumberedRun(run).map(\.text)
                    == ["主要问题：", "（1）理论学习浮于表面；", "（2）组织生活形式单一；", "（3）党员作用发挥不够。"])
        let plain = Paragraph(text: Self.written[2], location: SourceLocation(paragraph: 1))
        #expect(OutlineBuilder.splittingNumberedRun(plain) == [plain])
    }

    @Test func inlineSectionPrecheckGivesTheFullSplit() {
        // Several paragraphs at once: the section number read so far carries from one to the next.
        var generator = Seeded(state: 7_171)
        let samples = Self.samples
        for _ in 0..<1500 {
            let paragraphs = (0..<Int.random(in: 1...5, using: &generator)).map { index in
                Paragraph(text: samples.randomElement(using: &generator) ?? "", location: SourceLocation(paragraph: index))
            }
            #expect(OutlineBuilder.splittingInlineSections(paragraphs)
                        == OutlineBuilder.splittingInlineSections(paragraphs, precheck: false))
        }
        let flattened = [Paragraph(text: Self.written[5], location: SourceLocation(paragraph: 1))]
        #expect(OutlineBuilder.splittingInlineSections(flattened).map(\.text)
                    == ["一、基本情况 支部现有党员31名。", "二、主要做法 坚持每月学习。"])
        let noSection = [Paragraph(text: Self.written[6], location: SourceLocation(paragraph: 1))]
        #expect(OutlineBuilder.splittingInlineSections(noSection) == noSection)
    }

    @Test func onlyScalarsThatMayOpenALabelOpenOne() {
        // Every scalar of the Basic Multilingual Plane, followed by what completes each kind of label.
        let tails: [[Unicode.Scalar]] = [["、", "学"], ["）", "学"], [".", "学"], ["一", "）"], ["1", "）"], []]
        for value in UInt32(0)..<0x1_0000 {
            guard let scalar = Unicode.Scalar(value), !Numbering.mayOpenLabel(scalar) else { continue }
            for tail in tails {
                #expect(Numbering.label([scalar] + tail) == nil, "\(value)")
            }
        }
        for text in Self.samples {
            let level = Numbering.label(Array(text.unicodeScalars.prefix(12)))?.level
            #expect(Numbering.leading(text)?.level == level, "\(Array(text.unicodeScalars))")
            #expect(Numbering.level(text) == level)
            #expect(Numbering.scan(Array(text.unicodeScalars))?.level == level)
        }
        #expect(Numbering.leading("（一）加强班子建设")?.rest == "加强班子建设")
        #expect(Numbering.leading("党支部召开会议") == nil)
        #expect(Numbering.level("①落实学习制度") == .circled)
    }

    @Test func scalarCountStopsAtItsLimit() {
        let isNumeral: (Unicode.Scalar?, Unicode.Scalar) -> Bool = { _, scalar in ChineseNumeral.isNumeralScalar(scalar) }
        for text in Self.samples {
            let all = text.unicodeScalars.filter(ChineseNumeral.isNumeralScalar).count
            #expect(text.countScalars(upTo: .max, where: isNumeral) == all)
            #expect(text.countScalars(upTo: 2, where: isNumeral) == min(all, 2))
        }
        // The scalar before each is handed along (nil for the first).
        var pairs: [String] = []
        _ = "党建e\u{0301}".countScalars(upTo: .max) { previous, scalar in
            pairs.append("\(previous.map(String.init) ?? "-")\(scalar)")
            return false
        }
        #expect(pairs == ["-党", "党建", "建e", "e\u{0301}"])
    }
}
