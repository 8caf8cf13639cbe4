import Foundation

/// Finds units whose reports are near-identical as a whole: suspected copying.
///
/// Each report's folded text becomes a MinHash signature over its character
/// bigrams; locality-sensitive hashing (bands of rows) proposes candidate
/// pairs, and only those are compared exactly. No report is compared with
/// every other, so this stays linear in the number of reports.
struct CopyDetector: Sendable {
    /// Least Jaccard similarity of two reports' bigram sets to call them copies.
    var threshold: Double
    var bands = Self.standardBands
    var rows = Self.standardRows

    static let standardBands = 16
    static let standardRows = 4
    /// How many minima a signature has where bands and rows are as they stand.
    static var standardWidth: Int { standardBands * standardRows }

    /// One unit's text: its statements' words, one a line (joined only while a document's bigrams are made).
    struct Document: Sendable {
        var unit: String
        /// The words, one a line; empty where `reading` holds them.
        let lines: [String]
        /// A packed reading whose leaves are the lines, or nil.
        private let reading: PackedReading?

        init(unit: String, text: String) {
            self.init(unit: unit, lines: [text])
        }

        init(unit: String, lines: [String]) {
            self.unit = unit
            self.lines = lines
            reading = nil
        }

        /// The leaves of `reading`, one a line, read from it only while the bigrams are made; its
        /// signature in the run's table, where it was made as the report was read.
        init(unit: String, reading: PackedReading, signature: CarriedSignature? = nil) {
            self.unit = unit
            lines = []
            self.reading = reading
            self.signature = signature
        }

        var text: String { reading?.leafText(separator: "\n") ?? lines.joined(separator: "\n") }

        /// The document's bigram set, its unit's name masked.
        var bigrams: [UInt64] { TextSimilarity.bigrams(TextSimilarity.foldedScalars(text, masking: [unit])) }

        /// The signature made where the report was read (`CarriedSignature`), or nil.
        var signature: CarriedSignature?

        /// The signature made where the report was read, where it was made with this document's unit
        /// masked and is `width` long (empty: the document has no bigrams).
        func carried(width: Int) -> UnsafeBufferPointer<UInt64>? {
            guard let found = signature?.minima(masking: unit), found.isEmpty || found.count == width else { return nil }
            return found
        }
    }

    /// A report's signature made where the report is read (on the per-file pass's cores, and kept in
    /// the state store with the report), so that the merge makes only the signatures of files read
    /// anew. It masks the unit's name as extracted: the merge uses it only where the unit it counts
    /// the report under is that name.
    struct Signature: Sendable, Equatable {
        /// The unit's name masked.
        var unit: String
        /// `bands · rows` minima; empty where the report's words have no bigram.
        var minima: [UInt64]

        /// The signature of a report's packed `reading` with `unit` masked: of the document the merge
        /// makes of the reading (`Document(unit:reading:)`).
        init(unit: String, reading: PackedReading, detector: CopyDetector = CopyDetector(threshold: 1)) {
            let set = Document(unit: unit, reading: reading).bigrams
            self.init(unit: unit, minima: set.isEmpty ? [] : detector.signature(set))
        }

        init(unit: String, minima: [UInt64]) {
            self.unit = unit
            self.minima = minima
        }
    }

    /// Pairs of units (sorted names) with their similarity, sorted.
    ///
    /// Only the signatures of all documents are held; the bigram sets (eight bytes a character of
    /// every report) are made again for the few documents of a candidate pair worth comparing exactly.
    func suspectedCopies(_ documents: [Document]) -> [(String, String, Double)] {
        var documents = documents
        return suspectedCopies(taking: &documents)
    }

    /// `suspectedCopies(_:)`, the documents letting go of their signatures once the candidate pairs
    /// are found, before the bigram sets are made: where the documents held the last references to
    /// the run's table of signatures (`SignatureTable`), it goes then.
    func suspectedCopies(taking documents: inout [Document]) -> [(String, String, Double)] {
        let close = closePairs(documents)
        for index in documents.indices { documents[index].signature = nil }
        return exactCopies(documents, close)
    }

