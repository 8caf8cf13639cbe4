/// A line of cleaned text: one paragraph with residue removed and hard breaks rejoined.
public struct NormalizedLine: Codable, Sendable, Equatable {
    /// The text as the unit wrote it (numbering included), residue removed,
    /// ideographic-space indents trimmed. Widths are not folded here: the
    /// text a person reads stays as written.
    public var text: String
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// A submission after the Normalize stage: clean lines plus what was found and removed.
public struct NormalizedDocument: Codable, Sendable, Equatable {
    public var source: SourceInfo
    public var lines: [NormalizedLine]
    public var residue: [Residue]
    public var placeholders: [Placeholder]
    public var notes: [String]

    public init(source: SourceInfo, lines: [NormalizedLine], residue: [Residue] = [],
                placeholders: [Placeholder] = [], notes: [String] = []) {
        self.source = source
        self.lines = lines
        self.residue = residue
        self.placeholders = placeholders
        self.notes = notes
    }
}
