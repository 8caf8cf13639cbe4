import Foundation

/// How a generated submission's text is made from a sample's: renamed, items mixed
/// from other samples, sentences left out, figures moved, Word numbering typed out.
extension SubmissionGenerator {
    /// The template's unit, in full (`青川区河西街道`) and without the district (`河西街道`), replaced by `unit`.
    static func renamed(_ body: String, from templateUnit: String, to unit: String) -> String {
        let district = "青川区"
        let short = templateUnit.hasPrefix(district) ? String(templateUnit.dropFirst(district.count)) : templateUnit
        let newShort = unit.hasPrefix(district) ? String(unit.dropFirst(district.count)) : unit
        // Through markers, so a new name that contains the old one is not replaced twice.
        return body.replacingOccurrences(of: templateUnit, with: "\u{1}")
            .replacingOccurrences(of: short, with: "\u{2}")
            .replacingOccurrences(of: "\u{1}", with: unit)
            .replacingOccurrences(of: "\u{2}", with: newShort)
    }

    /// The kind of section a paragraph stands in, from the top-level heading above it.
    enum Part: Hashable {
        case preamble, achievements, problems, plans, other

        /// From a top-level heading's words (`存在的短板`, `下步工作计划`, `原因分析`).
        init(heading: Substring) {
            func mentions(_ words: [String]) -> Bool { words.contains { heading.contains($0) } }
            if mentions(["问题", "不足", "短板"]) { self = .problems }
            else if mentions(["打算", "计划", "重点", "思路"]) { self = .plans }
            else if mentions(["原因", "基本情况"]) { self = .other }
            else { self = .achievements }
        }
    }

    /// An item paragraph of one sample, without its number: a practice, a problem or a plan.
    struct Item {
        var unit: String
        var text: Substring
    }

