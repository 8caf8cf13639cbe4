import Foundation
import Testing
@testable import ConsolidateCore

/// What a run keeps of its summary for the next run's changes.md: read back exactly, used only
/// while summary.json is the file that run wrote, and giving the same changes as summary.json.
@Suite struct ChangeBasisTests {
    static let basis = ChangeBasis(
        statements: [.init(unit: "甲局", text: "开展主题党日3次"),
                     .init(unit: "乙镇\t党委", text: "一行\n二行，反斜杠\\n不是换行\r"),
                     .init(unit: "丙社区", text: "")],
        totals: [.init(activity: "主题党日", unit: "次", total: 12, unknown: ["丁村", "戊\t站"]),
                 .init(activity: "发展党员", unit: "名", total: 0, unknown: [])])

    @Test func readsBackEveryStatementAndTotalWithTabsAndLineBreaksInThem() {
        let data = Self.basis.encoded(summarySize: 1234, summaryModified: 56789)
        #expect(ChangeBasis.decode(data, summarySize: 1234, summaryModified: 56789) == Self.basis)
    }

    @Test func aUnitNameReadBackIsSharedByItsStatementsAndNeverRespelled() throws {
        // Composed and decomposed spellings are equal as `String`s; each keeps its own bytes.
        let basis = ChangeBasis(
            statements: [.init(unit: "甲局", text: "一"), .init(unit: "Caf\u{E9}支部", text: "二"),
                         .init(unit: "甲局", text: "三"), .init(unit: "Cafe\u{301}支部", text: "四")],
            totals: [])
        let data = basis.encoded(summarySize: 1, summaryModified: 2)
        let back = try #require(ChangeBasis.decode(data, summarySize: 1, summaryModified: 2))
        #expect(back == basis)
        #expect(back.statements.map { Array($0.unit.utf8) } == basis.statements.map { Array($0.unit.utf8) })
    }

    @Test func aUnitReadBackIsOneStringForAllItsLinesAndBytesThatAreNotUTF8AreRefused() throws {
        let copied = "严格落实“三会一课”制度，按期召开支部党员大会。"
        let decomposed = "Cafe\u{301}支部组织党员开展主题党日活动"
        let unit = "青川区城市建设投资集团有限公司"
        let basis = ChangeBasis(
            statements: [.init(unit: unit, text: copied), .init(unit: "乙局", text: copied),
                         .init(unit: unit, text: "Caf\u{E9}支部组织党员开展主题党日活动"), .init(unit: "丁局", text: decomposed)],
            totals: [])
        let back = try #require(ChangeBasis.decode(basis.encoded(summarySize: 1, summaryModified: 2), summarySize: 1, summaryModified: 2))
        #expect(back == basis)
        #expect(SpellingPoolTests.storage(back.statements[0].unit) != nil)
        #expect(SpellingPoolTests.storage(back.statements[0].unit) == SpellingPoolTests.storage(back.statements[2].unit))
        // Equal as `String`s, other bytes: each read back as written.
        #expect(back.statements.map { Array($0.text.utf8) } == basis.statements.map { Array($0.text.utf8) })
        // A long field that is not UTF-8, after one that is: the basis is not used.
        let stamp = String(decoding: ChangeBasis.stampLine(summarySize: 1, summaryModified: 2), as: UTF8.self)
        var bad = Data("\(ChangeBasis.header)\n\(stamp)\nS\t甲局\t\(copied)\nS\t乙局\t".utf8)
        bad += Data([0xE4, 0xB8] + Array(repeating: 0x41, count: 20) + [0x0A])
        #expect(ChangeBasis.decode(bad, summarySize: 1, summaryModified: 2) == nil)
        // A unit's name that is not UTF-8 likewise.
        var badUnit = Data("\(ChangeBasis.header)\n\(stamp)\nS\t".utf8)
        badUnit += Data([0xE4, 0xB8] + Array(repeating: 0x41, count: 20)) + Data("\t\(copied)\n".utf8)
        #expect(ChangeBasis.decode(badUnit, summarySize: 1, summaryModified: 2) == nil)
        var pool = SpellingPool()
        let invalid: [UInt8] = [0xFF] + Array(repeating: 0x41, count: 20)
        #expect(invalid.withUnsafeBufferPointer { pool.shared(validating: $0) } == nil)
        #expect(pool.count == 0, "bytes that are not UTF-8 are not kept")
        let valid = Array(copied.utf8)
        #expect(valid.withUnsafeBufferPointer { pool.shared(validating: $0) } == copied && pool.count == 1)
    }

