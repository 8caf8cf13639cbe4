import Foundation
import Testing

/// `Samples/` is generated from `Fixtures/SampleSources/`; these tests keep the two in step.
///
/// `RECORD=1 swift test --filter SampleDocuments` rewrites every sample from its
/// source and then fails on purpose, so that the change shows in review.
@Suite struct SampleDocumentsTests {
    /// The unit on the roster that sent nothing this quarter.
    static let missingUnit = "青川区退役军人事务局"

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD"] == "1" }

    @Test func regeneratesSamplesByteForByte() throws {
        let sources = try SampleSource.loadAll()
        #expect(sources.count >= 13)
        var rerecorded: [String] = []
        var differing: [String] = []
        for source in sources {
            let expected = try source.renderedBytes()
            let url = Repository.samples.appendingPathComponent(source.file)
            let committed = try? Data(contentsOf: url)
            if committed == expected { continue }
            if Self.recording {
                try expected.write(to: url, options: .atomic)
                rerecorded.append(source.file)
            } else {
                differing.append(source.file)
            }
        }
        #expect(rerecorded.isEmpty, "Re-recorded from their sources (run again without RECORD=1): \(rerecorded.sorted())")
        #expect(differing.isEmpty, """
            These files differ from what their sources give: \(differing.sorted()). \
            Run `RECORD=1 swift test --disable-xctest --filter SampleDocuments` and review the change.
            """)
    }

    @Test(.disabled(if: recording, "Samples/ is being rewritten by the recording test"))
    func everySampleFileHasASourceAndNoTwoSourcesWriteOneFile() throws {
        let sources = try SampleSource.loadAll()
        let generated = sources.map(\.file)
        #expect(Set(generated).count == generated.count)
        let present = try FileManager.default.contentsOfDirectory(atPath: Repository.samples.path)
            .filter { !$0.hasPrefix(".") && $0 != "roster.csv" }
        #expect(Set(present) == Set(generated), "Files in Samples/ without a source, or sources without a file")
    }

    @Test func rosterListsEveryUnitThatSentAFileAndOneThatSentNothing() throws {
        let text = try String(contentsOf: Repository.samples.appendingPathComponent("roster.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "unit")
        let roster = Array(lines.dropFirst())
        #expect(Set(roster).count == roster.count, "A unit is listed twice")
        let senders = Set(try SampleSource.loadAll().map(\.unit))
        #expect(senders.isSubset(of: Set(roster)), "Units that sent a file but are not on the roster: \(senders.subtracting(roster).sorted())")
        #expect(Set(roster).subtracting(senders) == [Self.missingUnit])
    }

    @Test func fileNamesNameTheirUnit() throws {
        for source in try SampleSource.loadAll() {
            #expect(source.file.hasPrefix(source.unit + "."), "\(source.file) should be named after \(source.unit)")
        }
    }

    @Test func autoNumberedDocumentsKeepNumbersOutOfTheText() throws {
        let autoNumbered = try SampleSource.loadAll().filter { $0.format == .docx && $0.body.contains("\n#1 ") }
        #expect(autoNumbered.count >= 3)
        let numerals = Set("一二三四五六七八九十")
        for source in autoNumbered {
            for line in source.body.split(separator: "\n") where line.hasPrefix("#") {
                let text = line.dropFirst(3)
                let typed = (text.first.map { numerals.contains($0) } == true && text.dropFirst().first == "、")
                    || (text.first == "（" && text.dropFirst().first.map { numerals.contains($0) } == true)
                    || text.first?.isASCII == true && text.first?.isNumber == true
                #expect(!typed, "\(source.sourceName): \"\(line)\" types the number Word renders")
            }
        }
    }
}
