import Testing
@testable import ConsolidateCore

/// Title, unit and period of reports as they arrive from the field: inside a web page's frame,
/// glued to their first sentence, naming their unit only in a signature or the opening.
@Suite struct ExtractHeaderReadingTests {
    // MARK: The title and the page around it

    @Test func titleInsideASitesFrameIsTheReportsAndTheFrameIsReported() {
        let report = ExtractFixtures.report("""
        首页 > 工作总结 > 党建工作
        发布时间:2024-05-06 来源:网友投稿
        青石街道2024年上半年党建工作总结
        • 编辑:
        今年以来，青石街道党工委坚持以党建引领基层治理，各项工作稳步推进。
        一、主要做法
        （一）抓实理论学习。全年开展集中学习12次。
        """)
        #expect(report.title == "青石街道2024年上半年党建工作总结")
        // The title names the unit, the opening its party body.
        #expect(report.unit == "青石街道党工委")
        #expect(report.period == Period(year: 2024, part: .h1))
        let frame = report.residue.map(\.text)
        #expect(frame.contains("首页 > 工作总结 > 党建工作"))
        #expect(frame.contains { $0.hasPrefix("发布时间") })
        #expect(frame.contains { $0.contains("编辑") })
        #expect(report.warnings.contains { $0.contains("网页或文件信息") })
        let text = report.sections.map { $0.heading + $0.items.map(\.statement).joined() }.joined()
        #expect(!text.contains("来源"))
    }

    @Test func theLastOfASitesCopiesOfTheTitleIsTheReportsOwn() {
        let report = ExtractFixtures.report("""
        社区党建工作总结
        2024-10-19
        社区党建工作总结 篇2
        红星社区党委2023年党建工作总结
        2023年，红星社区党委围绕中心抓党建，现将全年工作总结如下：
        一、主要工作
        """)
        #expect(report.title == "红星社区党委2023年党建工作总结")
        #expect(report.unit == "红星社区党委")
        #expect(report.period == Period(year: 2023, part: .year))
    }

    @Test func aTableOfContentsBeforeTheTitleIsNotTheReport() {
        let report = ExtractFixtures.report("""
        目录/提纲:……
        一、基本情况
        二、存在的问题
        青石镇非公企业党建工作调研报告
        为摸清非公企业党建底数，镇党委组织力量开展了专题调研，现将情况报告如下。
        一、基本情况
        全镇共有非公企业党支部6个。
        """)
        #expect(report.title == "青石镇非公企业党建工作调研报告")
        #expect(report.residue.contains { $0.rule == "page-frame" && $0.text == "二、存在的问题" })
    }

    @Test func aTitleGluedToItsFirstSentenceIsCutOffIt() {
        let report = ExtractFixtures.report("""
        青石镇2023年党建工作总结今年以来，青石镇党委坚持抓基层、打基础，全面提升组织力。
        一、主要做法
        """)
        #expect(report.title == "青石镇2023年党建工作总结")
        #expect(report.unit == "青石镇党委")
        let lines = NormalizeFixtures.normalize("青石镇2023年党建工作总结今年以来，青石镇党委坚持抓基层、打基础，全面提升组织力。\n一、主要做法").lines
        let body = Extractor.body(of: lines, header: HeaderReader().read(lines, unitHint: nil))
        #expect(body.first?.text.hasPrefix("今年以来") == true)
    }

    @Test(arguments: [
        ("红星社区党建工作情况汇报 一、基本情况红星社区现有党员86名，下设党支部3个。",
         "红星社区党建工作情况汇报", "一、基本情况红星社区现有党员86名，下设党支部3个。"),
        ("文档介绍:非公企业党建的现状与对策分析前言非公企业是经济发展的重要力量，党建工作不可缺位。",
         "非公企业党建的现状与对策分析", "前言非公企业是经济发展的重要力量，党建工作不可缺位。"),
        ("2024 红星 社区 党建 工作 汇报红星社区党建工作汇报 一、基本情况红星社区现有党员86名，下设党支部3个。",
         "红星社区党建工作汇报", "一、基本情况红星社区现有党员86名，下设党支部3个。"),
    ])
    func gluedTitles(line: String, title: String, rest: String) {
        let glued = HeaderReader.gluedTitle(line)
        #expect(glued?.title == title)
        #expect(glued?.remainder == rest)
    }

