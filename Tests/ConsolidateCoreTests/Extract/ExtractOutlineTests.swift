import Testing
@testable import ConsolidateCore

@Suite struct ExtractOutlineTests {
    static let report = ExtractFixtures.report("""
    XX站2024年党建工作总结
    一年来，站党支部在上级党委领导下扎实开展工作，现总结如下：
    一、基本情况
    站党支部现有党员21名。
    二、主要工作及成效
    （一）筑牢思想根基
    支部坚持每月集体学习，组织专题研讨6次。
    （二）严肃组织生活。严格执行组织生活制度，一是按时召开支委会，二是规范开展主题党日，三是认真落实谈心谈话。
    （三）强化队伍建设
    1.抓好党员发展。全年培养入党积极分子3名。
    2．抓好教育培训。选派党员参加培训。
    四、存在的问题及原因
    在肯定成绩的同时也看到不足：首先，学习的系统性还不够强；其次，活动方式较为单一；最后，制度执行有时不够严格。
    五、下一步打算
    （1）持续深化理论学习。
    （2）推动党建业务深度融合。
    特此汇报。
    XX站党支部
    2024年12月20日
    """)

    @Test func sectionsOpenAtChineseNumbersEvenWhenNumbersSkip() {
        #expect(Self.report.sections.map { $0.label + $0.heading } == [
            "", "一、基本情况", "二、主要工作及成效", "四、存在的问题及原因", "五、下一步打算",
        ])
    }

    @Test func sectionKindComesFromTheHeadingsWords() {
        #expect(Self.report.sections.map(\.kind) == [.other, .other, .achievements, .problems, .plans])
    }

    @Test func secondLevelHeadingsAreTheItemsWithTheirTextOrNestedItems() {
        let items = Self.report.sections[2].items
        #expect(ExtractFixtures.outline(items) == ["（一）筑牢思想根基", "（二）严肃组织生活", "（三）强化队伍建设"])
        #expect(items[0].text == "支部坚持每月集体学习，组织专题研讨6次。")
        // The words before `一是` lead into the list: the item's own text, no leaf of their own.
        #expect(items[1].items.map(\.label) == ["一是", "二是", "三是"])
        #expect(items[1].text == "严格执行组织生活制度，")
        #expect(items[1].items[2].statement == "认真落实谈心谈话")
        #expect(ExtractFixtures.outline(items[2].items) == ["1.抓好党员发展", "2．抓好教育培训"])
        #expect(items[2].items[0].text == "全年培养入党积极分子3名。")
    }

    @Test func wordMarkersEnumerateProblemsAfterTheirIntroduction() {
        let section = Self.report.sections[3]
        #expect(section.items.map(\.label) == ["首先", "其次", "最后"])
        #expect(section.items[0].text.hasPrefix("学习的系统性"))
        #expect(section.intro == "在肯定成绩的同时也看到不足：")
    }

    @Test func closingSignatureAndDateAreNoItems() {
        let plans = Self.report.sections[4].items
        #expect(ExtractFixtures.outline(plans) == ["（1）持续深化理论学习", "（2）推动党建业务深度融合"])
    }

    @Test func everyLineOfTheBodyIsALeafOnce() {
        let leaves = Self.report.sections.flatMap(\.leaves)
        #expect(leaves.contains { $0.text == "站党支部现有党员21名。" && $0.label.isEmpty })
        #expect(!leaves.contains { $0.statement.contains("特此汇报") || $0.statement.contains("看到不足") })
        // The opening is a part of its own, of kind other.
        #expect(Self.report.sections[0].leaves.map(\.text) == ["一年来，站党支部在上级党委领导下扎实开展工作，现总结如下："])
    }

    @Test func headingOpeningAParagraphIsSplitFromItsText() {
        #expect(OutlineBuilder.splitHeading("压实工作责任。年初签订责任书。", maxLength: 40) == ("压实工作责任", "年初签订责任书。"))
        #expect(OutlineBuilder.splitHeading("压实工作责任", maxLength: 40) == ("压实工作责任", ""))
        let sentence = String(repeating: "全面落实管党治党政治责任", count: 4) + "。"
        #expect(OutlineBuilder.splitHeading(sentence, maxLength: 40) == ("", sentence))
    }

    @Test func inlineEnumerationNeedsARisingSequenceAtBoundaries() {
        let paragraph = InlineEnumeration.Paragraph(text: "思想统一是前提，行动一致是关键。", location: SourceLocation(paragraph: 1))
        #expect(InlineEnumeration.split([paragraph]) == nil)
        let lone = InlineEnumeration.Paragraph(text: "二是加强阵地建设，三是丰富活动载体。", location: SourceLocation(paragraph: 1))
        #expect(InlineEnumeration.split([lone]) == nil)
        let pair = InlineEnumeration.Paragraph(text: "一个是学习不够深入，另一个是创新不够。", location: SourceLocation(paragraph: 1))
        #expect(InlineEnumeration.split([pair])?.entries.map(\.label) == ["一个是", "另一个是"])
    }

    @Test func enumerationContinuesAcrossParagraphs() {
        let paragraphs = [
            InlineEnumeration.Paragraph(text: "一是强化学习；", location: SourceLocation(paragraph: 1)),
            InlineEnumeration.Paragraph(text: "二是严格管理。三是注重服务。", location: SourceLocation(paragraph: 2)),
        ]
        let split = InlineEnumeration.split(paragraphs)
        #expect(split?.entries.map(\.label) == ["一是", "二是", "三是"])
        #expect(split?.entries.map(\.location.paragraph) == [1, 2, 2])
    }

    @Test func secondListInTheSameSectionStartsAgainAtItsParagraph() {
        let paragraphs = [
            InlineEnumeration.Paragraph(text: "一是强化学习，二是严格管理。", location: SourceLocation(paragraph: 1)),
            InlineEnumeration.Paragraph(text: "同时，在作风方面：", location: SourceLocation(paragraph: 2)),
            InlineEnumeration.Paragraph(text: "一是严明纪律，二是改进文风，唯一是关键。", location: SourceLocation(paragraph: 3)),
        ]
        let split = InlineEnumeration.split(paragraphs)
        #expect(split?.entries.map(\.label) == ["一是", "二是", "一是", "二是"])
        #expect(split?.entries[1].text == "严格管理。同时，在作风方面：")
    }

    @Test func numberingLevelsAreRecognisedInEitherWidth() {
        #expect(Numbering.leading("一、总体情况")?.level == .chinese)
        #expect(Numbering.leading("(二)加强学习")?.level == .chineseParenthesized)
        #expect(Numbering.leading("（十二）加强学习")?.ordinal == 12)
        #expect(Numbering.leading("３．加强学习")?.level == .arabic)
        #expect(Numbering.leading("1.5万元用于阵地建设") == nil)
        #expect(Numbering.leading("2024年工作打算") == nil)
        #expect(Numbering.leading("（3）加强学习")?.level == .arabicParenthesized)
        #expect(Numbering.leading("②加强学习")?.ordinal == 2)
        #expect(Numbering.leading("一是加强学习") == nil)
        #expect(Numbering.leading("一、二季度共发展党员3名。") == nil)
    }

    @Test func problemCategoriesAreLeftToTheMergeStage() {
        #expect(Self.report.sections.flatMap(\.leaves).allSatisfy { $0.categories.isEmpty })
    }
}
