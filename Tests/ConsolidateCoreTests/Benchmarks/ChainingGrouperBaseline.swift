@testable import ConsolidateCore

/// The grouper before issue 13 (single-link union of similar pairs), kept only to time the
/// MergeBenchmark against: it chains, do not use it.
/// Groups near-duplicate statements across units without comparing every pair.
///
/// Exact copies (equal folded text) join first by hashing. Near-duplicates are
/// then found by prefix filtering: bigrams are ordered rarest first, and two
/// statements can only reach the similarity threshold if one's rarest bigrams
/// (its prefix) meet the other's bigrams, so only statements sharing a prefix
/// bigram are compared. Two bounds keep this linear at a city's scale, at the
/// cost of the filter's exactness: a statement probes at most `probeLimit` of
/// its rarest bigrams (copies share their rarest bigrams, so they still meet),
/// and bigrams in more than `postingLimit` statements are left out of the index
/// (stock phrases that say nothing about which practice is meant).
struct ChainingGrouperBaseline: Sendable {
    var similarity: Double
    var containment: Double
    var postingLimit = 1_000
    var probeLimit = 16
    /// Containment alone joins two statements only when the shorter has at least this many bigrams.
    var containmentMinimum = 8

    /// Returns groups as lists of indices into `statements`, each list ascending,
    /// the groups ordered by their first index.
    func group(_ statements: [Statement]) -> [[Int]] {
        let folded = ParallelMap.map(statements) { TextSimilarity.fold($0.text, masking: [$0.unit]) }
        let grams = ParallelMap.map(folded) { TextSimilarity.bigrams($0) }
        var union = BaselineUnionFind(count: statements.count)

        // Exact copies.
        var firstByText: [String: Int] = [:]
        for (index, text) in folded.enumerated() {
            if let first = firstByText[text] { union.join(first, index) } else { firstByText[text] = index }
        }

        // Bigrams as dense ids; each statement a sorted array of distinct ids.
        var ids: [UInt64: Int32] = [:]
        // Ids in order of first sight, bigrams of a statement taken in ascending order: the same
        // ids in every process (a Set's own order changes with the process's hash seed).
        let sets: [[Int32]] = grams.map { set in
            Array(Set(set.sorted().map { gram -> Int32 in
                if let id = ids[gram] { return id }
                let id = Int32(ids.count)
                ids[gram] = id
                return id
            })).sorted()
        }
        var frequency = [Int32](repeating: 0, count: ids.count)
        for set in sets { for id in set { frequency[Int(id)] += 1 } }
        var postings = [[Int32]](repeating: [], count: ids.count)
        for (index, set) in sets.enumerated() {
            for id in set where frequency[Int(id)] <= postingLimit { postings[Int(id)].append(Int32(index)) }
        }

        // The weaker of the two tests decides how much of a set must be probed:
        // overlap ≥ t·|A| for containment, overlap ≥ d/(2−d)·|A| (Jaccard form) for Dice.
        let share = min(containment, similarity / (2 - similarity))
        var candidates: [Int32] = []
        for index in sets.indices {
            let rarest = sets[index].sorted { (frequency[Int($0)], $0) < (frequency[Int($1)], $1) }
            let prefixLength = rarest.count - Int((share * Double(rarest.count)).rounded(.up)) + 1
            candidates.removeAll(keepingCapacity: true)
            let probes = rarest.prefix(min(max(prefixLength, 1), probeLimit))
            for id in probes {
                for other in postings[Int(id)] where Int(other) != index { candidates.append(other) }
            }
            candidates.sort()
            // A copy shares most of a statement's rarest bigrams; one shared by chance is not worth comparing.
            let needed = probes.count >= 8 ? 2 : 1
            var start = 0
            while start < candidates.count {
                var end = start + 1
                while end < candidates.count && candidates[end] == candidates[start] { end += 1 }
                defer { start = end }
                guard end - start >= needed else { continue }
                let j = Int(candidates[start])
                guard union.find(j) != union.find(index) else { continue }
                let shared = Self.overlap(sets[index], sets[j])
                let (a, b) = (sets[index].count, sets[j].count)
                let dice = 2 * Double(shared) / Double(max(a + b, 1))
                let contained = Double(shared) / Double(max(min(a, b), 1))
                if dice >= similarity || (contained >= containment && min(a, b) >= containmentMinimum) {
                    union.join(index, j)
                }
            }
        }

        var groups: [Int: [Int]] = [:]
        for index in statements.indices { groups[union.find(index), default: []].append(index) }
        return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// The number of ids two ascending arrays share.
    static func overlap(_ a: [Int32], _ b: [Int32]) -> Int {
        var (i, j, shared) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return shared
    }
}

/// Disjoint sets over 0..<count with path halving.
struct BaselineUnionFind {
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
