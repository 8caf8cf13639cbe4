import Testing
@testable import ConsolidateCore

/// The literal prefilter only ever spares a pattern a line it cannot match.
@Suite struct NormalizePrefilterTests {
    @Test func requirementIsTheSmallestMandatoryPieceOfEachBranch() {
        #expect(RegexRequirement.requiredScalars(of: "(隐藏|省略)\\d+个?字") == ["字"])
        #expect(RegexRequirement.requiredScalars(of: "素材库|[Qq]{2}群") == ["素", "Q", "q"])
        #expect(RegexRequirement.requiredScalars(of: "^作者[:：]") == ["作"])
    }

    @Test func optionalPiecesLookaroundAndNegatedClassesRequireNothing() {
        #expect(RegexRequirement.requiredScalars(of: "(?<=[。！])\\s*(推荐)?$") == nil)
        #expect(RegexRequirement.requiredScalars(of: "[^。]{0,6}") == nil)
        #expect(RegexRequirement.requiredScalars(of: "甲|.*") == nil)
        // An inline flag changes what a literal matches: not read.
        #expect(RegexRequirement.requiredScalars(of: "(?i)vip") == nil)
        #expect(RegexRequirement.requiredScalars(of: "\\p{Han}") == nil)
    }

    @Test func lineWithoutARequiredScalarIsNoCandidate() {
        let filter = PatternPrefilter(patterns: ["此处隐藏\\d+字", "[（(]精选\\d*篇[）)]", "[^。]+$"])
        let plain = filter.candidates(in: "支部全年召开支委会十二次。")
        #expect(!PatternPrefilter.contains(plain, 0))
        #expect(!PatternPrefilter.contains(plain, 1))
        #expect(PatternPrefilter.contains(plain, 2))
        let marked = filter.candidates(in: "……此处隐藏955个字……")
        #expect(PatternPrefilter.contains(marked, 0))
        #expect(!PatternPrefilter.contains(marked, 1))
    }

    @Test func residueRulesGiveTheSameOutcomeWithTheFilter() {
        let settings = PipelineConfiguration.default.residue
        let remover = ResidueRemover(settings: settings)
        let lines = ["某某范文网 https://example.com", "支部召开组织生活会4次，此处隐藏120个字……", "全体党员参加学习。",
                     "推荐阅读", "下面是小编为大家整理的党支部工作总结：", "以上内容供大家参考。"]
            .map { NormalizedLine(text: $0, location: SourceLocation(paragraph: 0)) }
        let outcome = remover.remove(from: lines)
        #expect(outcome.lines.map(\.text).contains("全体党员参加学习。"))
        #expect(outcome.residue.contains { $0.rule == "paywall-truncation" })
        #expect(!outcome.lines.map(\.text).contains("推荐阅读"))
    }
}
