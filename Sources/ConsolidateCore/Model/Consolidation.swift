/// One statement of one unit as it stands in a merged group, with where it came from.
public struct Member: Codable, Sendable, Equatable, Hashable {
    public var unit: String
    public var text: String
    /// The submission's path, relative to the input folder.
    public var source: String?
    public var location: SourceLocation?
    /// For a problem statement: every category its words name, the one it is tallied under first;
    /// nil for other statements and in summaries written before it was recorded.
    public var categories: [String]?

    public init(unit: String, text: String, source: String? = nil, location: SourceLocation? = nil,
                categories: [String]? = nil) {
        self.unit = unit
        self.text = text
        self.source = source
        self.location = location
        self.categories = categories
    }
}

/// How a unit's submission counted in a consolidation.
public enum SubmissionStatus: String, Codable, Sendable, Equatable, Hashable {
    case received
    case missing
    case quarantined
    case superseded
}

/// One line of the consolidation's account of units.
public struct UnitEntry: Codable, Sendable, Equatable, Hashable {
    public var unit: String
    public var status: SubmissionStatus
    /// The submission's path; nil for a missing unit.
    public var source: String?
    /// What the unit should be told about its submission, in Chinese.
    public var warnings: [String]
    /// Template-site residue removed from the submission.
    public var residue: Int
    /// Unfilled placeholders found.
    public var placeholders: Int
    /// For a superseded submission: the path of the one of the same unit that counts instead.
    public var supersededBy: String?
    /// True where a roster was given and the unit is not on it: listed, counted, never due.
    public var notOnRoster: Bool?
    /// The roster entry where the unit was matched to it by a near name, with the name found.
    public var rosterMatch: RosterMatch?
    /// How the unit was told: `roster`, `name`, or `file` (no name could be read; named after its file).
    public var identifiedBy: UnitIdentity.Basis?

    public init(unit: String, status: SubmissionStatus, source: String?, warnings: [String] = [],
                residue: Int = 0, placeholders: Int = 0) {
        self.unit = unit
        self.status = status
        self.source = source
        self.warnings = warnings
        self.residue = residue
        self.placeholders = placeholders
    }

    /// Takes the identity fields from how the unit was told.
    mutating func identify(_ identity: UnitIdentity?) {
        guard let identity else { return }
        identifiedBy = identity.basis
        rosterMatch = identity.rosterMatch
        notOnRoster = identity.notOnRoster ? true : nil
    }
}

/// Statements of a practice that are copies of one text (lightly edited: a figure, a synonym,
/// the unit's own name, punctuation), as positions in the practice's member list.
public struct CopyGroup: Codable, Sendable, Equatable, Hashable {
    /// The member nearest the copy group's centre (an index into the practice's `members`).
    public var representative: Int
    /// Indices into the practice's `members`, ascending.
    public var members: [Int]

    public init(representative: Int, members: [Int]) {
        self.representative = representative
        self.members = members
    }
}

/// A practice or plan stated once, with every unit that wrote it.
public struct StatementGroup: Codable, Sendable, Equatable, Hashable {
    /// The representative wording: the text of the member nearest the group's centre.
    public var text: String
    /// The unit whose words `text` are (the representative member's unit); nil in summaries
    /// written before it was recorded.
    public var unit: String?
    /// The achievement theme id, or nil where none fits.
    public var theme: String?
    public var units: [String]
    public var members: [Member]
    /// The practice's copy groups: every member index in exactly one (empty in older summaries).
    public var copies: [CopyGroup]
    /// True for a practice of a single unit worth naming on its own (figures, a named programme).
    public var distinctive: Bool
    /// True where the representative wording is a heading or a line of no practice of its own
    /// (shorter than `merge.distinctiveMinimumLength`, or introducing what follows: `【以下为会员内容】`,
    /// `重点抓好以下工作：`): kept for the account, not to be quoted as a practice.
    public var heading: Bool
    /// The section kind the members came from where it was not the list's own
    /// (`other`: a profile or cause-analysis section), so nothing is lost.
    public var origin: SectionKind?

    public init(text: String, theme: String?, units: [String], members: [Member],
                distinctive: Bool = false, origin: SectionKind? = nil, unit: String? = nil, copies: [CopyGroup] = [],
                heading: Bool = false) {
        self.heading = heading
        self.text = text
        self.unit = unit
        self.theme = theme
        self.units = units
        self.members = members
        self.copies = copies
        self.distinctive = distinctive
        self.origin = origin
    }