    @Test func aBasisMadeForAnotherSummaryOrCutShortIsNotUsed() {
        let data = Self.basis.encoded(summarySize: 1234, summaryModified: 56789)
        #expect(ChangeBasis.decode(data, summarySize: 1235, summaryModified: 56789) == nil)
        #expect(ChangeBasis.decode(data, summarySize: 1234, summaryModified: 56790) == nil)
        #expect(ChangeBasis.decode(data.dropLast(3), summarySize: 1234, summaryModified: 56789) == nil)
        #expect(ChangeBasis.decode(Data("S\t甲局\n".utf8), summarySize: 1234, summaryModified: 56789) == nil)
    }

    @Test func theStreamedFileHoldsTheLinesTheBasisWasOnceJoinedFrom() throws {
        // Enough statements for several pieces of a megabyte, escapes among them.
        var statements = Self.basis.statements
        for index in 0..<44_000 {
            statements.append(.init(unit: "第\(index % 97)支部", text: "组织党员集中学习\(index)次\t共\(index * 3)人次，撰写心得体会\\交流发言。"))
        }
        let basis = ChangeBasis(statements: statements, totals: Self.basis.totals)
        // The stamp in a fixed width, so that it can be written in its place after the statements.
        let padding = String(repeating: " ", count: 19)
        var lines = [ChangeBasis.header, "\(padding)7\t\(padding)8"]
        for statement in statements { lines.append("S\t\(ChangeBasis.escape(statement.unit))\t\(ChangeBasis.escape(statement.text))") }
        for total in basis.totals {
            lines.append(["T", ChangeBasis.escape(total.activity), ChangeBasis.escape(total.unit), String(total.total)]
                .joined(separator: "\t") + total.unknown.map { "\t" + ChangeBasis.escape($0) }.joined())
        }
        let expected = Data((lines.joined(separator: "\n") + "\n").utf8)
        #expect(expected.count > 2 << 20)
        #expect(basis.encoded(summarySize: 7, summaryModified: 8) == expected)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("basis-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("basis")
        try AtomicFile.write(to: url) { sink in try basis.write(summarySize: 7, summaryModified: 8, to: sink) }
        #expect(try Data(contentsOf: url) == expected)
        #expect(ChangeBasis.decode(expected, summarySize: 7, summaryModified: 8) == basis)
    }

