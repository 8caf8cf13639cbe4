import Foundation
import Testing
@testable import ConsolidateCore

/// Speed of the Merge stage at a city's scale. A benchmark, not a test: it runs only with
/// `BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --disable-xctest --filter MergeBenchmark` and prints its figures.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BENCHMARK"] == "1")) struct MergeBenchmark {
    /// Statements of random common characters, one in ten copied with small edits by another unit.
    static func statements(_ count: Int) -> [Statement] {
        var random = GroupingEvaluationTests.Seeded(state: UInt64(count))
        let alphabet = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")
        let units = (0..<max(count / 30, 1)).map { "单位\($0)" }
        var result: [Statement] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            if index % 10 == 9, let source = result.randomElement(using: &random) {
                var characters = Array(source.text)
                characters[Int.random(in: 0..<characters.count, using: &random)] = "党"
                result.append(Statement(kind: .achievement, unit: units[index % units.count], text: "今年以来，" + String(characters),
                                        source: nil, location: nil))
                continue
            }
            let length = Int.random(in: 40...160, using: &random)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &random)! }) + "。"
            result.append(Statement(kind: .achievement, unit: units[index % units.count], text: text, source: nil, location: nil))
        }
        return result
    }

    @Test(arguments: [2_000, 10_000, 50_000]) func groupsStatementsAtScale(count: Int) {
        let statements = Self.statements(count)
        let foldStart = DispatchTime.now()
        let folded = statements.map { TextSimilarity.fold($0.text, masking: [$0.unit]) }
        let grams = folded.map(TextSimilarity.bigrams)
        print(String(format: "  fold+bigrams %d: %.2f s", grams.count, Self.seconds(since: foldStart)))
        Self.time(statements, label: "random statements")
    }

    /// The generated corpus with copies of boilerplates and look-alike practices, about `count` statements.
    @Test(arguments: [10_000, 100_000]) func groupsGeneratedReportsAtScale(count: Int) {
        let corpus = StatementCorpus.generate(units: max(count * 1_000 / 7_362, 1))
        Self.time(corpus.statements, label: "generated statements")
    }

    /// Times the grouper against the single-link baseline on the same statements.
    static func time(_ statements: [Statement], label: String) {
        var start = DispatchTime.now()
        let practices = StatementGrouper(settings: .default).practices(statements)
        let seconds = seconds(since: start)
        let largest = practices.map(\.members.count).max() ?? 0
        print(String(format: "grouping %d %@: %.2f s, %d practices (largest %d), %d copy groups", statements.count, label, seconds,
                     practices.count, largest, practices.reduce(0) { $0 + $1.copies.count }))
        #expect(practices.reduce(0) { $0 + $1.members.count } == statements.count)
        guard statements.count <= 20_000 else { return }
        start = DispatchTime.now()
        let baseline = ChainingGrouperBaseline(similarity: 0.5, containment: 0.8).group(statements)
        print(String(format: "  baseline (single-link, before issue 13) %d %@: %.2f s, %d groups (largest %d)", statements.count, label,
                     Self.seconds(since: start), baseline.count, baseline.map(\.count).max() ?? 0))
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
