import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct MergerTests {
    static let configuration = try! PipelineConfiguration.load(from: Repository.defaultPipeline)

    static func report(_ unit: String, achievements: [String] = [], problems: [String] = [], plans: [String] = [],
                       metrics: [Metric] = []) -> UnitReport {
        func section(_ kind: SectionKind, _ texts: [String]) -> Section {
            Section(kind: kind, label: "", heading: kind.rawValue,
                    items: texts.enumerated().map { Item(label: "", text: $1, location: SourceLocation(paragraph: $0 + 1)) })
        }
        return UnitReport(source: SourceInfo(path: unit + ".txt", format: .txt, sha256: ""), unit: unit, title: unit,
                          period: Period(year: 2024, part: .q2),
                          sections: [section(.achievements, achievements), section(.problems, problems), section(.plans, plans)],
                          metrics: metrics)
    }

    static func merge(_ reports: [UnitReport], roster: Roster? = nil) -> Consolidation {
        Merger(configuration: configuration).merge(MergeInput.from(
            reports.map { SubmittedReport(report: $0, submitted: Date(timeIntervalSince1970: 0)) }, roster: roster, copySimilarity: 0.85))
    }

    @Test func mergesCopiesAcrossUnitsKeepingAttribution() {
        let merged = Self.merge([
            Self.report("甲局", achievements: ["严格执行“三会一课”制度，本季度召开支委会3次、党员大会1次。"]),
            Self.report("乙局", achievements: ["严格执行\"三会一课\"制度,本季度召开支委会5次、党员大会2次。"]),
            Self.report("丙局", achievements: ["组织青年党员到敬老院开展志愿服务，为老人理发、打扫卫生。"]),
        ])
        let meetings = merged.achievements.first { $0.units.count == 2 }
        #expect(meetings?.units == ["乙局", "甲局"])
        #expect(meetings?.members.count == 2)
        #expect(meetings?.theme == "three-meetings")
        #expect(merged.achievements.count == 2)
    }

    @Test func keepsStatementsFromOneTemplateAboutDifferentThingsApart() {
        let merged = Self.merge([
            Self.report("甲局", achievements: ["扎实开展主题党日活动，组织党员到革命纪念馆参观学习。"]),
            Self.report("乙局", achievements: ["规范党费收缴管理，党员每月按时足额交纳党费。"]),
        ])
        #expect(merged.achievements.count == 2)
        #expect(merged.achievements.allSatisfy { $0.units.count == 1 })
    }

    @Test func aQuotedNameIsAProgrammeOfAUnitOnlyWhereNoOtherUnitNamesIt() {
        let merged = Self.merge([
            Self.report("甲局", achievements: ["推行“晨读十分钟”学习法，干部每天上班前集中读报。",
                                                "开展“对标争先”擂台赛，各科室晒比工作亮点。"]),
            Self.report("乙局", achievements: ["组织干部参加“对标争先”知识测试，检验学习成果。"]),
        ])
        let distinctive = merged.achievements.filter(\.distinctive).map(\.text)
        #expect(distinctive == ["推行“晨读十分钟”学习法，干部每天上班前集中读报。"])
    }

    @Test func aPracticeWithAnUnfilledFigureIsNotHeldUpAsDistinctive() {
        let merged = Self.merge([
            Self.report("甲局", achievements: ["打造“红色驿站”服务品牌，本季度服务群众XX人次。",
                                                "打造“清风茶座”谈心品牌，本季度开展谈心12人次。"]),
        ])
        #expect(merged.achievements.filter(\.distinctive).map(\.text) == ["打造“清风茶座”谈心品牌，本季度开展谈心12人次。"])
        #expect(merged.achievements.count == 2)
    }

    @Test func tallysProblemsByCategoryMostUnitsFirst() {
        let merged = Self.merge([
            Self.report("甲局", problems: ["党建和业务工作存在“两张皮”现象。", "支部活动形式单一，吸引力不强。"]),
            Self.report("乙局", problems: ["党建与业务融合不够紧密，结合点找得不准。"]),
        ])
        #expect(merged.problems.first?.category == "integration")
        #expect(merged.problems.first?.units == ["乙局", "甲局"])
        #expect(merged.problems.map(\.category).contains("innovation"))
    }

    @Test func unclassifiableProblemFallsToOtherAndIsNeverDropped() {
        let merged = Self.merge([Self.report("甲局", problems: ["办公用房紧张。"])])
        #expect(merged.problems.map(\.category) == ["other"])
        #expect(merged.problems.first?.items.map(\.text) == ["办公用房紧张。"])
    }

    @Test func totalsKnownFiguresAndNamesUnknownUnits() {
        let merged = Self.merge([
            Self.report("甲局", metrics: [Metric(text: "集中学习12次", activity: "集中学习", value: 12, unit: "次", approx: false)]),
            Self.report("乙局", metrics: [Metric(text: "集中学习20余次", activity: "集中学习", value: 20, unit: "次", approx: true)]),
            Self.report("丙局", metrics: [Metric(text: "集中学习x次", activity: "集中学习", value: nil, unit: "次", approx: false)]),
        ])
        let study = merged.metrics.first { $0.activity == "集中学习" }
        #expect(study?.total == 32)
        #expect(study?.approx == true)
        #expect(study?.unknown == ["丙局"])
        #expect(study?.units.map(\.unit) == ["乙局", "甲局"])
    }

    @Test func restatedRunningTotalOfOneUnitCountsOnce() {
        let merged = Self.merge([Self.report("甲局", metrics: [
            Metric(text: "累计开展集中学习30次", activity: "集中学习", value: 30, unit: "次", approx: false),
            Metric(text: "先后30次", activity: "集中学习", value: 30, unit: "次", approx: false),
        ])])
        #expect(merged.metrics.first?.total == 30)
    }

    @Test func laterSubmissionOfOneUnitCountsAndTheOtherIsSuperseded() {
        let old = SubmittedReport(report: Self.report("甲局", plans: ["旧稿"]), submitted: Date(timeIntervalSince1970: 10))
        var newer = SubmittedReport(report: Self.report("甲局", plans: ["新稿"]), submitted: Date(timeIntervalSince1970: 20))
        newer.report.source.path = "甲局-修改.txt"
        let merged = Merger(configuration: Self.configuration).merge(MergeInput.from([old, newer], roster: nil, copySimilarity: 0.85))
        #expect(merged.plans.map(\.text) == ["新稿"])
        #expect(merged.units.map(\.status) == [.received, .superseded])
    }

    @Test func rosterUnitsWithoutSubmissionAreMissing() throws {
        let roster = try Roster.parse("unit\n甲局\n乙局\n", path: "roster.csv")
        let merged = Self.merge([Self.report("甲局")], roster: roster)
        #expect(merged.units.map(\.status) == [.received, .missing])
        #expect(merged.units.last?.unit == "乙局")
    }

    @Test func flagsTwoUnitsWhoseWholeReportsAreNearIdenticalAndKeepsBoth() {
        let body = ["坚持每周五下午集中学习，由支部书记领学政策文件，党员轮流交流心得体会。",
                    "结合窗口服务开展党员亮身份活动，设立党员示范岗两个，群众满意度明显提升。",
                    "组织党员到社区报到，参与垃圾分类宣传和环境整治志愿服务。"]
        let merged = Self.merge([
            Self.report("甲局", achievements: body, problems: ["学习形式比较单一。"]),
            Self.report("乙局", achievements: body.map { $0.replacingOccurrences(of: "两个", with: "三个") },
                        problems: ["学习形式比较单一。"]),
            Self.report("丙局", achievements: ["开展“书香机关”读书活动，共读红色经典。"], problems: ["党员发展难度大。"]),
        ])
        let warned = merged.units.filter { $0.warnings.contains { $0.contains("疑似相互抄用") } }.map(\.unit)
        #expect(warned == ["乙局", "甲局"])
        #expect(merged.units.filter { $0.status == .received }.count == 3)
    }

    @Test func aCrowdedBucketStillFindsTheCopyAmongReportsOfOneTemplate() {
        // Twelve reports from one template, each with its own practice; two units sent the same words.
        let template = "本季度，支部认真落实“三会一课”制度，按时召开支委会和党员大会，组织党员开展集中学习和主题党日活动。"
        let own = ["组建巡河护河党员队", "开设红色夜校课堂", "推行党员积分管理", "建立困难群众台账", "开展邻里调解服务",
                   "设立窗口党员先锋岗", "打造社区议事厅", "组织青年读书沙龙", "结对帮扶村级合作社", "开通政策直播间"]
        var documents = own.enumerated().map { index, practice in
            CopyDetector.Document(unit: "单位\(index)", text: template + practice + "，惠及群众\(index * 37 + 11)人次。")
        }
        let copied = template + "探索“红色管家”物业服务模式，在三个小区试点，居民满意度明显提升。"
        documents += [CopyDetector.Document(unit: "甲局", text: copied), CopyDetector.Document(unit: "乙局", text: copied)]
        let detector = CopyDetector(threshold: 0.95, bands: 16, rows: 4, crowded: 4, crowdedWindow: 2)
        let copies = detector.suspectedCopies(documents)
        #expect(copies.contains { $0.0 == "乙局" && $0.1 == "甲局" })
        #expect(copies.map { "\($0.0)-\($0.1)" } == detector.suspectedCopies(documents.reversed()).map { "\($0.0)-\($0.1)" })
    }

    @Test func areaIsTheUnitsSharedPlaceName() {
        #expect(Merger.area(of: ["青川区财政局", "青川区教育局", "青川区临溪镇"]) == "青川区")
        #expect(Merger.area(of: ["甲局", "乙局"]) == "")
        #expect(Merger.area(of: ["江南市东区财政局", "江南市西区教育局"]) == "江南市")
    }

    @Test func sameReportsInAnyOrderGiveByteIdenticalSummary() throws {
        let reports = [
            Self.report("甲局", achievements: ["落实“三会一课”制度。", "开展主题党日6次。"], problems: ["学习不够深入。"], plans: ["加强理论学习。"]),
            Self.report("乙局", achievements: ["落实“三会一课”制度！", "为群众办实事12件。"], problems: ["党务干部能力不足。"], plans: ["加强理论学习。"]),
            Self.report("丙局", achievements: ["规范党费收缴。"], problems: ["学习劲头不足。"], plans: ["打造党建品牌。"]),
        ]
        let expected = try JSONOutput.encode(Self.merge(reports))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            #expect(try JSONOutput.encode(Self.merge(reports.shuffled(using: &generator))) == expected)
        }
    }

    @Test func mergingConsolidationsEqualsMergingTheirInputs() throws {
        let reports = [
            Self.report("甲局", achievements: ["落实“三会一课”制度。"], problems: ["学习不够深入。"], plans: ["加强理论学习。"],
                        metrics: [Metric(text: "集中学习5次", activity: "集中学习", value: 5, unit: "次", approx: false)]),
            Self.report("乙局", achievements: ["落实“三会一课”制度！"], problems: ["党务干部能力不足。"], plans: ["加强理论学习。"],
                        metrics: [Metric(text: "集中学习x次", activity: "集中学习", value: nil, unit: "次", approx: false)]),
            Self.report("丙局", achievements: ["规范党费收缴。"], problems: ["学习劲头不足。"], plans: ["打造党建品牌。"],
                        metrics: [Metric(text: "集中学习7次", activity: "集中学习", value: 7, unit: "次", approx: false)]),
        ]
        let expected = try JSONOutput.encode(Self.merge(reports))
        var random = GroupingEvaluationTests.Seeded(state: 7)
        for _ in 0..<6 {
            // Split the units at random into two or three districts, merge each, then merge the districts in any order.
            var districts: [[UnitReport]] = [[], [], []]
            for report in reports { districts[Int.random(in: 0..<3, using: &random)].append(report) }
            let consolidations = districts.filter { !$0.isEmpty }.map { Self.merge($0) }.shuffled(using: &random)
            let rolledUp = Merger(configuration: Self.configuration).merge(MergeInput.from(consolidations))
            #expect(try JSONOutput.encode(rolledUp) == expected)
        }
    }
}

