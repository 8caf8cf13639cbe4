import Foundation
import Testing
@testable import ConsolidateCore

/// A small consolidation written for these tests: two practices, two problem categories, one plan.
enum ReviewFixtures {
    static let configuration = try! PipelineConfiguration.load(from: Repository.defaultPipeline)

    static func member(_ unit: String, _ text: String) -> Member { Member(unit: unit, text: text, source: "\(unit).txt") }

    static var consolidation: Consolidation {
        let study = StatementGroup(
            text: "每月组织党员集中学习一次，围绕党章党规开展研讨。", theme: "three-meetings", units: ["东湖街道", "西山镇"],
            members: [member("东湖街道", "每月组织党员集中学习一次，围绕党章党规开展研讨。"),
                      member("西山镇", "每月开展一次党员集中学习，结合党章党规交流体会。")],
            unit: "东湖街道", copies: [CopyGroup(representative: 0, members: [0]), CopyGroup(representative: 1, members: [1])])
        let dues = StatementGroup(
            text: "按时足额收缴党费，每季度公示一次。", theme: "dues", units: ["南岭村"],
            members: [member("南岭村", "按时足额收缴党费，每季度公示一次。")], unit: "南岭村",
            copies: [CopyGroup(representative: 0, members: [0])])
        let innovation = ProblemGroup(category: "innovation", label: "创新不足、活动形式单一", text: "组织生活形式比较单调，吸引力不强。",
                                      units: ["东湖街道", "南岭村"],
                                      items: [member("东湖街道", "组织生活形式比较单调，吸引力不强。"),
                                              member("南岭村", "党员教育方式老套，年轻党员参与不多。")])
        let study2 = ProblemGroup(category: "study", label: "学习不够深入", text: "理论学习停留在读文件层面。",
                                  units: ["西山镇"], items: [member("西山镇", "理论学习停留在读文件层面。")])
        let plan = StatementGroup(text: "下半年举办一期支部书记培训班。", theme: nil, units: ["西山镇"],
                                  members: [member("西山镇", "下半年举办一期支部书记培训班。")], unit: "西山镇",
                                  copies: [CopyGroup(representative: 0, members: [0])])
        return Consolidation(title: "测试汇总", period: Period(year: 2025, part: .h1),
                             units: [UnitEntry(unit: "东湖街道", status: .received, source: "东湖街道.txt")],
                             achievements: [study, dues], problems: [innovation, study2], plans: [plan], metrics: [])
    }
}

@Suite struct StatementKeyTests {
    @Test func keyIgnoresWhiteSpaceAndWidthButNotUnitOrWords() {
        let key = StatementKey.of(unit: "东湖街道", text: "开展主题党日活动12次。")
        #expect(StatementKey.of(unit: "东湖街道", text: " 开展主题党日活动１２次。 ") == key)
        #expect(StatementKey.of(unit: "西山镇", text: "开展主题党日活动12次。") != key)
        #expect(StatementKey.of(unit: "东湖街道", text: "开展主题党日活动13次。") != key)
    }
}

