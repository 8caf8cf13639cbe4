import Foundation
import Testing
@testable import ConsolidateCore

/// A file's roster unit: its file column, else its exact name, else the longest unit name its
/// stem contains; looked up, never by a pass over the roster.
struct RosterLookupTests {
    let roster = try! Roster.parse("""
        unit,file
        青山区财政局,czj-2026
        青山区教育局,
        教育局,
        青山区文化局,
        青山区卫健局,
        """, path: "roster.csv")

    @Test func theFileColumnNamesTheUnit() {
        #expect(roster.unit(forFileStem: "czj-2026") == "青山区财政局")
    }

    @Test func aStemEqualToAUnitNamesIt() {
        #expect(roster.unit(forFileStem: "教育局") == "教育局")
        #expect(roster.unit(forFileStem: "青山区教育局") == "青山区教育局")
    }

    @Test func theLongestContainedNameWins() {
        #expect(roster.unit(forFileStem: "03-青山区教育局三季度汇报") == "青山区教育局")
        #expect(roster.unit(forFileStem: "教育局汇报（修改稿）") == "教育局")
    }

    @Test func equallyLongNamesGoToTheFirstInOrder() {
        // Both six-character names appear; the earlier in code-point order is taken, whatever the roster order.
        let stem = "青山区文化局与青山区卫健局联合汇报"
        let expected = ["青山区文化局", "青山区卫健局"].min()!
        #expect(roster.unit(forFileStem: stem) == expected)
        let reversed = try! Roster.parse("unit\n青山区卫健局\n青山区文化局\n", path: "roster.csv")
        #expect(reversed.unit(forFileStem: stem) == expected)
    }

    @Test func aStemNamingNoUnitHasNone() {
        #expect(roster.unit(forFileStem: "青山区民政局") == nil)
        #expect(roster.unit(forFileStem: "2026三季度") == nil)
        #expect(roster.unit(forFileStem: "") == nil)
    }

    @Test func aLargeRosterIsLookedUpByName() {
        let names = (0..<20_000).map { "青山区第\($0)党支部" }
        let large = Roster(entries: names.map { Roster.Entry(unit: $0, file: nil) })
        #expect(large.unit(forFileStem: "汇报-青山区第19999党支部") == "青山区第19999党支部")
        #expect(large.unit(forFileStem: "青山区第1党支部") == "青山区第1党支部")
    }
}

/// The roster file is read as CSV with quoting, and is never taken for a submission, however its path is spelled.
struct RosterFileTests {
    @Test func csvRowsKeepQuotedCommasQuotesAndLineBreaksAndEndLinesAnyWay() {
        let text = "unit,file\r\n\"青山区财政局，机关\",\"cz\"\"j\"\r青山区教育局,\"第一行\n第二行\"\n\n,\n青山区文化局"
        #expect(CSV.rows(text) == [["unit", "file"], ["青山区财政局，机关", "cz\"j"], ["青山区教育局", "第一行\n第二行"],
                                   ["", ""], ["青山区文化局"]])
        #expect(CSV.rows("") == [])
        #expect(CSV.rows("a,b\r\n") == [["a", "b"]])
    }

    @Test func theRosterIsPassedOverWhetherNamedByAnotherPathOrLinkedTo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("unit\n青山区财政局\n".utf8).write(to: folder.appendingPathComponent("roster.csv"))
        try Data("青山区财政局2026年党建工作汇报".utf8).write(to: folder.appendingPathComponent("青山区财政局.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("名单.txt").path, withDestinationPath: "roster.csv")
        let (submissions, skipped) = try Submission.discover(in: folder, extensions: ["txt", "docx"], roster: nil,
                                                             excluding: [folder.path + "/sub/../roster.csv"])
        #expect(submissions.map(\.path) == ["青山区财政局.txt"])
        #expect(skipped.filter { $0.reason == "单位名单" }.map(\.path).sorted() == ["roster.csv", "名单.txt"])
    }
}