/// Problem categories: the words a statement says decide, with gaps and longer keywords.
@Suite struct ProblemCategoryTests {
    static let classifier = ProblemClassifier(taxonomy: MergerTests.configuration.problems)

    @Test func anyBusinessPutBeforePartyWorkIsAwareness() {
        #expect(Self.classifier.categories(of: "有的科室重医疗轻党建，支部活动常因门诊任务推迟。").first == "awareness")
        #expect(Self.classifier.categories(of: "少数干部重业务、轻党建，认为抓党建耽误工作。").first == "awareness")
    }

    @Test func theMembersOwnExampleIsVanguardNotBranding() {
        #expect(Self.classifier.categories(of: "青年党员示范作用有差距，关键时刻站不出来。").first == "vanguard")
        // A demonstration site's weak effect is branding.
        #expect(Self.classifier.categories(of: "支部打造的示范点示范作用不强，经验没有推开。").first == "branding")
    }

    @Test func aPartyAffairsStaffShortcomingIsCadre() {
        #expect(Self.classifier.categories(of: "党务工作队伍专业化不足，多数由业务人员兼任。").first == "cadre")
    }

    @Test func aStatementNamingTwoShortcomingsHasBothCategories() {
        let categories = Self.classifier.categories(of: "党建和业务存在“两张皮”，组织生活形式单一。")
        #expect(categories.prefix(2).sorted() == ["innovation", "integration"])
    }