    @Test(arguments: [
        "关于2024年党建工作情况的报告",                       // 的 continues the title
        "某某局2024年党建工作总结及2025年工作打算",             // 及 continues it, and nothing follows
        "今年以来，我局坚持以党建引领业务工作，取得了明显成效。",  // a sentence, no title in front
    ])
    func linesThatAreNoGluedTitle(line: String) {
        #expect(HeaderReader.gluedTitle(line) == nil)
    }

    @Test(arguments: [
        ("分享", true), ("ID:2143426", true), ("大小:23.60KB", true), ("• 来源:", true),
        ("1 / 6", true), ("2024-10-19", true), ("某某社区党建工作总结.docx", true),
        ("2024 红星 社区 党建 工作 汇报", true), ("首页 > 文章中心 > 正文", true),
        ("发布日期:2021-02-26 浏览次数:199", true),
        ("红星社区2024年党建工作总结", false), ("自查软弱涣散 落实整改措施", false),
        ("时间紧、任务重，支部迅速行动。", false), ("格局不断优化", false),
    ])
    func frameLines(line: String, isFrame: Bool) {
        #expect(PageFrame.isFrame(line) == isFrame)
    }

    @Test func withoutATitleTheFirstLineStandsInAndStaysInTheBody() {
        let report = ExtractFixtures.report("""
        回顾一年来的工作，我们也清醒看到还存在一些问题，主要有以下几个方面：
        一是学习不够深入。二是活动形式单一。
        """)
        #expect(report.title.hasPrefix("回顾一年来的工作"))
        #expect(report.warnings.contains { $0.contains("暂以首行") })
        let text = report.sections.flatMap { [$0.heading] + $0.items.map(\.statement) }.joined()
        #expect(text.contains("学习不够深入"))
    }

    // MARK: The unit

    @Test func unitFromASignatureUnderTheTitle() {
        let report = ExtractFixtures.report("""
        2023年度基层党建工作述职报告
        青石村党支部书记 王某某
        一年来，我围绕强组织、兴产业、优服务三件事抓党建，现报告如下。
        """)
        #expect(report.unit == "青石村党支部")
    }

    @Test func unitOfAKindInTheTitleIsNamedByTheText() {
        let school = ExtractFixtures.report("""
        学校党支部2024年度组织生活会对照检查材料
        按照上级通知要求，按照城南实验小学党支部2024年度组织生活会安排，支部班子认真查摆问题。
        """)
        #expect(school.unit == "城南实验小学党支部")
        let community = ExtractFixtures.report("""
        社区党建工作总结
        按照街道工委的部署，红星社区成立“大党委”，统筹辖区资源。
        """)
        #expect(community.unit == "红星社区")
        let hospital = ExtractFixtures.report("""
        2023年医院党建工作总结
        2023年，医院党支部在集团党委的领导下，扎实推进各项工作。
        """)
        #expect(hospital.unit == "医院党支部")
        #expect(hospital.period == Period(year: 2023, part: .year))
    }

    @Test func aParticularUnitInTheTitleIsRefinedByTheTextNamingIt() {
        // The text names the title's unit with its party body, in the opening, a definition or the ending.
        let opening = ExtractFixtures.report("""
        青川区人民医院2024年党建工作总结
        2024年，青川区人民医院党委在区委的领导下，扎实推进各项工作。
        """)
        #expect(opening.unit == "青川区人民医院党委")
        let defined = ExtractFixtures.report("""
        青川区人民医院2024年党建工作总结
        一年来，我们坚持抓党建促发展。现就青川区人民医院党总支（以下简称总支）一年来的工作报告如下。
        """)
        #expect(defined.unit == "青川区人民医院党总支")
        // After a circled numeral.
        let marked = ExtractFixtures.report("""
        青川区人民医院2024年党建工作总结
        ①青川区人民医院党委在区委的领导下，扎实推进各项工作。
        """)
        #expect(marked.unit == "青川区人民医院党委")
        // The opening names another unit, not this one: the title's unit stands.
        let other = ExtractFixtures.report("""
        青川区人民医院2024年党建工作总结
        2024年，区卫生健康局党组在区委的领导下，扎实推进各项工作。
        """)
        #expect(other.unit == "青川区人民医院")
    }

    @Test func aSuperiorOrAWordOfDeedIsNeverTheUnit() {
        let report = ExtractFixtures.report("""
        医院党委党建工作总结
        在卫生健康局党委的正确领导下，我院党委以提高服务质量为切入点，深化医院领导班子建设。
        """)
        #expect(report.unit == "医院党委")
    }

