/// Groups near-duplicate statements across units without comparing every pair.
///
/// Exact copies (equal folded text) join first by hashing. Near-duplicates are
/// then found by prefix filtering: bigrams are ordered rarest first, and two
/// statements can only reach the similarity threshold if one's rarest bigrams
/// (its prefix) meet the other's bigrams, so only statements sharing a prefix
/// bigram are compared. Bigrams in more than `postingLimit` statements are left
/// out of the index: at a city's scale they are stock phrases that say nothing
/// about which practice is meant.
struct StatementGrouper: Sendable {
    var similarity: Double
    var containment: Double
    var postingLimit = 2_000

    /// Returns groups as lists of indices into `statements`, each list ascending,
    /// the groups ordered by their first index.
    func group(_ statements: [Statement]) -> [[Int]] {
        let folded = statements.map { TextSimilarity.fold($0.text, masking: [$0.unit]) }
        var sets = folded.map(TextSimilarity.bigrams)
        var union = UnionFind(count: statements.count)

        // Exact copies.
        var firstByText: [String: Int] = [:]
        for (index, text) in folded.enumerated() {
            if let first = firstByText[text] { union.join(first, index) } else { firstByText[text] = index }
        }

        // Global bigram frequencies give the rarest-first order.
        var frequency: [UInt64: Int] = [:]
        for set in sets { for gram in set { frequency[gram, default: 0] += 1 } }
        var postings: [UInt64: [Int]] = [:]
        for (index, set) in sets.enumerated() {
            for gram in set where frequency[gram, default: 0] <= postingLimit {
                postings[gram, default: []].append(index)
            }
        }
        // The weaker of the two tests decides how much of a set must be probed:
        // overlap ≥ t·|A| for containment, overlap ≥ d/(2−d)·|A| (Jaccard form) for Dice.
        let share = min(containment, similarity / (2 - similarity))
        for index in sets.indices {
            let ordered = sets[index].sorted { (frequency[$0]!, $0) < (frequency[$1]!, $1) }
            let prefixLength = ordered.count - Int((share * Double(ordered.count)).rounded(.up)) + 1
            var candidates = Set<Int>()
            for gram in ordered.prefix(max(prefixLength, 1)) {
                for other in postings[gram] ?? [] where other > index { candidates.insert(other) }
            }
            for other in candidates.sorted() where union.find(other) != union.find(index) {
                if TextSimilarity.dice(sets[index], sets[other]) >= similarity
                    || TextSimilarity.containment(sets[index], sets[other]) >= containment
                    && min(sets[index].count, sets[other].count) >= 8 {
                    union.join(index, other)
                }
            }
        }
        sets.removeAll()

        var groups: [Int: [Int]] = [:]
        for index in statements.indices { groups[union.find(index), default: []].append(index) }
        return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}

/// Disjoint sets over 0..<count with path halving.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func join(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