    @Test func theBasisKeptFromAConsolidationIsTheOneItsListOfStatementsGives() throws {
        // More statements than a batch of slices holds, in practices, plans and problems, escapes among them.
        func members(_ count: Int, _ words: String) -> [Member] {
            (0..<count).map { Member(unit: "第\($0 % 89)\t支部", text: "\(words)\($0)次\\共\($0 * 2)人\n") }
        }
        let slice = ChangeBasis.sliceSize
        let achievements = [StatementGroup(text: "甲", theme: nil, units: [], members: members(3 * slice + 5, "学习")),
                            StatementGroup(text: "乙", theme: nil, units: [], members: []),
                            StatementGroup(text: "丙", theme: nil, units: [], members: members(slice - 1, "党日"))]
        let plans = [StatementGroup(text: "丁", theme: nil, units: [], members: members(2 * slice, "计划"))]
        let problems = [ProblemGroup(category: "c", label: "类", text: "戊", units: [], items: members(slice + 3, "问题"))]
        let metrics = [MetricTotal(activity: "主题党日", unit: "次", total: 3, approx: false, units: [], unknown: ["己\t站"])]
        let consolidation = Consolidation(title: "t", period: Period(year: 2024, part: .q3), units: [], achievements: achievements,
                                          problems: problems, plans: plans, metrics: metrics)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("basis-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".consolidate"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: folder.appendingPathComponent("summary.json"))
        let stamp = try #require(ChangeBasis.stamp(folder))
        ChangeBasis.keep(ChangeBasis.draft(consolidation, in: folder), in: folder)
        let listed = ChangeBasis(consolidation)
        #expect(listed.statements.count == 7 * slice + 7)
        #expect(try Data(contentsOf: ChangeBasis.url(folder)) == listed.encoded(summarySize: stamp.size, summaryModified: stamp.modified))
    }

    /// A basis describes the summary.json its run wrote: a run whose pipeline writes none (here after
    /// one that did, whose summary.json stays in the folder) leaves no basis, and no draft of one.
    @Test func aRunThatWritesNoSummaryJSONKeepsNoBasis() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        var configuration = RenderFixtures.configuration
        _ = try PipelineRunner(configuration: configuration, roster: nil).run(input: Repository.samples, output: output)
        #expect(FileManager.default.fileExists(atPath: ChangeBasis.url(output).path))
        configuration.render.outputs.removeAll { $0 == "summary.json" }
        #expect(configuration.render.outputs.contains("summary.md"))
        let summary = try Data(contentsOf: output.appendingPathComponent("summary.json"))
        let second = try PipelineRunner(configuration: configuration, roster: nil).run(input: Repository.samples, output: output)
        #expect(second.consolidation != nil, "merged and rendered, not kept from the first run")
        #expect(try Data(contentsOf: output.appendingPathComponent("summary.json")) == summary)
        let kept = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent(".consolidate").path)
        #expect(!kept.contains { $0.contains("basis") }, "\(kept)")
    }

    @Test func aDraftReplacesTheKeptBasisOnlyWhenStampedWithTheSummaryWrittenAfterIt() throws {
        let members = (0..<20).map { Member(unit: "第\($0 % 3)支部", text: "开展主题党日\($0)次") }
        let consolidation = Consolidation(title: "t", period: Period(year: 2024, part: .q3), units: [],
                                          achievements: [StatementGroup(text: "甲", theme: nil, units: [], members: members)],
                                          problems: [], plans: [], metrics: [])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("basis-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = folder.appendingPathComponent(".consolidate")
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        let summary = folder.appendingPathComponent("summary.json")
        let older = Data("an older basis".utf8)
        try older.write(to: ChangeBasis.url(folder))
        func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: kept.path).sorted() }

        // While the draft is written the older basis stands, the draft a hidden file beside it.
        let draft = try #require(ChangeBasis.draft(consolidation, in: folder))
        #expect(try Data(contentsOf: ChangeBasis.url(folder)) == older)
        #expect(try files().count == 2 && files().contains("basis"))
        // summary.json written after the draft: the kept basis carries its size and time, and is read back.
        try Data(#"{"title":"t"}"#.utf8).write(to: summary)
        let stamp = try #require(ChangeBasis.stamp(folder))
        ChangeBasis.keep(draft, in: folder)
        #expect(try files() == ["basis"])
        #expect(try Data(contentsOf: ChangeBasis.url(folder))
            == ChangeBasis(consolidation).encoded(summarySize: stamp.size, summaryModified: stamp.modified))
        #expect(ChangeBasis.read(ChangeBasis.url(folder), summarySize: stamp.size, summaryModified: stamp.modified)
            == ChangeBasis(consolidation))

        // A draft let go (a run that failed before its outputs were written): the kept basis as it was.
        let basis = try Data(contentsOf: ChangeBasis.url(folder))
        try #require(ChangeBasis.draft(consolidation, in: folder)).discard()
        #expect(try files() == ["basis"])
        #expect(try Data(contentsOf: ChangeBasis.url(folder)) == basis)

        // A draft whose folder has no summary.json when it is to be kept: no basis, the older one gone too.
        let orphan = try #require(ChangeBasis.draft(consolidation, in: folder))
        try FileManager.default.removeItem(at: summary)
        ChangeBasis.keep(orphan, in: folder)
        #expect(try files().isEmpty)
    }

    @Test func aDraftFileIsPatchedInPlaceAndGoneWhenDroppedUncommitted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("file")
        let draft = try AtomicFile.Draft(replacing: url)
        try Array("line one\n--------\nline three\n".utf8).withUnsafeBytes(draft.write)
        try Array("line two".utf8).withUnsafeBytes { try draft.patch($0, at: 9) }
        #expect(!FileManager.default.fileExists(atPath: url.path), "nothing in place before the commit")
        try draft.commit()
        #expect(try String(contentsOf: url, encoding: .utf8) == "line one\nline two\nline three\n")
        #expect(throws: (any Error).self) { try Array("x".utf8).withUnsafeBytes(draft.write) }
        // Dropped without a commit: the temporary file is removed and the file in place stays.
        do {
            let dropped = try AtomicFile.Draft(replacing: url)
            try Array("other".utf8).withUnsafeBytes(dropped.write)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["file"])
        #expect(try String(contentsOf: url, encoding: .utf8) == "line one\nline two\nline three\n")
    }

    @Test func aFileReadInPiecesOfAnySizeGivesTheBasisThatDecodingItWholeGives() throws {
        // Lines cut anywhere by a piece's end: inside a multi-byte character, an escape, a tab, right after a line feed.
        var statements = Self.basis.statements
        for index in 0..<300 {
            statements.append(.init(unit: "第\(index % 7)支部", text: "组织集中学习\(index)次\t撰写心得\\交流。"))
        }
        let basis = ChangeBasis(statements: statements, totals: Self.basis.totals)
        let data = basis.encoded(summarySize: 3, summaryModified: 4)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("basis")
        try data.write(to: url)
        for pieceSize in [1, 2, 3, 5, 64, 4096, 1 << 22] {
            #expect(ChangeBasis.read(url, summarySize: 3, summaryModified: 4, pieceSize: pieceSize) == basis, "pieces of \(pieceSize)")
        }
        #expect(ChangeBasis.read(url, summarySize: 3, summaryModified: 5, pieceSize: 7) == nil)
        // Cut short, not UTF-8 in a line split across pieces, missing, empty: not used.
        try data.dropLast(1).write(to: url)
        #expect(ChangeBasis.read(url, summarySize: 3, summaryModified: 4, pieceSize: 7) == nil)
        var bad = data
        bad.insert(contentsOf: [0xE4, 0xB8, 0x41], at: data.count - 20)
        try bad.write(to: url)
        #expect(ChangeBasis.read(url, summarySize: 3, summaryModified: 4, pieceSize: 7) == nil)
        try Data().write(to: url)
        #expect(ChangeBasis.read(url, summarySize: 3, summaryModified: 4) == nil)
        #expect(ChangeBasis.read(folder.appendingPathComponent("none"), summarySize: 3, summaryModified: 4) == nil)
        // Handed over one at a time: the same statements in order, the totals returned.
        try data.write(to: url)
        var handed: [ChangeReport.StatementKey] = []
        let totalsOnly = ChangeBasis.read(url, summarySize: 3, summaryModified: 4, pieceSize: 5) { handed += $0 }
        #expect(handed == basis.statements)
        #expect(totalsOnly == ChangeBasis(statements: [], totals: basis.totals))
        // A basis with no statements and no totals is still a basis.
        let empty = ChangeBasis(statements: [], totals: [])
        try empty.encoded(summarySize: 3, summaryModified: 4).write(to: url)
        #expect(ChangeBasis.read(url, summarySize: 3, summaryModified: 4, pieceSize: 5) == empty)
    }

    /// One unit's file changes between two runs; changes.md is the same whether the second run
    /// compares with the kept basis or, with it gone or summary.json touched since, with summary.json.
    @Test func changesAreTheSameFromTheKeptBasisAsFromSummaryJSON() throws {
        let folder = try NightlyRunTests.copyOfSamples()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try NightlyRunTests.run(folder)
        let out = folder.appendingPathComponent("out")
        let basisURL = out.appendingPathComponent(".consolidate/basis")
        #expect(FileManager.default.fileExists(atPath: basisURL.path))
        let changed = folder.appendingPathComponent("in/青川区临溪镇.txt")
        let text = try String(contentsOf: changed, encoding: .utf8)
        try (text + "\n五、另外，本季度新开展志愿服务活动4次。\n").write(to: changed, atomically: true, encoding: .utf8)

        // 0: the folder with the basis as kept; copies (which get new file times) 1: without the basis;
        // 2: with summary.json rewritten (same bytes, a new time); 3: with a basis made for its
        // summary.json but cut off halfway, which is found out only as it is read and compared.
        let copies = try [folder] + (1..<4).map { _ -> URL in
            let copy = try temporaryFolder()
            try FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: folder, to: copy)
            return copy
        }
        defer { for copy in copies.dropFirst() { try? FileManager.default.removeItem(at: copy) } }
        try FileManager.default.removeItem(at: copies[1].appendingPathComponent("out/.consolidate/basis"))
        let summary2 = copies[2].appendingPathComponent("out/summary.json")
        try Data(contentsOf: summary2).write(to: summary2)
        let out0 = copies[0].appendingPathComponent("out"), out3 = copies[3].appendingPathComponent("out")
        let stamp0 = try #require(ChangeBasis.stamp(out0)), stamp3 = try #require(ChangeBasis.stamp(out3))
        let kept = try #require(ChangeBasis.read(ChangeBasis.url(out0), summarySize: stamp0.size, summaryModified: stamp0.modified))
        #expect(kept.statements.count > 20)
        let whole = kept.encoded(summarySize: stamp3.size, summaryModified: stamp3.modified)
        try whole.prefix(whole.count / 2).write(to: ChangeBasis.url(out3))
        var handed = 0
        #expect(ChangeBasis.read(ChangeBasis.url(out3), summarySize: stamp3.size, summaryModified: stamp3.modified,
                                 handing: { _ in handed += 1 }) == nil)
        #expect(handed > 0, "a cut basis is found out only once some of it was handed over")
        func basisIsUsed(_ copy: URL) throws -> Bool {
            let out = copy.appendingPathComponent("out")
            guard let stamp = ChangeBasis.stamp(out) else { return false }
            return ChangeBasis.read(ChangeBasis.url(out), summarySize: stamp.size, summaryModified: stamp.modified) != nil
        }
        #expect(try basisIsUsed(copies[0]))
        #expect(try !basisIsUsed(copies[1]))
        #expect(try !basisIsUsed(copies[2]))
        #expect(try !basisIsUsed(copies[3]))
        var changes: [String] = []
        for copy in copies {
            _ = try NightlyRunTests.run(copy)
            changes.append(try String(contentsOf: copy.appendingPathComponent("out/changes.md"), encoding: .utf8))
        }
        #expect(changes[0].contains("新增") || changes[0].contains("改动"), "\(changes[0])")
        #expect(changes[1] == changes[0])
        #expect(changes[2] == changes[0])
        #expect(changes[3] == changes[0])
    }

    @Test func fieldsAppendedEscapedAreTheirEscapedText() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["\\", "\t", "\n", "\r", "党", "组织", "a", "é", "😀", ""]
        var fields = ["", "\\", "\t\t", "无需转义的一句话", "\n开头", "结尾\r", "\\t"]
        for _ in 0..<300 {
            fields.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for field in fields {
            var buffer: [UInt8] = [0x41]
            ChangeBasis.appendEscaped(field, to: &buffer)
            #expect(buffer == [0x41] + Array(ChangeBasis.escape(field).utf8), "\(field.debugDescription)")
        }
    }
}
