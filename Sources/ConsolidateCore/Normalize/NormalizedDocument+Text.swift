extension NormalizedDocument {
    /// The cleaned text a person reads: the lines joined by line breaks.
    public var text: String { lines.map(\.text).joined(separator: "\n") }
}
