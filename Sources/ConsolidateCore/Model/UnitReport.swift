/// The reporting period a report covers.
public struct Period: Codable, Sendable, Equatable, Hashable {
    /// H1 H2 Q1 Q2 Q3 Q4 or Y (whole year).
    public enum Part: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
        case h1 = "H1", h2 = "H2", q1 = "Q1", q2 = "Q2", q3 = "Q3", q4 = "Q4", year = "Y"

        /// The words a Chinese report uses for the part (`上半年`, `第二季度`, `全年`).
        public var chineseName: String {
            switch self {
            case .h1: return "上半年"
            case .h2: return "下半年"
            case .q1: return "第一季度"
            case .q2: return "第二季度"
            case .q3: return "第三季度"
            case .q4: return "第四季度"
            case .year: return "全年"
            }
        }
    }

    public var year: Int?
    public var part: Part?

    public init(year: Int?, part: Part?) {
        self.year = year
        self.part = part
    }

    /// `2024年第二季度`, `2023年上半年`, `2023年度`; empty where nothing is known.
    public var chineseName: String {
        var words = ""
        if let year { words += "\(year)年" }
        if let part { words += part == .year ? (year == nil ? "全年" : "度") : part.chineseName }
        return words
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(part, forKey: .part)
    }
}

/// Template-site residue removed from a report (an advertisement, a paywall marker).
public struct Residue: Codable, Sendable, Equatable, Hashable {
    public var text: String
    /// The id of the configured rule that matched.
    public var rule: String
    public var location: SourceLocation?

    public init(text: String, rule: String, location: SourceLocation? = nil) {
        self.text = text
        self.rule = rule
        self.location = location
    }
}

/// An unfilled placeholder (`XX`, `××`, `x次`): a name or figure the unit did not fill in.
public struct Placeholder: Codable, Sendable, Equatable, Hashable {
    /// The placeholder with a little context, as written.
    public var text: String
    public var location: SourceLocation?

    public init(text: String, location: SourceLocation? = nil) {
        self.text = text
        self.location = location
    }
}

/// A count a unit reports: `累计开展集中学习82次`.
public struct Metric: Codable, Sendable, Equatable, Hashable {
    /// The span holding the count, as written.
    public var text: String
    /// The canonical activity name (configured aliases map onto it).
    public var activity: String
    /// The figure; nil where the digits are a placeholder (`x次`).
    public var value: Int?
    /// The measure word as written (次, 名, 人次 …).
    public var unit: String
    /// True where the figure is marked approximate (余, 多, 近, 约, 以上).
    public var approx: Bool
    /// True where the figure covers several years, not the report's period (`三年来…发展党员67名`):
    /// it is kept to be read but left out of the period's totals.
    public var beyondPeriod: Bool
    public var location: SourceLocation?

    public init(text: String, activity: String, value: Int?, unit: String, approx: Bool,
                beyondPeriod: Bool = false, location: SourceLocation? = nil) {
        self.text = text
        self.activity = activity
        self.value = value
        self.unit = unit
        self.approx = approx
        self.beyondPeriod = beyondPeriod
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case text, activity, value, unit, approx, beyondPeriod, location
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        activity = try container.decode(String.self, forKey: .activity)
        value = try container.decodeIfPresent(Int.self, forKey: .value)
        unit = try container.decode(String.self, forKey: .unit)
        approx = try container.decode(Bool.self, forKey: .approx)
        beyondPeriod = try container.decodeIfPresent(Bool.self, forKey: .beyondPeriod) ?? false
        location = try container.decodeIfPresent(SourceLocation.self, forKey: .location)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(activity, forKey: .activity)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(approx, forKey: .approx)
        if beyondPeriod { try container.encode(beyondPeriod, forKey: .beyondPeriod) }
        try container.encodeIfPresent(location, forKey: .location)
    }
}

/// What a report section is about, judged from its heading's words.
public enum SectionKind: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case achievements
    case problems
    case plans
    case other
}

/// An enumerated statement of a report, with its nested enumeration.
public struct Item: Codable, Sendable, Equatable, Hashable {
    /// The numbering as the reader sees it (`（一）`, `1.`, `一是`); empty for an unnumbered paragraph.
    public var label: String
    /// The heading phrase where the item opens with one (`压实党建责任，抓好工作落实`).
    public var heading: String
    /// The rest of the item's own words (its nested items not included).
    public var text: String
    /// Problem categories, primary first; empty outside problem sections.
    public var categories: [String]
    public var items: [Item]
    public var location: SourceLocation?

    public init(label: String, heading: String = "", text: String, categories: [String] = [],
                items: [Item] = [], location: SourceLocation? = nil) {
        self.label = label
        self.heading = heading
        self.text = text
        self.categories = categories
        self.items = items
        self.location = location
    }

    /// The item's whole statement: heading and text joined as written.
    public var statement: String {
        if heading.isEmpty { return text }
        if text.isEmpty { return heading }
        return heading + "。" + text
    }

    /// The innermost items: the statements that the merge compares.
    public var leaves: [Item] {
        items.isEmpty ? [self] : items.flatMap(\.leaves)
    }

