import Foundation
import Testing
@testable import ConsolidateCore

/// The merge's compact forms (many lists in one buffer, folded wordings as ranks, reports let go
/// as they are taken in) hold what the forms they replace held.
@Suite struct MergeMemoryTests {
    typealias Seeded = GroupingEvaluationTests.Seeded

    @Test func gapListsDecodeWhatWasAppended() {
        var random = Seeded(state: 33)
        // Ascending, distinct ids: small gaps, gaps of 0xFFFF and over (three words each), a first id
        // past 16 bits, the largest id there is, an empty list and a list of id 0 alone.
        var lists: [[Int32]] = (0..<300).map { _ in
            var id = Int32(random.next() % 200_000)
            return (0..<Int(random.next() % 40)).map { _ in
                defer {
                    let roll = random.next() % 10
                    id += roll == 0 ? Int32(0xFFFF + random.next() % 3) : roll == 1 ? Int32(70_000 + random.next() % 1000) : Int32(1 + random.next() % 300)
                }
                return id
            }
        }
        lists += [[], [0], [0, 0xFFFE, 0x1FFFD], [Int32.max - 1, Int32.max], [0, Int32.max]]
        // Lists encoded as the grouper's slices encode them, then gathered.
        func encoded(_ lists: ArraySlice<[Int32]>) -> (words: [UInt16], ends: [Int], longest: Int) {
            var words: [UInt16] = [], ends: [Int] = []
            for list in lists {
                GapLists.encode(list, into: &words)
                ends.append(words.count)
            }
            return (words, ends, lists.map(\.count).max() ?? 0)
        }
        var gaps = GapLists()
        for list in lists {
            let one = encoded([list][...])
            gaps.append(words: one.words, ends: one.ends, longest: one.longest)
        }
        #expect(gaps.count == lists.count)
        #expect(gaps.longest == lists.map(\.count).max())
        // Nearly every id is one word.
        #expect(gaps.words.count < lists.reduce(0) { $0 + $1.count } * 3 / 2)
        func decoded(_ gaps: GapLists) -> [[Int32]] {
            gaps.withUnsafeLists { unsafe in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: unsafe.longest) { buffer in
                    (0..<unsafe.count).map { Array(unsafe.decode($0, into: buffer)) }
                }
            }
        }
        #expect(decoded(gaps) == lists)
        // Gathered from two parts encoded apart: the later part's lists follow, their ends moved on.
        var gathered = GapLists(reservingLists: lists.count, words: 0)
        for part in [lists[..<150], lists[150...]] {
            let encodedPart = encoded(part)
            gathered.append(words: encodedPart.words, ends: encodedPart.ends, longest: encodedPart.longest)
        }
        #expect(decoded(gathered) == lists)
        #expect(gathered.longest == gaps.longest)
    }

    @Test func flatListsReadBackWhatWasAppended() {
        var random = Seeded(state: 21)
        let lists: [[Int32]] = (0..<200).map { _ in (0..<Int(random.next() % 9)).map { _ in Int32(random.next() % 1000) } }
        var flat = FlatLists<Int32>()
        for list in lists { flat.append(list) }
        #expect(flat.count == lists.count)
        #expect((0..<flat.count).map { Array(flat[$0]) } == lists)
        #expect((0..<flat.count).map { flat[$0].count } == lists.map(\.count))
        flat.withUnsafeLists { unsafe in
            #expect((0..<unsafe.count).map { Array(unsafe[$0]) } == lists)
        }
        // Gathered from parts: the later part's lists follow, their ends moved on.
        var first = FlatLists<Int32>(), second = FlatLists<Int32>()
        for list in lists[..<77] { first.append(list) }
        for list in lists[77...] { second.append(list) }
        var gathered = FlatLists<Int32>(reservingLists: lists.count, values: 0)
        gathered.append(values: first.values, ends: first.ends)
        gathered.append(values: second.values, ends: second.ends)
        #expect((0..<gathered.count).map { Array(gathered[$0]) } == lists)
        // Made from values and ends: the same lists, in buffers of their exact size.
        let exact = FlatLists(values: flat.values, ends: flat.ends)
        #expect((0..<exact.count).map { Array(exact[$0]) } == lists)
        // (The allocator may round the buffer up by a few bytes, never by half again.)
        #expect(exact.values.capacity < exact.values.count + 8)
    }

    @Test func utf8ListsHoldTheScalarsAppended() {
        let texts = ["开展主题党日活动", "abc", "", "é与e\u{301}", "𠀀𠀁 emoji 😀", "Ａ全角"]
        var flat = FlatLists<UInt8>()
        for text in texts { flat.appendUTF8(text.unicodeScalars.map(\.value)) }
        #expect((0..<flat.count).map { String(decoding: flat[$0], as: UTF8.self) } == texts)
    }

    /// Folded wordings (scalar values) as a slice would hold them.
    static func part(_ wordings: [[UInt32]]) -> StatementGrouper.Part {
        var part = StatementGrouper.Part(count: wordings.count)
        for folded in wordings {
            part.wordings.appendUTF8(folded)
            part.plain.append(folded.allSatisfy(TextOrder.isPlain))
        }
        return part
    }

    @Test func wordingRanksOrderWordingsAsStringsDo() {
        var random = Seeded(state: 5)
        let alphabet = Array("党建学习组织生活会abc，。".unicodeScalars.map(\.value)) + [0xE9, 0x65, 0x301, 0x1F600, 0x20000]
        var wordings: [[UInt32]] = (0..<300).map { _ in
            (0..<Int(random.next() % 6)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
        }
        // Repeats, and one wording spelled composed and decomposed: equal as `String`s.
        wordings += wordings.prefix(40)
        wordings += [[0x4E00, 0xE9], [0x4E00, 0x65, 0x301]]
        let strings = wordings.map(TextSimilarity.string)
        // Across slices of 64, as the grouper makes them.
        let parts = stride(from: 0, to: wordings.count, by: 64).map { Self.part(Array(wordings[$0..<min(wordings.count, $0 + 64)])) }
        let ranks = StatementGrouper.wordingRanks(parts, sliceSize: 64)
        #expect(ranks.count == wordings.count)
        for a in wordings.indices {
            for b in wordings.indices where a < b {
                let (x, y) = (strings[a], strings[b])
                // Only where `String` orders the pair consistently (not every decomposed pair is ordered).
                if x == y { #expect(ranks[a] == ranks[b], "\(x) \(y)") }
                else if x < y, !(y < x) { #expect(ranks[a] < ranks[b], "\(x) \(y)") }
                else if y < x, !(x < y) { #expect(ranks[a] > ranks[b], "\(x) \(y)") }
            }
        }
        #expect(ranks[wordings.count - 2] == ranks[wordings.count - 1])
    }

    @Test func wordingRanksOfManyAreSortedARunPerCoreAndGiveTheRanksOfTheirDistinctWordings() {
        var random = Seeded(state: 11)
        let alphabet = Array("党建学习组织生活会abc，。".unicodeScalars.map(\.value)) + [0x1F600, 0x20000]
        // Enough for a run per core; short wordings of few letters, so most come many times.
        let wordings: [[UInt32]] = (0..<40_000).map { _ in
            (0..<Int(random.next() % 5)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
        }
        let strings = wordings.map(TextSimilarity.string)
        let parts = stride(from: 0, to: wordings.count, by: 4096).map { Self.part(Array(wordings[$0..<min(wordings.count, $0 + 4096)])) }
        let ranks = StatementGrouper.wordingRanks(parts, sliceSize: 4096)
        // Of plain wordings, a wording's rank is its place among the distinct ones.
        let distinct = Set(strings).sorted()
        let place = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
        #expect(ranks == strings.map { place[$0]! })
    }

    @Test func runsMergedAreTheirItemsSortedTiesToTheEarlierRun() {
        var random = Seeded(state: 3)
        for runCount in [0, 1, 2, 3, 7] {
            let runs = (0..<runCount).map { _ in (0..<Int(random.next() % 50)).map { _ in Int(random.next() % 20) }.sorted() }
            let count = runs.reduce(0) { $0 + $1.count }
            // Items tagged with their run and place, compared by value only: ties keep run order.
            let tagged = runs.enumerated().map { run, items in items.indices.map { run * 1000 + $0 } }
            let value = { (tag: Int) in runs[tag / 1000][tag % 1000] }
            let merged = StatementGrouper.merged(tagged, count: count) { value($0) < value($1) }
            #expect(merged.map(value) == runs.flatMap { $0 }.sorted())
            #expect(merged.sorted { value($0) != value($1) ? value($0) < value($1) : $0 < $1 } == merged)
        }
    }

    @Test func mergeInputTakingTheReportsEqualsMergeInputAndLetsTheirContentsGo() {
        let metric = Metric(text: "集中学习12次", activity: "集中学习", value: 12, unit: "次", approx: false)
        var reports = [
            MergerTests.report("甲局", achievements: ["开展主题党日活动。", "召开组织生活会。"], problems: ["学习不够深入。"],
                               plans: ["抓好党员发展。"], metrics: [metric]),
            MergerTests.report("乙局", achievements: ["开展主题党日活动。"], metrics: [metric, metric]),
            MergerTests.report("甲局", achievements: ["旧的一份。"]),
        ]
        reports[2].source.path = "甲局-旧.txt"
        var quarantined = UnitReport.quarantined(source: SourceInfo(path: "丙局.docx", format: .docx, sha256: ""),
                                                 unit: "丙局", reason: "文件已损坏")
        quarantined.warnings = ["无法读取"]
        reports.append(quarantined)
        let submissions = reports.enumerated().map { index, report in
            SubmittedReport(report: report, submitted: Date(timeIntervalSince1970: Double(100 - index)))
        }
        let expected = MergeInput.from(submissions, roster: nil, copySimilarity: 0.85)
        var taken = submissions
        let input = MergeInput.from(taking: &taken, roster: nil, copySimilarity: 0.85)
        #expect(input.units == expected.units)
        #expect(input.allStatements == expected.allStatements)
        #expect(input.figures == expected.figures)
        #expect(input.periods == expected.periods)
        // The newer report of 甲局 counts (four statements), the older is superseded; 乙局 has one.
        #expect(input.allStatements.count == 5)
        #expect(input.figures.count == 3)
        // Statements and figures went into the input; the account stays for run.json.
        #expect(taken.allSatisfy { $0.report.sections.isEmpty && $0.report.metrics.isEmpty })
        #expect(taken.map(\.report.source.path) == submissions.map(\.report.source.path))
        #expect(taken.map(\.report.status) == submissions.map(\.report.status))
        #expect(taken.map(\.report.warnings) == submissions.map(\.report.warnings))
        #expect(taken.map(\.report.error) == submissions.map(\.report.error))
    }
}

@Suite struct SpellingPoolTests {
    /// The address of a string's UTF-8 buffer (nil for one held inline).
    static func storage(_ text: String) -> UnsafeRawPointer? {
        var text = text
        return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func equalBytesShareOneBufferAndOtherSpellingsKeepTheirOwn() {
        var pool = SpellingPool()
        let first = String(decoding: Array("组织党员志愿服务活动".utf8), as: UTF8.self)
        let again = String(decoding: Array("组织党员志愿服务活动".utf8), as: UTF8.self)
        #expect(Self.storage(first) != Self.storage(again), "two readings, two buffers")
        let kept = pool.shared(first)
        let shared = pool.shared(again)
        #expect(shared == again && Self.storage(shared) == Self.storage(kept))
        // Canonically equal (`==`) but other bytes: a composed and a decomposed accent stay as written.
        let composed = "Caf\u{E9} 主题党日活动", decomposed = "Cafe\u{301} 主题党日活动"
        #expect(composed == decomposed)
        _ = pool.shared(composed)
        #expect(Array(pool.shared(decomposed).utf8) == Array(decomposed.utf8))
        // A short name is held inline and passes through.
        #expect(pool.shared("党课") == "党课")
    }

    @Test func aPoolGrownPastItsRoomStillGivesEachTextsFirstCopy() {
        var pool = SpellingPool(expected: 4)
        let texts = (0..<5000).map { "第\($0)条：组织党员开展主题党日活动" }
        let kept = texts.map { pool.shared(String(decoding: Array($0.utf8), as: UTF8.self)) }
        #expect(pool.count == texts.count)
        for (index, text) in texts.enumerated() {
            // From bytes as a reading holds them: the first copy, not a new one.
            let again = Array(text.utf8).withUnsafeBufferPointer { pool.shared(bytes: $0) }
            #expect(again == text && Self.storage(again) == Self.storage(kept[index]))
        }
        #expect(pool.count == texts.count)
        // Short texts from bytes are made inline and not counted.
        #expect(Array("党课".utf8).withUnsafeBufferPointer { pool.shared(bytes: $0) } == "党课")
        #expect(pool.count == texts.count)
    }

    @Test func theMergesRowsHoldOneBufferPerWording() {
        let wording = "严格落实“三会一课”制度，按期召开支部党员大会。"
        let reports = ["甲局", "乙局", "丙局"].map { MergerTests.report($0, achievements: [wording, "各自不同的做法：\($0)"]) }
        var packed = reports.map {
            MergeInput.PackedStatements(unit: $0.unit, source: $0.source.path, reading: PackedReading($0))
        }
        let rows = StatementRows(sorting: [], taking: &packed)
        let copies = (0..<rows.count).filter { rows.text($0) == wording }
        #expect(copies.count == 3)
        #expect(Set(copies.map { Self.storage(rows.text($0)) }).count == 1)
        #expect(Set((0..<rows.count).map { Self.storage(rows.text($0)) }).count == 4)
    }
}

@Suite struct MemoryReleaseTests {
    @Test func givingFreePagesBackLeavesTheHeapUsable() {
        // Many small lists made and let go, the pages given back, then made again.
        var lists = (0..<20_000).map { [Int32](repeating: Int32($0), count: 40) }
        lists.removeAll()
        MemoryRelease.freePages()
        lists = (0..<1000).map { [Int32](repeating: Int32($0), count: 40) }
        #expect(lists[999].allSatisfy { $0 == 999 })
        #if canImport(Glibc)
        // A debug build has glibc's allocator (jemalloc is linked into release builds only), or a sanitizer's.
        if MemoryRelease.underSanitizer {
            #expect(!MemoryRelease.freePages(), "a sanitizer's allocator is left to itself")
        } else {
            #expect(MemoryRelease.allocator == .glibc)
            #expect(MemoryRelease.freePages(), "glibc's malloc_trim is found by name")
        }
        #endif
    }

    /// The release build's allocator, jemalloc, put in place of glibc's in the debug binary (as the
    /// release build links it): its pages are purged between stages, and every output is as with glibc's.
    @Test func theReleaseAllocatorGivesTheSameOutputs() throws {
        #if canImport(Glibc)
        let library = ["/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"]
            .first { FileManager.default.fileExists(atPath: $0) }
        guard let library else {
            Issue.record("jemalloc is not installed: `make deps` installs libjemalloc-dev, which the release build links")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [[String: Data]] = []
        for environment in [[:], ["LD_PRELOAD": library, "MALLOC_CONF": "confirm_conf:true"]] {
            let out = folder.appendingPathComponent("out-\(outputs.count)")
            let result = try ConsolidateBinary.run(["run", "--input", "Samples", "--roster", "Samples/roster.csv",
                                                    "--out", out.path, "--no-progress"], environment: environment)
            #expect(result.status == 3, "Samples holds one file to quarantine: \(result.stderr.prefix(300))")
            // jemalloc served the second run (it confirms its settings as it starts), its pages purged
            // between stages by `MemoryRelease.freePages`, which finds jemalloc's `mallctl` by name.
            #expect(result.stderr.contains("<jemalloc>") == !environment.isEmpty, "jemalloc loaded only where preloaded")
            var files: [String: Data] = [:]
            for name in ["summary.json", "summary.md", "review.html", "changes.md"] {
                files[name] = try Data(contentsOf: out.appendingPathComponent(name))
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
        #endif
    }

    @Test func fixedThresholdsAreSetAndTheHeapStaysUsable() {
        #if canImport(Glibc)
        if MemoryRelease.underSanitizer {
            #expect(!MemoryRelease.fixThresholds(), "a sanitizer's allocator is left as it is")
        } else {
            #expect(MemoryRelease.fixThresholds(), "glibc's mallopt is found by name and takes both settings")
        }
        #endif
        // Lists above and below the mapping threshold, made, freed and made again.
        let sizes = [16, Int(MemoryRelease.mapThreshold) / 4 - 1, Int(MemoryRelease.mapThreshold) / 4 + 1, 1 << 20]
        for round in 0..<3 {
            let lists = sizes.map { [Int32](repeating: Int32(round), count: $0) }
            #expect(lists.allSatisfy { $0.allSatisfy { $0 == Int32(round) } })
        }
    }
}