    @Test func aLineIntroducingTheProblemsIsOther() {
        #expect(Self.classifier.categories(of: "对照上级要求，支部在思想认识和党建品牌方面还存在以下不足：") == ["other"])
        #expect(Self.classifier.categories(of: "对照上级要求，支部思想认识还不到位。").first == "awareness")
    }

    @Test func ofEquallySupportedCategoriesTheOneNamedFirstLeads() {
        #expect(Self.classifier.categories(of: "支部规范化建设推进慢，党务工作者学习主动性不强。").first == "organization")
        #expect(Self.classifier.categories(of: "党务工作者学习主动性不强，支部规范化建设推进慢。").first == "cadre")
    }

    @Test func aStatementOfNoCategoryIsOther() {
        #expect(Self.classifier.categories(of: "村集体经济收入偏低，道路维修资金短缺。") == ["other"])
    }
}

/// Grouping at two levels, without chaining; what is quoted and what is named on its own.
@Suite struct GroupingTests {
    static func statements(_ texts: [(String, String)]) -> [Statement] {
        texts.enumerated().map { Statement(kind: .achievement, unit: $1.0, text: $1.1, source: $1.0 + ".txt",
                                           location: SourceLocation(paragraph: $0 + 1)) }
    }

    @Test func aChainOfNeighboursDoesNotBecomeOneGroup() {
        // Each statement shares most of its words with the next, the first and the last almost none.
        let chain = ["组织党员到社区开展垃圾分类宣传，发放宣传资料，入户讲解分类知识。",
                     "组织党员到社区开展垃圾分类宣传，发放宣传资料，帮助老人办理医保。",
                     "组织党员到社区帮助老人办理医保，发放宣传资料，帮助老人办理医保。",
                     "组织党员到敬老院帮助老人办理医保，陪同聊天，帮助老人理发打扫卫生。",
                     "走进敬老院帮助老人理发打扫卫生，陪同聊天，送去生活用品和慰问金。"]
        let statements = Self.statements(chain.enumerated().map { ("单位\($0)", $1) })
        let practices = StatementGrouper(settings: MergerTests.configuration.merge).practices(statements)
        #expect(practices.count > 1)
        #expect(!practices.contains { $0.members.contains(0) && $0.members.contains(4) })
    }

