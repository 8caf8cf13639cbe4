import Foundation
import Testing
@testable import ConsolidateCore

/// The literal prefilter only ever spares a pattern a line it cannot match.
@Suite struct NormalizePrefilterTests {
    @Test func requirementIsTheBestMandatoryWordOfEachBranch() {
        // (A run of plain literals is one word; the longest shortest word filters best.)
        #expect(RegexRequirement.requiredWords(of: "(隐藏|省略)\\d+个?字") == [Array("隐藏".unicodeScalars), Array("省略".unicodeScalars)])
        #expect(RegexRequirement.requiredWords(of: "素材库|[Qq]{2}群") == [Array("素材库".unicodeScalars), ["群"]])
        #expect(RegexRequirement.requiredWords(of: "素材库|[Qq]{2}") == [Array("素材库".unicodeScalars), ["Q"], ["q"]])
        #expect(RegexRequirement.requiredWords(of: "^作者[:：]") == [Array("作者".unicodeScalars)])
        #expect(RegexRequirement.requiredWords(of: "https?://") == [Array("http".unicodeScalars)])
    }

    @Test func quantifiedLiteralEndsAWord() {
        // `ab+c` holds `a`, `b` and `c`, never `ab` alone: the quantified `b` ends the word
        // before it (of two words equally long, the first is kept).
        #expect(RegexRequirement.requiredWords(of: "党建b+工作") == [Array("党建".unicodeScalars)])
        #expect(RegexRequirement.requiredWords(of: "党b+工作") == [Array("工作".unicodeScalars)])
        #expect(RegexRequirement.requiredWords(of: "支部?会议") == [Array("会议".unicodeScalars)])
        // An escaped literal joins its neighbours; `\\s` and `.` part them.
        #expect(RegexRequirement.requiredWords(of: "第\\.号\\s*文") == [Array("第.号".unicodeScalars)])
    }

    @Test func optionalPiecesLookaroundAndNegatedClassesRequireNothing() {
        #expect(RegexRequirement.requiredWords(of: "(?<=[。！])\\s*(推荐)?$") == nil)
        #expect(RegexRequirement.requiredWords(of: "[^。]{0,6}") == nil)
        #expect(RegexRequirement.requiredWords(of: "甲|.*") == nil)
        // An inline flag changes what a literal matches: not read.
        #expect(RegexRequirement.requiredWords(of: "(?i)vip") == nil)
        #expect(RegexRequirement.requiredWords(of: "\\p{Han}") == nil)
    }

    @Test func lineWithoutARequiredWordIsNoCandidate() {
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

    @Test func lineHoldingTheWordsScalarsApartIsNoCandidate() {
        let filter = PatternPrefilter(patterns: ["会员群|公众号[:：]", "[（(]精选\\d*篇[）)]"])
        // Every scalar of `会员群` and `公众号` is here, never the words.
        let scattered = filter.candidates(in: "全体党员参加会议，群众代表列席，号召公开承诺：")
        #expect(!PatternPrefilter.contains(scattered, 0))
        let word = filter.candidates(in: "欢迎加入会员群")
        #expect(PatternPrefilter.contains(word, 0))
        #expect(!PatternPrefilter.contains(word, 1))
        // At the line's very end, and as its whole text.
        #expect(PatternPrefilter.contains(filter.candidates(in: "公众号："), 0))
        #expect(PatternPrefilter.contains(filter.candidates(in: "（精选3篇）"), 1))
        #expect(!PatternPrefilter.contains(filter.candidates(in: "公众"), 0))
    }

    @Test func spanRemovalThatJoinsAWordLetsTheLineRuleSeeIt() throws {
        let configuration = try PipelineConfiguration.decode(yaml: """
        residue:
          rules:
            - {id: marker, pattern: '##\\s*paid\\s*(begin|end)\\s*##', action: span}
            - {id: groups, pattern: '会员群', action: line, maxLength: 60}
        """)
        let remover = ResidueRemover(settings: configuration.residue)
        let lines = ["扫码加入会员##paidbegin##群领取资料", "支部会员##paidend##大会顺利召开。"]
            .enumerated().map { NormalizedLine(text: $1, location: SourceLocation(paragraph: $0)) }
        let outcome = remover.remove(from: lines)
        #expect(outcome.lines.map(\.text) == ["支部会员大会顺利召开。"])
        #expect(outcome.residue.map(\.rule) == ["marker", "groups", "marker"])
    }

    /// Lines to try every configured pattern on: the shared reports' lines where present, lines
    /// made of the patterns' own words (each alone, glued to text, cut short by one scalar),
    /// and residue written here.
    private static func trialLines(words: [[Unicode.Scalar]]) -> [String] {
        var lines = [
            "本文共3200字，剩余2800字请登录后查看全文）", "此处隐藏了1024个字，下载后可编辑",
            "（阅读全文需要先登录）", "推荐阅读：党支部工作总结（精选5篇）", "【精品范文】", "微信号：abc123",
            "加V：dj2023", "Copyright © 2023 某某范文网 All Rights Reserved", "备案号：京ICP备12345号",
            "下面是小编为大家整理的党建工作总结，供大家参考。", "2023年度党建工作总结范文", "首页 > 党建",
            "作者：佚名", "上传时间：2023-05-06", "点击下载全文", "支部书记XXX同志", "共发展党员X名", "召开会议××次",
            "D建工作稳步推进", "dang建引领发展", "全体党员参加学习。", "第一季度召开支委会3次。",
        ]
        for word in words {
            let text = String(scalars: word)
            lines += [text, "支部" + text, text + "工作", "，" + text + "：", String(scalars: word.dropLast()),
                      String(scalars: word.dropFirst())]
        }
        if let shared = Repository.shared {
            for folder in ["seeds", "web/seeds"] {
                let url = shared.appendingPathComponent(folder)
                let files = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []
                for file in files where file.pathExtension == "txt" {
                    guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                    lines += text.split(whereSeparator: \.isNewline).map(String.init)
                }
            }
        }
        return lines
    }

    @Test func configuredPatternsAreNeverSparedALineTheyMatch() throws {
        let configuration = try PipelineConfiguration.decode(yaml: String(contentsOf: Repository.defaultPipeline, encoding: .utf8))
        let groups = [configuration.residue.rules.map(\.pattern), configuration.placeholders.patterns,
                      configuration.substitutions.flags.map(\.pattern)]
        for patterns in groups {
            let filter = PatternPrefilter(patterns: patterns)
            let compiled = patterns.map(CompiledPattern.init)
            let words = patterns.flatMap { Array(RegexRequirement.requiredWords(of: $0) ?? []) }
            var spared = 0
            for line in Self.trialLines(words: words) {
                let candidates = filter.candidates(in: line)
                for (index, pattern) in compiled.enumerated() {
                    let matches = pattern.firstMatch(in: line) != nil
                    #expect(!matches || PatternPrefilter.contains(candidates, index), "\(pattern.source) on \(line)")
                    if !PatternPrefilter.contains(candidates, index) { spared += 1 }
                }
            }
            // The filter does spare lines: it is no filter that lets everything through.
            #expect(spared > 0)
        }
    }
}
