import Foundation
import Testing
@testable import ConsolidateCore

/// run.json written and read without `Codable` containers gives the bytes and values of its
/// `Codable` conformances, and what the direct reader does not take still reads as before.
struct RunRecordJSONTests {
    typealias Pick = JSONDirectWriterTests.Pick

    static func record(_ pick: inout Pick, inputs: Int) -> RunRecord {
        func maybe<T>(_ make: (inout Pick) -> T) -> T? { pick.maybe(make) }
        let entries = (0..<inputs).map { _ -> RunRecord.Input in
            var input = RunRecord.Input(
                path: pick.string(), unit: pick.string(), sha256: maybe { $0.string() },
                format: maybe { p in [SourceFormat.docx, .txt, .doc, .wps, .pdf].randomElement(using: &p.generator)! },
                encoding: maybe { $0.string() },
                status: [SubmissionStatus.received, .quarantined, .superseded, .missing].randomElement(using: &pick.generator)!,
                reason: maybe { $0.string() }, stage: maybe { p in StageName.allCases.randomElement(using: &p.generator)! },
                warnings: pick.list(3) { $0.string() })
            input.supersededBy = maybe { $0.string() }
            input.identifiedBy = maybe { p in [UnitIdentity.Basis.roster, .name, .file].randomElement(using: &p.generator)! }
            input.rosterMatch = maybe { RosterMatch(entry: $0.string(), found: $0.string()) }
            input.notOnRoster = maybe { $0.bool() }
            input.nameEncoding = maybe { $0.string() }
            input.convertedBy = maybe { $0.string() }
            return input
        }
        var counts = RunRecord.Counts(files: pick.number(), received: pick.number(), quarantined: pick.number(),
                                      superseded: pick.number(), missing: pick.number(), skipped: pick.number(),
                                      statements: pick.number(), metrics: pick.number())
        counts.read = pick.number()
        counts.notOnRoster = maybe { $0.number() }
        var record = RunRecord(tool: pick.string(), version: pick.string(), input: pick.string(), pipeline: maybe { $0.string() },
                               roster: maybe { $0.string() }, inputs: entries,
                               skipped: pick.list(3) { SkippedFile(path: $0.string(), reason: $0.string()) },
                               missing: pick.list(3) { $0.string() }, counts: counts,
                               timings: Dictionary(pick.list(5) { ($0.string(), $0.number()) }, uniquingKeysWith: { a, _ in a }),
                               outputs: pick.list(4) { $0.string() })
        record.warnings = pick.list(3) { $0.string() }
        return record
    }

    @Test func writesGeneratedRecordsAsTheirCodableConformanceDoes() throws {
        var pick = Pick(generator: JSONDirectWriterTests.Seeded(state: 21))
        for size in [0, 1, 2, 5, 40] {
            for _ in 0..<(size > 5 ? 5 : 30) { try JSONDirectWriterTests.expectSame(Self.record(&pick, inputs: size)) }
        }
    }

    static func expectSameReading(_ data: Data, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        JSONDirectReportReaderTests.expectSameReading(data, as: RunRecord.self, sourceLocation: sourceLocation)
    }

    @Test func readsGeneratedRecordsAsDecodableDoes() throws {
        var pick = Pick(generator: JSONDirectWriterTests.Seeded(state: 22))
        for size in [0, 1, 3, 30] {
            for _ in 0..<20 {
                let record = Self.record(&pick, inputs: size)
                let data = try JSONOutput.encode(record)
                #expect(try JSONByteDecoder.decode(RunRecord.self, from: data) == record)
                #expect(JSONByteDecoder.directly(RunRecord.self, from: data) == record)
                Self.expectSameReading(data)
                Self.expectSameReading(try JSONOutput.encode(record, pretty: false))
            }
        }
    }

    /// What an earlier build or a person may have written: fields missing, unknown, repeated or null.
    @Test func leavesWhatItDoesNotTakeToDecodable() throws {
        var pick = Pick(generator: JSONDirectWriterTests.Seeded(state: 23))
        var record = Self.record(&pick, inputs: 2)
        record.inputs[0].path = "甲.docx"
        record.inputs[0].sha256 = "ab"
        record.counts.read = 5
        record.tool = "consolidate"
        record.warnings = ["注意"]
        let text = String(decoding: try JSONOutput.encode(record, pretty: false), as: UTF8.self)
        // Each with whether the direct reader takes it (what `Decodable` also reads as absent) or refuses it.
        let variants: [(String, Bool)] = [
            (text.replacingOccurrences(of: "\"read\":5,", with: ""), true),
            (text.replacingOccurrences(of: "\"read\":5", with: "\"read\":5.0"), false),
            (text.replacingOccurrences(of: "\"path\":\"甲.docx\"", with: "\"path\":\"甲.docx\",\"extra\":[1]"), false),
            (text.replacingOccurrences(of: "\"path\":\"甲.docx\"", with: "\"path\":\"乙.docx\",\"path\":\"甲.docx\""), false),
            (text.replacingOccurrences(of: "\"sha256\":\"ab\"", with: "\"sha256\":null"), true),
            (text.replacingOccurrences(of: "\"path\":\"甲.docx\"", with: "\"path\":null"), false),
            (text.replacingOccurrences(of: "\"warnings\":[\"注意\"]", with: "\"warnings\":null"), true),
            (text.replacingOccurrences(of: "\"tool\":\"consolidate\"", with: "\"tool\":\"consolidate\",\"tool\":\"x\""), false),
            (text.replacingOccurrences(of: "\"timings\":{", with: "\"timings\":{\"merge\":1,\"merge\":2,"), false),
            (text.replacingOccurrences(of: "\"timings\":{", with: "\"timings\":{\"a\":\"b\","), false),
        ]
        #expect(JSONByteDecoder.directly(RunRecord.self, from: Data(text.utf8)) == record)
        for (variant, taken) in variants {
            #expect(variant != text)
            #expect((JSONByteDecoder.directly(RunRecord.self, from: Data(variant.utf8)) != nil) == taken, "\(variant)")
            Self.expectSameReading(Data(variant.utf8))
        }
        // A record written before `read` was counted reads with every file read.
        let old = try #require(JSONByteDecoder.decodeLeniently(RunRecord.self, from: Data(variants[0].0.utf8)))
        #expect(old.counts.read == old.counts.files)
    }
}
