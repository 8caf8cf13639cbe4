import Foundation
import Testing
@testable import ConsolidateCore

@Suite struct ChangeReportTests {
    typealias Key = ChangeReport.StatementKey

    @Test func aRewordedStatementOfTheSameUnitIsOneEditNotAnEntryAndAnExit() {
        var entered = [
            Key(unit: "甲街道", text: "本季度组织党员志愿者开展垃圾分类宣传12场，覆盖居民800余户。"),
            Key(unit: "甲街道", text: "新建红色议事厅2处。"),
        ]
        var left = [
            Key(unit: "甲街道", text: "本季度组织党员志愿者开展垃圾分类宣传10场，覆盖居民800余户。"),
            // Alike in words but another unit's: never paired across units.
            Key(unit: "乙镇", text: "本季度组织党员志愿者开展垃圾分类宣传12场，覆盖居民800余户。"),
            Key(unit: "甲街道", text: "开展老党员走访慰问活动。"),
        ]
        let edits = ChangeReport.pairEdits(entered: &entered, left: &left)
        #expect(edits == [ChangeReport.Edit(unit: "甲街道", now: "本季度组织党员志愿者开展垃圾分类宣传12场，覆盖居民800余户。",
                                            before: "本季度组织党员志愿者开展垃圾分类宣传10场，覆盖居民800余户。")])
        #expect(entered.map(\.text) == ["新建红色议事厅2处。"])
        #expect(left.map(\.unit) == ["乙镇", "甲街道"])
    }

    /// What `difference` replaced: `Set` subtraction, sorted.
    static func setDifference(_ old: [Key], _ new: [Key]) -> (entered: [Key], left: [Key]) {
        let (before, after) = (Set(old), Set(new))
        return (after.subtracting(before).sorted(), before.subtracting(after).sorted())
    }

    @Test func statementsThatEnteredAndLeftAreThoseOfSetSubtractionOnGeneratedRuns() {
        // Spellings `String` holds equal though their bytes differ: composed and decomposed units, a
        // compatibility ideograph and its unified one. (Not a decomposed letter or the Greek question
        // mark in the texts: `String`'s `<` holds neither `"e\u{301}" < "\u{E9};"` nor the reverse,
        // nor equality, so no sort of them has one right order; their equality is tested below.)
        let words = ["开展主题党日", "\u{E9}", "\u{F900}", "\u{8C48}", ";", "①", "×", "，", "学习", "A"]
        let units = ["甲街道", "乙镇", "Cafe\u{301}", "Caf\u{E9}", "丙社区"]
        var random = GroupingEvaluationTests.Seeded(state: 20261130)
        func key() -> Key {
            let text = (0..<Int.random(in: 1...3, using: &random)).map { _ in words.randomElement(using: &random)! }.joined()
            return Key(unit: units.randomElement(using: &random)!, text: text)
        }
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0...30, using: &random)).map { _ in key() }
            let new = (0..<Int.random(in: 0...30, using: &random)).map { _ in key() }
            let fast = ChangeReport.difference(old, new), slow = Self.setDifference(old, new)
            // The old handed over a few at a time gives the same; one that could not hand them all, none.
            let streamed = ChangeReport.difference(new, old: { batch in
                for start in stride(from: 0, to: old.count, by: 7) { batch(Array(old[start..<min(start + 7, old.count)])) }
                return true
            })
            #expect(streamed.map { $0.entered == fast.entered && $0.left == fast.left } == true)
            #expect(ChangeReport.difference(new, old: { batch in batch(Array(old.prefix(1))); return false }) == nil)
            // Of two equal spellings either may be kept: compare as `String`s compare, in order.
            #expect(fast.entered.count == slow.entered.count && zip(fast.entered, slow.entered).allSatisfy { $0 == $1 })
            #expect(fast.left.count == slow.left.count && zip(fast.left, slow.left).allSatisfy { $0 == $1 })
        }
    }

    @Test func statementsFoundByPositionAreTheListOfEveryStatementWithEmptyListsAmongThem() {
        var consolidation = MergerTests.merge([
            MergerTests.report("甲局", achievements: ["开展主题党日活动。", "召开组织生活会。"], problems: ["学习不够深入。"], plans: ["抓好党员发展。"]),
            MergerTests.report("乙局", achievements: ["开展主题党日活动。", "建立党员联系户制度。"], problems: ["制度执行不严。"]),
        ])
        #expect(!consolidation.achievements.isEmpty && !consolidation.plans.isEmpty && !consolidation.problems.isEmpty)
        // Lists with no statement, first, between and last: positions skip them.
        var emptyPractice = consolidation.achievements[0]
        emptyPractice.members = []
        var emptyProblem = consolidation.problems[0]
        emptyProblem.items = []
        consolidation.achievements.insert(emptyPractice, at: 0)
        consolidation.achievements.insert(emptyPractice, at: 2)
        consolidation.plans.append(emptyPractice)
        consolidation.problems.insert(emptyProblem, at: 0)
        consolidation.problems.append(emptyProblem)
        // Practices' and plans' members, then problems' items, walked here on their own.
        let listed = (consolidation.achievements + consolidation.plans).flatMap(\.members).map { ChangeReport.StatementKey(unit: $0.unit, text: $0.text) }
            + consolidation.problems.flatMap(\.items).map { ChangeReport.StatementKey(unit: $0.unit, text: $0.text) }
        #expect(ChangeReport.statements(of: consolidation) == listed)
        let byPosition = ChangeReport.StatementsByPosition(consolidation)
        #expect(listed.count >= 7 && byPosition.count == listed.count)
        #expect((0..<byPosition.count).map { byPosition[$0] } == listed)
        var none = consolidation
        (none.achievements, none.plans, none.problems) = ([], [], [])
        #expect(ChangeReport.StatementsByPosition(none).count == 0)
    }

    @Test func aLongListOfChangedSubmissionsIsListedOneALineAndAShortOneOnOneLine() {
        func lines(_ count: Int) -> [ChangeReport.Line] {
            (1...count).map { ChangeReport.Line(unit: "第\($0)社区", text: "第\($0)社区（第\($0)社区.txt）") }
        }
        func markdown(_ resubmitted: Int, _ added: Int) -> String {
            ChangeReport.markdown(.init(submissions: [("新收到", lines(added)), ("重新报送、内容有变化", lines(resubmitted))],
                                        edited: [], entered: [], left: [], totals: [], otherTotals: []))
        }
        let short = markdown(ChangeReport.inlineEntries, 2)
        #expect(short.contains("- 重新报送、内容有变化（10）：第1社区（第1社区.txt）、第2社区（第2社区.txt）、"))
        #expect(short.contains("- 新收到（2）：第1社区（第1社区.txt）、第2社区（第2社区.txt）\n"))
        let long = markdown(1000, 2)
        #expect(long.contains("- 重新报送、内容有变化（1000）：\n  - 第1社区（第1社区.txt）\n  - 第2社区（第2社区.txt）\n"))
        #expect(long.contains("\n  - 第1000社区（第1000社区.txt）\n"))
        #expect(long.contains("- 新收到（2）：第1社区（第1社区.txt）、第2社区（第2社区.txt）\n"))
        // Every entry listed, none on a line of its own kind twice, no line of a thousand names.
        let listed = long.split(separator: "\n").filter { $0.hasPrefix("  - ") }
        #expect(listed.count == 1000 && Set(listed).count == 1000)
        #expect(long.split(separator: "\n").allSatisfy { $0.count < 200 })
    }

    @Test func aStatementSpelledDifferentlyButEqualAsTextNeitherEntersNorLeaves() {
        let old = [Key(unit: "甲街道", text: "召开支部委员会\u{37E}研究发展党员"), Key(unit: "甲街道", text: "新建书屋1处"),
                   Key(unit: "甲街道", text: "学习Cafe\u{301}经验")]
        let new = [Key(unit: "甲街道", text: "召开支部委员会;研究发展党员"), Key(unit: "甲街道", text: "新建书屋2处"),
                   Key(unit: "甲街道", text: "学习Caf\u{E9}经验")]
        let (entered, left) = ChangeReport.difference(old, new)
        #expect(entered == [Key(unit: "甲街道", text: "新建书屋2处")])
        #expect(left == [Key(unit: "甲街道", text: "新建书屋1处")])
    }

    @Test func theStoreKeyNamesThisVeryBuildOfTheTool() {
        // A rebuilt executable has another hash, so its store entries of an older build are not reused.
        #expect(ToolInfo.build.count == 64)
        #expect(ToolInfo.build.allSatisfy { $0.isHexDigit })
    }

    @Test func ledgerTimesKeepMillisecondsAndOldWholeSecondLinesStillRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = Date(timeIntervalSince1970: 1_790_000_000.25)
        try Ledger.append(Ledger.Entry(started: start, ended: start.addingTimeInterval(0.5), exitCode: 0), in: folder)
        let url = Ledger.url(in: folder)
        let old = #"{"ended":"2026-11-23T02:30:09Z","exitCode":3,"filesChanged":0,"filesNew":2,"filesQuarantined":0,"filesUnchanged":0,"started":"2026-11-23T02:30:01Z","unitsMissing":0,"unitsReceived":2,"warnings":0}"#
        try (String(contentsOf: url, encoding: .utf8) + old + "\n").write(to: url, atomically: true, encoding: .utf8)
        let entries = Ledger.entries(in: folder)
        #expect(entries.count == 2)
        #expect(abs(entries[0].ended.timeIntervalSince(entries[0].started) - 0.5) < 0.001)
        #expect(entries[1].ended.timeIntervalSince(entries[1].started) == 8)
    }
}