    @Test func unitFromTheOpeningsSubjectWithItsPartyBody() {
        let report = ExtractFixtures.report("""
        关于党建工作情况的汇报
        今年以来，在县委组织部的有力指导下，县人民医院党委持续加强基层组织建设，现汇报如下：
        """)
        #expect(report.unit == "县人民医院党委")
    }

    @Test func aRoleIsNoUnitButADefinitionIs() {
        let report = ExtractFixtures.report("""
        基层党组织建设调研报告
        作为基层人民法院，要把握机遇、解放思想。本文拟以青石县人民法院为例，对党组织建设情况进行分析。
        """)
        #expect(report.unit == "青石县人民法院")
        let company = ExtractFixtures.report("""
        非公企业党建工作的现状与思考
        现就红星能源公司（以下简称公司）基层组织建设情况报告如下。
        """)
        #expect(company.unit == "红星能源公司")
    }

    @Test func theUnitsOwnWordForItselfIsTheLastResort() {
        let report = ExtractFixtures.report("""
        回顾一年来的工作，我们虽然取得了一些成绩，但也存在不少问题：
        一是班子成员学习不够。二是我村集体经济薄弱。
        """)
        #expect(report.unit == "我村")
    }

    @Test func aTitledKindTheTextHoldsAsItsOwnIsWhatTheReportIsAbout() {
        // A town's report on its villages' branches: the title names the branches, the text the town.
        let town = ExtractFixtures.report("""
        村党支部建设情况汇报
        近年来，我乡的村党支部不断加强规范化建设，全乡现有村党支部26个，均已完成换届。
        """)
        #expect(town.unit == "我乡")
        let cooperatives = ExtractFixtures.report("""
        专业合作社党建工作汇报
        我县专业合作社数量逐年增加，规模不断扩大，现有专业合作社120家。
        """)
        #expect(cooperatives.unit == "我县")
        let street = ExtractFixtures.report("""
        社区党支部工作汇报
        今年以来，我街道社区党支部围绕服务群众，共开展主题党日活动40次。
        """)
        #expect(street.unit == "我街道")
        // The unit speaking of itself with its party body is the titled unit, not a holder of it.
        let village = ExtractFixtures.report("""
        村党支部工作汇报
        今年以来，我村党支部坚持“三会一课”制度，召开支委会12次。
        """)
        #expect(village.unit == "村党支部")
        // A particular unit of the title's kind in the text still names the unit.
        let named = ExtractFixtures.report("""
        社区党支部工作汇报
        今年以来，青石社区党支部坚持每月开展主题党日，我街道的社区党支部均已完成换届。
        """)
        #expect(named.unit == "青石社区党支部")
    }

    @Test func titlesPartyBodyStaysWithTheUnit() {
        #expect(HeaderReader.unit(inTitle: "青石区财政局党组2024年上半年党建工作总结") == "青石区财政局党组")
        #expect(HeaderReader.unit(inTitle: "青石县公安局召开党委会议专题研究党建工作") == "青石县公安局")
        #expect(HeaderReader.unit(inTitle: "医院党委教育发展总结") == "医院党委")
        #expect(HeaderReader.unit(inTitle: "基层党支部建设的现状与问题分析") == nil)
        #expect(HeaderReader.unit(inTitle: "党建工作总结") == nil)
    }

    // MARK: The period

    @Test func yearFromTheFirstHeadingOrASpacedYear() {
        let heading = ExtractFixtures.report("""
        党建工作情况汇报
        一、2022年各项工作完成情况
        支部全年召开支委会12次。
        """)
        #expect(heading.period.year == 2022)
        let spaced = ExtractFixtures.report("""
        党支部工作总结
        2020 年，支部围绕中心工作，认真履行管党治党责任。
        """)
        #expect(spaced.period == Period(year: 2020, part: .year))
    }

    @Test func aDateSaysWhenTheReportStandsNotAYearOfHistory() {
        let report = ExtractFixtures.report("""
        公司基层党建情况调研
        公司党委成立于2010年，下设党支部4个。截至2021年12月31日，公司共有党员120名。
        """)
        #expect(report.period == Period(year: 2021, part: nil))
    }

    @Test func aYearInTheMiddleOfTheTextSaysNothingOfTheWholeYear() {
        let report = ExtractFixtures.report("""
        专业合作社党建工作情况汇报
        随着农业市场化不断加快，我镇专业合作社从无到有。2023年，合作社经营总收入达900万元。
        """)
        #expect(report.period == Period(year: 2023, part: nil))
    }
}
