/// Finds units whose reports are near-identical as a whole: suspected copying.
///
/// Each report's folded text becomes a MinHash signature over its character
/// bigrams; locality-sensitive hashing (bands of rows) proposes candidate
/// pairs, and only those are compared exactly. No report is compared with
/// every other, so this stays linear in the number of reports.
struct CopyDetector: Sendable {
    /// Least Jaccard similarity of two reports' bigram sets to call them copies.
    var threshold: Double
    var bands = 16
    var rows = 4

    struct Document: Sendable {
        var unit: String
        var text: String
    }

    /// Pairs of units (sorted names) with their similarity, sorted.
    func suspectedCopies(_ documents: [Document]) -> [(String, String, Double)] {
        // Each document's set and signature on its own: on every core.
        let sets = ParallelMap.map(documents) { TextSimilarity.bigrams(TextSimilarity.fold($0.text, masking: [$0.unit])) }
        let signatures = ParallelMap.map(sets) { signature($0) }
        var buckets: [[UInt64]: [Int]] = [:]
        for (index, signature) in signatures.enumerated() where !sets[index].isEmpty {
            for band in 0..<bands {
                let key = [UInt64(band)] + signature[(band * rows)..<((band + 1) * rows)]
                buckets[key, default: []].append(index)
            }
        }
        var pairs = Set<[Int]>()
        for members in buckets.values where members.count > 1 {
            for i in members.indices { for j in members.indices where i < j { pairs.insert([members[i], members[j]]) } }
        }
        var result: [(String, String, Double)] = []
        for pair in pairs {
            let (a, b) = (pair[0], pair[1])
            guard documents[a].unit != documents[b].unit else { continue }
            let shared = sets[a].intersection(sets[b]).count
            let jaccard = Double(shared) / Double(sets[a].count + sets[b].count - shared)
            if jaccard >= threshold {
                let names = [documents[a].unit, documents[b].unit].sorted()
                result.append((names[0], names[1], jaccard))
            }
        }
        return result.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    private func signature(_ set: Set<UInt64>) -> [UInt64] {
        (0..<(bands * rows)).map { seed in
            set.reduce(UInt64.max) { min($0, Self.mix($1 &+ UInt64(seed) &* 0x9E37_79B9_7F4A_7C15)) }
        }
    }

    /// SplitMix64's finaliser: a fixed, well-spread hash (Swift's `Hasher` is seeded per process).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
