import Foundation
import Testing
@testable import ConsolidateCore

/// summary.json written in parallel chunks and streamed gives exactly the bytes of the one-buffer encoder.
struct JSONChunkedEncoderTests {
    /// Settings from the default to every array split into one-element chunks, a window of one.
    static let settings: [(minimumCount: Int, maximumChunk: Int, chunksPerArray: Int, window: Int)] = [
        (64, 256, 32, 8), (1, 1, 1, 1), (1, 2, 1, 3), (2, 3, 5, 2), (5, 7, 2, 64), (3, 1000, 1, 1),
    ]

    static func chunked<T: Encodable & Sendable>(_ value: T, pretty: Bool,
                                                 _ setting: (minimumCount: Int, maximumChunk: Int, chunksPerArray: Int, window: Int),
                                                 maximumWeight: Int = 1024) throws -> [UInt8] {
        var encoder = JSONChunkedEncoder(pretty: pretty, escapeSlashes: false)
        encoder.maximumWeight = maximumWeight
        encoder.minimumCount = setting.minimumCount
        encoder.maximumChunk = setting.maximumChunk
        encoder.chunksPerArray = setting.chunksPerArray
        encoder.window = setting.window
        let sink = ByteBufferSink()
        try encoder.encode(value, to: sink)
        return sink.bytes
    }

    /// Requires the chunked bytes to equal the one-buffer encoder's and Foundation's, pretty and compact, in every setting.
    static func expectSame<T: Encodable & Sendable>(_ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for pretty in [true, false] {
            let expected = [UInt8](try JSONByteEncoder(pretty: pretty, escapeSlashes: false).foundationEncoder().encode(value))
            #expect(try JSONByteEncoder(pretty: pretty, escapeSlashes: false).encode(value) == expected, sourceLocation: sourceLocation)
            // The settings, then chunks cut by weight (a group weighs its members): from every
            // element alone to several light ones together beside a heavy one alone.
            let weighed: [(setting: (minimumCount: Int, maximumChunk: Int, chunksPerArray: Int, window: Int), maximumWeight: Int)] =
                settings.map { ($0, 1024) } + [((1, 256, 1, 3), 1), ((1, 256, 2, 2), 7), ((1, 256, 32, 8), 100)]
            for (setting, maximumWeight) in weighed {
                let bytes = try chunked(value, pretty: pretty, setting, maximumWeight: maximumWeight)
                if bytes != expected {
                    let at = zip(bytes, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(bytes.count, expected.count)
                    Issue.record("""
                        pretty \(pretty), \(setting), weight \(maximumWeight): differs at byte \(at) of \(expected.count)
                        chunked:    \(String(decoding: bytes[max(0, at - 200)..<min(bytes.count, at + 200)], as: UTF8.self))
                        foundation: \(String(decoding: expected[max(0, at - 200)..<min(expected.count, at + 200)], as: UTF8.self))
                        """, sourceLocation: sourceLocation)
                }
            }
        }
        #expect(try JSONOutput.encodeInParallel(value) == JSONOutput.encode(value), sourceLocation: sourceLocation)
        #expect(try JSONOutput.encodeInParallel(value, pretty: false) == JSONOutput.encode(value, pretty: false),
                sourceLocation: sourceLocation)
    }

    /// The chunks `encoder` plans for `array`, written at depth 1: each piece's array number and range.
    static func chunks(_ encoder: JSONChunkedEncoder, of array: any JSONSplittableArray) throws -> [(array: Int, range: Range<Int>)] {
        let splitter = JSONArraySplitter(minimumCount: encoder.minimumCount)
        splitter.arrays = [(array, 1)]
        return try encoder.plan([JSONArraySplitter.mark, UInt8(ascii: "0"), JSONArraySplitter.mark], splitter: splitter)
            .compactMap { piece in if case let .chunk(array, range) = piece { return (array, range) } else { return nil } }
    }

