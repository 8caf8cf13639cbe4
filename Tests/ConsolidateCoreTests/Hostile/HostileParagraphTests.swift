import Foundation
import Testing
@testable import ConsolidateCore

/// One paragraph of megabytes is read in pieces of bounded length, and the steps that once
/// went over it again for every sentence, marker or keyword now go over it once.
///
/// These tests check what is read, not how fast (`make hostile-large` times 20 MB paragraphs);
/// each input is built so that the old quadratic step would answer differently if it were cut
/// short, and small enough to run in a debug build.
@Suite struct HostileParagraphTests {
    static let sentence = "支部组织党员围绕年度重点任务开展集中学习，并结合岗位实际交流体会。"

    // MARK: Lines past the bound

    @Test func lineWithinTheBoundIsKeptWhole() {
        let line = String(repeating: Self.sentence, count: 10)
        #expect(Normalizer.bounded(line) == [line])
    }

    @Test func overlongLineIsCutAfterSentenceEndsIntoBoundedPiecesThatKeepEveryCharacter() {
        let line = String(repeating: Self.sentence, count: Normalizer.longestLine / Self.sentence.count * 3)
        let pieces = Normalizer.bounded(line)
        #expect(pieces.count >= 3)
        #expect(pieces.joined() == line)
        #expect(pieces.allSatisfy { $0.unicodeScalars.count <= Normalizer.longestLine })
        // Every piece but the last ends a sentence: no sentence is cut in two.
        #expect(pieces.dropLast().allSatisfy { $0.hasSuffix("。") })
    }

    @Test func overlongLineWithoutSentenceEndsIsCutAtAClauseMarkElseBetweenChineseCharactersElseAtTheBound() {
        let bound = Normalizer.longestLine
        // Clause marks: the cut follows the last one in the window.
        let clauses = String(repeating: "学习交流，", count: bound / 5 * 2)
        #expect(Normalizer.bounded(clauses).dropLast().allSatisfy { $0.hasSuffix("，") })
        // Chinese characters and Latin words, no marks: cut between two Chinese characters, never inside a word.
        let mixed = String(repeating: "学习abcdefg", count: bound / 9 * 2)
        let pieces = Normalizer.bounded(mixed)
        #expect(pieces.joined() == mixed)
        #expect(pieces.dropLast().allSatisfy { $0.hasSuffix("学") })
        // Nothing to cut between: at the bound.
        let letters = String(repeating: "x", count: bound * 2 + 7)
        #expect(Normalizer.bounded(letters).map { $0.unicodeScalars.count } == [bound, bound, 7])
    }

    @Test func normalizedReportWithAnOverlongParagraphSaysSoAndKeepsItsText() {
        let paragraph = String(repeating: Self.sentence, count: Normalizer.longestLine / Self.sentence.count * 2)
        let text = "青川区测试局2024年第二季度党建工作汇报\n一、主要工作\n" + paragraph + "\n二、存在问题\n学习不够深入。"
        let document = NormalizeFixtures.normalize(text)
        #expect(document.lines.count > 4)
        #expect(document.lines.allSatisfy { $0.text.unicodeScalars.count <= Normalizer.longestLine })
        #expect(document.lines.map(\.text).joined().contains(paragraph))
        #expect(document.notes.contains { $0.contains("1段超过\(Normalizer.longestLine)字") && $0.contains("请核对") })
        #expect(!NormalizeFixtures.normalize("青川区测试局党建工作汇报\n一、主要工作\n\(Self.sentence)").notes
            .contains { $0.contains("超过") })
    }

    // MARK: Numbered runs inside one paragraph

    @Test func longestRunFromOneIsSplitOutAmongThousandsOfFalseStarts() {
        // A run of three, then two thousand `（1）` of the same level that never go on.
        let noise = String(repeating: "备注：（1）见附件；", count: 2_000)
        let text = "存在问题：（1）学习不深；（2）创新不足；（3）宣传不够。" + noise
        let pieces = OutlineBuilder.splittingNumberedRun(InlineEnumeration.Paragraph(text: text, location: SourceLocation(paragraph: 1)))
        #expect(pieces.count == 4)
        #expect(pieces.map(\.text).prefix(3) == ["存在问题：", "（1）学习不深；", "（2）创新不足；"])
        #expect(pieces.last?.text == "（3）宣传不够。" + noise)
    }

    @Test func ofTwoEqualRunsTheFirstIsSplitOut() {
        let text = "一方面：（1）甲事；（2）乙事。另一方面：（1）丙事；（2）丁事。"
        let pieces = OutlineBuilder.splittingNumberedRun(InlineEnumeration.Paragraph(text: text, location: SourceLocation(paragraph: 1)))
        #expect(pieces.map(\.text) == ["一方面：", "（1）甲事；", "（2）乙事。另一方面：（1）丙事；（2）丁事。"])
    }

    // MARK: Gist and keywords of a long statement

    @Test func gistOfAVeryLongStatementIsItsFirstSentence() {
        let statement = "开展廉政警示教育。" + String(repeating: Self.sentence, count: 5_000)
        #expect(SummaryMarkdown.gist(statement) == "开展廉政警示教育")
        // With figures: continued to the first sentence with a figure where it fits.
        let figured = "开展廉政警示教育。共组织学习12次。" + String(repeating: Self.sentence, count: 5_000)
        #expect(SummaryMarkdown.gist(figured, withFigures: true) == "开展廉政警示教育。共组织学习12次")
        // A figure past the limit does not pull the gist along.
        let late = "开展廉政警示教育。" + String(repeating: Self.sentence, count: 5) + "共组织学习12次。"
        #expect(SummaryMarkdown.gist(late, withFigures: true) == "开展廉政警示教育")
    }

    @Test func keywordInsideALongerKeywordOfAnotherClassStillYieldsInAVeryLongStatement() {
        let classifier = KeywordClassifier(classes: [
            .init(id: "members", keywords: ["党员…作用"], examples: []),
            .init(id: "sites", keywords: ["示范作用"], examples: []),
        ])
        let long = String(repeating: "发挥党员示范作用，", count: 3_000)
        #expect(classifier.rank(long) == ["members"])
        #expect(classifier.rank(String(repeating: "建设基地发挥示范作用，", count: 3_000)) == ["sites"])
    }
}