@Suite struct DecisionStoreTests {
    @Test func storesDecisionsAsSortedJSONAndReadsThemBack() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = DecisionStore(output: folder)
        #expect(try store.load().isEmpty)
        let ref = StatementRef(unit: "南岭村", text: "按时足额收缴党费，每季度公示一次。")
        try store.record(Decision(kind: .rewrite, statements: [ref], text: "各单位按时收缴党费并定期公示。"))
        try store.record(Decision(kind: .note, statements: [ref], text: "核实公示频次"))
        let text = try String(contentsOf: store.url, encoding: .utf8)
        #expect(text.contains("\"kind\" : \"rewrite\""))
        #expect(text.contains("各单位按时收缴党费并定期公示。"))
        #expect(try store.load().map(\.kind) == [.rewrite, .note])
        // No temporary file is left beside it.
        let names = try FileManager.default.contentsOfDirectory(atPath: store.folder.path)
        #expect(names == ["decisions.json"])
    }

    @Test func aSecondRewriteReplacesTheFirstButNotesAccumulate() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = DecisionStore(output: folder)
        let ref = StatementRef(unit: "南岭村", text: "按时足额收缴党费，每季度公示一次。")
        try store.record(Decision(kind: .rewrite, statements: [ref], text: "第一稿"))
        try store.record(Decision(kind: .rewrite, statements: [ref], text: "第二稿"))
        try store.record(Decision(kind: .note, statements: [ref], text: "甲"))
        try store.record(Decision(kind: .note, statements: [ref], text: "乙"))
        let decisions = try store.load()
        #expect(decisions.filter { $0.kind == .rewrite }.map(\.text) == ["第二稿"])
        #expect(decisions.filter { $0.kind == .note }.count == 2)
        try store.record(Decision(kind: .reviewed, statements: [ref]))
        try store.record(Decision(kind: .reviewed, statements: [ref], text: "undo"))
        #expect(try store.load().contains { $0.kind == .reviewed } == false)
    }

    @Test func anUnreadableFileIsReportedNotTreatedAsEmpty() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = DecisionStore(output: folder)
        try FileManager.default.createDirectory(at: store.folder, withIntermediateDirectories: true)
        try Data("{不是JSON".utf8).write(to: store.url)
        #expect(throws: DecisionStore.StoreError.self) { try store.load() }
    }
}

@Suite struct DecisionApplierTests {
    let applier = DecisionApplier(configuration: ReviewFixtures.configuration)

    @Test func noDecisionsLeaveTheConsolidationUntouched() {
        let consolidation = ReviewFixtures.consolidation
        #expect(applier.apply([], to: consolidation) == consolidation)
    }

    @Test func rewriteChangesTheWordingOfTheGroupHoldingTheStatement() {
        // Anchored on the second member, not the representative: the group is found all the same.
        let ref = StatementRef(unit: "西山镇", text: "每月开展一次党员集中学习，结合党章党规交流体会。")
        let result = applier.apply([Decision(kind: .rewrite, statements: [ref], text: "各单位每月集中学习党章党规。")],
                                   to: ReviewFixtures.consolidation)
        #expect(result.achievements.first { $0.theme == "three-meetings" }?.text == "各单位每月集中学习党章党规。")
        #expect(result.review?.decisions.first?.status == .applied)
        #expect(result.achievements.flatMap(\.members).count == 3)
    }

    @Test func rewriteFindsItsStatementAfterTheGroupsAreReordered() {
        var consolidation = ReviewFixtures.consolidation
        consolidation.achievements.reverse()
        let ref = StatementRef(unit: "南岭村", text: "按时足额收缴党费，每季度公示一次。")
        let result = applier.apply([Decision(kind: .rewrite, statements: [ref], text: "党费收缴规范。")], to: consolidation)
        #expect(result.achievements.first { $0.theme == "dues" }?.text == "党费收缴规范。")
        #expect(result.achievements.first { $0.theme == "three-meetings" }?.text == "每月组织党员集中学习一次，围绕党章党规开展研讨。")
    }

    @Test func movingAProblemToAnotherCategoryRecountsBothCategories() {
        let ref = StatementRef(unit: "南岭村", text: "党员教育方式老套，年轻党员参与不多。")
        let result = applier.apply([Decision(kind: .move, statements: [ref], toCategory: "study")], to: ReviewFixtures.consolidation)
        let study = result.problems.first { $0.category == "study" }
        let innovation = result.problems.first { $0.category == "innovation" }
        #expect(study?.units == ["南岭村", "西山镇"])
        #expect(study?.items.count == 2)
        #expect(innovation?.units == ["东湖街道"])
        #expect(result.problems.flatMap(\.items).count == 3)
    }

    @Test func movingAProblemToACategoryNoUnitRaisedCreatesIt() {
        let ref = StatementRef(unit: "西山镇", text: "理论学习停留在读文件层面。")
        let result = applier.apply([Decision(kind: .move, statements: [ref], toCategory: "cadre")], to: ReviewFixtures.consolidation)
        let cadre = result.problems.first { $0.category == "cadre" }
        #expect(cadre?.items.map(\.unit) == ["西山镇"])
        #expect(cadre?.label.isEmpty == false)
        #expect(result.problems.contains { $0.category == "study" } == false)
    }

