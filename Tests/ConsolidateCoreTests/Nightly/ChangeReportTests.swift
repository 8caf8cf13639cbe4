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
