/// A PDF's text layer (as `pdftotext -layout` lays it out) into the paragraphs a reader sees.
///
/// A PDF has lines, not paragraphs: the layout breaks every line at the page's width and
/// repeats a header and a footer on every page. Official documents indent a paragraph's first
/// line by two characters, so an indented line opens a paragraph and a line at the margin
/// continues the one before (across a page break too); a blank line or a numbered heading also
/// opens one. A line that stands first or last on most pages (its digits masked) is a running
/// header or footer, and a line holding only a page number (`- 3 -`, `第3页`, `3/10`) is dropped.
enum PDFText {
    /// The text of each page, split at pdftotext's form feeds.
    static func pages(_ text: String) -> [[String]] {
        var pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        while let last = pages.last, last.allSatisfy({ $0.trimmingWhitespace().isEmpty }), pages.count > 1 { pages.removeLast() }
        return pages
    }

    /// Whether the pages hold text at all: a scan has none, or a few stray characters a page.
    static func hasTextLayer(_ pages: [[String]]) -> Bool {
        let characters = pages.joined().reduce(0) { $0 + $1.unicodeScalars.filter { !$0.properties.isWhitespace }.count }
        return characters >= max(20, 10 * pages.count)
    }

    static func paragraphs(_ pages: [[String]]) -> [RawParagraph] {
        let repeated = runningLines(pages)
        var paragraphs: [String] = []
        var open = false
        var previousWidth = 0
        var fullWidth = 0
        var lineNumber = 0
        var starts: [Int] = []
        for page in pages {
            let lines = page.filter { !repeated.contains(mask($0)) && !isPageNumber($0) }
            let margin = lines.filter { !$0.trimmingWhitespace().isEmpty }.map(indent).min() ?? 0
            fullWidth = max(fullWidth, lines.map { displayWidth($0.trimmingTrailingWhitespace()) }.max() ?? 0)
            for line in lines {
                lineNumber += 1
                let text = line.trimmingWhitespace()
                if text.isEmpty { open = false; continue }
                // A line that stopped short of the page's width ended its paragraph (a title, a heading).
                let previousFull = previousWidth * 5 >= fullWidth * 4
                previousWidth = displayWidth(line.trimmingTrailingWhitespace())
                let opens = !open || !previousFull || indent(line) >= margin + 2 || Numbering.leading(text) != nil
                if opens, !continuesTitle(text, after: paragraphs) {
                    paragraphs.append(text)
                    starts.append(lineNumber)
                } else {
                    paragraphs[paragraphs.count - 1] = joined(paragraphs[paragraphs.count - 1], text)
                }
                open = true
            }
        }
        return zip(paragraphs, starts).map {
            RawParagraph(text: closingScriptGaps($0), location: SourceLocation(paragraph: $1))
        }
    }

    /// The text without the spaces pdftotext sets between Chinese characters and digits or Latin
    /// letters (`集中学习 12 次` → `集中学习12次`), or beside full-width punctuation where a justified
    /// line was stretched (`为主线 ，分三个`): the layout's, not the writer's.
    static func closingScriptGaps(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        let han: (Unicode.Scalar) -> Bool = { $0.properties.isIdeographic }
        let latin: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        for (index, scalar) in scalars.enumerated() {
            if scalar == " ", index > 0, index + 1 < scalars.count {
                let (before, after) = (scalars[index - 1], scalars[index + 1])
                if (han(before) && latin(after)) || (latin(before) && han(after)) { continue }
                if (fullWidthPunctuation(after) && (han(before) || fullWidthPunctuation(before)))
                    || (fullWidthPunctuation(before) && (han(after) || latin(after))) { continue }
            }
            result.append(scalar)
        }
        return String(result)
    }

    /// Whether `text` is the end of a title set in a large font and wrapped onto a second, centred
    /// line (`青川区某局2024年第二季度党建工作情况` / `汇报`): a short line ending in a report's name
    /// word, right after an unpunctuated first line.
    private static func continuesTitle(_ text: String, after paragraphs: [String]) -> Bool {
        guard paragraphs.count == 1, let first = paragraphs.first, displayWidth(text) <= 12,
              !first.unicodeScalars.contains(where: titleBreaks.contains),
              !text.unicodeScalars.contains(where: titleBreaks.contains) else { return false }
        return HeaderReader.titleWordSet.ends(Array(text.unicodeScalars))
    }

    private static let titleBreaks: Set<Unicode.Scalar> = ["。", "，", ",", "；", ";", "：", ":", "！", "？", "!", "?"]

    /// How many columns `line` takes on the page: a Chinese character or full-width form two, any
    /// other one. A line of Chinese set in a CJK font holds half as many characters as a line of
    /// digits and Latin of the same width, so counting characters would take full lines for short.
    static func displayWidth(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                width + 2
            default:
                width + 1
            }
        }
    }

    /// CJK punctuation (`，` `。` `、` `：` `（` `）` `“` `”`), which no space is written beside in Chinese text.
    private static func fullWidthPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3001...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65,
             0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014: true
        default: false
        }
    }

    /// Lines that stand first or last on at least half the pages (two at least): a running header or footer.
    private static func runningLines(_ pages: [[String]]) -> Set<String> {
        guard pages.count >= 2 else { return [] }
        var counts: [String: Int] = [:]
        for page in pages {
            let lines = page.filter { !$0.trimmingWhitespace().isEmpty }
            var edges = Set<String>()
            for line in lines.prefix(2) + lines.suffix(2) { edges.insert(mask(line)) }
            for edge in edges { counts[edge, default: 0] += 1 }
        }
        let needed = max(2, (pages.count + 1) / 2)
        return Set(counts.filter { $0.value >= needed && !$0.key.isEmpty }.map(\.key))
    }

    /// A line with white space trimmed and every run of digits masked, so `第3页` and `第4页` compare equal.
    private static func mask(_ line: String) -> String {
        var result = ""
        var lastWasDigit = false
        for scalar in line.trimmingWhitespace().unicodeScalars {
            let digit = ("0"..."9").contains(scalar)
            if digit, !lastWasDigit { result.append("#") }
            if !digit { result.unicodeScalars.append(scalar) }
            lastWasDigit = digit
        }
        return result
    }

    /// `3`, `- 3 -`, `— 3 —`, `第3页`, `第3页 共10页`, `3/10`, `Page 3`.
    private static func isPageNumber(_ line: String) -> Bool {
        let masked = mask(line).filter { !$0.isWhitespace }
        return ["#", "-#-", "—#—", "–#–", "第#页", "第#页共#页", "第#页/共#页", "#/#", "Page#", "page#", "共#页第#页"]
            .contains(masked)
    }

    private static func indent(_ line: String) -> Int {
        line.prefix { $0 == " " || $0 == "\u{3000}" }.reduce(0) { $0 + ($1 == " " ? 1 : 2) }
    }

    /// Two pieces of one paragraph: no space between Chinese characters, one between Latin words.
    private static func joined(_ head: String, _ tail: String) -> String {
        guard let last = head.unicodeScalars.last, let first = tail.unicodeScalars.first else { return head + tail }
        let latin: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        return latin(last) && latin(first) ? head + " " + tail : head + tail
    }
}

private extension String {
    func trimmingTrailingWhitespace() -> String {
        guard let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[...end])
    }
}
