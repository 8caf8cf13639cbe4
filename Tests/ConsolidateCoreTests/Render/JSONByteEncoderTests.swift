import Foundation
import Testing
@testable import ConsolidateCore

/// The fast JSON writer gives Foundation's `JSONEncoder` bytes exactly, in every style the project uses.
struct JSONByteEncoderTests {
    /// The three styles: summary.json and run.json (pretty), `extract` lines (compact), the store
    /// (compact, slashes escaped).
    static let styles = [JSONByteEncoder(pretty: true, escapeSlashes: false),
                         JSONByteEncoder(pretty: false, escapeSlashes: false),
                         JSONByteEncoder(pretty: false, escapeSlashes: true),
                         JSONByteEncoder(pretty: true, escapeSlashes: true)]

    /// Requires identical bytes in every style, written by the fast path (no hand-over to Foundation).
    static func expectSame<T: Encodable>(_ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for style in styles {
            let expected = [UInt8](try style.foundationEncoder().encode(value))
            let direct = try style.encodeDirectly(value)
            #expect(direct != nil, "handed over to Foundation", sourceLocation: sourceLocation)
            guard let direct else { continue }
            if direct != expected {
                Issue.record("""
                    pretty \(style.pretty), escapeSlashes \(style.escapeSlashes):
                    fast:       \(String(decoding: direct.prefix(600), as: UTF8.self))
                    foundation: \(String(decoding: expected.prefix(600), as: UTF8.self))
                    """, sourceLocation: sourceLocation)
            }
        }
    }

    struct Texts: Codable { var values: [String]; var single: String }

    @Test func escapesEveryControlCharacterQuoteBackslashAndSlashAsFoundationDoes() throws {
        var all = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        all += ["\"", "\\", "/", "\u{7F}", "a/b\\c\"d", "\u{2028}\u{2029}", "\r\n", "\t缩进\t", "</script>", ""]
        try Self.expectSame(Texts(values: all, single: all.joined()))
        try Self.expectSame(all.joined(separator: "|"))
    }

    @Test func writesChineseEmojiAndCombiningMarksAsRawUTF8() throws {
        let texts = ["党支部召开组织生活会12次", "👍🏽🇨🇳", "e\u{301}", "全角：“引号”（括号）", "𠀀𪚥", "\u{FEFF}开头"]
        try Self.expectSame(Texts(values: texts, single: texts.joined(separator: "\n")))
    }

    struct Numbers: Codable {
        var int: Int, negative: Int, minimum: Int, maximum: Int
        var int8: Int8, int16: Int16, int32: Int32, int64: Int64
        var uint: UInt, uint8: UInt8, uint16: UInt16, uint32: UInt32, uint64: UInt64
        var doubles: [Double]
        var floats: [Float]
        var date: Date
    }

    @Test func writesIntegersDoublesFloatsAndDatesAsFoundationDoes() throws {
        let doubles: [Double] = [0, -0.0, 0.85, 1e-05, 3.0, -3.0, 1e16, 1.5e300, 0.1 + 0.2, .pi, 123456789.125,
                                 5e-324, .greatestFiniteMagnitude, 1e21, 1e22, 100, 0.000123]
        let value = Numbers(int: 82, negative: -7, minimum: .min, maximum: .max, int8: -128, int16: 32767,
                            int32: -2_147_483_648, int64: 9_000_000_000, uint: .max, uint8: 255, uint16: 0,
                            uint32: 4_000_000_000, uint64: .max, doubles: doubles, floats: [0.1, 3, -2.5, 1e-7],
                            date: Date(timeIntervalSinceReferenceDate: 123456.789))
        try Self.expectSame(value)
        try Self.expectSame(doubles)
        try Self.expectSame(Date(timeIntervalSinceReferenceDate: 0))
    }

