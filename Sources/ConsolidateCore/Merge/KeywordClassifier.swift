/// Ranks configured classes (problem categories, achievement themes) for a statement by their keywords.
///
/// A statement's first sentence is its heading phrase in most reports
/// (`一是党建与业务融合不够紧密。…`), so keywords found there count double. A keyword may
/// hold a gap, `重…轻党建`: its parts in order with at most `KeywordMatcher.gap` characters
/// between them (`重医疗轻党建`, `重业务、轻党建`). Where one class's keyword lies inside a
/// longer keyword of another class, only the longer counts: `党员…作用` (党员示范作用) says
/// the members' example, not a demonstration site's (`示范作用`).
struct KeywordClassifier: Sendable {
    struct Class: Sendable {
        var id: String
        /// Keywords already folded (gap marks kept), so a statement is compared without folding them again.
        var keywords: [String]
        var examples: [[UInt64]]

        init(id: String, keywords: [String], examples: [[UInt64]]) {
            self.id = id
            self.keywords = keywords.map(KeywordMatcher.fold).filter { !$0.isEmpty }
            self.examples = examples
        }
    }

    let classes: [Class]
    /// Every class's keywords in one matcher; `classOf[k]` are the classes of keyword k.
    private let matcher: KeywordMatcher
    private let classesOf: [[Int]]

    init(classes: [Class]) {
        self.classes = classes
        var ids: [String: Int] = [:]
        var classesOf: [[Int]] = []
        for (order, candidate) in classes.enumerated() {
            for keyword in candidate.keywords {
                if let id = ids[keyword] {
                    if !classesOf[id].contains(order) { classesOf[id].append(order) }
                } else {
                    ids[keyword] = classesOf.count
                    classesOf.append([order])
                }
            }
        }
        self.classesOf = classesOf
        matcher = KeywordMatcher(folded: ids.sorted { $0.value < $1.value }.map(\.key))
    }

    /// Class ids with at least one keyword in `text`, most weight first, ties in configured order.
    func rank(_ text: String) -> [String] {
        scores(text).map { classes[$0.order].id }
    }

    /// The order of the class `rank` puts first, if any.
    func firstClass(_ text: String) -> Int? {
        scores(text).first?.order
    }

    /// Classes with their keyword weight, most first: each keyword once, double in the first sentence;
    /// of equal weight, the class whose keyword comes first.
    func scores(_ text: String) -> [(order: Int, score: Int)] {
        // The first sentence's folded length from the same pass that folds the whole (not folded twice).
        let (folded, firstLength) = TextSimilarity.foldedScalars(text, markingAt: Self.firstSentenceLength(text))
        let hits = matcher.occurrences(scalars: folded)
        guard !hits.isEmpty else { return [] }
        // Per keyword hit: its weight and first start (few per statement: a list, not a table).
        var keywords: [(id: Int, weight: Int, first: Int)] = []
        // Hits come in order of their start, and one spans at most `longestSpan` scalars, so a hit
        // covering another starts in a window just before it: linear in the statement's length.
        var windowStart = 0
        for hit in hits {
            let owners = classesOf[hit.id]
            while hits[windowStart].start < hit.start - matcher.longestSpan { windowStart += 1 }
            // Inside a longer hit of a keyword of other classes only: that longer keyword says it.
            var covered = false
            for other in hits[windowStart...] {
                if other.start > hit.start { break }
                if other.end - other.start > hit.end - hit.start && other.end >= hit.end
                    && !classesOf[other.id].contains(where: { owners.contains($0) }) {
                    covered = true
                    break
                }
            }
            guard !covered else { continue }
            let value = hit.start < firstLength ? 2 : 1
            if let index = keywords.firstIndex(where: { $0.id == hit.id }) {
                keywords[index].weight = max(keywords[index].weight, value)
                keywords[index].first = min(keywords[index].first, hit.start)
            } else {
                keywords.append((hit.id, value, hit.start))
            }
        }
        var scored: [(order: Int, score: Int, earliest: Int)] = []
        for keyword in keywords {
            for order in classesOf[keyword.id] {
                if let index = scored.firstIndex(where: { $0.order == order }) {
                    scored[index].score += keyword.weight
                    scored[index].earliest = min(scored[index].earliest, keyword.first)
                } else {
                    scored.append((order, keyword.weight, keyword.first))
                }
            }
        }
        // Of equal weight, the class named first (a statement says its subject first), then configured order.
        return scored.sorted { ($0.score, -$0.earliest, -$0.order) > ($1.score, -$1.earliest, -$1.order) }
            .map { (order: $0.order, score: $0.score) }
    }