    /// Candidate pairs of documents (smaller index in the high 32 bits), ascending, whose signatures
    /// agree enough to be compared exactly.
    private func closePairs(_ documents: [Document]) -> [UInt64] {
        // The signatures made as the reports were read are read where they are (`SignatureTable`). The others are made
        // into one flat array (the k-th made at k·width), each written there on any core as it is
        // made: compared without an array per document, and never held twice (a province's signatures
        // are fifty megabytes).
        let width = bands * rows
        let carried = documents.map { $0.carried(width: width) }
        let made = documents.indices.filter { carried[$0] == nil }
        var flat = [UInt64](repeating: 0, count: made.count * width)
        let madeEmpty = flat.withUnsafeMutableBufferPointer { flat in
            let runs = Runs(base: flat.baseAddress, width: width)
            return ParallelMap.map(Array(made.indices)) { position in
                let set = documents[made[position]].bigrams
                signature(set, into: runs.run(position))
                return set.isEmpty
            }
        }
        let signatures = flat
        flat = []
        var empty = carried.map { $0?.isEmpty ?? false }
        for (position, index) in made.enumerated() { empty[index] = madeEmpty[position] }
        let present = documents.indices.filter { !empty[$0] }
        return signatures.withUnsafeBufferPointer { signatures in
            // Each document's signature where it is: in the run's table, or among those made here.
            var rows = [UnsafePointer<UInt64>?](repeating: nil, count: documents.count)
            for (index, signature) in carried.enumerated() { rows[index] = signature?.baseAddress }
            for (position, index) in made.enumerated() where !madeEmpty[position] { rows[index] = signatures.baseAddress! + position * width }
            return closePairs(documents, present: present, rows: rows)
        }
    }

    /// `closePairs(_:)` once each present document's signature is found: document i's at `rows[i]`
    /// (`width` values; documents not `present` have none).
    private func closePairs(_ documents: [Document], present: [Int], rows signatures: [UnsafePointer<UInt64>?]) -> [UInt64] {
        let width = bands * rows
        // Each document's unit as a small id (units equal as `String`s, equal ids): pairs of one
        // unit are told without comparing names per pair.
        var idOf: [String: Int32] = [:]
        let unitIDs = documents.map { document -> Int32 in
            if let id = idOf[document.unit] { return id }
            let id = Int32(idOf.count)
            idOf[document.unit] = id
            return id
        }
        // Per band, the documents agreeing on all of its rows: sorted by the band's rows (then by
        // index), each run of equal rows a bucket with its members in index order. No hashing.
        // Candidate pairs, each once, sorted: each band's pairs sorted and merged into those of the
        // bands before (no set of millions of pairs hashed one by one). Reports written from one
        // template can crowd a bucket; in a crowded bucket each report meets only its `window`
        // nearest by signature (near-copies sort together), so the work stays linear in the number of reports.
        //
        // The signatures' agreement estimates the Jaccard similarity: a pair far below the threshold
        // (reports of one template, each filled in) is not compared exactly. Each band's pairs are
        // judged so before they join the others: a province's reports make some ten million
        // candidate pairs, of which a few hundred thousand are close, and only those are held.
        let least = threshold - estimateMargin
        let shared = SignatureRows(rows: signatures)
        let height = self.rows
        /// The close pairs of one band, sorted and distinct. Bands are independent of each other.
        @Sendable func closePairs(ofBand bandIndex: Int) -> [UInt64] {
            let signatures = shared.rows
            func isClose(_ pair: UInt64) -> Bool {
                let (a, b) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
                guard unitIDs[a] != unitIDs[b] else { return false }
                return Double(Self.agreeing(signatures[a]!, signatures[b]!, width: width)) / Double(width) >= least
            }
            // The band's rows of each present document side by side (the signatures lie in the run's
            // table and among those made here): sorting compares neighbouring memory.
            var band = [UInt64](repeating: 0, count: present.count * height)
            for (position, document) in present.enumerated() {
                let signature = signatures[document]!
                for row in 0..<height { band[position * height + row] = signature[bandIndex * height + row] }
            }
            let buckets = band.withUnsafeBufferPointer { band in
                /// Two present documents' rows of the band, by their positions among `present`: -1, 0 or 1.
                func compare(_ a: Int, _ b: Int) -> Int {
                    let (x, y) = (a * height, b * height)
                    for row in 0..<height where band[x + row] != band[y + row] {
                        return band[x + row] < band[y + row] ? -1 : 1
                    }
                    return 0
                }
                // `present` ascends: ties by position are ties by index. Runs of equal rows as runs of documents.
                let positions = present.indices.sorted { a, b in
                    let order = compare(a, b)
                    return order != 0 ? order < 0 : a < b
                }
                var runs: [[Int]] = []
                var start = 0
                while start < positions.count {
                    var end = start + 1
                    while end < positions.count && compare(positions[start], positions[end]) == 0 { end += 1 }
                    if end - start > 1 { runs.append(positions[start..<end].map { present[$0] }) }
                    start = end
                }
                return runs
            }
            // Each bucket's pairs judged as they are made, while its few signatures are in the
            // cache: a province's signatures (fifty megabytes) are not, and judged in the order of
            // the sorted pairs, nearly every judgement read a signature from memory. Only the close pairs are
            // then sorted. A pair already found close in another band is judged again where its
            // documents meet again (the result is the same), rather than looked up.
            var bandPairs: [UInt64] = []
            for bucket in buckets { addPairs(of: bucket, signatures: signatures, width: width, to: &bandPairs, where: isClose) }
            return TextSimilarity.sortedUnique(bandPairs)
        }
        // A band per core, a batch of them at a time, each batch's pairs merged into those of the
        // batches before (the union is the same in any order): only a batch's pairs are held apart.
        let batchWidth = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var pairs: [UInt64] = []
        for batch in stride(from: 0, to: bands, by: batchWidth) {
            for found in ParallelMap.map(Array(batch..<min(bands, batch + batchWidth)), closePairs(ofBand:)) {
                pairs = Self.union(pairs, found)
            }
        }
        return pairs
    }

