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

    /// The rows as the scalar-at-a-time reader gave them before rows were read on bytes.
    static func scalarRows(_ text: String) -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var rows: [[String]] = [], row: [String] = [], field = String.UnicodeScalarView()
        var quoted = false, index = 0
        func endRow() {
            row.append(String(field))
            field = String.UnicodeScalarView()
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" { field.append("\""); index += 1 } else { quoted = false }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",": row.append(String(field)); field = String.UnicodeScalarView()
            case "\r":
                if index < scalars.count, scalars[index] == "\n" { index += 1 }
                endRow()
            case "\n": endRow()
            default: field.append(scalar)
            }
        }
        endRow()
        return rows
    }

    @Test func fieldsAreTrimmedAsFoundationTrimsThem() {
        for field in ["", " ", "\t甲局 ", "\u{3000}乙局\u{3000}", "丙局", " \u{301}", "丁 局", "\u{A0}戊局", "局\n"] {
            #expect(Roster.trimmed(field) == field.trimmingCharacters(in: .whitespaces), "\(field.debugDescription)")
        }
    }

    @Test func aFileStemIsItsLastPathPartWithoutItsExtension() {
        /// The stem as it was taken on characters.
        func characterStem(_ path: String) -> String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
            return String(name[..<dot])
        }
        var generator = JSONDirectWriterTests.Seeded(state: 12)
        // No combining marks: a `/` or `.` followed by one is a different `Character` (see `stem`).
        let pieces = ["/", ".", "财政局", "a", "docx", "..", "//", "第1份", "😀"]
        for _ in 0..<1_000 {
            let path = (0..<Int.random(in: 0...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let submission = Submission(url: URL(fileURLWithPath: "/tmp/x"), path: path, unitHint: nil, modified: Date())
            #expect(submission.stem == characterStem(path), "\(path.debugDescription)")
        }
    }

    @Test func csvRowsReadOnBytesAreTheRowsReadOnScalars() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["\"", "\"\"", ",", "\r", "\n", "\r\n", "局", "财政", "a", " ", "\u{3000}", "é", "😀", "\u{FEFF}"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(CSV.rows(text) == Self.scalarRows(text), "\(text.debugDescription)")
        }
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
