/// How a submission's unit was told, recorded beside the unit in summary.json and run.json.
public struct UnitIdentity: Codable, Sendable, Equatable, Hashable {
    public enum Basis: String, Codable, Sendable {
        /// A roster entry, by the file's name or by the name the report gives.
        case roster
        /// The unit's own name (the file's name or the report's title), no roster entry.
        case name
        /// No name could be read: the unit is named after its file and never merged with another.
        case file
    }

    public var basis: Basis
    /// The roster entry matched where it was matched by a near name (a misspelling, a missing area name).
    public var rosterMatch: RosterMatch?
    /// True where a roster was given and the unit is not on it.
    public var notOnRoster: Bool

    public init(basis: Basis, rosterMatch: RosterMatch? = nil, notOnRoster: Bool = false) {
        self.basis = basis
        self.rosterMatch = rosterMatch
        self.notOnRoster = notOnRoster
    }
}

/// A roster entry matched by a name that is near it but not equal: reported, never silent.
public struct RosterMatch: Codable, Sendable, Equatable, Hashable {
    /// The name on the roster.
    public var entry: String
    /// The name the file or the report gives.
    public var found: String

    public init(entry: String, found: String) {
        self.entry = entry
        self.found = found
    }

    /// `青川区财政厅 → 青川区财政局?`: the roster's name, then the one found.
    public var arrow: String { "\(entry) → \(found)?" }
}