    @Test func movingToAnUnknownCategoryNeedsAnotherLookAndChangesNothing() {
        let ref = StatementRef(unit: "西山镇", text: "理论学习停留在读文件层面。")
        let result = applier.apply([Decision(kind: .move, statements: [ref], toCategory: "没有这个类别")], to: ReviewFixtures.consolidation)
        #expect(result.review?.decisions.first?.status == .needsLook)
        #expect(result.problems.map(\.category) == ReviewFixtures.consolidation.problems.map(\.category))
    }

    @Test func splitTakesAStatementIntoAGroupOfItsOwnAndJoinPutsItBack() {
        let ref = StatementRef(unit: "西山镇", text: "每月开展一次党员集中学习，结合党章党规交流体会。")
        let split = applier.apply([Decision(kind: .split, statements: [ref])], to: ReviewFixtures.consolidation)
        #expect(split.achievements.count == 3)
        #expect(split.achievements.allSatisfy { $0.members.count == 1 })
        #expect(split.achievements.first { $0.members[0].unit == "西山镇" }?.text == ref.text)
        let back = StatementRef(unit: "东湖街道", text: "每月组织党员集中学习一次，围绕党章党规开展研讨。")
        let joined = applier.apply([Decision(kind: .split, statements: [ref]), Decision(kind: .join, statements: [back, ref])],
                                   to: ReviewFixtures.consolidation)
        #expect(joined.achievements.count == 2)
        #expect(joined.achievements.first { $0.members.count == 2 }?.text == back.text)
    }

    @Test func leaveOutRemovesTheStatementAndKeepsTheReason() {
        let ref = StatementRef(unit: "西山镇", text: "下半年举办一期支部书记培训班。")
        let result = applier.apply([Decision(kind: .leaveOut, statements: [ref], reason: "与上期重复")], to: ReviewFixtures.consolidation)
        #expect(result.plans.isEmpty)
        #expect(result.review?.leftOut.first?.reason == "与上期重复")
        #expect(result.review?.leftOut.first?.list == "plans")
    }

    @Test func aDecisionWhoseStatementDisappearedIsKeptAndNeedsAnotherLook() {
        // The unit resubmitted and reworded the statement: its key no longer matches.
        let ref = StatementRef(unit: "南岭村", text: "党费按季度收缴，年底统一公示。")
        let result = applier.apply([Decision(kind: .rewrite, statements: [ref], text: "新的表述。")], to: ReviewFixtures.consolidation)
        #expect(result.review?.decisions.first?.status == .needsLook)
        #expect(result.review?.decisions.first?.applied == false)
        #expect(result.achievements.contains { $0.text == "新的表述。" } == false)
        #expect(result.review?.changesSection?.contains("需要重新审核") == true)
        #expect(result.review?.summaryLine?.contains("需要重新审核") == true)
    }

    @Test func aDecisionWithSomeStatementsGoneAppliesToTheRestAndNeedsAnotherLook() {
        let present = StatementRef(unit: "东湖街道", text: "组织生活形式比较单调，吸引力不强。")
        let gone = StatementRef(unit: "南岭村", text: "这一句已被删去。")
        let result = applier.apply([Decision(kind: .reviewed, statements: [present, gone])], to: ReviewFixtures.consolidation)
        #expect(result.review?.decisions.first?.status == .needsLook)
        #expect(result.review?.reviewedKeys.contains(present.key) == true)
    }

    @Test func reviewedMarksAreCountedInTheSummaryLine() {
        let refs = [StatementRef(unit: "东湖街道", text: "组织生活形式比较单调，吸引力不强。"),
                    StatementRef(unit: "西山镇", text: "理论学习停留在读文件层面。"),
                    StatementRef(unit: "西山镇", text: "下半年举办一期支部书记培训班。")]
        let result = applier.apply(refs.map { Decision(kind: .reviewed, statements: [$0]) }, to: ReviewFixtures.consolidation)
        #expect(result.review?.summaryLine == "（本稿经人工审核：审核确认3条。）")
        #expect(result.achievements == ReviewFixtures.consolidation.achievements)
    }
}