    /// The pairs of `close` whose documents' bigram sets are similar enough, as `suspectedCopies` gives them.
    private func exactCopies(_ documents: [Document], _ close: [UInt64]) -> [(String, String, Double)] {
        // The bigram sets of the documents compared exactly, made again, on every core, each as
        // narrow as its bigrams allow (two scalars of the Basic Multilingual Plane in 32 bits).
        var compared = Set<Int>()
        for pair in close { compared.insert(Int(pair >> 32)); compared.insert(Int(pair & 0xFFFF_FFFF)) }
        let needed = compared.sorted()
        let made = ParallelMap.map(needed) { BigramSet(documents[$0].bigrams) }
        var sets: [Int: BigramSet] = [:]
        for (index, set) in zip(needed, made) { sets[index] = set }
        let setOf = sets
        // The exact comparisons are independent: on every core.
        let found = ParallelMap.map(close) { pair -> (String, String, Double)? in
            let (a, b) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            guard let x = setOf[a], let y = setOf[b],
                  let shared = x.shared(with: y, atLeast: Self.leastShared(x.count + y.count, threshold: threshold))
            else { return nil }
            let jaccard = Double(shared) / Double(x.count + y.count - shared)
            guard jaccard >= threshold else { return nil }
            let names = [documents[a].unit, documents[b].unit].sorted()
            return (names[0], names[1], jaccard)
        }
        return found.compactMap { $0 }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    }

    /// A document's bigram set (ascending, distinct) in 32 bits a bigram where both its scalars are
    /// of the Basic Multilingual Plane, as nearly all Chinese text's are, else in 64: half the
    /// memory, the same order (a scalar below 2¹⁶ shifted by 16 orders as one shifted by 32).
    enum BigramSet: Sendable {
        case narrow([UInt32])
        case wide([UInt64])

        init(_ keys: [UInt64]) {
            if keys.allSatisfy({ $0 >> 48 == 0 && $0 & 0xFFFF_0000 == 0 }) {
                self = .narrow(keys.map { UInt32(truncatingIfNeeded: $0 >> 16 | $0 & 0xFFFF) })
            } else {
                self = .wide(keys)
            }
        }

        var count: Int {
            switch self {
            case .narrow(let keys): keys.count
            case .wide(let keys): keys.count
            }
        }

        /// The keys in 64 bits, as `TextSimilarity.bigrams` made them (made anew for a narrow set:
        /// only a pair with a set beyond the Basic Multilingual Plane, which is rare, asks for it).
        var keys64: [UInt64] {
            switch self {
            case .narrow(let keys): keys.map { UInt64($0 >> 16) << 32 | UInt64($0 & 0xFFFF) }
            case .wide(let keys): keys
            }
        }

        /// How many bigrams the two sets share.
        func shared(with other: BigramSet) -> Int {
            if case .narrow(let a) = self, case .narrow(let b) = other { return TextSimilarity.shared(a, b) }
            return TextSimilarity.shared(keys64, other.keys64)
        }

        /// `shared(with:)` where it is at least `least`, else nil (mostly found before the sets' ends).
        func shared(with other: BigramSet, atLeast least: Int) -> Int? {
            if case .narrow(let a) = self, case .narrow(let b) = other { return TextSimilarity.shared(a, b, atLeast: least) }
            return TextSimilarity.shared(keys64, other.keys64, atLeast: least)
        }
    }