    @Test func chunksOfAPracticeListAreCutByTheStatementsTheyQuoteNotByCount() throws {
        // One practice of thousands of units among many of a few: its members are cut into chunks
        // of their own, and no chunk of several practices quotes more than the bound, wherever the
        // big one stands.
        for heavyAt in [0, 37, 299] {
            let groups = (0..<300).map { i -> StatementGroup in
                let count = i == heavyAt ? 5000 : 1 + i % 9
                let members = (0..<count).map { Member(unit: "第\($0)支部", text: "开展主题党日活动") }
                return StatementGroup(text: "第\(i)项做法", theme: nil, units: members.map(\.unit), members: members,
                                      distinctive: false, origin: nil, unit: nil, copies: [], heading: false)
            }
            var encoder = JSONChunkedEncoder(pretty: true, escapeSlashes: false)
            encoder.maximumWeight = 64
            let chunks = try Self.chunks(encoder, of: groups)
            let practices = chunks.filter { $0.array == 0 }.map(\.range)
            #expect(practices.flatMap { Array($0) } == Array(0..<groups.count).filter { $0 != heavyAt })
            for chunk in practices where chunk.count > 1 {
                #expect(chunk.reduce(0) { $0 + groups[$1].jsonChunkWeight } <= 64)
            }
            // The big practice's members (its own array, and its units' names in another) in chunks of at most 256.
            let members = chunks.filter { $0.array != 0 }
            #expect(Set(members.map(\.array)).count == 2)
            for array in Set(members.map(\.array)) {
                #expect(members.filter { $0.array == array }.flatMap { Array($0.range) } == Array(0..<5000))
            }
            #expect(members.allSatisfy { $0.range.count <= encoder.maximumChunk })
            // Without weights (units), chunks are cut by count as before.
            let units = (0..<300).map { UnitEntry(unit: "第\($0)支部", status: .received, source: nil, warnings: [], residue: 0, placeholders: 0) }
            #expect(try Self.chunks(encoder, of: units).map(\.range.count) == Array(repeating: 10, count: 30))
        }
    }

    @Test func weightsAreAskedOfTheElementTypeAndAreEachElementsOwn() {
        // Weighted elements weigh what they quote (at least 1); others 1 each, however heavy they look.
        let groups = (0..<40).map { i -> StatementGroup in
            let members = (0..<(i % 5)).map { Member(unit: "第\($0)支部", text: "开展主题党日活动") }
            return StatementGroup(text: "第\(i)项做法", theme: nil, units: members.map(\.unit), members: members,
                                  distinctive: false, origin: nil, unit: nil, copies: [], heading: false)
        }
        #expect(groups.jsonElementWeights() == groups.map { max(1, $0.jsonChunkWeight) })
        #expect(groups.jsonElementWeights() == groups.map { $0.members.count + 1 })
        let totals = (0..<7).map { i in
            MetricTotal(activity: "集中学习", unit: "次", total: i, approx: false,
                        units: (0..<i).map { MetricContribution(unit: "第\($0)支部", value: 1, approx: false, text: "学习1次",
                                                                source: "\($0).txt", location: SourceLocation(paragraph: $0)) },
                        unknown: [])
        }
        #expect(totals.jsonElementWeights() == totals.map { max(1, $0.jsonChunkWeight) })
        let units = (0..<9).map { UnitEntry(unit: "第\($0)支部", status: .received, source: nil, warnings: ["缺少汇报期间"], residue: 3, placeholders: 2) }
        #expect(units.jsonElementWeights() == Array(repeating: 1, count: 9))
        #expect(["一", "二"].jsonElementWeights() == [1, 1])
        #expect([StatementGroup]().jsonElementWeights().isEmpty)
    }

