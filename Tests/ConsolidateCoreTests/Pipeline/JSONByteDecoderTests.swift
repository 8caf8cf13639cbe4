import Foundation
import Testing
@testable import ConsolidateCore

/// The store's JSON reader decodes what the store writes as Foundation does, and treats any damage
/// as an error, never a crash.
struct JSONByteDecoderTests {
    static let reports: [UnitReport] = {
        let configuration = RenderFixtures.configuration
        let runner = PipelineRunner(configuration: configuration, roster: nil)
        let (submissions, _) = try! Submission.discover(in: Repository.samples, extensions: configuration.inputs.extensions,
                                                         roster: nil, excluding: [])
        var timings: [String: Int] = [:]
        return runner.readAll(submissions, timings: &timings).reports
    }()

    @Test func decodesEveryStoredSampleReportAsFoundationDoes() throws {
        #expect(Self.reports.count > 10)
        for report in Self.reports {
            let stored = try ReportStore.encode(report)
            let fast = try JSONByteDecoder.decode(UnitReport.self, from: stored)
            #expect(fast == report)
            #expect(fast == (try JSONDecoder().decode(UnitReport.self, from: stored)))
        }
    }

    struct Texts: Codable, Equatable { var values: [String]; var number: Int; var real: Double; var flag: Bool?; var none: Int? }

    @Test func readsEscapesSurrogatePairsAndNumbersAsFoundationDoes() throws {
        let json = #"{"values":["a\/b","\u00e9\u4e2d","\ud83d\ude00","\"\\\b\f\n\r\t","党建 ","\u0000"],"number":-9223372036854775808,"real":1.5e-3,"flag":null,"none":null}"#
        let data = Data(json.utf8)
        let fast = try JSONByteDecoder.decode(Texts.self, from: data)
        #expect(fast == (try JSONDecoder().decode(Texts.self, from: data)))
        #expect(fast.values[2] == "😀")
        let pretty = try JSONOutput.encode(fast)
        #expect(try JSONByteDecoder.decode(Texts.self, from: pretty) == fast)
    }

    @Test func refusesMalformedJSON() {
        let bad = [#"{"values":[],"number":1,"real":1,"flag":true"#, #"{"values":[],"number":1,"real":1} x"#,
                   #"{"values":["\ud83d"],"number":1,"real":1}"#, #"{"values":["\x"],"number":1,"real":1}"#,
                   #"{"values":[],"number":99999999999999999999,"real":1}"#, #"{"values":[],"number":01,"real":1}"#,
                   #"{"values":[],"number":1.5,"real":1}"#, #"{"values":[],"real":1}"#, "", "[", "nul",
                   "{\"values\":[\"\u{1}\"],\"number\":1,\"real\":1}", #"{"values":[],"number":1,"real":1,}"#]
        for text in bad {
            #expect(throws: (any Error).self, "\(text)") { try JSONByteDecoder.decode(Texts.self, from: Data(text.utf8)) }
        }
        let invalidUTF8 = Data(#"{"values":[""#.utf8) + Data([0xE4, 0xB8]) + Data(#""],"number":1,"real":1}"#.utf8)
        #expect(throws: (any Error).self) { try JSONByteDecoder.decode(Texts.self, from: invalidUTF8) }
    }

    @Test func aCutOrDamagedStoreEntryThrowsAndNeverCrashes() throws {
        let report = try #require(Self.reports.max { $0.sections.count < $1.sections.count })
        let stored = try ReportStore.encode(report)
        var step = max(1, stored.count / 400)
        var cut = 0
        while cut < stored.count {
            #expect(throws: (any Error).self) { try JSONByteDecoder.decode(UnitReport.self, from: stored.prefix(cut)) }
            cut += step
        }
        var generator = GroupingEvaluationTests.Seeded(state: 7)
        step = 0
        for _ in 0..<400 {
            var damaged = stored
            let at = Int.random(in: 0..<damaged.count, using: &generator)
            damaged[at] = UInt8.random(in: 0...255, using: &generator)
            // Either an error or a report; which one Foundation gives is not the question here.
            if (try? JSONByteDecoder.decode(UnitReport.self, from: damaged)) != nil { step += 1 }
        }
        #expect(step < 400)
    }

    @Test func theStoreGivesBackWhatItSaved() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ReportStore(folder: folder, configuration: RenderFixtures.configuration)
        let entries = Self.reports.enumerated().map { (report: $1, unit: $1.unit, size: 100 + $0, modified: 1.5) }
        try store.save(entries, present: Self.reports.map(\.source.path))
        let back = store.reports(unchanged: entries.map { ($0.report.source.path, $0.unit, $0.size, $0.modified) })
        #expect(back == Self.reports.map { Optional($0) })
    }
}

/// What a run writes and the next run reads back (run.json, summary.json) reads as Foundation reads
/// it; where the strict reader refuses a file, Foundation's reading is used.
struct LenientOutputReadingTests {
    @Test func aRunsRecordAndSummaryReadAsFoundationReadsThem() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = PipelineRunner(configuration: RenderFixtures.configuration, roster: nil)
        _ = try runner.run(input: Repository.samples, output: folder)
        let record = try Data(contentsOf: folder.appendingPathComponent("run.json"))
        let summary = try Data(contentsOf: folder.appendingPathComponent("summary.json"))
        let foundationRecord = try JSONDecoder().decode(RunRecord.self, from: record)
        #expect(foundationRecord.inputs.count > 10)
        #expect(try JSONByteDecoder.decode(RunRecord.self, from: record) == foundationRecord)
        #expect(RunRecord.previous(in: folder) == foundationRecord)
        let foundationSummary = try JSONDecoder().decode(Consolidation.self, from: summary)
        #expect(try JSONByteDecoder.decode(Consolidation.self, from: summary) == foundationSummary)
    }

    struct Stamped: Codable, Equatable { var when: Date; var count: Int }

    @Test func whatTheStrictReaderRefusesIsReadByFoundation() throws {
        // A date is Foundation's own encoding, which the strict reader does not take.
        let data = try JSONEncoder().encode(Stamped(when: Date(timeIntervalSince1970: 86_400), count: 3))
        #expect(throws: (any Error).self) { try JSONByteDecoder.decode(Stamped.self, from: data) }
        #expect(JSONByteDecoder.decodeLeniently(Stamped.self, from: data) == Stamped(when: Date(timeIntervalSince1970: 86_400), count: 3))
        #expect(JSONByteDecoder.decodeLeniently(Stamped.self, from: Data("{\"count\":".utf8)) == nil)
    }
}