    /// Each line of a body with the part it stands in.
    static func parts(of body: String) -> [(line: Substring, part: Part)] {
        var part = Part.preamble
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let (number, rest) = splittingNumber(line)
            let isHeading = !rest.contains("。") && rest.count < 30
                && (number.hasSuffix("#1 ") || number.hasSuffix("、") && number.contains { "一二三四五六七八九十".contains($0) })
            if isHeading { part = Part(heading: rest) }
            return (line, part)
        }
    }

    /// Whether a line in `part` states one item that another report could state too.
    static func isItem(_ line: Substring, in part: Part) -> Bool {
        [.achievements, .problems, .plans].contains(part) && line.contains("。") && line.count >= 25
            && !["|", "= ", "< ", "> "].contains { line.hasPrefix($0) }
    }

    /// The item paragraphs of all samples by part.
    static func items(of templates: [SampleSource]) -> [Part: [Item]] {
        var items: [Part: [Item]] = [:]
        for template in templates {
            for (line, part) in parts(of: template.body) where isItem(line, in: part) {
                items[part, default: []].append(Item(unit: template.unit, text: splittingNumber(line).rest))
            }
        }
        return items
    }

    /// Half the item paragraphs replaced, number kept, by an item of the same part from any
    /// sample, written as this unit's: reports share practices without being copies of one another.
    static func mixingItems(of body: String, unit: String, items: [Part: [Item]],
                            using random: inout GroupingEvaluationTests.Seeded) -> String {
        let lines = parts(of: body)
        var used = Set(lines.filter { isItem($0.line, in: $0.part) }.map { splittingNumber($0.line).rest })
        return lines.map { line, part -> String in
            guard isItem(line, in: part), Bool.random(using: &random), let item = items[part]?.randomElement(using: &random),
                  used.insert(item.text).inserted else { return String(line) }
            return splittingNumber(line).number + renamed(String(item.text), from: item.unit, to: unit)
        }.joined(separator: "\n")
    }

    /// A paragraph's indentation and number (`　　（1）`, `2、`, `#2 `), and the rest.
    static func splittingNumber(_ line: Substring) -> (number: Substring, rest: Substring) {
        let indent = line.prefix { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
        let afterIndent = line.dropFirst(indent.count)
        var length = 0
        if afterIndent.count > 3, afterIndent.hasPrefix("#"), "123".contains(afterIndent.dropFirst().prefix(1)),
           afterIndent.dropFirst(2).hasPrefix(" ") {
            length = 3
        } else if let first = afterIndent.first, first == "（" || first == "(",
                  let close = afterIndent.prefix(6).firstIndex(where: { $0 == "）" || $0 == ")" }) {
            length = afterIndent.distance(from: afterIndent.startIndex, to: close) + 1
        } else {
            let numerals = afterIndent.prefix { $0.isASCII && $0.isNumber || "一二三四五六七八九十".contains($0) }
            if numerals.count <= 3, afterIndent.dropFirst(numerals.count).first.map({ "、．.".contains($0) }) == true {
                length = numerals.count + 1
            }
        }
        let end = line.index(afterIndent.startIndex, offsetBy: length)
        return (line[..<end], line[end...])
    }

    /// Each paragraph of several sentences keeps its first sentence and an unfinished tail
    /// (`现将…汇报如下：`); each other sentence is left out with probability 0.4.
    static func leavingOutSentences(of body: String, using random: inout GroupingEvaluationTests.Seeded) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.filter({ $0 == "。" }).count >= 2, !line.hasPrefix("|") else { return String(line) }
            var sentences = line.split(separator: "。", omittingEmptySubsequences: false).map(String.init)
            let tail = sentences.removeLast()
            var kept = [sentences[0]]
            for sentence in sentences.dropFirst() where Int.random(in: 0..<10, using: &random) >= 4 {
                kept.append(sentence)
            }
            return kept.map { $0 + "。" }.joined() + tail
        }.joined(separator: "\n")
    }

    /// Measure words after which a figure is a count the report states (`27次`, `460名`, `1300余人次`);
    /// years, dates, percentages and the template site's `3000篇` stay as they are.
    static let measureWords: Set<Character> = Set("次名个项份件人户起条场期余家支所处批台套")

    /// Every count (a run of at most four ASCII digits before a measure word, outside tables)
    /// replaced by `transform` of it, in reading order.
    static func movingFigures(in body: String, _ transform: (Int) -> Int) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("|") { return String(line) }
            let characters = Array(line)
            var result = ""
            var index = 0
            while index < characters.count {
                guard characters[index].isASCII, characters[index].isNumber else {
                    result.append(characters[index])
                    index += 1
                    continue
                }
                var end = index
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                let digits = String(characters[index..<end])
                let before = index > 0 ? characters[index - 1] : " "
                let movable = end - index <= 4 && end < characters.count && measureWords.contains(characters[end])
                    && !(before.isASCII && (before.isLetter || before == "." || before == "-"))
                result += movable ? String(transform(Int(digits)!)) : digits
                index = end
            }
            return result
        }.joined(separator: "\n")
    }

    /// A .docx template's lines as a unit would type them: Word's automatic numbers written
    /// out (`一、`, `（一）`, `1.`), table rows as cells separated by spaces.
    static func plainText(fromDocxMarkup body: String) -> String {
        var counters = [0, 0, 0]
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("= ") || line.hasPrefix("< ") || line.hasPrefix("> ") { return String(line.dropFirst(2)) }
            if line.hasPrefix("|") {
                return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "  ")
            }
            if line.count > 3, line.hasPrefix("#"), let level = Int(String(line.dropFirst().prefix(1))),
               (1...3).contains(level), line.dropFirst(2).hasPrefix(" ") {
                counters[level - 1] += 1
                for deeper in level..<counters.count { counters[deeper] = 0 }
                let number = counters[level - 1]
                let label = switch level {
                case 1: chineseNumber(number) + "、"
                case 2: "（" + chineseNumber(number) + "）"
                default: "\(number)."
                }
                return label + line.dropFirst(3)
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// 1 to 99 in Chinese numerals, as section numbers are written (`十二`, `二十`).
    static func chineseNumber(_ value: Int) -> String {
        let digits = Array("〇一二三四五六七八九")
        let (tens, ones) = (value / 10, value % 10)
        let head = tens == 0 ? "" : (tens == 1 ? "十" : String(digits[tens]) + "十")
        return head + (ones == 0 && tens > 0 ? "" : String(digits[ones]))
    }
}
