import Foundation
import Testing
@testable import ConsolidateCore

/// Reports whose parts are not (only) `一、` lines: the opening, lead-ins, unnumbered
/// headings, kind-naming sentences before `一是`, `1、` as top level, flattened web text.
@Suite struct ExtractUnnumberedOutlineTests {
    private static func kinds(_ report: UnitReport) -> [SectionKind] { report.sections.map(\.kind) }

    // MARK: Opening

    @Test func openingParagraphIsAnOtherPartOfItsOwn() {
        let report = ExtractFixtures.report("""
        XX所2025年党建工作总结
        今年以来，所党支部在院党委指导下，认真落实全面从严治党要求，全年召开支委会6次。
        一、主要工作
        （一）抓好理论学习
        组织集中学习5次。
        """)
        #expect(Self.kinds(report) == [.other, .achievements])
        #expect(report.sections[0].label.isEmpty && report.sections[0].heading.isEmpty)
        #expect(report.sections[0].leaves.map(\.text) == ["今年以来，所党支部在院党委指导下，认真落实全面从严治党要求，全年召开支委会6次。"])
        #expect(report.metrics.contains { $0.activity == "支委会" && $0.value == 6 })
    }

    @Test func reportStartingWithItsFirstSectionHasNoEmptyOpening() {
        let report = ExtractFixtures.report("""
        XX所2025年党建工作总结
        一、主要工作
        组织集中学习5次。
        """)
        #expect(report.sections.map { $0.label + $0.heading } == ["一、主要工作"])
    }

    // MARK: Lead-ins

    @Test func paragraphLeadingIntoTheListIsTheSectionsIntroNotAnItem() {
        let report = ExtractFixtures.report("""
        XX所2025年党建工作总结
        一、存在的不足
        对照上级要求，我所党建工作还有一些薄弱之处：
        （一）学习形式单一
        多以读文件为主。
        （二）品牌特色不鲜明
        亮点提炼不够。
        """)
        let problems = report.sections[0]
        #expect(problems.kind == .problems)
        #expect(problems.intro == "对照上级要求，我所党建工作还有一些薄弱之处：")
        #expect(problems.items.map(\.label) == ["（一）", "（二）"])
        #expect(!problems.leaves.contains { $0.statement.contains("薄弱之处") })
    }

    @Test func sectionWithoutEnumerationKeepsItsParagraphsAsItems() {
        let report = ExtractFixtures.report("""
        XX所2025年党建工作总结
        一、强化阵地建设
        新建党员活动室一处，配齐学习资料。
        完善党务公开栏，每季度更新内容。
        """)
        #expect(report.sections[0].intro.isEmpty)
        #expect(report.sections[0].items.count == 2)
    }

    @Test func introIsNoMergeStatementAndEveryLeafIsOne() {
        let report = ExtractFixtures.report("""
        XX所2025年党建工作总结
        一、存在问题
        主要表现在以下几点：一是学习深度不够，二是作用发挥不充分。
        """)
        #expect(report.sections[0].intro == "主要表现在以下几点：")
        let statements = Statement.statements(of: report)
        #expect(statements.count == report.sections.flatMap(\.leaves).count)
        #expect(!statements.contains { $0.text.contains("以下几点") })
    }

    @Test func insideAnItemOnlyAClauseRunningIntoTheListLeadsIn() {
        let report = ExtractFixtures.report("""
        XX所2025年党建工作总结
        一、主要做法
        （一）规范组织生活
        支部现有党员15名。本季度召开支委会3次。
        1.严格落实三会一课。
        2.认真开展主题党日。
        （二）加强作风建设
        具体做法是：
        1.开展警示教育。
        2.签订承诺书。
        """)
        let items = report.sections[0].items
        // A paragraph with its own content stays a statement beside the numbered ones…
        #expect(items[0].items.map(\.label) == ["", "1.", "2."])
        #expect(items[0].text.isEmpty)
        // …a lead-in clause becomes the item's text, no statement.
        #expect(items[1].text == "具体做法是：")
        #expect(items[1].items.map(\.label) == ["1.", "2."])
    }