    @Test func aFigureManyUnitsReportIsWrittenInChunksWithTheSameBytes() throws {
        // A total with a contribution from each of 3,000 units, and a conflict with 2,000 figures, among light ones.
        let contributions = (0..<3000).map { j in
            MetricContribution(unit: "第\(j)支部", value: j, approx: j % 7 == 0, text: "开展学习\(j)次",
                               source: "报送/\(j).docx", location: SourceLocation(paragraph: j))
        }
        var heavy = MetricTotal(activity: "集中学习", unit: "次", total: 0, approx: true, units: contributions, unknown: ["西山乡"])
        heavy.conflicts = [FigureConflict(unit: "第1支部", kept: 1, figures: Array(contributions.prefix(2000)), breakdown: false)]
        let light = (0..<80).map { i in
            MetricTotal(activity: "活动\(i)", unit: "名", total: i, approx: false, units: Array(contributions.prefix(i % 3)), unknown: [])
        }
        let totals = Array(light.prefix(40)) + [heavy] + Array(light.suffix(40))
        try Self.expectSame(totals)
        let chunks = try Self.chunks(JSONChunkedEncoder(pretty: true, escapeSlashes: false), of: totals)
        #expect(!chunks.contains { $0.array == 0 && $0.range.contains(40) })
        #expect(chunks.allSatisfy { $0.range.count <= 256 })
    }

    @Test func givesTheOneBufferBytesForTheSamplesConsolidation() throws {
        try Self.expectSame(RenderFixtures.samples)
    }

    /// Many units and groups, with arrays of every length about the chunk bounds, empty arrays,
    /// absent optionals and nested long arrays (a group's members, a total's contributions).
    static func synthetic(units count: Int) -> Consolidation {
        let places = ["城关镇", "河东街道", "西山乡", "南湖社区", "第二中学"]
        func name(_ i: Int) -> String { "\(places[i % places.count])第\(i)党支部" }
        let units = (0..<count).map { i -> UnitEntry in
            var entry = UnitEntry(unit: name(i), status: i % 17 == 0 ? .missing : (i % 23 == 0 ? .quarantined : .received),
                                  source: i % 17 == 0 ? nil : "报送/\(name(i)).docx", warnings: i % 5 == 0 ? ["第\(i)份：含\"引号\"与/斜杠\n换行"] : [],
                                  residue: i % 3, placeholders: i % 7 == 0 ? 1 : 0)
            if i % 11 == 0 { entry.rosterMatch = RosterMatch(entry: name(i), found: name(i) + "（简称）") }
            if i % 13 == 0 { entry.notOnRoster = true }
            if i % 2 == 0 { entry.identifiedBy = .name }
            return entry
        }
        func member(_ i: Int, _ j: Int) -> Member {
            Member(unit: name(j), text: "组织党员开展主题党日活动\(i)次，参与\(j)人。",
                   source: j % 4 == 0 ? nil : "报送/\(name(j)).txt",
                   location: j % 3 == 0 ? nil : SourceLocation(paragraph: j, origin: j % 2 == 0 ? .body : .table),
                   categories: j % 5 == 0 ? ["学习教育", "组织建设"] : nil)
        }
        // Member counts about every bound: none, one, just under, at and over a chunk, and long.
        let lengths = [0, 1, 2, 3, 63, 64, 65, 129]
        let groups = (0..<(count / 2)).map { i -> StatementGroup in
            let members = (0..<lengths[i % lengths.count]).map { member(i, $0) }
            return StatementGroup(text: "第\(i)项做法", theme: i % 4 == 0 ? nil : "主题\(i % 6)",
                                  units: members.map(\.unit), members: members, distinctive: i % 9 == 0,
                                  origin: i % 10 == 0 ? .other : nil, unit: i % 3 == 0 ? nil : name(i),
                                  copies: members.isEmpty ? [] : [CopyGroup(representative: 0, members: Array(0..<members.count))],
                                  heading: i % 8 == 0)
        }
        let problems = (0..<11).map { i in
            let items = (0..<lengths[(i + 5) % lengths.count]).map { member(i, $0) }
            return ProblemGroup(category: "类别\(i)", label: "问题\(i)", text: "存在的不足\(i)", units: items.map(\.unit), items: items)
        }
        let metrics = (0..<70).map { i -> MetricTotal in
            let contributions = (0..<lengths[(i + 3) % lengths.count]).map { j in
                MetricContribution(unit: name(j), value: j * 3 - 7, approx: j % 6 == 0, text: "开展活动\(j)次",
                                   source: j % 2 == 0 ? nil : "报送/\(j).docx", location: j % 2 == 0 ? SourceLocation(paragraph: j) : nil)
            }
            var total = MetricTotal(activity: "活动\(i)", unit: i % 2 == 0 ? "次" : "名", total: contributions.reduce(0) { $0 + $1.value },
                                    approx: i % 5 == 0, units: contributions, unknown: i % 4 == 0 ? [] : [name(i)])
            if i % 3 == 0 { total.rule = "同一单位取最大值" }
            if i % 7 == 0, let first = contributions.first {
                total.conflicts = [FigureConflict(unit: first.unit, kept: first.value, figures: [first, first], breakdown: i % 2 == 0)]
            }
            return total
        }
        var consolidation = Consolidation(title: "汇总报告", period: Period(year: 2026, part: .h1), units: units,
                                          achievements: groups, problems: problems, plans: Array(groups.reversed().prefix(70)),
                                          metrics: metrics, due: count % 2 == 0 ? count : nil,
                                          unnamedSingleUnitPractices: count % 3 == 0 ? nil : 4)
        if count % 2 == 0 { consolidation.skipped = [SkippedFile(path: "说明.pdf", reason: "不是可读取的格式")] }
        return consolidation
    }

