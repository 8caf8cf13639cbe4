import Foundation

/// Every statement of a consolidation as one row a reviewer can find, filter and act on: the
/// list behind the review server's pages and the static review.html's search.
///
/// A row is one unit's statement (a member of a practice or plan, an item of a problem category),
/// with the wording its group has in the summary and, where the summary quotes that group, the
/// sentence as summary.md has it, so a reviewer sees the summary's words beside their sources.
public struct ReviewIndex: Sendable {
    public struct Row: Sendable, Equatable, Codable {
        public var key: String
        public var unit: String
        public var text: String
        public var source: String?
        public var paragraph: Int?
        public var list: StatementList
        /// The position of the row's group in its list (for the page only; decisions never use it).
        public var group: Int
        /// The group's wording as the summary has it (after any rewrite).
        public var groupText: String
        public var groupSize: Int
        /// Theme id (practices, plans) or problem category id.
        public var theme: String?
        public var category: String?
        public var categoryLabel: String?
        /// The sentence of summary.md that quotes this row's group; nil where the summary does not quote it.
        public var summarySentence: String?
        public var reviewed: Bool
        public var rewritten: Bool
        public var notes: [String]
        /// Why a decision about this statement needs another look; nil where none does.
        public var needsLook: String?
    }

    public let rows: [Row]
    public let consolidation: Consolidation
    /// Each row's searchable words, folded once (text, unit, source, group wording), parallel to `rows`.
    private let haystacks: [ContiguousArray<CChar>]
    private let position: [String: Int]

