import Foundation
import Testing
@testable import ConsolidateCore

/// The types that write their own JSON (`JSONDirectEncodable`) give exactly the bytes of their
/// `Codable` conformance through `JSONByteWriter`, and Foundation's, in every layout.
struct JSONDirectWriterTests {
    typealias Seeded = GroupingEvaluationTests.Seeded

    /// Strings a report may hold, and some it should not but might: quotes, backslashes, slashes,
    /// every kind of control character, characters beyond the BMP, line and paragraph separators.
    static let odd: [String] = [
        "", "党支部", "\"引号\"", "反斜杠\\结尾\\", "路径/报送/第1份.docx", "\u{0}\u{1}\u{7}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1B}\u{1F}\u{7F}",
        "换行\r\n回车", "表情😀与𠀀字", "\u{2028}分隔\u{2029}", "e\u{301}组合", "\u{FEFF}开头", "全角：“引号”、（括号）",
        "a", "{\"json\": [1, 2]}", "</script>", "\u{10FFFF}",
    ]
    static let numbers: [Int] = [0, 1, -1, 7, 82, -123_456_789, Int.max, Int.min, 1_000_000_007]

    struct Pick {
        var generator: Seeded
        mutating func string() -> String {
            let count = Int.random(in: 0...3, using: &generator)
            return (0..<count).map { _ in JSONDirectWriterTests.odd.randomElement(using: &generator) ?? "" }.joined()
        }
        mutating func number() -> Int { JSONDirectWriterTests.numbers.randomElement(using: &generator) ?? 0 }
        mutating func bool() -> Bool { Bool.random(using: &generator) }
        mutating func maybe<T>(_ make: (inout Pick) -> T) -> T? { bool() ? make(&self) : nil }
        mutating func list<T>(_ most: Int, _ make: (inout Pick) -> T) -> [T] {
            (0..<Int.random(in: 0...most, using: &generator)).map { _ in make(&self) }
        }
        mutating func location() -> ConsolidateCore.SourceLocation {
            SourceLocation(paragraph: number(), origin: ParagraphOrigin.allCases.randomElement(using: &generator) ?? .body)
        }
        mutating func item(depth: Int) -> Item {
            Item(label: string(), heading: string(), text: string(), categories: list(2) { $0.string() },
                 items: depth > 2 ? [] : list(3) { $0.item(depth: depth + 1) }, location: maybe { $0.location() })
        }
        mutating func report() -> UnitReport {
            let source = SourceInfo(path: string(), format: [.docx, .txt, .doc, .wps, .pdf].randomElement(using: &generator) ?? .txt,
                                    encoding: maybe { $0.string() }, sha256: string(), convertedBy: maybe { $0.string() })
            let sections = list(4) { p -> ConsolidateCore.Section in
                var section = ConsolidateCore.Section(kind: SectionKind.allCases.randomElement(using: &p.generator) ?? .other, label: p.string(),
                                      heading: p.string(), items: p.list(4) { $0.item(depth: 0) }, location: p.maybe { $0.location() })
                if p.bool() { section.intro = p.string() }
                return section
            }
            let metrics = list(4) { p in
                Metric(text: p.string(), activity: p.string(), value: p.maybe { $0.number() }, unit: p.string(), approx: p.bool(),
                       beyondPeriod: p.bool(), location: p.maybe { $0.location() })
            }
            return UnitReport(source: source, status: bool() ? .ok : .quarantined, error: maybe { $0.string() }, unit: string(),
                              title: string(), period: Period(year: maybe { $0.number() }, part: maybe { p in Period.Part.allCases.randomElement(using: &p.generator) ?? .year }),
                              sections: sections, metrics: metrics,
                              placeholders: list(3) { Placeholder(text: $0.string(), location: $0.maybe { $0.location() }) },
                              residue: list(3) { Residue(text: $0.string(), rule: $0.string(), location: $0.maybe { $0.location() }) },
                              warnings: list(3) { $0.string() })
        }
        mutating func member() -> Member {
            Member(unit: string(), text: string(), source: maybe { $0.string() }, location: maybe { $0.location() },
                   categories: maybe { $0.list(3) { $0.string() } })
        }
        mutating func group(long: Int) -> StatementGroup {
            let members = list(long) { $0.member() }
            return StatementGroup(text: string(), theme: maybe { $0.string() }, units: list(long) { $0.string() }, members: members,
                                  distinctive: bool(), origin: maybe { p in SectionKind.allCases.randomElement(using: &p.generator) ?? .other },
                                  unit: maybe { $0.string() },
                                  copies: list(3) { CopyGroup(representative: $0.number(), members: $0.list(5) { $0.number() }) },
                                  heading: bool())
        }
        mutating func contribution() -> MetricContribution {
            MetricContribution(unit: string(), value: number(), approx: bool(), text: string(), source: maybe { $0.string() },
                               location: maybe { $0.location() })
        }
        mutating func consolidation(long: Int) -> Consolidation {
            let units = list(long) { p -> UnitEntry in
                var entry = UnitEntry(unit: p.string(), status: [.received, .missing, .quarantined, .superseded].randomElement(using: &p.generator) ?? .received,
                                      source: p.maybe { $0.string() }, warnings: p.list(2) { $0.string() }, residue: p.number(),
                                      placeholders: p.number())
                entry.supersededBy = p.maybe { $0.string() }
                entry.notOnRoster = p.maybe { $0.bool() }
                entry.rosterMatch = p.maybe { RosterMatch(entry: $0.string(), found: $0.string()) }
                entry.identifiedBy = p.maybe { p in [UnitIdentity.Basis.roster, .name, .file].randomElement(using: &p.generator) ?? .file }
                return entry
            }
            let metrics = list(long / 4) { p -> MetricTotal in
                var total = MetricTotal(activity: p.string(), unit: p.string(), total: p.number(), approx: p.bool(),
                                        units: p.list(long / 4) { $0.contribution() }, unknown: p.list(3) { $0.string() })
                total.rule = p.maybe { $0.string() }
                total.conflicts = p.maybe { p in
                    p.list(2) { FigureConflict(unit: $0.string(), kept: $0.number(), figures: $0.list(3) { $0.contribution() }, breakdown: $0.bool()) }
                }
                return total
            }
            var consolidation = Consolidation(
                title: string(), period: Period(year: maybe { $0.number() }, part: maybe { p in Period.Part.allCases.randomElement(using: &p.generator) ?? .year }),
                units: units, achievements: list(long) { $0.group(long: long / 3) },
                problems: list(long / 4) { p in
                    ProblemGroup(category: p.string(), label: p.string(), text: p.string(), units: p.list(long / 3) { $0.string() },
                                 items: p.list(long / 3) { $0.member() })
                },
                plans: list(long) { $0.group(long: long / 3) }, metrics: metrics, due: maybe { $0.number() },
                unnamedSingleUnitPractices: maybe { $0.number() })
            consolidation.skipped = maybe { $0.list(2) { SkippedFile(path: $0.string(), reason: $0.string()) } }
            if bool() {
                consolidation.review = ReviewOutcome(leftOut: list(2) { p in
                    ReviewOutcome.LeftOut(unit: p.string(), text: p.string(), reason: p.string(), list: "achievements")
                })
            }
            return consolidation
        }
    }