    /// How many scalars of `text` come before its first `。`, `；` or `.` (as a character of its
    /// own), all of them where it has none.
    ///
    /// Found on scalars; only where a neighbour of the first such scalar could join it into a
    /// longer character (a combining mark after it, say) are the characters stepped through.
    static func firstSentenceLength(_ text: String) -> Int {
        var previous: UInt32?
        var offset = 0
        var candidate: Int?
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if let at = candidate {
                return standsAlone(value) ? at : characterFirstSentenceLength(text)
            }
            if value == 0x3002 || value == 0xFF1B || value == 0x2E {
                guard previous.map(standsAlone) ?? true else { return characterFirstSentenceLength(text) }
                candidate = offset
            }
            previous = value
            offset += 1
        }
        return candidate ?? offset
    }

    /// Scalars that neither extend the character before them nor join the one after them.
    private static func standsAlone(_ value: UInt32) -> Bool {
        value < 0x300 || (0x3000...0x3029).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xFF01...0xFF5E).contains(value)
    }

    /// `firstSentenceLength` by characters, for text whose first stop a neighbour may join.
    private static func characterFirstSentenceLength(_ text: String) -> Int {
        let firstEnd = text.firstIndex { $0 == "。" || $0 == "；" || $0 == "." } ?? text.endIndex
        return text.unicodeScalars.distance(from: text.startIndex, to: firstEnd)
    }

    /// The class whose example statement is most similar to `text`, if any reaches `threshold`.
    func nearestExample(_ text: String, threshold: Double) -> String? {
        let grams = TextSimilarity.bigrams(TextSimilarity.foldedScalars(text))
        var best: (score: Double, id: String)?
        for candidate in classes {
            for example in candidate.examples {
                let score = TextSimilarity.dice(grams, example)
                if score >= threshold, score > (best?.score ?? -1) { best = (score, candidate.id) }
            }
        }
        return best?.id
    }
}

extension KeywordClassifier {
    /// The classifier of problem statements into the configured categories.
    init(problems taxonomy: PipelineConfiguration.ProblemTaxonomy) {
        self.init(classes: taxonomy.categories.map {
            Class(id: $0.id, keywords: $0.keywords,
                  examples: $0.examples.map { TextSimilarity.bigrams(TextSimilarity.fold($0)) })
        })
    }

    /// The classifier of practices into the configured achievement themes.
    init(themes: [PipelineConfiguration.Theme]) {
        self.init(classes: themes.map { Class(id: $0.id, keywords: $0.keywords, examples: []) })
    }
}

/// Which of many keywords occur in a text, found in one pass over its scalars by an
/// Aho–Corasick automaton over the keywords' first parts, compiled once. A keyword with `…` is
/// parts in order, at most `gap` scalars apart: its later parts are looked for after its first.
struct KeywordMatcher: Sendable {
    /// The most scalars between two parts of a keyword with a gap.
    static let gap = 6
    /// Each keyword's parts (scalar values); empty for a keyword with no words.
    private let parts: [[[UInt32]]]
    private let automaton: Automaton
    let count: Int
    /// The most scalars one occurrence can span (its parts and the gaps between them).
    let longestSpan: Int