    public init(_ consolidation: Consolidation, configuration: PipelineConfiguration) {
        self.consolidation = consolidation
        let sentences = Self.summarySentences(consolidation, configuration: configuration)
        let review = consolidation.review ?? ReviewOutcome()
        let reviewed = review.reviewedKeys
        var notes: [String: [String]] = [:]
        var rewritten = Set<String>()
        var stale: [String: String] = [:]
        for entry in review.decisions {
            for ref in entry.decision.statements {
                if entry.decision.kind == .note, let text = entry.decision.text { notes[ref.key, default: []].append(text) }
                if entry.decision.kind == .rewrite, entry.applied { rewritten.insert(ref.key) }
                if let problem = entry.problem { stale[ref.key] = problem }
            }
        }
        let labels = Dictionary(configuration.problems.categories.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        var haystacks: [ContiguousArray<CChar>] = []
        func add(_ members: [Member], list: StatementList, group: Int, text: String, theme: String?, category: String?, label: String?) {
            let sentence = Self.summarySentence(of: text, in: sentences)
            // Each text folded once: for its key and for search.
            let folded = members.map { TextFolding.fold($0.text) }
            let keys = zip(members, folded).map { StatementKey.of(unit: $0.unit, folded: $1) }
            let groupRewritten = keys.contains { rewritten.contains($0) }
            let foldedGroup = TextFolding.fold(text)
            for ((member, key), foldedText) in zip(zip(members, keys), folded) {
                haystacks.append((foldedText + " " + member.unit + " " + (member.source ?? "") + " " + foldedGroup).utf8CString)
                rows.append(Row(key: key, unit: member.unit, text: member.text, source: member.source,
                                paragraph: member.location?.paragraph, list: list, group: group, groupText: text,
                                groupSize: members.count, theme: theme, category: category,
                                categoryLabel: label ?? category.flatMap { labels[$0] }, summarySentence: sentence,
                                reviewed: reviewed.contains(key), rewritten: groupRewritten, notes: notes[key] ?? [],
                                needsLook: stale[key]))
            }
        }
        for (index, group) in consolidation.achievements.enumerated() {
            add(group.members, list: .achievements, group: index, text: group.text, theme: group.theme, category: nil, label: nil)
        }
        for (index, group) in consolidation.problems.enumerated() {
            add(group.items, list: .problems, group: index, text: group.text, theme: nil, category: group.category, label: group.label)
        }
        for (index, group) in consolidation.plans.enumerated() {
            add(group.members, list: .plans, group: index, text: group.text, theme: group.theme, category: nil, label: nil)
        }
        self.rows = rows
        self.haystacks = haystacks
        position = Dictionary(rows.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What a reviewer narrows the list by; nil or empty fields do not narrow.
    public struct Filter: Sendable, Equatable {
        public var query: String?
        public var unit: String?
        public var list: StatementList?
        public var category: String?
        public var theme: String?
        /// true: reviewed only; false: not yet reviewed only.
        public var reviewed: Bool?
        public var needsLook = false

        public init(query: String? = nil, unit: String? = nil, list: StatementList? = nil, category: String? = nil,
                    theme: String? = nil, reviewed: Bool? = nil, needsLook: Bool = false) {
            self.query = query
            self.unit = unit
            self.list = list
            self.category = category
            self.theme = theme
            self.reviewed = reviewed
            self.needsLook = needsLook
        }
    }

    /// The rows `filter` keeps, in the index's order. The query matches folded text, unit, source
    /// and group wording, every word of it (words split by white space).
    public func rows(matching filter: Filter) -> [Row] {
        let words = (filter.query ?? "").split(whereSeparator: \.isWhitespace).map { TextFolding.fold($0).utf8CString }.filter { $0.count > 1 }
        return rows.indices.filter { index in
            let row = rows[index]
            if let unit = filter.unit, !unit.isEmpty, row.unit != unit { return false }
            if let list = filter.list, row.list != list { return false }
            if let category = filter.category, !category.isEmpty, row.category != category { return false }
            if let theme = filter.theme, !theme.isEmpty, (theme == "none" ? row.theme != nil || row.list == .problems : row.theme != theme) {
                return false
            }
            if let reviewed = filter.reviewed, row.reviewed != reviewed { return false }
            if filter.needsLook, row.needsLook == nil { return false }
            guard !words.isEmpty else { return true }
            return words.allSatisfy { Self.contains(haystacks[index], $0) }
        }.map { rows[$0] }
    }

    /// True where `needle` occurs in `haystack` (NUL-terminated UTF-8 of folded text, which holds no
    /// NUL; the C library's search, so a search over every statement of 10,000 units stays quick).
    static func contains(_ haystack: ContiguousArray<CChar>, _ needle: ContiguousArray<CChar>) -> Bool {
        haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let hay = hay.baseAddress, let pin = pin.baseAddress else { return false }
                return strstr(hay, pin) != nil
            }
        }
    }

    /// The row with `key`, if any.
    public func row(_ key: String) -> Row? { position[key].map { rows[$0] } }

    /// The other rows of `row`'s group.
    public func groupRows(of row: Row) -> [Row] { rows.filter { $0.list == row.list && $0.group == row.group } }

    /// The sentences of summary.md that quote a group, by the gist of the group's wording.
    static func summarySentences(_ consolidation: Consolidation, configuration: PipelineConfiguration) -> [String: String] {
        summarySentences(of: SummaryView(consolidation: consolidation, configuration: configuration))
    }

    /// The summary's sentence for a group of wording `text`, where the summary has one.
    static func summarySentence(of text: String, in sentences: [String: String]) -> String? {
        sentences[SummaryMarkdown.gist(text)] ?? sentences[SummaryMarkdown.gist(text, withFigures: true, limit: 140)]
    }

    /// The sentences of the summary `view` is, by the gist of each quoted group's wording.
    static func summarySentences(of view: SummaryView) -> [String: String] {
        var sentences: [String: String] = [:]
        /// `sentence` found by `summarySentence(of: source)` too, where nothing else is found there first.
        func found(_ source: String, _ sentence: String) {
            let key = SummaryMarkdown.gist(source)
            if sentences[key] == nil { sentences[key] = sentence }
        }
        for practice in view.commonPractices + view.plans {
            if let theme = practice.theme, let example = practice.example, let unit = practice.exampleUnit {
                let sentence = "\(practice.number). \(theme)（\(practice.unitCount)）。如\(unit)：“\(example)”。"
                sentences[example] = sentence
                // The quote is shortened past a heading-only first sentence: found by its whole wording too.
                if let source = practice.exampleSource { found(source, sentence) }
            } else if let text = practice.text {
                sentences[text] = "\(practice.number). \(text)（\(practice.unitList)）。"
            }
        }
        for practice in view.distinctivePractices {
            let sentence = "\(practice.unit)：\(practice.text)。"
            sentences[practice.text] = sentence
            // Its line is shortened past a heading-only first sentence: found by its whole wording too.
            found(practice.source, sentence)
        }
        for problem in view.problems {
            sentences[problem.example] = "（\(problem.number)）\(problem.label)：\(problem.unitCount)个单位反映此类问题（\(problem.units)），共\(problem.itemCount)条。如\(problem.exampleUnit)：“\(problem.example)”。"
        }
        return sentences
    }
}