    /// The fewest shared bigrams for which two sets of `total` bigrams between them have a Jaccard
    /// similarity (`shared / (total − shared)`, in `Double` as the judgement computes it) of at least
    /// `threshold`: the judgement needs no more of a pair than whether it shares that many.
    static func leastShared(_ total: Int, threshold: Double) -> Int {
        var least = max(0, Int((threshold * Double(total) / (1 + threshold)).rounded(.down)) - 2)
        while least < total && Double(least) / Double(total - least) < threshold { least += 1 }
        return least
    }

    /// A bucket's candidate pairs (smaller index first, packed in 64 bits) for which `keep` holds,
    /// appended to `pairs`.
    private func addPairs(of bucket: [Int], signatures: [UnsafePointer<UInt64>?], width: Int, to pairs: inout [UInt64],
                          where keep: (UInt64) -> Bool) {
        var members = bucket
        let window: Int
        if members.count > crowded {
            members.sort { a, b in
                UnsafeBufferPointer(start: signatures[a], count: width)
                    .lexicographicallyPrecedes(UnsafeBufferPointer(start: signatures[b], count: width))
            }
            window = crowdedWindow
        } else {
            window = members.count
        }
        for i in members.indices {
            for j in (i + 1)..<min(members.count, i + 1 + window) {
                let (a, b) = (min(members[i], members[j]), max(members[i], members[j]))
                let pair = UInt64(a) << 32 | UInt64(b)
                if keep(pair) { pairs.append(pair) }
            }
        }
    }