    @Test(arguments: [0, 1, 2, 65, 257])
    func givesTheOneBufferBytesForAManyUnitConsolidation(units: Int) throws {
        try Self.expectSame(Self.synthetic(units: units))
    }

    @Test func givesTheOneBufferBytesForLongArraysAtTheTopAndInsideOneAnother() throws {
        let nested = (0..<70).map { i in (0..<(i % 5 == 0 ? 0 : i)).map { "第\($0)条" } }
        try Self.expectSame(nested)
        try Self.expectSame([[Int]]())
        try Self.expectSame(["单位": nested, "空": []])
    }

    struct Link: Encodable, Sendable { var url: URL?; var text: String }

    @Test func handsAChunkFoundationCannotMatchToFoundationFromTheStart() throws {
        // The skeleton is the fast writer's; one element far into the array is not, so the sink restarts.
        var links = (0..<300).map { Link(url: nil, text: "第\($0)条") }
        links[250].url = URL(string: "https://example.com/a/b")
        let expected = [UInt8](try JSONByteEncoder(pretty: true, escapeSlashes: false).foundationEncoder().encode(links))
        for setting in Self.settings {
            #expect(try Self.chunked(links, pretty: true, setting) == expected)
        }
    }

    @Test func rendersSummaryJSONInMemoryAndStreamedAsTheOneBufferEncoder() throws {
        let consolidation = RenderFixtures.samples
        let expected = try JSONOutput.encode(consolidation)
        #expect(try Renderer.render("summary.json", consolidation: consolidation, configuration: RenderFixtures.configuration) == expected)
        let files = try Renderer.outputFiles(["summary.md", "summary.json"], consolidation: consolidation,
                                             configuration: RenderFixtures.configuration)
        #expect(files.map(\.name) == ["summary.md", "summary.json"])
        #expect(files[0].data != nil && files[1].data == nil)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try OutputWriter.write(files, to: out)
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == expected)
    }

    @Test func aRunWritesTheStreamedSummaryAndCountsItsTimeInTheRenderStage() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let runner = PipelineRunner(configuration: RenderFixtures.configuration, roster: nil)
        let outcome = try runner.run(input: Repository.samples, output: output)
        let consolidation = try #require(outcome.consolidation)
        #expect(try Data(contentsOf: output.appendingPathComponent("summary.json")) == JSONOutput.encode(consolidation))
        let record = try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: output.appendingPathComponent("run.json")))
        #expect(record.timings["render"] != nil)
        #expect(record.timings == outcome.record.timings)
    }
}