    @Test func copiesOfOneTextAreOneCopyGroupInsideTheirPractice() {
        let statements = Self.statements([
            ("甲局", "严格落实“三会一课”制度，按月召开支委会，书记带头讲党课12次。"),
            ("乙局", "认真落实\"三会一课\"制度,按月召开支委会,书记带头讲党课3次."),
            ("丙局", "严格落实“三会一课”制度，按月召开支委会，书记带头讲党课5次。"),
            ("丁局", "开展困难党员走访慰问，送去慰问金和生活用品，倾听意见建议。"),
        ])
        let practices = StatementGrouper(settings: MergerTests.configuration.merge).practices(statements)
        #expect(practices.map(\.members) == [[0, 1, 2], [3]])
        #expect(practices[0].copies == [[0, 1, 2]])
    }

    @Test func sameStatementsInAnyOrderGiveTheSameGroups() {
        var random = GroupingEvaluationTests.Seeded(state: 7)
        let corpus = StatementCorpus.generate(units: 40, seed: 11)
        let grouper = StatementGrouper(settings: MergerTests.configuration.merge)
        let texts: ([Statement], [StatementGrouper.Practice]) -> Set<[String]> = { statements, practices in
            Set(practices.map { $0.members.map { statements[$0].unit + statements[$0].text }.sorted() })
        }
        let shuffled = corpus.statements.shuffled(using: &random)
        #expect(texts(corpus.statements, grouper.practices(corpus.statements)) == texts(shuffled, grouper.practices(shuffled)))
    }

