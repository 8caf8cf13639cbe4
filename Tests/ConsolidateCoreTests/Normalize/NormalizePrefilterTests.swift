import Testing
@testable import ConsolidateCore

/// The literal prefilter only ever spares a pattern a line it cannot match.
@Suite struct NormalizePrefilterTests {
    @Test func requirementIsTheSmallestMandatoryPieceOfEachBranch() {
        #expect(RegexRequirement.requiredScalars(of: "(隐藏|省略)\\d+个?字") == ["字"])
        // (`群` alone is required of the second branch: one scalar is a smaller set than `Q`, `q`.)
        #expect(RegexRequirement.requiredScalars(of: "素材库|[Qq]{2}群") == ["素", "群"])
        #expect(RegexRequirement.requiredScalars(of: "素材库|[Qq]{2}") == ["素", "Q", "q"])
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

    @Test func residueRulesStillMatchTheLinesThatHoldTheirLiterals() throws {
        let configuration = try PipelineConfiguration.decode(yaml: """
        residue:
          rules:
            - {id: truncation, pattern: '(此处)?(隐藏|省略)\\d+个?字[…。]{0,6}', action: span}
            - {id: links, pattern: '^(推荐阅读|相关文章)[^。，]{0,30}$', action: line, maxLength: 40, edge: 12}
        """)
        let remover = ResidueRemover(settings: configuration.residue)
        let lines = ["支部召开组织生活会4次，此处隐藏120个字……", "全体党员参加学习。", "推荐阅读", "相关文章已经下发，各支部认真学习。"]
            .enumerated().map { NormalizedLine(text: $1, location: SourceLocation(paragraph: $0)) }
        let outcome = remover.remove(from: lines)
        #expect(outcome.lines.map(\.text) == ["支部召开组织生活会4次，", "全体党员参加学习。", "相关文章已经下发，各支部认真学习。"])
        #expect(outcome.residue.map(\.rule) == ["truncation", "links"])
    }
}
