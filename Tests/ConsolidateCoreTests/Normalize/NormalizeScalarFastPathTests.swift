import Testing
@testable import ConsolidateCore

/// The per-file stages' scalar and UTF-8 fast paths (trimming, bounded counting, cutting a .txt
/// into lines) give exactly what the character-by-character code they replace gave.
@Suite struct NormalizeScalarFastPathTests {
    /// A fixed-seed generator: the same texts on every run.
    typealias SplitMix = GroupingEvaluationTests.Seeded

    /// Scalars that make character and scalar boundaries differ, beside ordinary text: combining
    /// marks, ZWJ, a prepended mark, Hangul jamo, regional indicators, CR and LF, BOM, white space.
    static let alphabet: [Unicode.Scalar] = [
        "党", "建", "。", "，", "a", "1", "（", "）", "“", "”", "…", "—", "　", " ", "\t", "\r", "\n", "\u{FEFF}",
        "\u{0301}", "\u{20DD}", "\u{200D}", "\u{0600}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{1F1E8}", "\u{1F1F3}",
        "\u{302A}", "\u{3099}", "\u{FF9E}", "\u{00A0}", "\u{2028}", "\u{0E33}", "e", "\u{1F468}", "\u{0903}",
    ]

    static func texts(count: Int, maxLength: Int) -> [String] {
        var generator = SplitMix(state: 20_231_130)
        var texts = ["", " ", "　党建　", "\u{FEFF}党建", " \u{0301}党建", "党建 \u{0301}", "\u{0600} ", "a\r\nb",
                     "\r\n", "\n\n", "\r", "党\r\r\n建\n", "\u{FEFF}\u{FEFF}", "党建\u{0301}"]
        for _ in 0..<count {
            let length = Int.random(in: 0...maxLength, using: &generator)
            var view = String.UnicodeScalarView()
            for _ in 0..<length {
                // Mostly ordinary text, with the tricky scalars sprinkled in.
                let pool = Bool.random(using: &generator) ? Array(alphabet.prefix(10)) : alphabet
                view.append(pool.randomElement(using: &generator) ?? "党")
            }
            texts.append(String(view))
        }
        return texts
    }

    @Test func trimmingOnScalarsEqualsTrimmingByCharacter() {
        for text in Self.texts(count: 4000, maxLength: 12) {
            #expect(text.trimmingWhitespace() == text.trimmingWhitespaceByCharacter(), "\(Array(text.unicodeScalars))")
        }
        #expect("　　党建工作 ".trimmingWhitespace() == "党建工作")
        #expect("党建工作".trimmingWhitespace() == "党建工作")
        #expect(" \u{FEFF}\t".trimmingWhitespace() == "")
    }

    @Test func boundedCountOnScalarsEqualsCountingCharacters() {
        for text in Self.texts(count: 3000, maxLength: 14) {
            for limit in 0...14 {
                #expect(text.hasAtMost(limit) == (text.count <= limit), "\(Array(text.unicodeScalars)) \(limit)")
                #expect(text.hasAtMost(limit) == text.hasAtMostCharacters(limit))
            }
        }
        #expect("党建工作".hasAtMost(4))
        #expect(!"党建工作".hasAtMost(3))
        // Four scalars, three characters.
        #expect("e\u{0301}党建".hasAtMost(3))
    }

    @Test func textCutOnUTF8EqualsTextSplitByCharacter() {
        for text in Self.texts(count: 3000, maxLength: 16) + Self.texts(count: 200, maxLength: 16).map({ "\u{FEFF}" + $0 }) {
            #expect(TextDecoding.paragraphs(text) == TextDecoding.paragraphsByCharacter(text), "\(Array(text.unicodeScalars))")
        }
        let lines = TextDecoding.paragraphs("\u{FEFF}一、学习\r\n\r\n二、实践\r三、总结\n")
        #expect(lines.map(\.text) == ["一、学习", "二、实践", "三、总结"])
        #expect(lines.map(\.location.paragraph) == [1, 3, 4])
    }
}

/// The normalizer's test for a paragraph without breaks agrees with splitting it at them.
@Suite struct NormalizeLineBreakFastPathTests {
    @Test func breakTestAgreesWithTheScalarSplit() {
        let isBreak: (Unicode.Scalar) -> Bool = { [0x0A, 0x0B, 0x0D, 0x2028, 0x2029].contains($0.value) }
        let samples = NormalizeScalarFastPathTests.texts(count: 2000, maxLength: 12)
            + ["“党建”…", "党建\u{2028}工作", "党建\u{2029}", "党建\u{2027}", "——", "\u{000B}", "党建工作"]
        for text in samples {
            #expect(Normalizer.mayHoldLineBreak(text) == text.unicodeScalars.contains(where: isBreak), "\(Array(text.unicodeScalars))")
        }
        #expect(!Normalizer.mayHoldLineBreak("“党建工作”取得实效……"))
        #expect(Normalizer.mayHoldLineBreak("党建\u{2028}工作"))
    }
}