    struct Optionals: Codable {
        var present: String?
        var absent: String?
        var explicitNull: Int?
        var nested: [Int?]

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(present, forKey: .present)
            try c.encodeIfPresent(absent, forKey: .absent)
            try c.encode(explicitNull, forKey: .explicitNull)
            try c.encode(nested, forKey: .nested)
        }
    }

    @Test func omitsAbsentOptionalsAndWritesNullWhereEncoded() throws {
        try Self.expectSame(Optionals(present: "有", absent: nil, explicitNull: nil, nested: [1, nil, 3]))
        try Self.expectSame(Optionals(present: nil, absent: "x", explicitNull: 5, nested: []))
    }

    struct Empty: Codable {}
    struct Containers: Codable {
        var emptyArray: [Int]
        var emptyObject: Empty
        var emptyDictionary: [String: Int]
        var nestedEmpty: [[String]]
        var deep: [[[[[[[[[[[[Int]]]]]]]]]]]]
        var flags: [Bool]
    }

    @Test func writesEmptyArraysAndObjectsAndDeepNestingAsFoundationDoes() throws {
        try Self.expectSame(Containers(emptyArray: [], emptyObject: Empty(), emptyDictionary: [:],
                                       nestedEmpty: [[], ["一"], []], deep: [[[[[[[[[[[[1, 2]], []]]]]]]]]]],
                                       flags: [true, false]))
        try Self.expectSame([Int]())
        try Self.expectSame(Empty())
        try Self.expectSame([Empty(), Empty()])
    }

    @Test func sortsKeysInUTF8ByteOrder() throws {
        let keys = ["b", "a", "B", "A", "a10", "a2", "a1", "_x", "Z", "z", "甲", "乙", "é", "e", "ab", "a", "", " ",
                    "1", "10", "9", "键/值", "\u{1F600}", "\u{FF21}"]
        var dictionary: [String: Int] = [:]
        for (n, key) in keys.enumerated() { dictionary[key] = n }
        try Self.expectSame(dictionary)
        try Self.expectSame(["外": dictionary, "内": [:]])
        try Self.expectSame([3: "三", 1: "一", 20: "二十", -1: "负一"])
    }

    /// A type that writes one key twice and asks for its container twice: the last value stands.
    struct Repeating: Encodable {
        enum Keys: String, CodingKey { case z, a, m }
        func encode(to encoder: Encoder) throws {
            var first = encoder.container(keyedBy: Keys.self)
            try first.encode(1, forKey: .z)
            try first.encode("先", forKey: .a)
            var second = encoder.container(keyedBy: Keys.self)
            try second.encode("后", forKey: .a)
            try second.encode([1, 2], forKey: .m)
        }
    }

    @Test func keepsTheLastValueOfARepeatedKey() throws {
        try Self.expectSame(Repeating())
        try Self.expectSame([Repeating(), Repeating()])
    }

    enum Kind: String, Codable { case one = "一", two = "two/2" }
    struct WithEnums: Codable { var kinds: [Kind]; var kind: Kind?; var set: Set<Int> }

    @Test func writesRawValueEnumsAndOtherSingleValueTypes() throws {
        try Self.expectSame(WithEnums(kinds: [.one, .two], kind: .two, set: [3, 1, 2]))
        try Self.expectSame(Kind.one)
        try Self.expectSame(42)
        try Self.expectSame(Optional<Int>.none)
    }

    struct Nesting: Encodable {
        enum Keys: String, CodingKey { case outer, list }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            var inner = c.nestedContainer(keyedBy: Keys.self, forKey: .outer)
            try inner.encode(1, forKey: .list)
        }
    }
    struct Special: Encodable { var data: Data; var url: URL; var decimal: Decimal }

    @Test func handsOverWhatItDoesNotWriteItselfAndStillGivesFoundationsBytes() throws {
        for value in [Nesting()] as [any Encodable] {
            for style in Self.styles {
                #expect(try style.encodeDirectly(value) == nil)
                #expect(try style.encode(value) == [UInt8](style.foundationEncoder().encode(value)))
            }
        }
        let special = Special(data: Data([0, 1, 2, 250]), url: URL(string: "https://example.com/a?b=c")!,
                              decimal: Decimal(string: "3.14")!)
        for style in Self.styles {
            #expect(try style.encodeDirectly(special) == nil)
            #expect(try style.encode(special) == [UInt8](style.foundationEncoder().encode(special)))
        }
    }

    @Test func refusesNonFiniteNumbersAsFoundationDoes() {
        let style = JSONByteEncoder(pretty: true, escapeSlashes: false)
        #expect(throws: EncodingError.self) { try style.encode([1.0, .nan]) }
        #expect(throws: EncodingError.self) { try style.encode(Double.infinity) }
    }

    @Test func givesFoundationsBytesForTheSamplesConsolidation() throws {
        let summary = RenderFixtures.samples
        try Self.expectSame(summary)
        #expect(try JSONOutput.encode(summary) == JSONOutput.foundationEncode(summary))
        #expect(try JSONOutput.encode(summary, pretty: false) == JSONOutput.foundationEncode(summary, pretty: false))
    }

    @Test func givesFoundationsBytesForEveryUnitReportOfTheSamples() throws {
        let configuration = RenderFixtures.configuration
        let runner = PipelineRunner(configuration: configuration, roster: nil)
        let (submissions, _) = try Submission.discover(in: Repository.samples, extensions: configuration.inputs.extensions,
                                                        roster: nil, excluding: [])
        var timings: [String: Int] = [:]
        let reports = runner.readAll(submissions, timings: &timings).reports
        #expect(reports.count > 10)
        for report in reports {
            try Self.expectSame(report)
            let store = JSONByteEncoder(pretty: false, escapeSlashes: true)
            #expect(try ReportStore.encode(report) == store.foundationEncoder().encode(report))
        }
    }

    @Test func givesFoundationsBytesForARunRecord() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let runner = PipelineRunner(configuration: RenderFixtures.configuration, roster: nil)
        _ = try runner.run(input: Repository.samples, output: output)
        let record = try #require(RunRecord.previous(in: output))
        try Self.expectSame(record)
        let written = try Data(contentsOf: output.appendingPathComponent("run.json"))
        #expect(written == (try JSONOutput.foundationEncode(record)))
    }

    /// Random trees of every shape the encoder meets, compared with Foundation's bytes.
    indirect enum Tree: Encodable {
        case text(String), number(Int), real(Double), flag(Bool), null
        case list([Tree]), object([String: Tree])

        func encode(to encoder: Encoder) throws {
            switch self {
            case .text(let s): var c = encoder.singleValueContainer(); try c.encode(s)
            case .number(let n): var c = encoder.singleValueContainer(); try c.encode(n)
            case .real(let d): var c = encoder.singleValueContainer(); try c.encode(d)
            case .flag(let b): var c = encoder.singleValueContainer(); try c.encode(b)
            case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
            case .list(let items): var c = encoder.unkeyedContainer(); for item in items { try c.encode(item) }
            case .object(let fields): try fields.encode(to: encoder)
            }
        }
    }

    static func randomTree(depth: Int, using generator: inout some RandomNumberGenerator) -> Tree {
        let pieces = ["组织", "生活会", "\"", "\\", "/", "\n", "\u{1}", "a", "Z", "9", "😀", " ", "、", "\u{1F}"]
        func text() -> String { (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        switch Int.random(in: 0...(depth > 4 ? 4 : 6), using: &generator) {
        case 0: return .text(text())
        case 1: return .number(Int.random(in: -1_000_000...1_000_000, using: &generator))
        case 2: return .real(Double(Int.random(in: -100_000...100_000, using: &generator)) / 1000)
        case 3: return .flag(Bool.random(using: &generator))
        case 4: return .null
        case 5: return .list((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomTree(depth: depth + 1, using: &generator) })
        default:
            var fields: [String: Tree] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &generator) { fields[text()] = randomTree(depth: depth + 1, using: &generator) }
            return .object(fields)
        }
    }

    @Test func givesFoundationsBytesForRandomTrees() throws {
        var generator = GroupingEvaluationTests.Seeded(state: 20_241_130)
        for _ in 0..<300 {
            try Self.expectSame(Self.randomTree(depth: 0, using: &generator))
        }
    }
}
