import Testing
@testable import ConsolidateCore

/// One `Normalizer` and one `Extractor` serve many documents at once, as a run
/// over a quarter's folder does; the result must not depend on the interleaving.
@Suite struct ExtractConcurrencyTests {
    @Test func parallelReadingGivesTheSameReportsAsSequentialReading() async {
        let normalizer = Normalizer(configuration: NormalizeFixtures.configuration)
        let extractor = Extractor(configuration: NormalizeFixtures.configuration)
        let texts = (1...48).map { index in
            """
            XX单位\(index)2024年上半年D建工作汇报##paidend##
            一、主要做法
            （一）抓学习。开展集中学习\(index)次，交流研讨x次，一是读原著，二是谈体会。
            二、存在的问题
            一是学习不深；二是创新不足。
            三、下一步打算
            持续加强学习。
            【某某素材库】会员群每日更新
            """
        }
        let sequential = texts.map { extractor.extract(normalizer.normalize(NormalizeFixtures.document($0)), unitHint: nil) }
        let parallel = await withTaskGroup(of: (Int, UnitReport).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask {
                    (index, extractor.extract(normalizer.normalize(NormalizeFixtures.document(text)), unitHint: nil))
                }
            }
            var reports = [UnitReport?](repeating: nil, count: texts.count)
            for await (index, report) in group { reports[index] = report }
            return reports.compactMap { $0 }
        }
        #expect(parallel == sequential)
        #expect(sequential[4].metrics.first?.value == 5)
        #expect(sequential[4].residue.count == 2)
    }

    /// Texts with no scalars, made into arrays on every core at once, as the readers do with blank
    /// lines: no thread writes to storage another reads (ThreadSanitizer, `make sanitize`, watches this).
    @Test func emptyTextsAndListsAreMadeOnManyThreadsAtOnce() {
        let texts = (0..<4_096).map { $0 % 3 == 0 ? "" : String(repeating: "党", count: $0 % 5) }
        let counts = ParallelMap.map(texts) { text -> Int in
            let lists = FlatLists<Int32>(values: [], ends: text.isEmpty ? [] : [0])
            return text.scalarArray.count + lists.count
        }
        #expect(counts == texts.map { $0.unicodeScalars.count + ($0.isEmpty ? 0 : 1) })
    }
}