    /// Keywords as written: folded here, gap marks kept.
    init(_ keywords: [String]) {
        self.init(folded: keywords.map(Self.fold))
    }

    /// Keywords already folded by `fold`.
    init(folded keywords: [String]) {
        var parts: [[[UInt32]]] = []
        var longestSpan = 0
        for keyword in keywords {
            let split = keyword.split(separator: "…").map { $0.unicodeScalars.map(\.value) }.filter { !$0.isEmpty }
            parts.append(split)
            guard !split.isEmpty else { continue }
            longestSpan = max(longestSpan, split.reduce(0) { $0 + $1.count } + Self.gap * (split.count - 1))
        }
        self.parts = parts
        self.longestSpan = longestSpan
        automaton = Automaton(parts.map { $0.first ?? [] })
        count = keywords.count
    }

    /// A keyword folded as statements are (`TextSimilarity.fold`), each part on its own so the gap mark stays.
    static func fold(_ keyword: String) -> String {
        keyword.components(separatedBy: "…").map { TextSimilarity.fold($0) }.filter { !$0.isEmpty }.joined(separator: "…")
    }

    /// For each keyword (by its index), whether `text` (folded) contains it.
    func matches(_ text: String) -> [Bool] {
        var found = [Bool](repeating: false, count: count)
        for hit in occurrences(scalars: TextSimilarity.foldedScalars(text)) { found[hit.id] = true }
        return found
    }

    /// Every occurrence of a keyword in folded `text`: its id and scalar span (a gap keyword's
    /// earliest completion from each start), in order of start, then of keyword.
    func occurrences(_ text: String) -> [(id: Int, start: Int, end: Int)] {
        occurrences(scalars: text.unicodeScalars.map(\.value))
    }

    /// `occurrences` in folded scalar values.
    func occurrences(scalars: [UInt32]) -> [(id: Int, start: Int, end: Int)] {
        var starts = automaton.firstPartStarts(in: scalars)
        guard !starts.isEmpty else { return [] }
        if starts.count > 1 { starts.sort { ($0.start, $0.id) < ($1.start, $1.id) } }
        var result: [(id: Int, start: Int, end: Int)] = []
        result.reserveCapacity(starts.count)
        func matches(_ part: [UInt32], at position: Int) -> Bool {
            guard position + part.count <= scalars.count else { return false }
            for offset in part.indices where scalars[position + offset] != part[offset] { return false }
            return true
        }
        for (id, start) in starts {
            let keyword = parts[id]
            var end = start + keyword[0].count
            var complete = true
            for part in keyword.dropFirst() {
                guard let found = (end...min(end + Self.gap, scalars.count)).first(where: { matches(part, at: $0) }) else {
                    complete = false
                    break
                }
                end = found + part.count
            }
            if complete { result.append((id, start, end)) }
        }
        return result
    }

    /// An Aho–Corasick automaton over a list of patterns (scalar values): every place each
    /// pattern occurs, in one pass over a text. The root's moves are a table over the Basic
    /// Multilingual Plane (most scalars of a text start no pattern); other states keep their
    /// few moves in a list.
    struct Automaton: Sendable {
        /// The root's move per BMP scalar value (0: stays at the root).
        private let root: [Int32]
        /// The root's moves on scalars beyond the BMP.
        private let rootWide: [UInt32: Int32]
        /// Per state, its moves (scalar value, state).
        private let moves: [[(scalar: UInt32, state: Int32)]]
        private let failure: [Int32]
        /// Per state, the patterns ending there (its own and those of its failure chain).
        private let output: [[Int32]]
        private let lengths: [Int]

