import Foundation
import Testing
@testable import ConsolidateCore

/// How units are told apart, how conflicting figures are shown, and what changes.md calls a unit.
@Suite struct UnitIdentityTests {
    static func claim(_ path: String, _ name: String, fromRosterFile: Bool = false) -> UnitResolver.Claim {
        let stem = String(path.split(separator: "/").last!.split(separator: ".").first!)
        return UnitResolver.Claim(path: path, stem: stem, name: name, fromRosterFile: fromRosterFile)
    }

    @Test func anonymisedGenericOrEmptyNamesIdentifyNoUnit() {
        for name in ["", "XX局", "××镇", "某单位", "我局", "党支部", "局", "X"] { #expect(!UnitName.identifies(name), "\(name)") }
        for name in ["青山区甲局", "新街镇", "青山区实验中学党支部"] { #expect(UnitName.identifies(name), "\(name)") }
    }

    /// A kind of unit with its party organ, or a unit's own word for itself, is said by many units:
    /// two reports that both sign `社区党支部` are not one unit's, so neither name identifies.
    @Test func aKindOfUnitOrAUnitsOwnWordIdentifiesNoUnit() {
        for name in ["社区党支部", "医院党委", "法院党组", "镇党委", "我村", "本单位", "学校", "街道党工委", "农民专业合作社",
                     "专业合作社党支部"] {
            #expect(!UnitName.identifies(name), "\(name)")
        }
        for name in ["红星社区党支部", "县人民医院党委", "新街镇党委", "河西街道党工委", "青石果蔬专业合作社"] { #expect(UnitName.identifies(name), "\(name)") }
    }

    @Test func aPartyOrganAfterAUnitsNameIsTheSameUnit() {
        #expect(UnitName.key("青山区财政局党组") == UnitName.key("青山区财政局"))
        #expect(UnitName.key("青山区 财政局") == UnitName.key("青山区财政局"))
        #expect(UnitName.key("青山区财政局") != UnitName.key("青山区教育局"))
    }

    @Test func aFileStemNamesAUnitOnlyWhereItReadsAsAnOrganisation() {
        #expect(UnitName.fromStem("03-青山区财政局") == "青山区财政局")
        #expect(UnitName.fromStem("青山区财政局2024年二季度党建工作汇报") == "青山区财政局")
        #expect(UnitName.fromStem("党建工作汇报") == nil)
        #expect(UnitName.fromStem("w01") == nil)
        #expect(UnitName.fromStem("XX局") == nil)
    }

    @Test func unnamedReportsAreNamedAfterTheirFilesAndNeverMerged() {
        let resolutions = UnitResolver(roster: nil).resolve([
            Self.claim("a/报告.txt", ""), Self.claim("b/报告.txt", "XX局"), Self.claim("w03.txt", "我局"),
        ])
        #expect(resolutions.map(\.unit) == ["a/报告.txt", "b/报告.txt", "w03"])
        #expect(resolutions.allSatisfy { $0.identity.basis == .file && !$0.warnings.isEmpty })
    }

    @Test func namesSpelledTwoWaysAreOneUnitWithoutARoster() {
        let resolutions = UnitResolver(roster: nil).resolve([Self.claim("a.txt", "青山区甲局党组"), Self.claim("b.txt", "青山区甲局")])
        #expect(resolutions.map(\.unit) == ["青山区甲局", "青山区甲局"])
        #expect(resolutions.allSatisfy { $0.identity == UnitIdentity(basis: .name) })
    }

    @Test func aNearMatchTakesOnlyARosterEntryNoFileNamesExactly() throws {
        let roster = try Roster.parse("unit\n青山区财政局\n青山区教育局\n", path: "roster.csv")
        let resolutions = UnitResolver(roster: roster).resolve([
            Self.claim("青山区财政局.txt", "青山区财政局", fromRosterFile: true),
            Self.claim("x.txt", "青山区财政厅"),
            Self.claim("y.txt", "青山区教育厅"),
        ])
        #expect(resolutions[0].identity == UnitIdentity(basis: .roster))
        // 财政局 already reported under its own name: 财政厅 is not taken for it.
        #expect(resolutions[1].unit == "青山区财政厅")
        #expect(resolutions[1].identity.notOnRoster)
        #expect(resolutions[2].unit == "青山区教育局")
        #expect(resolutions[2].identity.rosterMatch == RosterMatch(entry: "青山区教育局", found: "青山区教育厅"))
    }

    @Test func aNameWithoutTheAreaMatchesTheRosterEntryThatHasIt() throws {
        let roster = try Roster.parse("unit\n青山区财政局\n", path: "roster.csv")
        #expect(UnitName.nearest(to: "财政局", in: roster.units) == "青山区财政局")
        #expect(UnitName.nearest(to: "青山区临江镇", in: ["青山区临溪镇"]) == nil)
        #expect(UnitName.nearest(to: "青山区市场监督管里局", in: ["青山区市场监督管理局"]) == "青山区市场监督管理局")
    }

    @Test func aNameThatIsNotUTF8IsReadAsGB18030ElseEscaped() throws {
        let gbk = try #require("青山区甲局.txt".data(using: TextDecoding.gb18030))
        #expect(InputScan.decodeName(Array(gbk)) == ("青山区甲局.txt", "gb18030"))
        #expect(InputScan.decodeName(Array("甲局.txt".utf8)) == ("甲局.txt", nil))
        #expect(InputScan.decodeName([0x61, 0xFF, 0x2E, 0x74]).0 == "a%FF.t")
        #expect(InputScan.decodeName([0x61, 0xFF, 0x2E, 0x74]).1 == "unknown")
    }

    // MARK: Figures

    @Test func differingFiguresOfOneUnitAndActivityAreShownWithTheirPlacesAndTheRule() throws {
        var report = MergerTests.report("甲局", metrics: [
            Metric(text: "开展集中学习24次", activity: "集中学习", value: 24, unit: "次", approx: false,
                   location: SourceLocation(paragraph: 4)),
            Metric(text: "全年集中学习30次", activity: "集中学习", value: 30, unit: "次", approx: false,
                   location: SourceLocation(paragraph: 9)),
        ])
        report.source.path = "甲局.txt"
        let merged = MergerTests.merge([report, MergerTests.report("乙局", metrics: [
            Metric(text: "集中学习5次", activity: "集中学习", value: 5, unit: "次", approx: false),
        ])])
        let total = try #require(merged.metrics.first { $0.activity == "集中学习" })
        #expect(total.total == 35)
        #expect(total.rule?.contains("取其中最大者") == true)
        let conflict = try #require(total.conflicts?.first)
        #expect(total.conflicts?.count == 1)
        #expect(conflict.unit == "甲局" && conflict.kept == 30)
        #expect(conflict.figures.map(\.value) == [24, 30])
        #expect(conflict.figures.map(\.location?.paragraph) == [4, 9])
        #expect(conflict.figures.allSatisfy { $0.source == "甲局.txt" })
        let html = ReviewPage(consolidation: merged, configuration: MergerTests.configuration).render()
        #expect(html.contains("1个单位数字不一致"))
        #expect(html.contains("甲局.txt：第4段") && html.contains("24次（未计入）") && html.contains("30次（计入）"))
        #expect(html.contains("计算规则："))
        let json = String(decoding: try JSONOutput.encode(merged), as: UTF8.self)
        #expect(json.contains("\"conflicts\""))
        let markdown = SummaryMarkdown(consolidation: merged, configuration: MergerTests.configuration).render()
        #expect(markdown.contains("集中学习报了不同的数字（24次、30次），合计按30次计入，请核实。"))
    }

    @Test func partsAddingUpToTheCountedFigureAreABreakdownNotAContradiction() throws {
        let merged = MergerTests.merge([MergerTests.report("甲局", metrics: [
            Metric(text: "书记讲党课1次", activity: "党课", value: 1, unit: "次", approx: false),
            Metric(text: "委员讲党课2次，共计3次", activity: "党课", value: 3, unit: "次", approx: false),
            Metric(text: "委员讲党课2次", activity: "党课", value: 2, unit: "次", approx: false),
        ])])
        let conflict = try #require(merged.metrics.first?.conflicts?.first)
        #expect(conflict.breakdown && conflict.kept == 3)
        let markdown = SummaryMarkdown(consolidation: merged, configuration: MergerTests.configuration).render()
        #expect(!markdown.contains("报了不同的数字"))
        // Parts that do not add up are a contradiction.
        let other = MergerTests.merge([MergerTests.report("甲局", metrics: [
            Metric(text: "讲党课1次", activity: "党课", value: 1, unit: "次", approx: false),
            Metric(text: "共计3次", activity: "党课", value: 3, unit: "次", approx: false),
        ])])
        #expect(other.metrics.first?.conflicts?.first?.breakdown == false)
    }

    @Test func aRestatedEqualFigureIsNoConflict() throws {
        let merged = MergerTests.merge([MergerTests.report("甲局", metrics: [
            Metric(text: "累计开展集中学习30次", activity: "集中学习", value: 30, unit: "次", approx: false),
            Metric(text: "先后30次", activity: "集中学习", value: 30, unit: "次", approx: false),
        ])])
        #expect(merged.metrics.first?.conflicts == nil)
        #expect(merged.metrics.first?.rule != nil)
    }

    @Test func rollingUpConsolidationsKeepsTheConflictingFigures() throws {
        let district = MergerTests.merge([MergerTests.report("甲局", metrics: [
            Metric(text: "集中学习24次", activity: "集中学习", value: 24, unit: "次", approx: false),
            Metric(text: "集中学习30次", activity: "集中学习", value: 30, unit: "次", approx: false),
        ])])
        let city = Merger(configuration: MergerTests.configuration).merge(MergeInput.from([district]))
        #expect(city.metrics.first?.total == 30)
        #expect(city.metrics.first?.conflicts?.first?.figures.map(\.value) == [24, 30])
    }

    // MARK: changes.md

    @Test func aUnitNoLongerListedIsNotCalledMadeUp() throws {
        let roster = try Roster.parse("unit\n甲局\n乙局\n", path: "roster.csv")
        let before = MergerTests.merge([MergerTests.report("甲局")], roster: roster)
        let beforeRecord = Self.record(missing: ["乙局"], inputs: ["甲局.txt"])
        // Without a roster, nobody is missing; 乙局 sent nothing all the same.
        let after = MergerTests.merge([MergerTests.report("甲局")])
        let changes = ChangeReport(previousRecord: beforeRecord, previous: before, currentRecord: Self.record(missing: [], inputs: ["甲局.txt"]),
                                   current: after)
        #expect(!changes.markdown().contains("已补报"))
        #expect(changes.markdown().contains("不再列为应报送"))
        // 乙局 sends its report: now it has made it up.
        let later = MergerTests.merge([MergerTests.report("甲局"), MergerTests.report("乙局")], roster: roster)
        let madeUp = ChangeReport(previousRecord: beforeRecord, previous: before,
                                  currentRecord: Self.record(missing: [], inputs: ["甲局.txt", "乙局.txt"]), current: later)
        #expect(madeUp.markdown().contains("已补报（1）：乙局"))
    }

    static func record(missing: [String], inputs: [String]) -> RunRecord {
        RunRecord(tool: "consolidate", version: "0", input: "in", pipeline: nil, roster: nil,
                  inputs: inputs.map { RunRecord.Input(path: $0, unit: String($0.dropLast(4)), sha256: $0, format: .txt, encoding: nil,
                                                       status: .received, reason: nil, stage: nil, warnings: []) },
                  skipped: [], missing: missing,
                  counts: .init(files: inputs.count, received: inputs.count, quarantined: 0, superseded: 0, missing: missing.count,
                                skipped: 0, statements: 0, metrics: 0),
                  timings: [:], outputs: [])
    }
}
