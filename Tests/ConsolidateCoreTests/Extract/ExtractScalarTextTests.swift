import Testing
@testable import ConsolidateCore

/// The scalar helpers the readers use in place of Character and Foundation string work.
@Suite struct ExtractScalarTextTests {
    @Test func scalarArrayDecodesEveryWidthOfUTF8() {
        for text in ["", "abc", "党建工作总结", "（一）加强学习；2024年", "é\u{301}x", "𠀀党🙂支部", "\u{FEFF}\u{3000}空格"] {
            #expect(text.scalarArray == Array(text.unicodeScalars))
        }
    }

    @Test func hasAtMostCountsCharactersNotBeyondTheLimit() {
        #expect("支部书记".hasAtMost(4))
        #expect(!"支部书记张".hasAtMost(4))
        #expect("".hasAtMost(0))
        // A character of two scalars counts once, as `count` counts it.
        #expect("e\u{301}党".hasAtMost(2))
        #expect(!String(repeating: "党", count: 5000).hasAtMost(30))
    }

    @Test func trimmedScalarsDropsEdgeSpaceAndRefusesLongLines() {
        #expect("\u{3000} 村党支部书记 张三 \u{FEFF}".trimmedScalars(limit: 30) == "村党支部书记 张三".scalarArray)
        #expect("   ".trimmedScalars(limit: 30) == [])
        #expect(String(repeating: "党", count: 31).trimmedScalars(limit: 30) == nil)
        #expect(String(repeating: "党", count: 30).trimmedScalars(limit: 30)?.count == 30)
    }

    @Test func firstOffsetFindsTheFirstOccurrenceOnly() {
        let text = "某某村党总支副书记书记".scalarArray
        #expect(text.firstOffset(of: "书记".scalarArray) == 7)
        #expect(text.firstOffset(of: "主任".scalarArray) == nil)
        #expect(text[2...].firstOffset(of: "书记".scalarArray) == 7)
        #expect("书".scalarArray.firstOffset(of: "书记".scalarArray) == nil)
    }

    @Test func scalarSetAnswersAsASetWould() {
        let set: ScalarSet = ["，", "。", "a"]
        #expect(set.contains("，") && set.contains("。") && set.contains("a"))
        #expect(!set.contains("、") && !set.contains("b") && !set.contains("\u{FF0D}"))
    }

    @Test func chineseNumeralValuesOfScalars() {
        let values: [(String, Int?)] = [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("两百零五", 205), ("一万零三", 10003),
                                        ("三千", 3000), ("零", 0), ("二二", nil), ("", nil)]
        for (text, value) in values { #expect(ChineseNumeral.value(ofScalars: text.unicodeScalars) == value, "\(text)") }
        #expect(ChineseNumeral.value(ofScalars: "一是".unicodeScalars) == nil)
    }

    @Test func numberingScanAgreesWithLeading() {
        for line in ["一、主要做法", "（二）、加强学习", "(3) 开展活动", "12．落实制度", "1.5万元经费", "2023年", "①支部", "一、二季度共发展3名",
                     "", "加强学习", "十二、其他", "（一二三四）过长", "3）完成"] {
            let leading = Numbering.leading(line)
            let scan = Numbering.scan(line.scalarArray)
            #expect(scan?.level == leading?.level)
            #expect(scan?.ordinal == leading?.ordinal)
            #expect(scan?.labelLength == leading?.label.unicodeScalars.count)
            #expect(scan.map { line.scalarArray[$0.restStart...].string } == leading?.rest)
            #expect(Numbering.opens(line) == (leading != nil))
            #expect(Numbering.level(line) == leading?.level)
        }
    }

    @Test func signatureReadsTheUnitBeforeAPositionAndAName() {
        #expect(HeaderReader.signature("  城关镇东风村党总支书记 李四 ") == "城关镇东风村党总支")
        #expect(HeaderReader.signature("县审计局局长") == "县审计局")
        // A position followed by a title's words is a title, not a signature.
        #expect(HeaderReader.signature("东风村党支部书记抓党建工作述职报告") == nil)
        // A sentence, a generic unit, or a long line signs nothing.
        #expect(HeaderReader.signature("东风村党支部书记，李四") == nil)
        #expect(HeaderReader.signature("各党支部书记") == nil)
        #expect(HeaderReader.signature(String(repeating: "某", count: 30) + "村书记") == nil)
    }

    @Test func periodIsReadFromFoldedScalarsOfTheOpening() {
        #expect(HeaderReader.period(title: "党建工作汇报", body: ["２０２３年，我局坚持抓党建。"]) == Period(year: 2023, part: .year))
        #expect(HeaderReader.period(title: "党建工作汇报", body: ["截至2023.11，我局开展学习，", "二〇二二年上半年成立支部。"])
            == Period(year: 2023, part: .h1))
        #expect(HeaderReader.period(title: "党建工作汇报", body: ["今年1－6月，我局开展学习。"]) == Period(year: nil, part: .h1))
        #expect(HeaderReader.period(title: "党建工作汇报", body: ["二〇二二年，我局开展学习。"]) == Period(year: 2022, part: nil))
        #expect(HeaderReader.period(title: "党建工作汇报", body: ["我局开展学习，成效明显。"]) == Period(year: nil, part: nil))
    }
}
