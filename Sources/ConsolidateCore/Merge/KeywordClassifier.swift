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

    /// Classes with their keyword weight, most first: each keyword once, double in the first sentence;
    /// of equal weight, the class whose keyword comes first.
    func scores(_ text: String) -> [(order: Int, score: Int)] {
        // The first sentence's folded length from the same pass that folds the whole (not folded twice).
        let firstEnd = text.firstIndex { $0 == "。" || $0 == "；" || $0 == "." } ?? text.endIndex
        let (folded, firstLength) = TextSimilarity.fold(
            text, markingAt: text.unicodeScalars.distance(from: text.startIndex, to: firstEnd))
        let hits = matcher.occurrences(folded)
        var weight: [Int: Int] = [:]
        var first: [Int: Int] = [:]
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
            weight[hit.id] = max(weight[hit.id] ?? 0, value)
            first[hit.id] = min(first[hit.id] ?? hit.start, hit.start)
        }
        var scored: [Int: Int] = [:]
        var earliest: [Int: Int] = [:]
        for (id, value) in weight {
            for order in classesOf[id] {
                scored[order, default: 0] += value
                earliest[order] = min(earliest[order] ?? Int.max, first[id] ?? Int.max)
            }
        }
        // Of equal weight, the class named first (a statement says its subject first), then configured order.
        return scored.map { (order: $0.key, score: $0.value) }.sorted {
            ($0.score, -(earliest[$0.order] ?? Int.max), -$0.order) > ($1.score, -(earliest[$1.order] ?? Int.max), -$1.order)
        }
    }

    /// The class whose example statement is most similar to `text`, if any reaches `threshold`.
    func nearestExample(_ text: String, threshold: Double) -> String? {
        let grams = TextSimilarity.bigrams(TextSimilarity.fold(text))
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

/// Which of many keywords occur in a text, found in one pass over its scalars: at each
/// position only the keywords starting with that scalar are tried. A keyword with `…` is
/// parts in order, at most `gap` scalars apart.
struct KeywordMatcher: Sendable {
    /// The most scalars between two parts of a keyword with a gap.
    static let gap = 6
    private let byInitial: [Unicode.Scalar: [(parts: [[Unicode.Scalar]], id: Int)]]
    let count: Int
    /// The most scalars one occurrence can span (its parts and the gaps between them).
    let longestSpan: Int

    /// Keywords as written: folded here, gap marks kept.
    init(_ keywords: [String]) {
        self.init(folded: keywords.map(Self.fold))
    }

    /// Keywords already folded by `fold`.
    init(folded keywords: [String]) {
        var byInitial: [Unicode.Scalar: [(parts: [[Unicode.Scalar]], id: Int)]] = [:]
        var longestSpan = 0
        for (id, keyword) in keywords.enumerated() {
            let parts = keyword.split(separator: "…").map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }
            guard let first = parts.first?.first else { continue }
            byInitial[first, default: []].append((parts, id))
            longestSpan = max(longestSpan, parts.reduce(0) { $0 + $1.count } + Self.gap * (parts.count - 1))
        }
        self.byInitial = byInitial
        self.longestSpan = longestSpan
        count = keywords.count
    }

    /// A keyword folded as statements are (`TextSimilarity.fold`), each part on its own so the gap mark stays.
    static func fold(_ keyword: String) -> String {
        keyword.components(separatedBy: "…").map { TextSimilarity.fold($0) }.filter { !$0.isEmpty }.joined(separator: "…")
    }

    /// For each keyword (by its index), whether `text` (folded) contains it.
    func matches(_ text: String) -> [Bool] {
        var found = [Bool](repeating: false, count: count)
        for hit in occurrences(TextSimilarity.fold(text)) { found[hit.id] = true }
        return found
    }

    /// Every occurrence of a keyword in folded `text`: its id and scalar span (a gap keyword's
    /// earliest completion from each start).
    func occurrences(_ text: String) -> [(id: Int, start: Int, end: Int)] {
        let scalars = Array(text.unicodeScalars)
        var result: [(id: Int, start: Int, end: Int)] = []
        func matches(_ part: [Unicode.Scalar], at position: Int) -> Bool {
            position + part.count <= scalars.count && scalars[position..<(position + part.count)].elementsEqual(part)
        }
        for start in scalars.indices {
            guard let candidates = byInitial[scalars[start]] else { continue }
            for candidate in candidates where matches(candidate.parts[0], at: start) {
                var end = start + candidate.parts[0].count
                var complete = true
                for part in candidate.parts.dropFirst() {
                    guard let found = (end...min(end + Self.gap, scalars.count)).first(where: { matches(part, at: $0) }) else {
                        complete = false
                        break
                    }
                    end = found + part.count
                }
                if complete { result.append((candidate.id, start, end)) }
            }
        }
        return result
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