    /// Requires the direct bytes to equal the `Codable` path's and Foundation's, for every layout.
    static func expectSame<T: Encodable>(_ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for (pretty, slashes) in [(true, false), (false, false), (false, true), (true, true)] {
            let direct = try JSONByteEncoder(pretty: pretty, escapeSlashes: slashes).encodeDirectly(value)
            let codable = try JSONByteEncoder(pretty: pretty, escapeSlashes: slashes, direct: false).encodeDirectly(value)
            let foundation = [UInt8](try JSONByteEncoder(pretty: pretty, escapeSlashes: slashes).foundationEncoder().encode(value))
            #expect(direct != nil, sourceLocation: sourceLocation)
            #expect(direct == codable, "pretty \(pretty), slashes \(slashes)", sourceLocation: sourceLocation)
            #expect(direct == foundation, "pretty \(pretty), slashes \(slashes)", sourceLocation: sourceLocation)
        }
    }

    @Test func writesEveryGeneratedReportAsItsCodableConformanceDoes() throws {
        var pick = Pick(generator: Seeded(state: 14))
        for _ in 0..<300 { try Self.expectSame(pick.report()) }
    }

    @Test func writesReportsWithEveryOptionalAbsentAndEveryListEmpty() throws {
        let bare = UnitReport(source: SourceInfo(path: "", format: .txt, sha256: ""), unit: "", title: "",
                              period: Period(year: nil, part: nil))
        try Self.expectSame(bare)
        try Self.expectSame(UnitReport.quarantined(source: bare.source, unit: "某党支部", reason: "无法读取：\"损坏\"\n"))
        var section = ConsolidateCore.Section(kind: .achievements, label: "", heading: "")
        section.items = [Item(label: "", text: "")]
        var full = bare
        full.sections = [section]
        full.metrics = [Metric(text: "", activity: "", value: nil, unit: "", approx: false)]
        try Self.expectSame(full)
    }

    @Test func writesTheStoreBytesOfAReportAsBefore() throws {
        var pick = Pick(generator: Seeded(state: 2028))
        for _ in 0..<50 {
            let report = pick.report()
            let codable = try JSONByteEncoder(pretty: false, escapeSlashes: true, direct: false).encode(report)
            #expect(try ReportStore.encode(report) == Data(codable))
            #expect(try JSONByteDecoder.decode(UnitReport.self, from: ReportStore.encode(report)) == report)
        }
    }

    @Test func writesThinnedReportsAsItsCodableConformanceDoes() throws {
        var pick = Pick(generator: Seeded(state: 7))
        for _ in 0..<100 { try Self.expectSame(pick.report().thinned()) }
    }

    @Test(arguments: [0, 1, 3, 9, 70])
    func writesGeneratedConsolidationsAsItsCodableConformanceDoes(long: Int) throws {
        var pick = Pick(generator: Seeded(state: UInt64(long) &+ 99))
        for _ in 0..<(long > 9 ? 2 : 20) { try Self.expectSame(pick.consolidation(long: long)) }
    }