    @Test func sectionIntroSurvivesJSONAndOldJSONWithoutItDecodes() throws {
        var section = Section(kind: .problems, label: "二、", heading: "存在问题")
        section.intro = "还存在一些不足："
        let data = try JSONEncoder().encode(section)
        #expect(try JSONDecoder().decode(Section.self, from: data) == section)
        let old = Data(#"{"kind":"plans","label":"三、","heading":"下步打算","items":[]}"#.utf8)
        #expect(try JSONDecoder().decode(Section.self, from: old).intro == "")
        let plain = try JSONEncoder().encode(Section(kind: .plans, label: "", heading: "打算"))
        #expect(!String(decoding: plain, as: UTF8.self).contains("intro"))
    }

    @Test func combinedSectionPartsAtTheSentencesIntroducingEachList() {
        let report = ExtractFixtures.report("""
        XX所2025年党建工作总结
        一、主要工作
        全年开展集中学习6次。
        二、存在的问题及下步打算
        存在的问题主要有：一是学习不够深入，二是创新不够。下步，我们将：一是深化学习，二是打造品牌。
        """)
        #expect(Self.kinds(report) == [.achievements, .problems, .plans])
        #expect(report.sections[1].intro == "存在的问题主要有：")
        #expect(report.sections[1].items.map(\.label) == ["一是", "二是"])
        #expect(report.sections[2].heading == "下步，我们将")
        #expect(report.sections[2].items.map(\.label) == ["一是", "二是"])
    }

    @Test func sectionNamingOneKindIsNotPartedByALeadInOfAnother() {
        let report = ExtractFixtures.report("""
        XX所2025年党建工作总结
        一、存在的问题
        主要有：一是学习不够深入，二是创新不够。对此，今后要：一是深化学习，二是打造品牌。
        """)
        #expect(Self.kinds(report) == [.problems])
    }

    // MARK: Sections without `一、`

    @Test func sentenceNamingAKindBeforeYiShiOpensThatPart() {
        let report = ExtractFixtures.report("""
        XX街道机关支部召开组织生活会
        5月10日，支部召开组织生活会，全体党员参加。
        会上，支部书记通报了上半年工作开展情况。同时，也查摆了支部建设中仍然存在着的短处。一是政治学习流于形式，二是党员教育管理偏松。
        会议要求，一是认真抓好问题整改，二是严格落实组织生活制度。
        """)
        #expect(Self.kinds(report) == [.other, .problems, .plans])
        #expect(report.sections[1].heading == "同时，也查摆了支部建设中仍然存在着的短处")
        #expect(report.sections[1].items.map(\.label) == ["一是", "二是"])
        #expect(report.sections[2].items.map(\.label) == ["一是", "二是"])
        // The sentences before the lead-in stay in the opening part.
        #expect(report.sections[0].leaves.contains { $0.text.hasSuffix("通报了上半年工作开展情况。") })
    }

    @Test func previousParagraphEndingInAColonIntroducesTheList() {
        let report = ExtractFixtures.report("""
        回顾一年工作，我们虽然取得了一些成绩，但仍存在一些问题，主要有以下方面：
        一是班子成员年龄偏大，二是村集体经济薄弱。
        """)
        #expect(Self.kinds(report) == [.problems])
        #expect(report.sections[0].items.map(\.label) == ["一是", "二是"])
    }

    @Test func yiShiWhoseLeadInNamesNoKindStaysInItsPart() {
        let report = ExtractFixtures.report("""
        XX社区党建工作汇报
        社区党委围绕服务群众开展了大量工作。一是建立网格党小组，二是组织党员认领微心愿。
        """)
        #expect(Self.kinds(report) == [.other])
        // (In the opening every sentence is an item: there is no section heading to lead.)
        #expect(report.sections[0].items.map(\.label) == ["", "一是", "二是"])
    }

    @Test func clauseGivingTheBasisOfAListNamesNoKind() {
        let report = ExtractFixtures.report("""
        XX社区党建工作汇报
        今年以来，社区党委按照年度学习计划，一是开展集中学习，二是组织专题研讨。
        """)
        #expect(Self.kinds(report) == [.other])
        #expect(OutlineBuilder.namingClauses(of: "对照上级要求，还存在一些不足：") == "还存在一些不足：")
    }

    @Test func unnumberedHeadingLinesOpenSections() {
        let report = ExtractFixtures.report("""
        XX村党支部书记抓党建述职报告
        XX村党支部书记 李四
        一年来，我始终把抓党建作为第一责任，现报告如下。
        筑牢堡垒，让组织更有力
        完善支部议事规则，一是规范三会一课，二是落实主题党日。
        服务群众，让村民更满意
        以网格为单元走访农户，一是解决急难愁盼，二是帮办实事。
        """)
        #expect(report.sections.map(\.heading) == ["", "筑牢堡垒，让组织更有力", "服务群众，让村民更满意"])
        #expect(Self.kinds(report) == [.other, .achievements, .achievements])
        #expect(report.sections[1].items.map(\.label) == ["一是", "二是"])
        // The author line right below the title heads nothing.
        #expect(report.sections[0].leaves.map(\.text).first == "XX村党支部书记 李四")
    }

    @Test func aSingleShortLineWithoutAKindWordIsNoHeading() {
        let report = ExtractFixtures.report("""
        XX村党建工作汇报
        今年以来，村党支部认真开展各项工作。
        落实党员积分
        每月公示党员积分，年底评星定级。
        """)
        #expect(report.sections.count == 1)
        #expect(report.sections[0].kind == .other)
    }

    @Test func arabicTopLevelOverParenthesisedItemsIsTheSectionLevel() {
        let report = ExtractFixtures.report("""
        XX社区党建工作总结
        1、加强班子建设
        (1)班子成员每周集中学习一次。
        (2)落实班子成员联系网格制度。
        2、做好党员管理
        (1)建立流动党员台账。
        (2)开展党员积分评比。
        """)
        #expect(report.sections.map { $0.label + $0.heading } == ["1、加强班子建设", "2、做好党员管理"])
        #expect(Self.kinds(report) == [.achievements, .achievements])
        #expect(report.sections[0].items.map(\.label) == ["(1)", "(2)"])
    }

    @Test func parenthesisedTopLevelNamingTwoPartsIsTheSectionLevel() {
        let report = ExtractFixtures.report("""
        XX小学党支部上半年工作总结
        (一)基本情况
        支部现有党员18名。
        (二)工作亮点及成效
        1、坚持周一政治学习。
        2、开展党员示范课。
        """)
        #expect(report.sections.map { $0.label + $0.heading } == ["(一)基本情况", "(二)工作亮点及成效"])
        #expect(Self.kinds(report) == [.other, .achievements])
        #expect(report.sections[1].items.map(\.label) == ["1、", "2、"])
    }

    @Test func statementsThatHoldKindWordsByChanceAreNoParts() {
        let report = ExtractFixtures.report("""
        XX小学党支部上半年工作总结
        (一)按照年度学习计划组织全体党员集中学习。
        (二)党员示范课活动成效明显，受到家长好评。
        """)
        #expect(report.sections.count == 1)
        #expect(report.sections[0].items.map(\.label) == ["(一)", "(二)"])
    }

    @Test func arabicListWithoutDeeperNumbersStaysItems() {
        let report = ExtractFixtures.report("""
        XX社区党建工作总结
        1、班子成员每周集中学习一次。
        2、建立流动党员台账。
        """)
        #expect(report.sections.count == 1)
        #expect(report.sections[0].items.map(\.label) == ["1、", "2、"])
    }

    @Test func paragraphsOpeningWithANumeralAndTheSameVerbAreItems() {
        let paragraphs = ["一抓学习，提升政治能力。一是开展读书班。", "二抓阵地，夯实组织基础。一是新建活动室。"].enumerated().map {
            InlineEnumeration.Paragraph(text: $1, location: SourceLocation(paragraph: $0 + 1))
        }
        let split = InlineEnumeration.split(paragraphs)
        #expect(split?.entries.map(\.label) == ["一", "二"])
        #expect(split?.entries[1].text.hasPrefix("抓阵地") == true)
    }

    @Test func paragraphsOpeningWithTimeWordsAreNoEnumeration() {
        let paragraphs = ["一季度，支部开展集中学习3次。", "二季度，支部开展主题党日2次。", "一直以来坚持学习。"].enumerated().map {
            InlineEnumeration.Paragraph(text: $1, location: SourceLocation(paragraph: $0 + 1))
        }
        #expect(InlineEnumeration.split(paragraphs) == nil)
    }

    // MARK: Flattened web text

    @Test func sectionNumberInsideAFlattenedLineStartsItsSection() {
        let report = ExtractFixtures.report("""
        XX医院2025年党建工作总结
        今年以来，医院党支部扎实推进各项工作，成效明显。一、工作开展情况（一）加强政治建设。坚持第一议题制度。（二）加强组织建设。规范支部设置。二、存在的不足（一）融合不够紧密。三、下一步打算（一）深化党建品牌。
        """)
        #expect(report.sections.map { $0.label + $0.heading } == ["", "一、工作开展情况", "二、存在的不足", "三、下一步打算"])
        #expect(Self.kinds(report) == [.other, .achievements, .problems, .plans])
        #expect(report.sections[1].items.map(\.heading) == ["加强政治建设", "加强组织建设"])
    }

    @Test func numeralListsInsideSentencesAreNotSplit() {
        let paragraphs = [InlineEnumeration.Paragraph(
            text: "全年重点抓了三件事：一、抓学习；二、抓作风。一、二季度共发展党员2名。",
            location: SourceLocation(paragraph: 1))]
        #expect(OutlineBuilder.splittingInlineSections(paragraphs).count == 1)
    }

    @Test func headingEndsAtAWhiteSpaceGapOrAtItsFirstSubheading() {
        #expect(OutlineBuilder.splitHeading("支部基本情况   全支部共有党员12名。", maxLength: 40)
            == ("支部基本情况", "全支部共有党员12名。"))
        #expect(OutlineBuilder.splitHeading("主要做法（一）抓学习。每周学习。", maxLength: 40)
            == ("主要做法", "（一）抓学习。每周学习。"))
        let sentence = "一年来，支部坚持每周一下午组织全体党员集中学习党的创新理论和上级文件精神。"
        #expect(OutlineBuilder.splitHeading("强化理论武装，提升政治素质" + sentence, maxLength: 40)
            == ("强化理论武装，提升政治素质", sentence))
        // A short line holding a time phrase is a heading as it stands.
        #expect(OutlineBuilder.splitHeading("支部坚持学习一年来，效果明显", maxLength: 40) == ("支部坚持学习一年来，效果明显", ""))
        // A single space belongs to the heading (`先锋引领 共建共享`).
        #expect(OutlineBuilder.splitHeading("先锋引领 共建共享", maxLength: 40) == ("先锋引领 共建共享", ""))
    }

    @Test func tableOfContentsBeforeTheReportIsNoSections() {
        let report = ExtractFixtures.report("""
        XX镇2025年党建工作汇报
        目录：
        一、主要做法
        （一）抓学习
        二、存在问题
        三、下步打算
        一、主要做法
        （一）抓学习。全年集中学习6次。
        二、存在问题
        学习深度不够。
        三、下步打算
        持续抓好学习。
        """)
        #expect(Self.kinds(report) == [.other, .achievements, .problems, .plans])
        #expect(report.sections[1].items.map(\.heading) == ["抓学习"])
    }

    @Test func numberingThatRestartsAfterRealPartsKeepsThemAll() {
        let report = ExtractFixtures.report("""
        XX局党建工作总结和下半年打算
        一、主要做法
        全年开展集中学习6次，组织主题党日4次。
        二、存在问题
        学习深度不够，需要加强。
        下半年打算
        一、深化理论学习
        持续抓好学习。
        """)
        #expect(report.sections.filter { !$0.label.isEmpty }.map { $0.label + $0.heading }
            == ["一、主要做法", "二、存在问题", "一、深化理论学习"])
    }
}
