extension String {
    /// The string without leading and trailing white space (U+3000 included).
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace && $0 != "\u{FEFF}" })!
        return String(self[start...end])
    }
}
