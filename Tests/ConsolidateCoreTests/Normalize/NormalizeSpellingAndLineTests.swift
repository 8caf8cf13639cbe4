import Testing
@testable import ConsolidateCore

@Suite struct NormalizeSpellingAndLineTests {
    @Test func censorAvoidanceSpellingIsRestored() {
        let document = NormalizeFixtures.normalize("XX局D建工作汇报\n打造“红色D建”品牌，压实D委主体责任。")
        #expect(document.lines.map(\.text) == ["XX局党建工作汇报", "打造“红色党建”品牌，压实党委主体责任。"])
        #expect(document.notes.contains { $0.contains("规避写法") })
    }

    @Test func substitutionsCanBeSwitchedOff() throws {
        var configuration = NormalizeFixtures.configuration
        configuration.substitutions.enabled = false
        let document = NormalizeFixtures.normalize("XX局D建工作汇报", configuration: configuration)
        #expect(document.lines.first?.text == "XX局D建工作汇报")
    }

    @Test func bareLetterForALeadersNameIsFlaggedNotGuessed() {
        let document = NormalizeFixtures.normalize("XX局工作汇报\n深入学习A新时代中国特色社会主义思想。")
        #expect(document.lines.last?.text == "深入学习A新时代中国特色社会主义思想。")
        #expect(document.notes.contains { $0.contains("“A”") })
        let plain = NormalizeFixtures.normalize("XX局工作汇报\n完成A级景区创建工作。")
        #expect(!plain.notes.contains { $0.contains("“A”") })
    }

    @Test func hardLineBreakInsideASentenceIsRejoined() {
        let document = NormalizeFixtures.normalize("""
        XX街道2024年党建工作总结
        一、主要做法
        （一）抓班子带队伍
        街道党工委坚持把学习摆在首位，全年开展理论中心组
        学习十二次，做到学有所获。
        二是加强阵地建设。
        XX街道党工委
        2024年12月30日
        """)
        #expect(document.lines.map(\.text) == [
            "XX街道2024年党建工作总结",
            "一、主要做法",
            "（一）抓班子带队伍",
            "街道党工委坚持把学习摆在首位，全年开展理论中心组学习十二次，做到学有所获。",
            "二是加强阵地建设。",
            "XX街道党工委",
            "2024年12月30日",
        ])
    }

    @Test func lineFollowedByAnEnumerationOrAnUnpunctuatedHeadingIsNotJoined() {
        #expect(!LineJoiner.continues("开展结对帮扶活动，深入困难党员家中走访，送去慰问品；", with: "二是开展志愿服务。"))
        #expect(!LineJoiner.continues("开展结对帮扶活动，深入困难党员家中走访，送去慰问品", with: "存在的不足"))
        #expect(!LineJoiner.continues("（二）加强作风建设，持续改进工作方式方法", with: "严格落实考勤制度。"))
        #expect(LineJoiner.continues("开展结对帮扶活动，深入困难党员家中走访，送去慰问品；", with: "为困难群众解决实际问题。"))
    }

    @Test func ideographicSpaceIndentIsTrimmedAndRenderedNumberingKept() {
        let raw = RawDocument(source: NormalizeFixtures.source, paragraphs: [
            RawParagraph(text: "XX局工作汇报", location: SourceLocation(paragraph: 1)),
            RawParagraph(number: "一、\t", text: "主要做法", location: SourceLocation(paragraph: 2)),
            RawParagraph(text: "\u{3000}\u{3000}坚持集体学习。", location: SourceLocation(paragraph: 3)),
        ])
        let document = Normalizer(configuration: NormalizeFixtures.configuration).normalize(raw)
        #expect(document.lines.map(\.text) == ["XX局工作汇报", "一、主要做法", "坚持集体学习。"])
    }

    @Test func foldingMakesWidthsAndWhiteSpaceEqual() {
        #expect(TextFolding.fold("（一）加强学习，　提高认识；Ｘ１２") == "(一)加强学习,提高认识;X12")
        #expect(TextFolding.fold("“三会一课”") == TextFolding.fold("\"三会一课\""))
        #expect(TextFolding.foldKeepingLength("１，２").count == 3)
    }
}

/// The folds over whole runs of scalars are the one-scalar folds, scalar by scalar.
@Suite struct TextFoldingRunTests {
    /// Every scalar of the Basic Multilingual Plane and a few beyond it.
    static let scalars: [Unicode.Scalar] = ((0..<0x1_0000).compactMap(Unicode.Scalar.init(_:) as (UInt32) -> Unicode.Scalar?))
        + ["\u{1F600}", "\u{20000}", "\u{10FFFF}"]

    @Test func foldingARunIsFoldingEachScalar() {
        #expect(TextFolding.foldScalars(Self.scalars) == Self.scalars.map(TextFolding.foldScalar))
        #expect(TextFolding.foldScalars(Self.scalars.prefix(0)).isEmpty)
        // A traditional character is folded to its simplified form, the one with none stays.
        #expect(TextFolding.foldScalars("召開支委會，“著”".unicodeScalars).map(String.init).joined() == "召开支委会,\"著\"")
    }

    @Test func simplifyingARunIsSimplifyingEachScalar() {
        #expect(TraditionalChinese.simplifiedScalars(Self.scalars) == Self.scalars.map(TraditionalChinese.simplifiedScalar))
        #expect(TraditionalChinese.simplifiedScalars("黨員會議，１２".unicodeScalars).map(String.init).joined() == "党员会议，１２")
    }
}