    /// Two ascending arrays of distinct values merged into one, each value once.
    static func union(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var result: [UInt64] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            if a[i] < b[j] {
                result.append(a[i]); i += 1
            } else if b[j] < a[i] {
                result.append(b[j]); j += 1
            } else {
                result.append(a[i]); i += 1; j += 1
            }
        }
        result += a[i...]
        result += b[j...]
        return result
    }

    /// How many of the `width` rows of two signatures are equal: eight rows a step where they come in
    /// eights, as a signature's do. Every candidate pair of every band is judged so: the loop the
    /// detection spends most of its own time in.
    @inline(__always)
    static func agreeing(_ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, width: Int) -> Int {
        var row = 0
        var counts = SIMD8<UInt64>()
        let (a, b) = (UnsafeRawPointer(x), UnsafeRawPointer(y))
        while row + 8 <= width {
            let equal = a.loadUnaligned(fromByteOffset: row * 8, as: SIMD8<UInt64>.self)
                .== b.loadUnaligned(fromByteOffset: row * 8, as: SIMD8<UInt64>.self)
            counts &+= SIMD8(repeating: 0).replacing(with: 1, where: equal)
            row += 8
        }
        var agreeing = Int(counts.wrappedSum())
        while row < width {
            if x[row] == y[row] { agreeing += 1 }
            row += 1
        }
        return agreeing
    }

    /// How far below the threshold a pair's estimated similarity (from 64 signature entries, whose
    /// error is about 0.05 at the threshold) may fall and still be compared exactly.
    var estimateMargin = 0.2

    /// A bucket with more reports than this is crowded (one template's offspring).
    var crowded = 64
    /// How many neighbours by signature each report of a crowded bucket is compared with.
    var crowdedWindow = 16

    /// The MinHash signature of `set`: per seed `s` of `0..<bands·rows`, the least `mix(x + s·γ)` over its keys.
    ///
    /// Eight seeds a pass over the set, their minimums in registers: eight independent hash chains
    /// per key keep the multipliers busy, where one seed a pass waits on each minimum in turn.
    func signature(_ set: [UInt64]) -> [UInt64] {
        var result = [UInt64](repeating: .max, count: bands * rows)
        result.withUnsafeMutableBufferPointer { signature(set, into: $0) }
        return result
    }

    /// `signature(set)` written into `result` (`bands · rows` long).
    func signature(_ set: [UInt64], into result: UnsafeMutableBufferPointer<UInt64>) {
        let count = bands * rows
        precondition(result.count == count)
        let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
        set.withUnsafeBufferPointer { keys in
            var seed = 0
            // `mix(v)` begins by adding γ: seed s's offset folds it in, so a key costs one addition.
            while seed + 8 <= count {
                let o0 = UInt64(seed) &* golden &+ golden
                let o1 = o0 &+ golden, o2 = o1 &+ golden, o3 = o2 &+ golden
                let o4 = o3 &+ golden, o5 = o4 &+ golden, o6 = o5 &+ golden, o7 = o6 &+ golden
                var m0 = UInt64.max, m1 = UInt64.max, m2 = UInt64.max, m3 = UInt64.max
                var m4 = UInt64.max, m5 = UInt64.max, m6 = UInt64.max, m7 = UInt64.max
                for key in keys {
                    m0 = min(m0, Self.finalise(key &+ o0)); m1 = min(m1, Self.finalise(key &+ o1))
                    m2 = min(m2, Self.finalise(key &+ o2)); m3 = min(m3, Self.finalise(key &+ o3))
                    m4 = min(m4, Self.finalise(key &+ o4)); m5 = min(m5, Self.finalise(key &+ o5))
                    m6 = min(m6, Self.finalise(key &+ o6)); m7 = min(m7, Self.finalise(key &+ o7))
                }
                result[seed] = m0; result[seed + 1] = m1; result[seed + 2] = m2; result[seed + 3] = m3
                result[seed + 4] = m4; result[seed + 5] = m5; result[seed + 6] = m6; result[seed + 7] = m7
                seed += 8
            }
            while seed < count {
                let offset = UInt64(seed) &* golden
                var least = UInt64.max
                for key in keys { least = min(least, Self.mix(key &+ offset)) }
                result[seed] = least
                seed += 1
            }
        }
    }

    /// Each document's signature where it lies (nil for none), read by every band's task.
    private struct SignatureRows: @unchecked Sendable {
        let rows: [UnsafePointer<UInt64>?]
    }

    /// Runs of `width` in a buffer that several threads write, each run by one.
    private struct Runs: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt64>?
        let width: Int

        func run(_ index: Int) -> UnsafeMutableBufferPointer<UInt64> {
            UnsafeMutableBufferPointer(start: base.map { $0 + index * width }, count: width)
        }
    }

    /// The signature as first written, one seed a pass (`signature` must equal it): kept for the tests.
    func referenceSignature(_ set: [UInt64]) -> [UInt64] {
        (0..<(bands * rows)).map { seed in
            set.reduce(UInt64.max) { min($0, Self.mix($1 &+ UInt64(seed) &* 0x9E37_79B9_7F4A_7C15)) }
        }
    }

    /// SplitMix64's finaliser: a fixed, well-spread hash (Swift's `Hasher` is seeded per process).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        finalise(value &+ 0x9E37_79B9_7F4A_7C15)
    }

    /// `mix` after its first addition.
    @inline(__always)
    static func finalise(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The copy-detection signatures a run made as it read its reports, in one run of memory allocated
/// once for every file of the run, filled as the reports are settled and let go with the last
/// report that refers to it (once copy detection is done). A province's signatures are fifty
/// megabytes: held as each reading's own, they stayed until the merge had taken the last reading.
final class SignatureTable: @unchecked Sendable {
    let width: Int
    private let capacity: Int
    private let base: UnsafeMutablePointer<UInt64>
    private var count = 0
    /// Per signature, the unit's name masked and whether the report had no bigram.
    private var units: [String] = []
    private var empty: [Bool] = []

    init(capacity: Int, width: Int = CopyDetector.standardWidth) {
        self.capacity = max(0, capacity)
        self.width = width
        base = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, self.capacity * width))
    }

    deinit { base.deallocate() }

    /// `signature` copied in, on the one thread that settles reports; nil where it is not `width`
    /// long (nor empty) or the table is full (the merge then makes it).
    func add(_ signature: CopyDetector.Signature) -> CarriedSignature? {
        guard count < capacity, signature.minima.isEmpty || signature.minima.count == width else { return nil }
        if !signature.minima.isEmpty { (base + count * width).initialize(from: signature.minima, count: width) }
        units.append(signature.unit)
        empty.append(signature.minima.isEmpty)
        count += 1
        return CarriedSignature(table: self, index: count - 1)
    }

    /// Signature `index`'s minima where it masks `unit` (empty where the report had no bigram); nil otherwise.
    fileprivate func minima(_ index: Int, masking unit: String) -> UnsafeBufferPointer<UInt64>? {
        guard index < count, units[index] == unit else { return nil }
        return empty[index] ? UnsafeBufferPointer(start: nil, count: 0) : UnsafeBufferPointer(start: base + index * width, count: width)
    }
}

/// One report's signature in its run's `SignatureTable`, which it keeps alive.
struct CarriedSignature: Sendable {
    let table: SignatureTable
    let index: Int

    /// The minima, where the signature masks `unit`; valid while this is held.
    func minima(masking unit: String) -> UnsafeBufferPointer<UInt64>? { table.minima(index, masking: unit) }
}