    @Test func theQuotedWordingIsAMembersOwnWithItsUnit() {
        let merged = MergerTests.merge([
            MergerTests.report("甲局", achievements: ["开展困难党员走访慰问，送去慰问金和生活用品，倾听意见建议，共走访12名。"]),
            MergerTests.report("乙局", achievements: ["开展困难党员走访慰问，送去慰问金和米面油，倾听意见建议，共走访8名。"]),
            MergerTests.report("丙局", achievements: ["今年以来，开展困难党员走访慰问，送去慰问金和生活用品，倾听意见建议，共走访30名。"]),
        ])
        let group = merged.achievements[0]
        #expect(group.units.count == 3)
        #expect(group.members.contains { $0.unit == group.unit && $0.text == group.text })
        #expect(group.copies.flatMap(\.members).sorted() == Array(group.members.indices))
    }

    @Test func aProfileSentenceOrABareHeadingIsNeverADistinctivePractice() {
        let merged = MergerTests.merge([
            MergerTests.report("甲局", achievements: ["支部现有党员31名，其中女党员12名，平均年龄41岁。",
                                                   "强化理论武装",
                                                   "局机关党支部现有党员28名，本季度按照“一周一督办”的要求开展检查。",
                                                   "开展“夜学课堂”轮训，本季度轮训青年干部46人次。"]),
        ])
        #expect(merged.achievements.filter(\.distinctive).map(\.text) == ["开展“夜学课堂”轮训，本季度轮训青年干部46人次。"])
        #expect(merged.unnamedSingleUnitPractices == 3)
        #expect(merged.achievements.filter(\.heading).map(\.text) == ["强化理论武装"])
    }

    @Test func aSiteLineCopiedByManyUnitsIsAHeadingNotAPractice() {
        let merged = MergerTests.merge(["甲局", "乙局", "丙局"].map {
            MergerTests.report($0, achievements: ["【以下为会员内容】", "组织党员到社区开展垃圾分类宣传，发放宣传资料，入户讲解分类知识。"])
        })
        #expect(merged.achievements.map(\.units.count) == [3, 3])
        #expect(merged.achievements.filter(\.heading).map(\.text) == ["【以下为会员内容】"])
    }

    @Test func aResultOfThePeriodMakesASingleUnitsPracticeDistinctive() {
        let merged = MergerTests.merge([
            MergerTests.report("甲局", achievements: ["支部结对帮扶的合作社带动农户增收，党员带头示范种植新品种。"]),
        ])
        #expect(merged.achievements.first?.distinctive == true)
    }

    @Test func plansAreOrderedBySharingUnitsThenByTheme() {
        let merged = MergerTests.merge([
            MergerTests.report("甲局", plans: ["探索与驻地企业结对共建的新机制。", "严格落实“三会一课”制度，提高组织生活质量。",
                                            "做好发展党员工作，注重在青年骨干中发展。"]),
            MergerTests.report("乙局", plans: ["规范党费收缴和管理，按月足额交纳党费。", "严格落实“三会一课”制度，提高组织生活质量。"]),
        ])
        #expect(merged.plans.first?.units == ["乙局", "甲局"])
        #expect(merged.plans.dropFirst().map(\.theme) == ["dues", "recruitment", nil])
    }
}