    enum CodingKeys: String, CodingKey {
        case text, unit, theme, units, members, copies, distinctive, heading, origin
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        theme = try c.decodeIfPresent(String.self, forKey: .theme)
        units = try c.decode([String].self, forKey: .units)
        members = try c.decode([Member].self, forKey: .members)
        copies = try c.decodeIfPresent([CopyGroup].self, forKey: .copies) ?? []
        distinctive = try c.decodeIfPresent(Bool.self, forKey: .distinctive) ?? false
        heading = try c.decodeIfPresent(Bool.self, forKey: .heading) ?? false
        origin = try c.decodeIfPresent(SectionKind.self, forKey: .origin)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encode(theme, forKey: .theme)
        try container.encode(units, forKey: .units)
        try container.encode(members, forKey: .members)
        try container.encode(copies, forKey: .copies)
        try container.encode(distinctive, forKey: .distinctive)
        if heading { try container.encode(heading, forKey: .heading) }
        try container.encodeIfPresent(origin, forKey: .origin)
    }
}

/// The problems of one category, tallied over units.
public struct ProblemGroup: Codable, Sendable, Equatable, Hashable {
    public var category: String
    /// The category's wording from the configuration.
    public var label: String
    /// The representative wording of the problem.
    public var text: String
    public var units: [String]
    public var items: [Member]

    public init(category: String, label: String, text: String, units: [String], items: [Member]) {
        self.category = category
        self.label = label
        self.text = text
        self.units = units
        self.items = items
    }
}

/// One unit's figure in a total.
public struct MetricContribution: Codable, Sendable, Equatable, Hashable {
    public var unit: String
    public var value: Int
    public var approx: Bool
    /// The unit's own words for the figure.
    public var text: String
    /// Where the figure stands: the submission's path and paragraph.
    public var source: String?
    public var location: SourceLocation?

    public init(unit: String, value: Int, approx: Bool, text: String, source: String? = nil, location: SourceLocation? = nil) {
        self.unit = unit
        self.value = value
        self.approx = approx
        self.text = text
        self.source = source
        self.location = location
    }
}

/// One unit giving different figures for one activity: shown, never resolved silently.
public struct FigureConflict: Codable, Sendable, Equatable, Hashable {
    public var unit: String
    /// The figure the total counts.
    public var kept: Int
    /// Every figure the unit gave for the activity, each with its words and place.
    public var figures: [MetricContribution]
    /// True where the figures not counted add up to the one counted (`讲党课1次、…2次，共计3次`):
    /// a breakdown of the total, not a contradiction.
    public var breakdown: Bool

    public init(unit: String, kept: Int, figures: [MetricContribution], breakdown: Bool = false) {
        self.unit = unit
        self.kept = kept
        self.figures = figures
        self.breakdown = breakdown
    }
}

/// The total of one activity over the units whose figure is known.
public struct MetricTotal: Codable, Sendable, Equatable, Hashable {
    public var activity: String
    /// The measure word (次, 名 …); totals are kept apart per measure word.
    public var unit: String
    public var total: Int
    /// True where any contributing figure is approximate.
    public var approx: Bool
    public var units: [MetricContribution]
    /// Units whose figure for this activity is an unfilled placeholder.
    public var unknown: [String]
    /// How the total was made, in Chinese: written beside it wherever it is shown.
    public var rule: String?
    /// Units that gave different figures for this activity; nil where none did.
    public var conflicts: [FigureConflict]?

    public init(activity: String, unit: String, total: Int, approx: Bool,
                units: [MetricContribution], unknown: [String]) {
        self.activity = activity
        self.unit = unit
        self.total = total
        self.approx = approx
        self.units = units
        self.unknown = unknown
    }
}

/// The consolidated reading of many units' reports: `summary.json`.
public struct Consolidation: Codable, Sendable, Equatable {
    /// The title of the consolidated report.
    public var title: String
    public var period: Period
    public var units: [UnitEntry]
    /// Practices, most units first; statements of sections of other kinds
    /// (a profile) are here too, marked by `origin`, so that every leaf item
    /// of every received unit stands in exactly one member list.
    public var achievements: [StatementGroup]
    public var problems: [ProblemGroup]
    public var plans: [StatementGroup]
    public var metrics: [MetricTotal]
    /// How many units were due: the roster's entries; nil where no roster was given, and then
    /// no one can say who is missing.
    public var due: Int?
    /// Entries of the input folder passed over, each with its reason (run.json lists them too);
    /// nil where none was.
    public var skipped: [SkippedFile]?
    /// Practices of a single unit (achievements of the list's own kind) that the summary does not
    /// name under 特色做法: not distinctive, or beyond `merge.distinctiveLimit`. They are in review.html.
    /// Nil in summaries written before it was counted.
    public var unnamedSingleUnitPractices: Int?
    /// What the reviewer's decisions (`OUT/.consolidate/decisions.json`) did in this run; nil where
    /// there are none.
    public var review: ReviewOutcome?

    public init(title: String, period: Period, units: [UnitEntry], achievements: [StatementGroup],
                problems: [ProblemGroup], plans: [StatementGroup], metrics: [MetricTotal], due: Int? = nil,
                unnamedSingleUnitPractices: Int? = nil) {
        self.due = due
        self.unnamedSingleUnitPractices = unnamedSingleUnitPractices
        self.title = title
        self.period = period
        self.units = units
        self.achievements = achievements
        self.problems = problems
        self.plans = plans
        self.metrics = metrics
    }

}