    /// How many `leaves` there are, counted without gathering them.
    public var leafCount: Int {
        items.isEmpty ? 1 : items.reduce(0) { $0 + $1.leafCount }
    }
}

/// A numbered part of a report (`一、主要工作开展`).
public struct Section: Codable, Sendable, Equatable, Hashable {
    public var kind: SectionKind
    public var label: String
    public var heading: String
    /// Words that only lead into the section's enumeration (`还存在一些不足：`).
    ///
    /// Kept so that every sentence stays in the reading, but no item: the merge never
    /// takes it for a practice, problem or plan of the unit. Empty where there is none.
    public var intro: String = ""
    public var items: [Item]
    public var location: SourceLocation?

    public init(kind: SectionKind, label: String, heading: String, items: [Item] = [],
                location: SourceLocation? = nil) {
        self.kind = kind
        self.label = label
        self.heading = heading
        self.items = items
        self.location = location
    }

    public var leaves: [Item] { items.flatMap(\.leaves) }

    /// How many `leaves` there are, counted without gathering them.
    public var leafCount: Int { items.reduce(0) { $0 + $1.leafCount } }

    enum CodingKeys: String, CodingKey {
        case kind, label, heading, intro, items, location
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(SectionKind.self, forKey: .kind)
        label = try container.decode(String.self, forKey: .label)
        heading = try container.decode(String.self, forKey: .heading)
        intro = try container.decodeIfPresent(String.self, forKey: .intro) ?? ""
        items = try container.decode([Item].self, forKey: .items)
        location = try container.decodeIfPresent(SourceLocation.self, forKey: .location)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(label, forKey: .label)
        try container.encode(heading, forKey: .heading)
        if !intro.isEmpty { try container.encode(intro, forKey: .intro) }
        try container.encode(items, forKey: .items)
        try container.encodeIfPresent(location, forKey: .location)
    }
}

/// Whether a submission could be read.
public enum ReportStatus: String, Codable, Sendable, Equatable {
    case ok
    case quarantined
}

/// One unit's report as read: the output of the Extract stage and one line of `consolidate extract`.
public struct UnitReport: Codable, Sendable, Equatable {
    public var source: SourceInfo
    public var status: ReportStatus
    /// Why the file was quarantined, in words a user understands.
    public var error: String?
    public var unit: String
    public var title: String
    public var period: Period
    public var sections: [Section]
    public var metrics: [Metric]
    public var placeholders: [Placeholder]
    public var residue: [Residue]
    /// Things the unit should be told about its submission, in Chinese.
    public var warnings: [String]

    public init(source: SourceInfo, status: ReportStatus = .ok, error: String? = nil,
                unit: String, title: String, period: Period, sections: [Section] = [],
                metrics: [Metric] = [], placeholders: [Placeholder] = [], residue: [Residue] = [],
                warnings: [String] = []) {
        self.source = source
        self.status = status
        self.error = error
        self.unit = unit
        self.title = title
        self.period = period
        self.sections = sections
        self.metrics = metrics
        self.placeholders = placeholders
        self.residue = residue
        self.warnings = warnings
    }

    /// The report cut to what a run reads of it once the store has it: each section's kind and its
    /// leaves' words (`Item.statement`, else the label) and places; the header, metrics and account fields as they are,
    /// except that residue and placeholders keep their entries (a run counts them) without their words.
    ///
    /// The report of this file's content, now under `path` (the store knew the content under
    /// another path or time); nil where the report names the path it was read under, as a quarantined
    /// one's reason does: such a file is read again, so that what is said of it names where it lies.
    func moved(to path: String) -> UnitReport? {
        guard path != source.path else { return self }
        guard status != .quarantined else { return nil }
        var moved = self
        moved.source.path = path
        return moved
    }

    /// A run holds every unit's report until the merge; headings, labels, categories and inner
    /// items are most of a report's memory and neither the merge nor run.json reads them.
    /// `Statement.statements(of:)` and the leaf count are the same for the cut report.
    public func thinned() -> UnitReport {
        var thin = self
        thin.title = ""
        thin.sections = sections.map { section in
            var cut = Section(kind: section.kind, label: "", heading: "", location: section.location)
            cut.items = section.leaves.map { leaf in
                Item(label: "", text: leaf.statement.isEmpty ? leaf.label : leaf.statement, location: leaf.location)
            }
            return cut
        }
        // Copied into a buffer of its exact size: the reader's list keeps the room it grew by.
        thin.metrics = metrics.map { $0 }
        thin.residue = residue.map { Residue(text: "", rule: $0.rule, location: $0.location) }
        thin.placeholders = placeholders.map { Placeholder(text: "", location: $0.location) }
        return thin
    }

    /// The report of a file that could not be read.
    public static func quarantined(source: SourceInfo, unit: String, reason: String) -> UnitReport {
        UnitReport(source: source, status: .quarantined, error: reason, unit: unit, title: "",
                   period: Period(year: nil, part: nil))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encode(unit, forKey: .unit)
        try container.encode(title, forKey: .title)
        try container.encode(period, forKey: .period)
        try container.encode(sections, forKey: .sections)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(placeholders, forKey: .placeholders)
        try container.encode(residue, forKey: .residue)
        try container.encode(warnings, forKey: .warnings)
    }
}
