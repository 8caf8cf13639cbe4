import Testing
@testable import ConsolidateCore

/// The scalar classes the readers test by value agree with the tables they stand in for.
@Suite struct ExtractScalarClassTests {
    @Test func whiteSpaceByValueIsUnicodeWhiteSpace() {
        for value in UInt32(0)...0x2_FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isWhiteSpaceScalar == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }

    @Test func numeralScalarsAreTheDigitsAndMultipliers() {
        let listed = Set(ChineseNumeral.digits.keys).union(ChineseNumeral.multipliers.keys)
        for value in UInt32(0x3000)...0x9FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(ChineseNumeral.isNumeralScalar(scalar) == listed.contains(Character(scalar)))
        }
    }

    @Test func inlineSectionOpensOnlyAfterASentenceEndOrSpace() {
        let location = SourceLocation(paragraph: 0)
        let split = OutlineBuilder.splittingInlineSections(
            [InlineEnumeration.Paragraph(text: "一、基本情况全年发展党员两名。二、主要做法 三、下步打算", location: location)])
        #expect(split.map(\.text) == ["一、基本情况全年发展党员两名。", "二、主要做法", "三、下步打算"])
        // `第二、三季度`: a numeral inside a sentence opens nothing.
        let kept = OutlineBuilder.splittingInlineSections(
            [InlineEnumeration.Paragraph(text: "一、基本情况第二、三季度召开会议。", location: location)])
        #expect(kept.count == 1)
    }

    @Test func stringFromScalarsEncodesEveryWidthAsTheViewDoes() {
        let text = "A1 é§ 党建工作（一）①\u{3000}𠀋😀\u{301}"
        let scalars = Array(text.unicodeScalars)
        #expect(String(scalars: scalars) == text)
        #expect(String(scalars: scalars[3..<9]) == String(String.UnicodeScalarView(scalars[3..<9])))
        #expect(String(scalars: [Unicode.Scalar]()).isEmpty)
    }
}