    @Test func writesTheSamplesConsolidationAsItsCodableConformanceDoes() throws {
        try Self.expectSame(RenderFixtures.samples)
    }

    @Test(arguments: [0, 2, 65, 257])
    func writesSummaryJSONInChunksAsTheCodablePathDoes(units: Int) throws {
        var values = [JSONChunkedEncoderTests.synthetic(units: units)]
        var pick = Pick(generator: Seeded(state: UInt64(units)))
        values.append(pick.consolidation(long: units == 257 ? 80 : units))
        for value in values {
            for pretty in [true, false] {
                let codable = try JSONByteEncoder(pretty: pretty, escapeSlashes: false, direct: false).encodeDirectly(value)
                #expect(codable != nil)
                for setting in JSONChunkedEncoderTests.settings {
                    #expect(try JSONChunkedEncoderTests.chunked(value, pretty: pretty, setting) == codable, "pretty \(pretty), \(setting)")
                }
            }
        }
    }

    @Test func writesDirectValuesNestedInACodableValueAsTheCodablePathDoes() throws {
        var pick = Pick(generator: Seeded(state: 5))
        let reports = (0..<5).map { _ in pick.report() }
        try Self.expectSame(["甲": reports, "乙": []])
        try Self.expectSame([Optional(reports[0]), nil])
        try Self.expectSame(Stub(report: reports[1], member: pick.member()))
    }

    /// A Codable value holding direct ones, the way a record might.
    struct Stub: Encodable {
        var report: UnitReport
        var member: Member
        var note: String? = nil
        var count = -3
    }
}

/// Stored reports read by the direct reader equal what `Decodable` reads, and what it does not
/// take still decodes (or fails) as before.
struct JSONDirectReportReaderTests {
    typealias Pick = JSONDirectWriterTests.Pick

    /// Requires the direct and the `Decodable` reading of the bytes (as a stored report, or as `type`)
    /// to agree, both in value and in failing.
    static func expectSameReading<T: Decodable & Equatable>(_ data: Data, as type: T.Type = UnitReport.self,
                                                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let direct = Result { try JSONByteDecoder.decode(T.self, from: data) }
        let codable = Result { try JSONByteDecoder.decode(T.self, from: data, direct: false) }
        switch (direct, codable) {
        case let (.success(a), .success(b)): #expect(a == b, sourceLocation: sourceLocation)
        case (.failure, .failure): break
        default: Issue.record("direct \(direct), codable \(codable)", sourceLocation: sourceLocation)
        }
    }

    @Test func readsEveryGeneratedStoredReportAsDecodableDoes() throws {
        var pick = Pick(generator: JSONDirectWriterTests.Seeded(state: 41))
        for _ in 0..<300 {
            let report = pick.report()
            let data = try ReportStore.encode(report)
            #expect(try JSONByteDecoder.decode(UnitReport.self, from: data) == report)
            Self.expectSameReading(data)
            Self.expectSameReading(try JSONOutput.encode(report))
            Self.expectSameReading(try JSONOutput.encode(report.thinned(), pretty: false))
        }
    }

    @Test func leavesUnknownRepeatedNullAndFractionalFieldsToDecodable() throws {
        let report = UnitReport(source: SourceInfo(path: "a/b.txt", format: .txt, sha256: "00"), unit: "某党支部", title: "汇报",
                                period: Period(year: 2025, part: .q2),
                                metrics: [Metric(text: "开展3次", activity: "活动", value: 3, unit: "次", approx: false)])
        let text = String(decoding: try ReportStore.encode(report), as: UTF8.self)
        let variants = [
            text.replacingOccurrences(of: "\"title\":", with: "\"extra\":1,\"title\":"),
            text.replacingOccurrences(of: "\"title\":\"汇报\"", with: "\"title\":\"旧\",\"title\":\"汇报\""),
            text.replacingOccurrences(of: "\"year\":2025", with: "\"year\":2025.0"),
            text.replacingOccurrences(of: "\"year\":2025", with: "\"year\":null"),
            text.replacingOccurrences(of: "\"title\":\"汇报\"", with: "\"title\":null"),
            text.replacingOccurrences(of: "\"value\":3", with: "\"value\":99999999999999999999"),
            text.replacingOccurrences(of: "\"unit\":\"某党支部\",", with: ""),
            text.replacingOccurrences(of: "\"format\":\"txt\"", with: "\"format\":\"odt\""),
            text.replacingOccurrences(of: "\"title\":\"汇报\"", with: "\"title\":\"\\u6c47\\u62a5\\ud83d\\ude00\\/\""),
            text.replacingOccurrences(of: "\"approx\":false,", with: ""),
            text.replacingOccurrences(of: ",\"warnings\":[]", with: ""),
        ]
        for variant in variants {
            #expect(variant != text)
            Self.expectSameReading(Data(variant.utf8))
        }
        #expect(try JSONByteDecoder.decode(UnitReport.self, from: Data(variants[0].utf8)) == report)
        #expect(try JSONByteDecoder.decode(UnitReport.self, from: Data(variants[1].utf8)) == report)
    }
}
