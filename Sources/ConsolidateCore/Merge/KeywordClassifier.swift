/// Ranks configured classes (problem categories, achievement themes) for a statement by their keywords.
///
/// A statement's first sentence is its heading phrase in most reports
/// (`一是党建与业务融合不够紧密。…`), so keywords found there count double.
struct KeywordClassifier: Sendable {
    struct Class: Sendable {
        var id: String
        /// Keywords already folded, so a statement is compared without folding them again.
        var keywords: [String]
        var examples: [Set<UInt64>]

        init(id: String, keywords: [String], examples: [Set<UInt64>]) {
            self.id = id
            self.keywords = keywords.map { TextSimilarity.fold($0) }.filter { !$0.isEmpty }
            self.examples = examples
        }
    }

    let classes: [Class]
    /// Every class's keywords in one matcher; `keywordIDs[c]` are class c's keywords in it.
    private let matcher: KeywordMatcher
    private let keywordIDs: [[Int]]

    init(classes: [Class]) {
        self.classes = classes
        var ids: [String: Int] = [:]
        keywordIDs = classes.map { candidate in
            candidate.keywords.map { keyword in
                if let id = ids[keyword] { return id }
                ids[keyword] = ids.count
                return ids.count - 1
            }
        }
        matcher = KeywordMatcher(ids.sorted { $0.value < $1.value }.map(\.key))
    }

    /// Class ids with at least one keyword in `text`, most weight first, ties in configured order.
    func rank(_ text: String) -> [String] {
        let inText = matcher.matches(TextSimilarity.fold(text))
        let inFirstSentence = matcher.matches(TextSimilarity.fold(String(text.prefix { $0 != "。" && $0 != "；" && $0 != "." })))
        var scored: [(score: Int, order: Int, id: String)] = []
        for (order, candidate) in classes.enumerated() {
            var score = 0
            for key in keywordIDs[order] where inText[key] {
                score += inFirstSentence[key] ? 2 : 1
            }
            if score > 0 { scored.append((score, order, candidate.id)) }
        }
        return scored.sorted { ($0.score, -$0.order) > ($1.score, -$1.order) }.map(\.id)
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
/// position only the keywords starting with that scalar are tried.
struct KeywordMatcher: Sendable {
    private let byInitial: [Unicode.Scalar: [(scalars: [Unicode.Scalar], id: Int)]]
    let count: Int

    init(_ keywords: [String]) {
        var byInitial: [Unicode.Scalar: [(scalars: [Unicode.Scalar], id: Int)]] = [:]
        for (id, keyword) in keywords.enumerated() {
            let scalars = Array(keyword.unicodeScalars)
            guard let first = scalars.first else { continue }
            byInitial[first, default: []].append((scalars, id))
        }
        self.byInitial = byInitial
        count = keywords.count
    }

    /// For each keyword (by its index), whether `text` contains it.
    func matches(_ text: String) -> [Bool] {
        var found = [Bool](repeating: false, count: count)
        let scalars = Array(text.unicodeScalars)
        for start in scalars.indices {
            guard let candidates = byInitial[scalars[start]] else { continue }
            for candidate in candidates where !found[candidate.id] && start + candidate.scalars.count <= scalars.count
                && scalars[start..<(start + candidate.scalars.count)].elementsEqual(candidate.scalars) {
                found[candidate.id] = true
            }
        }
        return found
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
