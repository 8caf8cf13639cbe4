extension String {
    /// The string without leading and trailing white space (U+3000 included).
    ///
    /// Character by character in meaning (a character is white space by its first scalar), but
    /// found on scalars where the two ends are scalars that form characters of their own, which
    /// is every ordinary line: walking characters costs a grapheme-break test per scalar.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        let keep: (Unicode.Scalar) -> Bool = { !$0.isWhiteSpaceScalar && $0 != "\u{FEFF}" }
        guard let first = scalars.firstIndex(where: keep), let last = scalars.lastIndex(where: keep) else { return "" }
        guard scalars[first].formsCharacterAlone, scalars[last].formsCharacterAlone else {
            return trimmingWhitespaceByCharacter()
        }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// `trimmingWhitespace()` walked character by character: the reference the scalar path keeps to.
    func trimmingWhitespaceByCharacter() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }),
              let end = lastIndex(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) else { return "" }
        return String(self[start...end])
    }
}