        init(_ patterns: [[UInt32]]) {
            var moves: [[(scalar: UInt32, state: Int32)]] = [[]]
            var own: [[Int32]] = [[]]
            for (id, pattern) in patterns.enumerated() where !pattern.isEmpty {
                var state = 0
                for scalar in pattern {
                    if let next = moves[state].first(where: { $0.scalar == scalar }) {
                        state = Int(next.state)
                    } else {
                        moves.append([])
                        own.append([])
                        moves[state].append((scalar, Int32(moves.count - 1)))
                        state = moves.count - 1
                    }
                }
                own[state].append(Int32(id))
            }
            var root = [Int32](repeating: 0, count: 0x10000)
            var rootWide: [UInt32: Int32] = [:]
            for (scalar, state) in moves[0] {
                if scalar < 0x10000 { root[Int(scalar)] = state } else { rootWide[scalar] = state }
            }
            // Breadth first: a state's failure is known before its children's.
            var failure = [Int32](repeating: 0, count: moves.count)
            var output = own
            var queue = moves[0].map { Int($0.state) }
            var head = 0
            while head < queue.count {
                let state = queue[head]
                head += 1
                for (scalar, child) in moves[state] {
                    var fallback = state == 0 ? -1 : Int(failure[state])
                    var target: Int32 = 0
                    while fallback >= 0 {
                        if let next = moves[fallback].first(where: { $0.scalar == scalar }) {
                            target = next.state
                            break
                        }
                        fallback = fallback == 0 ? -1 : Int(failure[fallback])
                    }
                    failure[Int(child)] = target
                    output[Int(child)] += output[Int(target)]
                    queue.append(Int(child))
                }
            }
            self.root = root
            self.rootWide = rootWide
            self.moves = moves
            self.failure = failure
            self.output = output
            lengths = patterns.map(\.count)
        }

        /// Every (pattern, start) where a pattern occurs in `text`, in no particular order.
        func firstPartStarts(in text: [UInt32]) -> [(id: Int, start: Int)] {
            var found: [(id: Int, start: Int)] = []
            var state = 0
            root.withUnsafeBufferPointer { root in
                for (position, scalar) in text.enumerated() {
                    while true {
                        if state == 0 {
                            state = Int(scalar < 0x10000 ? root[Int(scalar)] : rootWide[scalar] ?? 0)
                            break
                        }
                        if let next = moves[state].first(where: { $0.scalar == scalar }) {
                            state = Int(next.state)
                            break
                        }
                        state = Int(failure[state])
                    }
                    for id in output[state] {
                        found.append((Int(id), position + 1 - lengths[Int(id)]))
                    }
                }
            }
            return found
        }
    }
}

/// Files each problem statement under the configured categories: keywords
/// first, then the nearest example statement, else the fallback — never dropped.
public struct ProblemClassifier: Sendable {
    let taxonomy: PipelineConfiguration.ProblemTaxonomy
    let classifier: KeywordClassifier

    public init(taxonomy: PipelineConfiguration.ProblemTaxonomy) {
        self.taxonomy = taxonomy
        self.classifier = KeywordClassifier(problems: taxonomy)
    }

    /// Categories for `text`, primary first; never empty.
    public func categories(of text: String) -> [String] {
        // A line that only introduces the items after it (`还存在以下不足：`) names no shortcoming.
        if let last = text.last(where: { !$0.isWhitespace }), last == "：" || last == ":" { return [taxonomy.fallback] }
        let ranked = classifier.rank(text)
        if !ranked.isEmpty { return ranked }
        if let nearest = classifier.nearestExample(text, threshold: taxonomy.exampleThreshold) { return [nearest] }
        return [taxonomy.fallback]
    }

    /// `report` with every item of its problem sections given its categories.
    public func annotate(_ report: UnitReport) -> UnitReport {
        var report = report
        for index in report.sections.indices where report.sections[index].kind == .problems {
            report.sections[index].items = report.sections[index].items.map(annotate)
        }
        return report
    }

    private func annotate(_ item: Item) -> Item {
        var item = item
        let words = item.statement + item.leaves.map(\.statement).joined()
        item.categories = categories(of: words)
        item.items = item.items.map(annotate)
        return item
    }
}
