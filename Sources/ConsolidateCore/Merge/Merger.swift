/// The Merge stage: the units' statements grouped, classified and counted into one `Consolidation`.
public struct Merger: Sendable {
    public let configuration: PipelineConfiguration

    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
    }

    /// Takes `input` over: each list of statements is let go as soon as its groups are made, so
    /// that the merge holds one copy of the statements at a time besides what it has made of them.
    public func merge(_ input: consuming MergeInput) -> Consolidation {
        // A fixed order first, so that the same inputs in any order give the same result; each
        // statement held compactly (`StatementRows`) from here on. Made before the figures are
        // totalled, and the packed reports' figures with them: the rows share one buffer per
        // wording, and the readings' blocks go back as their rows and figures are made, so neither
        // the figures nor the totals are held beside every reading.
        var statements = input.takeRows()
        // What room the readings leave outside their blocks is given back rather than kept.
        MemoryRelease.freePages()
        // The figures next, let go as soon as they are totalled: the totals keep what of them the
        // consolidation shows, and the statements' grouping below is the merge's highest mark.
        let bound = configuration.merge.maxFigure
        // The figures' units ranked once, for the totals and their conflicts alike (plain names only).
        let ranked = input.figures.allSatisfy(\.plainNames) ? Self.ranked(input.figures.map(\.unit)) : nil
        var figures = MetricTotals.totals(of: input.figures, bound: bound, ranked: ranked)
        // Annotated where they stand: the totals' contributions are not copied.
        var metrics = figures.totals
        figures.totals = []
        FigureConflicts.annotate(&metrics, figures: input.figures, ranked: ranked)
        input.figures = []
        let themes = KeywordClassifier(themes: configuration.themes)
        let problems = ProblemClassifier(taxonomy: configuration.problems)
        let units = UnitNames(statements)
        func ofKind(_ kind: StatementKind) -> (statements: StatementRows, units: [Int32]) {
            // Exactly the room needed: these lists are what the merge holds while it groups.
            let selected = statements.ofKind(kind)
            var ids: [Int32] = []
            ids.reserveCapacity(selected.count)
            for index in statements.rows.indices where statements.rows[index].kind == kind { ids.append(units.ids[index]) }
            return (selected, ids)
        }

        var achieved = ofKind(.achievement), other = ofKind(.other), planned = ofKind(.plan)
        var problemStatements = ofKind(.problem).statements
        statements.removeAll()
        let distinctive = markDistinctive(groups(achieved.statements, units: achieved.units, names: units, themes: themes, origin: nil))
        achieved.statements.removeAll()
        achieved.units = []
        // The other lists side by side: each is smaller than the achievements, and together they hold
        // less than the achievements' grouping held, while each grouping's leader pass (one statement
        // after another) has a core of its own. The plans on a thread of their own, not as an iteration
        // of a concurrent loop: a loop nested in one runs one iteration at a time, which left each
        // grouping's per-statement work on one core, and the whole of the longer one once the other was done.
        var otherGroups: [StatementGroup] = [], problemGroups: [ProblemGroup] = []
        let plans = ParallelMap.beside({ [self, planned] () -> [StatementGroup] in
            self.groups(planned.statements, units: planned.units, names: units, themes: themes, origin: nil)
        }, while: {
            otherGroups = self.groups(other.statements, units: other.units, names: units, themes: themes, origin: .other)
            problemGroups = self.problemGroups(problemStatements, classifier: problems)
        })
        let achievements = distinctive + otherGroups
        other.statements.removeAll()
        other.units = []
        planned.statements.removeAll()
        planned.units = []
        problemStatements.removeAll()
        let account = Self.accountOrder(Self.warn(input.units, about: figures.implausible, bound: bound))
        let period = Self.period(of: input.periods)
        let area = configuration.render.area.isEmpty
            // Units named after their files say nothing of the area.
            ? Self.area(of: input.units.filter { $0.status == .received && $0.identifiedBy != .file }.map(\.unit))
            : configuration.render.area
        return Consolidation(
            title: "\(area)\(period.chineseName)基层党建工作情况汇总报告",
            period: period,
            units: account,
            achievements: Self.ranked(achievements),
            problems: problemGroups,
            plans: Self.rankedByTheme(plans, themes: configuration.themes.map(\.id)),
            metrics: metrics, due: input.due,
            unnamedSingleUnitPractices: unnamedSingleUnitPractices(achievements))
    }

    /// Tells each received unit which of its figures were left out of the totals as implausible.
    static func warn(_ units: [UnitEntry], about figures: [UnitFigure], bound: Int) -> [UnitEntry] {
        guard !figures.isEmpty else { return units }
        var units = units
        // Each unit's first received entry, found once rather than by a search over every unit per figure.
        var received: [String: Int] = [:]
        for (index, entry) in units.enumerated() where entry.status == .received && received[entry.unit] == nil {
            received[entry.unit] = index
        }
        for figure in figures {
            let warning = MetricTotals.warning(for: figure, bound: bound)
            guard let index = received[figure.unit], !units[index].warnings.contains(warning) else { continue }
            units[index].warnings.append(warning)
        }
        return units
    }

    /// Statements grouped into practices of copy groups, each practice with its theme and the
    /// wording of its member nearest the practice's centre, quoted with that member's unit.
    private func groups(_ statements: StatementRows, units: [Int32], names: UnitNames, themes: KeywordClassifier,
                        origin: SectionKind?) -> [StatementGroup] {
        let grouper = StatementGrouper(settings: configuration.merge)
        // Per statement and independent of the others: worked out on every core, once each. A class's
        // order as 32 bits, -1 for none (an `Int?` takes 16 bytes, held for every statement while it groups).
        let firstTheme = ParallelMap.map(statements.rows) { themes.firstClass($0.text).map(Int32.init) ?? -1 }
        // Theme ids are unique (a repeated one stops here, as it always has).
        _ = Dictionary(uniqueKeysWithValues: configuration.themes.enumerated().map { ($1.id, $0) })
        let practices = grouper.practices(statements)
        // Per practice and independent of the others: a slice of them per task, each with its own tally,
        // the slices cut by members (a practice costs its members).
        let slices = ParallelMap.ranges(practices.count, minimumWeight: 2048) { practice in
            practices[practice].copies.reduce(0) { $0 + $1.count }
        }
        return ParallelMap.slices(practices.count, in: slices) { [configuration] slice in
            var votes = [Int](repeating: 0, count: themes.classes.count)
            var voted: [Int] = []
            return slice.map { practice -> StatementGroup in
                let practice = practices[practice]
                let indices = practice.members
                // A member's place in the practice: indices ascend, so found by bisection.
                func position(_ index: Int) -> Int? {
                    var (low, high) = (0, indices.count)
                    while low < high {
                        let middle = (low + high) / 2
                        if indices[middle] < index { low = middle + 1 } else { high = middle }
                    }
                    return low < indices.count && indices[low] == index ? low : nil
                }
                let copies = zip(practice.copies, practice.copyCentral).map { copy, central in
                    CopyGroup(representative: position(central) ?? 0, members: copy.compactMap(position).sorted())
                }
                // The theme most members' own words point to; of equally voted themes, the first configured.
                for index in indices {
                    let first = Int(firstTheme[index])
                    guard first >= 0 else { continue }
                    if votes[first] == 0 { voted.append(first) }
                    votes[first] += 1
                }
                var theme: String?
                if let best = voted.max(by: { (votes[$0], -$0) < (votes[$1], -$1) }) { theme = themes.classes[best].id }
                for order in voted { votes[order] = 0 }
                voted.removeAll(keepingCapacity: true)
                let representative = practice.central
                return StatementGroup(text: statements.text(representative), theme: theme,
                                      units: names.uniqueSorted(indices.map { units[$0] }) { indices.map(statements.unit) },
                                      members: indices.map(statements.member), origin: origin, unit: statements.unit(representative),
                                      copies: copies,
                                      heading: Self.isHeading(statements.text(representative),
                                                              minimumLength: configuration.merge.distinctiveMinimumLength))
            }
        }
    }

    /// Each statement's unit as a small id, ids in the units' `String` order, so that a group's
    /// units are sorted and told apart without hashing or comparing Chinese text again.
    struct UnitNames {
        /// Per statement (of the list it was made from), its unit's id.
        let ids: [Int32]
        /// Per id, the unit's name.
        let names: [String]
        /// Whether every statement of one id spells its unit alike (so a name per id says it).
        let exact: Bool

        /// From the rows' table of unit spellings, each spelling told once; a row's id is its spelling's.
        init(_ rows: StatementRows) {
            let bySpelling = UnitNames(rows.unitSpellings)
            ids = rows.rows.map { bySpelling.ids[Int($0.unit)] }
            names = bySpelling.names
            exact = bySpelling.exact
        }

        /// From each statement's unit name, in the statements' order.
        init<Units: Sequence>(_ statementUnits: Units) where Units.Element == String {
            var idOf: [String: Int32] = [:]
            var spellings: [String] = []
            var exact = true
            var raw: [Int32] = []
            raw.reserveCapacity(statementUnits.underestimatedCount)
            var last: (unit: String, id: Int32)?
            for unit in statementUnits {
                // Statements of one unit come together: most are told by the one before.
                if let last, TextOrder.sameBytes(last.unit, unit) {
                    raw.append(last.id)
                    continue
                }
                let id: Int32
                if let known = idOf[unit] {
                    id = known
                    if exact, !TextOrder.sameBytes(spellings[Int(known)], unit) { exact = false }
                } else {
                    id = Int32(spellings.count)
                    idOf[unit] = id
                    spellings.append(unit)
                }
                raw.append(id)
                last = (unit, id)
            }
            let keys = spellings.map(TextOrder.Key.init)
            let order = spellings.indices.sorted { TextOrder.compare(keys[$0], keys[$1]) < 0 }
            var rank = [Int32](repeating: 0, count: spellings.count)
            for (position, id) in order.enumerated() { rank[id] = Int32(position) }
            ids = raw.map { rank[Int($0)] }
            names = order.map { spellings[$0] }
            self.exact = exact
        }

        /// The distinct units of `ids`, sorted by name: `Merger.uniqueSorted` of their names
        /// (worked out from `units` where two spellings of one unit make the ids ambiguous).
        func uniqueSorted(_ ids: [Int32], units: () -> [String]) -> [String] {
            guard exact else { return Merger.uniqueSorted(units()) }
            var sorted = ids
            sorted.sort()
            var result: [String] = []
            var previous: Int32 = -1
            for id in sorted where id != previous {
                result.append(names[Int(id)])
                previous = id
            }
            return result
        }
    }

    /// Marks the practices of a single unit worth naming on their own: a named programme of
    /// its own, a result, or figures of the period for a practice not already common to several units.
    ///
    /// A quoted name is a programme of the unit's own only where no other unit's statement
    /// names it: `"三会一课"`, `"第一议题"` or `"学习强国"` in many reports are common
    /// formulas, `"红色帮办"` in one is that unit's programme. Never named: a statement with
    /// an unfilled placeholder, a bare heading (short, or introducing what follows), and
    /// figures of a profile (`现有党员31名`), which are no result of the period.
    private func markDistinctive(_ groups: [StatementGroup]) -> [StatementGroup] {
        // Only whether a theme or a name has more than one unit is asked: its first unit and whether
        // another came, not the set of all (a common theme's set would hold every unit).
        var unitsByTheme: [String: SeveralUnits] = [:]
        for group in groups {
            guard let theme = group.theme else { continue }
            for unit in group.units {
                if unitsByTheme[theme]?.several == true { break }
                unitsByTheme[theme, default: SeveralUnits()].insert(unit)
            }
        }
        // The members' quoted names told per name on every core, a slice of the groups per task, then
        // the slices' tables joined in the groups' order (as one pass over every member would tell them).
        var unitsByName: [String: SeveralUnits] = [:]
        for part in ParallelMap.map(ParallelMap.ranges(groups.count, minimumWeight: 2048) { groups[$0].members.count }, { slice in
            var named: [String: SeveralUnits] = [:]
            for index in slice {
                for member in groups[index].members {
                    for name in Self.quotedNames(member.text) { named[name, default: SeveralUnits()].insert(member.unit) }
                }
            }
            return named
        }) {
            unitsByName.merge(part) { earlier, later in earlier.joined(with: later) }
        }
        let settings = configuration.merge
        let formulas = configuration.metrics.formulas
        let placeholders = configuration.placeholders.patterns.map(CompiledPattern.init)
        let profile = KeywordMatcher(settings.profileMarkers)
        let results = KeywordMatcher(settings.resultMarkers)
        // Per group and independent of the others: a slice of them per task.
        return ParallelMap.slices(groups.count, minimumSlice: 512) { [unitsByTheme, unitsByName] slice in slice.map { index in
            var group = groups[index]
            guard group.units.count == 1 else { return group }
            // A practice whose figure the unit left unfilled (`集中学习x次`) is not held up as an example.
            guard !group.heading else { return group }
            guard !placeholders.contains(where: { $0.firstMatch(in: group.text) != nil }) else { return group }
            // A statement that opens with the unit's profile (`支部现有党员31名，…`) describes the unit.
            let clauses = Self.clauses(group.text)
            guard let opening = clauses.first, !profile.matches(String(opening)).contains(true) else { return group }
            let programme = Self.quotedNames(group.text).contains { name in
                name.count >= 2 && !formulas.contains { name.contains($0) } && (unitsByName[name]?.count ?? 0) <= 1
            }
            let result = results.matches(group.text).contains(true)
            let common = group.theme.map { unitsByTheme[$0]?.count ?? 0 > 1 } ?? false
            let figures = clauses.contains { clause in
                clause.unicodeScalars.contains { (0x30...0x39).contains($0.value) }
                    && !profile.matches(String(clause)).contains(true)
            }
            group.distinctive = programme || result || (figures && !common)
            return group
        } }
    }

    /// The units of a theme or a name, as far as `markDistinctive` asks: none, one or several
    /// (units told apart as a `Set<String>` tells them: by `==`).
    struct SeveralUnits {
        private(set) var first: String?
        private(set) var several = false

        mutating func insert(_ unit: String) {
            guard !several else { return }
            if let first { several = first != unit } else { first = unit }
        }

        /// 0, 1, or 2 for several.
        var count: Int { several ? 2 : first == nil ? 0 : 1 }

        /// What inserting this one's units and then `later`'s tells.
        func joined(with later: SeveralUnits) -> SeveralUnits {
            var joined = self
            if let unit = later.first { joined.insert(unit) }
            if later.several { joined.several = true }
            return joined
        }
    }

    /// A heading rather than a practice: fewer than `minimumLength` characters of words, or a line
    /// that introduces what follows (`重点抓好以下工作：`).
    static func isHeading(_ text: String, minimumLength: Int) -> Bool {
        if let last = text.last(where: { !$0.isWhitespace }), last == "：" || last == ":" { return true }
        return TextSimilarity.foldedScalars(text).count < minimumLength
    }

    /// A statement's clauses, split at commas, semicolons and full stops.
    static func clauses(_ text: String) -> [Substring] {
        text.unicodeScalars.split { clauseEnds.contains($0) }.map { Substring($0) }
    }

    private static let clauseEnds = ScalarSet("，,；;。！？!?".unicodeScalars)

    /// Single-unit practices of the list's own kind that the summary does not name under 特色做法.
    func unnamedSingleUnitPractices(_ achievements: [StatementGroup]) -> Int {
        let single = achievements.filter { $0.origin == nil && $0.units.count == 1 }
        let named = min(single.filter(\.distinctive).count, configuration.merge.distinctiveLimit)
        return single.count - named
    }

    /// Problems tallied per primary category, most units first.
    private func problemGroups(_ statements: StatementRows, classifier: ProblemClassifier) -> [ProblemGroup] {
        // Each statement is tallied once, under its first category; summary.json keeps them all.
        var byCategory: [String: [Member]] = [:]
        // Each statement's categories and the length of its headline, worked out on every core.
        let read = ParallelMap.map(statements.rows) { (categories: classifier.categories(of: $0.text), headline: Self.headline($0.text).count) }
        var headlines: [String: [Int]] = [:]
        for (index, (named, headline)) in read.enumerated() {
            var member = statements.member(index)
            member.categories = named
            byCategory[named[0], default: []].append(member)
            headlines[named[0], default: []].append(headline)
        }
        let labels = Dictionary(uniqueKeysWithValues: configuration.problems.categories.map { ($0.id, $0.label) })
        let groups = byCategory.compactMap { category, members -> ProblemGroup? in
            // The first of the shortest headlines, each headline measured once.
            var representative: Member?
            var shortest = Int.max
            for (member, length) in zip(members, headlines[category] ?? []) where length < shortest {
                (representative, shortest) = (member, length)
            }
            guard let representative else { return nil }
            return ProblemGroup(category: category, label: labels[category] ?? category,
                                text: representative.text, units: Self.uniqueSorted(members.map(\.unit)),
                                items: members)
        }
        // Most units first; what fits no category comes last, whatever its count.
        let fallback = configuration.problems.fallback
        return groups.sorted {
            ($0.category == fallback ? 1 : 0, $1.units.count, $0.category) < ($1.category == fallback ? 1 : 0, $0.units.count, $1.category)
        }
    }

    // MARK: Ordering and choice

    static func statementOrder(_ a: Statement, _ b: Statement) -> Bool {
        (a.unit, a.source ?? "", a.location?.paragraph ?? 0, a.text) < (b.unit, b.source ?? "", b.location?.paragraph ?? 0, b.text)
    }

    /// `statements` sorted by `statementOrder`, as the merge sorts them (`StatementRows`).
    static func sortedByStatementOrder(_ statements: [Statement]) -> [Statement] {
        StatementRows(sorting: statements).statements
    }

    /// Each value's rank among the distinct values in `String` order (equal values, equal ranks).
    static func ranks(_ values: [String]) -> [Int32] { ranked(values).ranks }

    /// `ranks(_:)`, with the distinct values in rank order (of equal values, the first seen).
    ///
    /// Told apart by their bytes (`PlainKey`): where every distinct spelling is plain, equal bytes are
    /// what equal `String`s are, and no value is hashed in its Unicode-normalized form (a province's
    /// million figures' units took a third of a second so, on one core); else as `String`s.
    static func ranked(_ values: [String]) -> (ranks: [Int32], distinct: [String]) {
        let byBytes = identified(values, by: PlainKey.init)
        let keys = byBytes.distinct.map(TextOrder.Key.init)
        guard keys.allSatisfy(\.plain) else {
            let byString = identified(values) { $0 }
            return ranked(byString, keys: byString.distinct.map(TextOrder.Key.init))
        }
        return ranked(byBytes, keys: keys)
    }

    /// Each value's id, as `key` tells values apart (ids in the order first seen), and the distinct values.
    private static func identified<Key: Hashable>(_ values: [String], by key: (String) -> Key) -> (ids: [Int32], distinct: [String]) {
        var idOf: [Key: Int32] = [:]
        var distinct: [String] = []
        var raw: [Int32] = []
        raw.reserveCapacity(values.count)
        var last: (value: String, id: Int32)?
        for value in values {
            if let last, TextOrder.sameBytes(last.value, value) {
                raw.append(last.id)
                continue
            }
            let told = key(value)
            let id: Int32
            if let known = idOf[told] {
                id = known
            } else {
                id = Int32(distinct.count)
                idOf[told] = id
                distinct.append(value)
            }
            raw.append(id)
            last = (value, id)
        }
        return (raw, distinct)
    }

    /// The ids of `identified` as ranks in `String` order (`keys`: the distinct values' order keys).
    private static func ranked(_ identified: (ids: [Int32], distinct: [String]), keys: [TextOrder.Key]) -> (ranks: [Int32], distinct: [String]) {
        let order = identified.distinct.indices.sorted { TextOrder.compare(keys[$0], keys[$1]) < 0 }
        var rank = [Int32](repeating: 0, count: identified.distinct.count)
        for (position, id) in order.enumerated() { rank[id] = Int32(position) }
        return (identified.ids.map { rank[Int($0)] }, order.map { identified.distinct[$0] })
    }

    /// Most units first, then by text: the order CONTRACT.md fixes for every list.
    static func ranked(_ groups: [StatementGroup]) -> [StatementGroup] {
        // Each group's key made once, not once per comparison (a group's unit list can be thousands of names long).
        let keys = groups.map { (count: $0.units.count, text: TextOrder.Key($0.text),
                                 units: TextOrder.Key($0.units.joined(separator: "、"))) }
        return groups.indices.sorted { a, b in
            if keys[a].count != keys[b].count { return keys[a].count > keys[b].count }
            let text = TextOrder.compare(keys[a].text, keys[b].text)
            if text != 0 { return text < 0 }
            return TextOrder.compare(keys[a].units, keys[b].units) < 0
        }.map { groups[$0] }
    }

    /// Most units first, then by theme in configured order (none last), then by text: plans on one
    /// matter come together whatever their first character.
    static func rankedByTheme(_ groups: [StatementGroup], themes: [String]) -> [StatementGroup] {
        let order = Dictionary(uniqueKeysWithValues: themes.enumerated().map { ($1, $0) })
        let keys = groups.map {
            (count: -$0.units.count, theme: $0.theme.flatMap { order[$0] } ?? Int.max, text: TextOrder.Key($0.text),
             units: TextOrder.Key($0.units.joined(separator: "、")))
        }
        return groups.indices.sorted { a, b in
            if keys[a].count != keys[b].count { return keys[a].count < keys[b].count }
            if keys[a].theme != keys[b].theme { return keys[a].theme < keys[b].theme }
            let text = TextOrder.compare(keys[a].text, keys[b].text)
            if text != 0 { return text < 0 }
            return TextOrder.compare(keys[a].units, keys[b].units) < 0
        }.map { groups[$0] }
    }

    /// The account of units: received, quarantined, superseded, then missing, each by name.
    static func accountOrder(_ units: [UnitEntry]) -> [UnitEntry] {
        let rank: [SubmissionStatus: Int] = [.received: 0, .quarantined: 1, .superseded: 2, .missing: 3]
        // Each entry's key made once: names compared on their bytes where plain (`TextOrder`).
        let keys = units.map { (rank: rank[$0.status] ?? 4, unit: TextOrder.Key($0.unit), source: TextOrder.Key($0.source ?? "")) }
        return units.indices.sorted { a, b in
            if keys[a].rank != keys[b].rank { return keys[a].rank < keys[b].rank }
            let unit = TextOrder.compare(keys[a].unit, keys[b].unit)
            if unit != 0 { return unit < 0 }
            return TextOrder.compare(keys[a].source, keys[b].source) < 0
        }.map { units[$0] }
    }

    /// The period most received reports name; of equally common ones, the latest.
    static func period(of periods: [Period]) -> Period {
        var counts: [Period: Int] = [:]
        for period in periods where period.year != nil { counts[period, default: 0] += 1 }
        let order: (Period) -> (Int, Int, String) = { ($0.year ?? 0, 0, $0.part?.rawValue ?? "") }
        return counts.max { a, b in
            (a.value, order(a.key).0, order(a.key).2) < (b.value, order(b.key).0, order(b.key).2)
        }?.key ?? Period(year: nil, part: nil)
    }

    /// How much a statement tells: figures and named programmes count most, then length (capped).
    static func informativeness(_ text: String) -> (Int, Int, String) {
        let figures = text.split { !$0.isNumber }.count
        let quoted = text.filter { $0 == "“" || $0 == "《" || $0 == "\"" }.count
        return (figures * 3 + quoted * 2 + min(text.count, 240) / 40, -text.count, text)
    }

    /// A single unit's practice is worth naming on its own when it states figures or a named programme.
    /// Names in “…”, "…" or 《…》 quotes.
    static func quotedNames(_ text: String) -> [String] {
        var names: [String] = []
        var current: String.UnicodeScalarView?
        // On scalars: it runs for every statement.
        for scalar in text.unicodeScalars {
            let opens = scalar == "“" || scalar == "\"" || scalar == "《"
            let closes = scalar == "”" || scalar == "\"" || scalar == "》"
            if opens, current == nil {
                current = String.UnicodeScalarView()
            } else if closes, let name = current {
                names.append(String(name))
                current = nil
            } else {
                current?.append(scalar)
            }
        }
        return names
    }

    /// The first sentence of a statement: its heading phrase in most reports.
    static func headline(_ text: String) -> String {
        let first = text.prefix { $0 != "。" && $0 != "；" }
        return first.count >= 6 ? String(first) : text
    }

    /// The area the units share by name (`青川区` of `青川区财政局`, `青川区教育局`): their
    /// common prefix up to its last 省/市/区/县/旗; empty where they share none.
    static func area(of units: [String]) -> String {
        guard var prefix = units.first else { return "" }
        for unit in units.dropFirst() {
            prefix = String(zip(prefix, unit).prefix { $0 == $1 }.map(\.0))
        }
        guard let end = prefix.lastIndex(where: { "省市区县旗".contains($0) }) else { return "" }
        return String(prefix[...end])
    }

    /// The distinct values in `String` order: `Array(Set(values)).sorted()`.
    ///
    /// Where every value is plain (`TextOrder.isPlain`), equal means equal bytes and the order is
    /// the bytes' order: sorted and told apart on bytes, with no hashing or comparing as `String`.
    static func uniqueSorted(_ values: [String]) -> [String] {
        guard values.count > 1 else { return values }
        let keys = values.map(TextOrder.Key.init)
        guard keys.allSatisfy(\.plain) else { return Array(Set(values)).sorted() }
        let order = values.indices.sorted { TextOrder.compare(keys[$0], keys[$1]) < 0 }
        var result: [String] = []
        for index in order {
            if let last = result.last, TextOrder.sameBytes(last, values[index]) { continue }
            result.append(values[index])
        }
        return result
    }
}
