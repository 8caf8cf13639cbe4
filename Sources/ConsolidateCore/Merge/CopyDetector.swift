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

    /// One unit's text: its statements' words, one a line (joined only while a document's bigrams are made).
    struct Document: Sendable {
        var unit: String
        var lines: [String]

        init(unit: String, text: String) {
            self.unit = unit
            lines = [text]
        }

        init(unit: String, lines: [String]) {
            self.unit = unit
            self.lines = lines
        }

        var text: String { lines.joined(separator: "\n") }

        /// The document's bigram set, its unit's name masked.
        var bigrams: [UInt64] { TextSimilarity.bigrams(TextSimilarity.foldedScalars(text, masking: [unit])) }
    }

    /// Pairs of units (sorted names) with their similarity, sorted.
    ///
    /// Only the signatures of all documents are held; the bigram sets (eight bytes a character of
    /// every report) are made again for the few documents of a candidate pair worth comparing exactly.
    func suspectedCopies(_ documents: [Document]) -> [(String, String, Double)] {
        // Each document's signature on its own: on every core.
        let signed = ParallelMap.map(documents) { document -> (signature: [UInt64], empty: Bool) in
            let set = document.bigrams
            return (signature(set), set.isEmpty)
        }
        let signatures = signed.map(\.signature)
        // Per band, the documents agreeing on all of its rows: sorted by the band's rows (then by
        // index), each run of equal rows a bucket with its members in index order. No hashing.
        var buckets: [[Int]] = []
        let present = signatures.indices.filter { !signed[$0].empty }
        for band in 0..<bands {
            let rows = (band * self.rows)..<((band + 1) * self.rows)
            func compare(_ a: Int, _ b: Int) -> Int {
                for row in rows where signatures[a][row] != signatures[b][row] {
                    return signatures[a][row] < signatures[b][row] ? -1 : 1
                }
                return 0
            }
            let sorted = present.sorted { a, b in
                let order = compare(a, b)
                return order != 0 ? order < 0 : a < b
            }
            var start = 0
            while start < sorted.count {
                var end = start + 1
                while end < sorted.count && compare(sorted[start], sorted[end]) == 0 { end += 1 }
                if end - start > 1 { buckets.append(Array(sorted[start..<end])) }
                start = end
            }
        }
        // Candidate pairs, each once. Reports written from one template can crowd a bucket; in
        // a crowded bucket each report meets only its `window` nearest by signature (near-copies
        // sort together), so the work stays linear in the number of reports.
        var pairs = Set<UInt64>()
        for var members in buckets {
            let window: Int
            if members.count > crowded {
                members.sort { signatures[$0].lexicographicallyPrecedes(signatures[$1]) }
                window = crowdedWindow
            } else {
                window = members.count
            }
            for i in members.indices {
                for j in (i + 1)..<min(members.count, i + 1 + window) {
                    let (a, b) = (min(members[i], members[j]), max(members[i], members[j]))
                    pairs.insert(UInt64(a) << 32 | UInt64(b))
                }
            }
        }
        // The signatures' agreement estimates the Jaccard similarity: a pair far below the
        // threshold (reports of one template, each filled in) is not compared exactly.
        let close = Array(pairs).filter { pair in
            let (a, b) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            guard documents[a].unit != documents[b].unit else { return false }
            let agreeing = zip(signatures[a], signatures[b]).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
            return Double(agreeing) / Double(bands * rows) >= threshold - estimateMargin
        }
        // The bigram sets of the documents compared exactly, made again, on every core.
        var compared = Set<Int>()
        for pair in close { compared.insert(Int(pair >> 32)); compared.insert(Int(pair & 0xFFFF_FFFF)) }
        let needed = compared.sorted()
        let made = ParallelMap.map(needed) { documents[$0].bigrams }
        var sets: [Int: [UInt64]] = [:]
        for (index, set) in zip(needed, made) { sets[index] = set }
        let setOf = sets
        // The exact comparisons are independent: on every core.
        let found = ParallelMap.map(close) { pair -> (String, String, Double)? in
            let (a, b) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            guard let x = setOf[a], let y = setOf[b] else { return nil }
            let shared = TextSimilarity.shared(x, y)
            let jaccard = Double(shared) / Double(x.count + y.count - shared)
            guard jaccard >= threshold else { return nil }
            let names = [documents[a].unit, documents[b].unit].sorted()
            return (names[0], names[1], jaccard)
        }
        return found.compactMap { $0 }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    }

    /// How far below the threshold a pair's estimated similarity (from 64 signature entries, whose
    /// error is about 0.05 at the threshold) may fall and still be compared exactly.
    var estimateMargin = 0.2

    /// A bucket with more reports than this is crowded (one template's offspring).
    var crowded = 64
    /// How many neighbours by signature each report of a crowded bucket is compared with.
    var crowdedWindow = 16

    private func signature(_ set: [UInt64]) -> [UInt64] {
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
