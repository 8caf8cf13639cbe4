import Foundation

/// Groups statements at two levels, copies and practices, so that no group can chain.
///
/// Single-link union of similar pairs joins a whole theme into one "practice" once
/// enough statements each resemble their neighbour. Here a statement joins a group
/// only by resembling the group's leader, so every member of a group is close to the
/// group as a whole (leader clustering). Leaders are found through an inverted index
/// of the leaders' rarest bigrams, each statement probing with its own rarest bigrams
/// (bounded probes, bounded posting scans, a bounded number of exact comparisons):
/// the work is linear in the number of statements, never all pairs.
///
/// Two levels: copies (one text lightly edited: a figure, a synonym, the unit's own
/// name, punctuation) are leader clusters at a high similarity; practices (the same
/// practice in other words) are leader clusters of the copy groups' central wordings
/// at a lower one. Statements are visited in an order fixed by their own contents
/// (their most shared bigrams first, so the clean boilerplate leads its edited
/// copies), which makes the result independent of the input's order. Two statements naming
/// different programmes of their own (`“红色驿站”`, `“初心讲堂”`) are never grouped.
struct StatementGrouper: Sendable {
    /// Least Dice similarity of a statement to a copy group's leader.
    var copySimilarity: Double
    /// Least Dice similarity of a copy group's central wording to a practice's leader.
    var practiceSimilarity: Double
    /// Least share of the shorter wording's bigrams found in a practice leader (a copy with a clause
    /// added); applies only where the shorter has at least `containmentMinimum` bigrams.
    var containment: Double
    var containmentMinimum = 12
    /// How many of its rarest bigrams a statement probes the leaders' index with.
    var probeLimit = 12
    /// How many of its rarest bigrams a leader is indexed under.
    var indexLimit = 16
    /// Leaders scanned per probed bigram at most (the latest ones).
    var postingLimit = 256
    /// Leaders compared exactly per statement at most (those sharing most probed bigrams).
    var candidateLimit = 8
    /// Members of a practice a copy group's wording is compared with before it joins (complete link
    /// over the practice's first, largest copy groups): bounded work per statement.
    var linkLimit = 32
    /// How far below the most central member's mean similarity a member may be and still be quoted
    /// for a cleaner wording (no unit name, no numbering label, full-width punctuation).
    var centreTolerance = 0.02
    /// Groups of at least this many members have their centre found on every core (one group's
    /// work is otherwise one core's: a province's commonest practice has tens of thousands of members).
    /// Nil for those that would fill a task's share of the work alone (at least `largeGroupMinimum`).
    var largeGroup: Int?
    static let largeGroupMinimum = 2048

    init(copySimilarity: Double, practiceSimilarity: Double, containment: Double) {
        self.copySimilarity = copySimilarity
        self.practiceSimilarity = practiceSimilarity
        self.containment = containment
    }

    init(settings: PipelineConfiguration.MergeSettings) {
        self.init(copySimilarity: settings.copyStatementSimilarity, practiceSimilarity: settings.similarity,
                  containment: settings.containment)
    }

    /// One practice: its copy groups, each a list of statement indices (ascending), the copy
    /// groups ordered by their first index; `central` is the member nearest the practice's centre.
    struct Practice: Sendable, Equatable {
        var copies: [[Int]]
        var central: Int
        /// Per copy group, its member nearest the copy group's centre.
        var copyCentral: [Int]
        var members: [Int] { copies.flatMap { $0 }.sorted() }
    }

    /// The copy groups alone (lists of indices, ascending, ordered by first index).
    func copies<Statements: GroupedStatements>(_ statements: Statements) -> [[Int]] {
        practices(statements).flatMap(\.copies).sorted { $0[0] < $1[0] }
    }

    /// Practices of copy groups, ordered by their first statement index.
    func practices<Statements: GroupedStatements>(_ statements: Statements) -> [Practice] {
        guard statements.count > 0 else { return [] }
        // Per statement and independent of the others, a slice of the statements per core: each
        // statement folded once, its folded wording kept as UTF-8 (all of a slice's in one buffer),
        // its quoted names and blemishes, and its bigrams counted in the slice's own table. A
        // statement's bigrams (eight bytes each, twice its folded words) are made where they are
        // used, never held for every statement at once.
        let sliceSize = max(1024, (statements.count + 15) / 16)
        let keep = max(probeLimit, indexLimit)
        let slices = stride(from: 0, to: statements.count, by: sliceSize).map { $0..<min(statements.count, $0 + sliceSize) }
        var parts = ParallelMap.map(slices) { slice -> Part in
            var part = Part(count: slice.count)
            for index in slice {
                let (text, unit) = (statements.text(index), statements.unit(index))
                let folded = TextSimilarity.foldedScalars(text, masking: [unit])
                for gram in TextSimilarity.bigrams(folded) { part.grams.count(gram) }
                part.wordings.appendUTF8(folded)
                // At most a bigram per scalar after the first (a lone scalar is one).
                let grams = folded.isEmpty ? 0 : max(1, folded.count - 1)
                part.bigramBound += grams
                part.rarestBound += min(grams, keep)
                part.plain.append(folded.allSatisfy(TextOrder.isPlain))
                part.names.append(Merger.quotedNames(text).map { TextSimilarity.fold($0) }.filter { !$0.isEmpty })
                part.blemishes.append(Self.blemishes(text: text, unit: unit))
            }
            // Without the room appending left: all the slices' wordings are held until ranked.
            part.wordings = FlatLists(values: part.wordings.values, ends: part.wordings.ends)
            return part
        }
        // Bigrams as dense ids in the order of their values: the same ids in every process and
        // for any order of the inputs. The slices' counts added up, then numbered in ascending order.
        var table = GramTable(capacity: parts.map(\.grams.count).max() ?? 0)
        for part in parts.indices {
            parts[part].grams.forEach { table.count($0, by: $1) }
            parts[part].grams = GramTable(capacity: 0)
        }
        let distinct = table.distinctKeys().sorted()
        var frequency = [Int32](repeating: 0, count: distinct.count)
        for (id, gram) in distinct.enumerated() { frequency[id] = table.renumber(gram, as: Int32(id)) }
        // Quoted names as small integer ids, each statement's ascending and distinct.
        var nameIDs: [String: Int32] = [:]
        var names: [[Int32]] = []
        names.reserveCapacity(statements.count)
        for part in parts {
            for found in part.names {
                guard !found.isEmpty else { names.append([]); continue }
                var ids = found.map { name -> Int32 in
                    if let id = nameIDs[name] { return id }
                    let id = Int32(nameIDs.count)
                    nameIDs[name] = id
                    return id
                }
                ids.sort()
                names.append(ids.enumerated().filter { $0.offset == 0 || ids[$0.offset - 1] != $0.element }.map(\.element))
            }
        }
        let blemishes = parts.flatMap(\.blemishes)
        // Each statement's folded wording as its rank in `String` order (equal wordings, equal
        // ranks): the orders below compare ranks, and the wordings are let go before the bigram
        // sets are made.
        let wording = Self.wordingRanks(parts, sliceSize: sliceSize)
        let (bigramBound, rarestBound) = parts.reduce((0, 0)) { ($0.0 + $1.bigramBound, $0.1 + $1.rarestBound) }
        parts = []
        // Each statement's bigram ids (ascending: ids ascend with the values) and its rarest ones
        // first (ties by id), as many as probes or index entries need: folded again per slice, a
        // slice per core at a time, each batch of slices appended to one buffer made once with room
        // for the most there can be (gathering every slice's lists first would hold them twice). These
        // slices are finer than the first pass's: what a batch makes is held beside the whole buffers,
        // at the grouper's highest mark, so a batch is a small share of them.
        // The bigram ids as 16-bit gaps (`GapLists`): a word an id, nearly always, three at most. Room
        // for three: room never written to is never given pages, and growing would copy the buffer.
        var sets = GapLists(reservingLists: statements.count, words: bigramBound * 3)
        var rarest = FlatLists<Int32>(reservingLists: statements.count, values: rarestBound)
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let buildSize = max(256, (statements.count + 127) / 128)
        let buildSlices = stride(from: 0, to: statements.count, by: buildSize).map { $0..<min(statements.count, $0 + buildSize) }
        for batch in stride(from: 0, to: buildSlices.count, by: width) {
            let made = { [table, frequency] in ParallelMap.map(Array(buildSlices[batch..<min(buildSlices.count, batch + width)])) {
                slice -> (words: [UInt16], ends: [Int], longest: Int, rarest: [Int32], rarestEnds: [Int]) in
                var words: [UInt16] = []
                var ends: [Int] = []
                var longest = 0
                var ids: [Int32] = []
                var keys: [UInt64] = []
                var rarest: [Int32] = []
                var rarestEnds: [Int] = []
                for index in slice {
                    let folded = TextSimilarity.foldedScalars(statements.text(index), masking: [statements.unit(index)])
                    ids.removeAll(keepingCapacity: true)
                    for gram in TextSimilarity.bigrams(folded) { ids.append(table.value(of: gram)) }
                    GapLists.encode(ids, into: &words)
                    ends.append(words.count)
                    longest = max(longest, ids.count)
                    // Frequency and id in one key: the same order as comparing the pair.
                    keys.removeAll(keepingCapacity: true)
                    for id in ids { keys.append(UInt64(UInt32(frequency[Int(id)])) << 32 | UInt64(UInt32(id))) }
                    keys.sort()
                    for key in keys.prefix(keep) { rarest.append(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)) }
                    rarestEnds.append(rarest.count)
                }
                return (words, ends, longest, rarest, rarestEnds)
            } }()
            for part in made {
                sets.append(words: part.words, ends: part.ends, longest: part.longest)
                rarest.append(values: part.rarest, ends: part.rarestEnds)
            }
        }
        table = GramTable(capacity: 0)
        let index = Index(sets: sets, frequency: frequency, names: names, rarestIDs: rarest)
        sets = GapLists()
        rarest = FlatLists()
        /// The folded wordings of two statements in `String` order: -1, 0 or 1.
        func compareFolded(_ a: Int, _ b: Int) -> Int {
            wording[a] < wording[b] ? -1 : wording[a] == wording[b] ? 0 : 1
        }

        // Level 1: copies. The most typical wording of a boilerplate (its bigrams shared most) first;
        // then by folded wording, then by index.
        // Per statement and independent of the others: a slice per task.
        let typicality = ParallelMap.slices(statements.count, minimumSlice: 4096) { [index, frequency] slice in
            index.sets.withUnsafeLists { sets in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, sets.longest)) { buffer in
                    slice.map { item -> Double in
                        let set = sets.decode(item, into: buffer)
                        return set.isEmpty ? 0 : Double(set.reduce(0) { $0 + Int(frequency[Int($1)]) }) / Double(set.count)
                    }
                }
            }
        }
        let order = (0..<statements.count).sorted { a, b in
            if typicality[a] != typicality[b] { return typicality[a] > typicality[b] }
            let wording = compareFolded(a, b)
            return wording != 0 ? wording < 0 : a < b
        }
        let copyGroups = cluster(order, index: index, threshold: copySimilarity, containment: nil)
        let copyCentral = centres(copyGroups.count, index: index, blemishes: blemishes, size: { copyGroups[$0].count }) {
            copyGroups[$0]
        }

        // Level 2: practices over the copy groups' central wordings, the largest copy groups leading.
        let copyOrder = copyGroups.indices.sorted { a, b in
            let (ca, cb) = (copyCentral[a], copyCentral[b])
            if copyGroups[a].count != copyGroups[b].count { return copyGroups[a].count > copyGroups[b].count }
            if typicality[ca] != typicality[cb] { return typicality[ca] > typicality[cb] }
            let wording = compareFolded(ca, cb)
            return wording != 0 ? wording < 0 : ca < cb
        }
        let practiceGroups = cluster(copyOrder.map { copyCentral[$0] }, index: index, threshold: practiceSimilarity,
                                     containment: containment, completeLink: true)
        // `cluster` returned statement indices of the central wordings: map them back to copy groups.
        var copyOfCentral: [Int: Int] = [:]
        for (copy, central) in copyCentral.enumerated() { copyOfCentral[central] = copy }
        // Each practice's copy groups come by first index, so its first member is its first group's first.
        let practiceCopies = practiceGroups.map { centrals in
            centrals.compactMap { copyOfCentral[$0] }.sorted { copyGroups[$0][0] < copyGroups[$1][0] }
        }
        // Each practice's members made where its centre is found, never all at once.
        let practiceCentral = centres(practiceCopies.count, index: index, blemishes: blemishes,
                                      size: { practiceCopies[$0].reduce(0) { $0 + copyGroups[$1].count } }) {
            practiceCopies[$0].flatMap { copyGroups[$0] }.sorted()
        }
        return zip(practiceCopies, practiceCentral).map { copies, central in
            Practice(copies: copies.map { copyGroups[$0] }, central: central, copyCentral: copies.map { copyCentral[$0] })
        }.sorted { $0.copies[0][0] < $1.copies[0][0] }
    }

    /// The `centre` of each of `count` groups (`members` of one, `size` members): groups are independent
    /// of each other, so a slice of them per task, each slice counting bigrams in room of its own. A
    /// group's centre costs its members' bigrams: the slices are cut by members, not by groups.
    private func centres(_ count: Int, index: Index, blemishes: [Int], size: (Int) -> Int,
                         members: @Sendable (Int) -> [Int]) -> [Int] {
        // The large groups apart, each on every core; the rest a slice per task (-1 for a large one).
        // A group is large where it would fill a task's slice alone (`ParallelMap.ranges`): at most a few.
        let sizes = (0..<count).map(size)
        let share = sizes.reduce(0, +) / (4 * max(1, ProcessInfo.processInfo.activeProcessorCount))
        let least = largeGroup ?? max(Self.largeGroupMinimum, share)
        let large = sizes.indices.filter { sizes[$0] >= least }
        let isLarge = Set(large)
        let slices = ParallelMap.ranges(count, minimumWeight: 4096) { isLarge.contains($0) ? 1 : sizes[$0] }
        var found = ParallelMap.slices(count, in: slices) { [index] slice in
            var counts = [Int32](repeating: 0, count: index.frequency.count)
            return index.sets.withUnsafeLists { sets in
                slice.map { isLarge.contains($0) ? -1 : centre(of: members($0), sets: sets, blemishes: blemishes, counts: &counts) }
            }
        }
        for group in large { found[group] = largeCentre(of: members(group), index: index, blemishes: blemishes) }
        return found
    }

    /// `centre` of one group, its bigrams counted a part of the members per core and the counts
    /// added up, then its members scored a slice per task: the same sums, the same scores.
    func largeCentre(of members: [Int], index: Index, blemishes: [Int]) -> Int {
        guard members.count > 2 else {
            var counts = [Int32](repeating: 0, count: index.frequency.count)
            return index.sets.withUnsafeLists { centre(of: members, sets: $0, blemishes: blemishes, counts: &counts) }
        }
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let part = (members.count + width - 1) / width
        var parts = ParallelMap.map(Array(stride(from: 0, to: members.count, by: part))) { [index] start -> (counts: [Int32], total: Int) in
            var counts = [Int32](repeating: 0, count: index.frequency.count)
            var total = 0
            index.sets.withUnsafeLists { sets in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, sets.longest)) { buffer in
                    for member in members[start..<min(members.count, start + part)] {
                        let set = sets.decode(member, into: buffer)
                        total += set.count
                        for id in set { counts[Int(id)] += 1 }
                    }
                }
            }
            return (counts, total)
        }
        var counts = parts[0].counts
        parts[0].counts = []
        for other in parts.indices.dropFirst() {
            counts.withUnsafeMutableBufferPointer { counts in
                parts[other].counts.withUnsafeBufferPointer { more in
                    for id in counts.indices { counts[id] += more[id] }
                }
            }
            parts[other].counts = []
        }
        let total = parts.reduce(0) { $0 + $1.total }
        let others = Double(members.count - 1)
        let scores = ParallelMap.slices(members.count, minimumSlice: 4096) { [index, counts] slice in
            index.sets.withUnsafeLists { sets in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, sets.longest)) { buffer in
                    slice.map { position -> (member: Int, score: Double) in
                        let member = members[position]
                        return (member, Self.centrality(sets.decode(member, into: buffer), counts: counts, total: total, others: others))
                    }
                }
            }
        }
        return chosen(scores, members: members.count, blemishes: blemishes)
    }

    /// What the grouper works out once of a slice of the statements, before their bigrams are numbered.
    struct Part: Sendable {
        /// Each statement's folded wording, as UTF-8.
        var wordings: FlatLists<UInt8>
        /// Whether each wording compares as a `String` by its scalar values (`TextOrder.isPlain`).
        var plain: [Bool] = []
        /// Each statement's quoted names, folded.
        var names: [[String]] = []
        var blemishes: [Int] = []
        /// The most bigram ids and rarest ids the slice's statements can have.
        var bigramBound = 0
        var rarestBound = 0
        /// How many of the slice's statements hold each bigram.
        var grams = GramTable(capacity: 1 << 12)

        init(count: Int) {
            wordings = FlatLists(reservingLists: count, values: count * 64)
            plain.reserveCapacity(count)
            names.reserveCapacity(count)
            blemishes.reserveCapacity(count)
        }
    }

    /// Each statement's folded wording (`parts` in order, `sliceSize` statements a part) as its
    /// rank in `String` order: equal wordings, equal ranks. Plain wordings compare by their UTF-8
    /// bytes, whose order is their scalars' order; others as `String`s.
    ///
    /// A run of the statements sorted per core, the runs merged, and where each wording differs from
    /// the one before it told a slice per task: any sorted order gives the same ranks.
    static func wordingRanks(_ parts: [Part], sliceSize: Int) -> [Int32] {
        let count = parts.reduce(0) { $0 + $1.plain.count }
        @Sendable func compare(_ a: Int, _ b: Int) -> Int {
            let (x, y) = (parts[a / sliceSize], parts[b / sliceSize])
            let (i, j) = (a % sliceSize, b % sliceSize)
            if x.plain[i] && y.plain[j] {
                return x.wordings.withUnsafeLists { x in
                    y.wordings.withUnsafeLists { y in TextOrder.compare(x[i], y[j]) }
                }
            }
            let (first, second) = (String(decoding: x.wordings[i], as: UTF8.self), String(decoding: y.wordings[j], as: UTF8.self))
            return first < second ? -1 : first == second ? 0 : 1
        }
        let width = count < 1 << 14 ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount)
        let run = max(1, (count + width - 1) / width)
        let runs = ParallelMap.map(Array(stride(from: 0, to: count, by: run))) { start in
            Array(start..<min(count, start + run)).sorted { compare($0, $1) < 0 }
        }
        let order = merged(runs, count: count) { compare($0, $1) < 0 }
        let differs = ParallelMap.slices(count, minimumSlice: 1 << 14) { slice in
            slice.map { position in position > 0 && compare(order[position - 1], order[position]) != 0 }
        }
        var ranks = [Int32](repeating: 0, count: count)
        var rank: Int32 = 0
        for position in order.indices {
            if differs[position] { rank += 1 }
            ranks[order[position]] = rank
        }
        return ranks
    }

    /// Sorted `runs` (`count` items in all) merged into one sorted list: of the runs' first items
    /// the least, ties to the earlier run.
    static func merged(_ runs: [[Int]], count: Int, by less: (Int, Int) -> Bool) -> [Int] {
        guard runs.count > 1 else { return runs.first ?? [] }
        var order: [Int] = []
        order.reserveCapacity(count)
        var heads = [Int](repeating: 0, count: runs.count)
        while true {
            var best = -1
            for run in runs.indices where heads[run] < runs[run].count {
                if best < 0 || less(runs[run][heads[run]], runs[best][heads[best]]) { best = run }
            }
            guard best >= 0 else { break }
            order.append(runs[best][heads[best]])
            heads[best] += 1
        }
        return order
    }

    /// Bigram keys to counts, then to their ids: open addressing over a power-of-two table
    /// (no per-key allocation, a fixed hash rather than the per-process seeded one).
    struct GramTable: Sendable {
        private var keys: [UInt64]
        private var values: [Int32]
        private var used: [Bool]

        private var filled = 0

        init(capacity: Int) {
            var size = 1024
            while size < capacity * 2 { size <<= 1 }
            keys = [UInt64](repeating: 0, count: size)
            values = [Int32](repeating: 0, count: size)
            used = [Bool](repeating: false, count: size)
        }

        private var mask: Int { keys.count - 1 }

        private func slot(of key: UInt64) -> Int {
            let mask = mask
            var slot = Int(truncatingIfNeeded: CopyDetector.mix(key)) & mask
            while used[slot] && keys[slot] != key { slot = (slot + 1) & mask }
            return slot
        }

        /// How many distinct keys are counted.
        var count: Int { filled }

        /// Counts one more occurrence of `key`.
        mutating func count(_ key: UInt64) { count(key, by: 1) }

        /// Counts `occurrences` more occurrences of `key`.
        mutating func count(_ key: UInt64, by occurrences: Int32) {
            var slot = slot(of: key)
            if !used[slot] {
                if (filled + 1) * 2 > keys.count {
                    grow()
                    slot = self.slot(of: key)
                }
                used[slot] = true
                keys[slot] = key
                filled += 1
            }
            values[slot] += occurrences
        }

        /// Calls `body` with each key counted and its count, in no particular order.
        func forEach(_ body: (UInt64, Int32) -> Void) {
            for slot in keys.indices where used[slot] { body(keys[slot], values[slot]) }
        }

        /// Twice the slots, every key moved with its value (at most half the slots are ever used).
        private mutating func grow() {
            let (oldKeys, oldValues, oldUsed) = (keys, values, used)
            keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
            values = [Int32](repeating: 0, count: oldKeys.count * 2)
            used = [Bool](repeating: false, count: oldKeys.count * 2)
            for old in oldKeys.indices where oldUsed[old] {
                let slot = slot(of: oldKeys[old])
                used[slot] = true
                keys[slot] = oldKeys[old]
                values[slot] = oldValues[old]
            }
        }

        /// The keys counted, in no particular order.
        func distinctKeys() -> [UInt64] {
            var result: [UInt64] = []
            for slot in keys.indices where used[slot] { result.append(keys[slot]) }
            return result
        }

        /// Replaces `key`'s count by `id`; returns the count.
        mutating func renumber(_ key: UInt64, as id: Int32) -> Int32 {
            let slot = slot(of: key)
            let count = values[slot]
            values[slot] = id
            return count
        }

        /// The value of a key present in the table.
        func value(of key: UInt64) -> Int32 { values[slot(of: key)] }
    }

    /// The bigram sets and their frequencies over all statements.
    struct Index {
        var sets: GapLists
        var frequency: [Int32]
        /// Each statement's quoted names (`“红色驿站”`), folded: two statements that both name
        /// programmes but no programme in common are two practices however alike their words.
        var names: [[Int32]]

        func namesConflict(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (names[a], names[b])
            return !x.isEmpty && !y.isEmpty && TextSimilarity.shared(x, y) == 0
        }

        /// Each set's rarest ids first (ties by id), as many as probes or index entries need.
        var rarestIDs: FlatLists<Int32>
    }

    /// Leader clustering of `order`'s items: each joins the most similar earlier group whose leader
    /// it reaches `threshold` (Dice) with, or with containment where given, else leads a group of
    /// its own. With `completeLink`, it must reach the threshold with every member of the group too
    /// (the first `linkLimit` of them, the largest copy groups): a group of one template's fillings
    /// that each share a slot with the leader but not with each other cannot form.
    /// Returns the groups as ascending item lists, ordered by first item.
    ///
    /// On one core: an item's choice rests on every choice before it. Deciding a block of items ahead
    /// on every core against the leaders as the block found them, then redoing in order the decisions
    /// a leader made in the block could change, gives the same groups; measured on 100k generated
    /// units it saved 0.2 s of the achievements' 3.7 s (an item costs about 4 µs; one in nine was
    /// redone in blocks of 256, and in blocks of 4096 three in four at 10k units), so it was not kept.
    private func cluster(_ order: [Int], index: Index, threshold: Double, containment: Double?,
                         completeLink: Bool = false) -> [[Int]] {
        index.sets.withUnsafeLists { sets in
            index.rarestIDs.withUnsafeLists { rarestIDs in
                cluster(order, index: index, sets: sets, rarestIDs: rarestIDs, threshold: threshold,
                        containment: containment, completeLink: completeLink)
            }
        }
    }

    /// `cluster` over the index's lists as buffers, with two buffers to decode bigram ids into.
    private func cluster(_ order: [Int], index: Index, sets: GapLists.UnsafeLists,
                         rarestIDs: FlatLists<Int32>.UnsafeLists, threshold: Double, containment: Double?,
                         completeLink: Bool) -> [[Int]] {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, sets.longest)) { itemBuffer in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, sets.longest)) { otherBuffer in
                cluster(order, index: index, sets: sets, rarestIDs: rarestIDs, threshold: threshold,
                        containment: containment, completeLink: completeLink, itemBuffer: itemBuffer, otherBuffer: otherBuffer)
            }
        }
    }

    private func cluster(_ order: [Int], index: Index, sets: GapLists.UnsafeLists,
                         rarestIDs: FlatLists<Int32>.UnsafeLists, threshold: Double, containment: Double?,
                         completeLink: Bool, itemBuffer: UnsafeMutableBufferPointer<Int32>,
                         otherBuffer: UnsafeMutableBufferPointer<Int32>) -> [[Int]] {
        var postings = [[Int32]](repeating: [], count: index.frequency.count)
        var leaders: [Int] = []
        var groups: [[Int]] = []
        // Shared-probe counts per leader, dense, reset through the list of leaders touched.
        var counts = [Int32](repeating: 0, count: order.count)
        var touched: [Int32] = []
        var top: [(count: Int32, leader: Int32)] = []
        var passing: [(score: Double, leader: Int32)] = []
        // The item's bigram ids, decoded once for its comparisons (`decoded` tells whose they are).
        var decoded = -1
        var a = UnsafeBufferPointer<Int32>(start: nil, count: 0)
        func similar(_ item: Int, _ other: Int) -> Double? {
            guard !index.namesConflict(item, other) else { return nil }
            if decoded != item {
                a = sets.decode(item, into: itemBuffer)
                decoded = item
            }
            let b = sets.decode(other, into: otherBuffer)
            let shared = TextSimilarity.shared(a, b)
            var score = 2 * Double(shared) / Double(max(a.count + b.count, 1))
            if score < threshold, let containment, min(a.count, b.count) >= containmentMinimum,
               Double(shared) / Double(max(min(a.count, b.count), 1)) >= containment {
                score = threshold
            }
            return score >= threshold ? score : nil
        }
        for item in order {
            let rarest = rarestIDs[item]
            // The hottest loop of the grouper: on the buffers, without slices or bounds checks per leader.
            counts.withUnsafeMutableBufferPointer { counts in
                for id in rarest.prefix(probeLimit) {
                    postings[Int(id)].withUnsafeBufferPointer { posting in
                        for leader in posting[max(0, posting.count - postingLimit)...] {
                            if counts[Int(leader)] == 0 { touched.append(leader) }
                            counts[Int(leader)] += 1
                        }
                    }
                }
            }
            // The leaders sharing most probes (ties: the earlier leader), at most `candidateLimit`.
            top.removeAll(keepingCapacity: true)
            for leader in touched {
                let entry = (count: counts[Int(leader)], leader: leader)
                counts[Int(leader)] = 0
                guard top.count < candidateLimit || Self.before(entry, top[top.count - 1]) else { continue }
                let position = top.firstIndex { Self.before(entry, $0) } ?? top.count
                top.insert(entry, at: position)
                if top.count > candidateLimit { top.removeLast() }
            }
            touched.removeAll(keepingCapacity: true)
            passing.removeAll(keepingCapacity: true)
            for (_, leader) in top {
                if let score = similar(item, leaders[Int(leader)]) { passing.append((score, leader)) }
            }
            // Most similar leader first (ties: the earlier one); with complete link, the first whose
            // every member the item is close to.
            passing.sort { ($0.score, -$0.leader) > ($1.score, -$1.leader) }
            let chosen = passing.first { candidate in
                !completeLink || groups[Int(candidate.leader)].prefix(linkLimit).dropFirst().allSatisfy { similar(item, $0) != nil }
            }
            if let chosen {
                groups[Int(chosen.leader)].append(item)
            } else {
                let leader = Int32(leaders.count)
                leaders.append(item)
                groups.append([item])
                for id in rarest.prefix(indexLimit) { postings[Int(id)].append(leader) }
            }
        }
        return groups.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// More shared probes first, then the earlier leader.
    private static func before(_ a: (count: Int32, leader: Int32), _ b: (count: Int32, leader: Int32)) -> Bool {
        a.count != b.count ? a.count > b.count : a.leader < b.leader
    }

    /// The member of `members` nearest the group's centre: the greatest mean Dice with the other
    /// members, estimated from the group's bigram counts (linear in the group's size). Of members
    /// within `centreTolerance` of the nearest, the one with fewest blemishes (`blemishes`: its own
    /// unit's name, half-width punctuation, a numbering label) is quoted; ties by index.
    ///
    /// Counts bigrams in `counts`, which holds zero for every id and is left so.
    func centre(of members: [Int], sets: GapLists.UnsafeLists, blemishes: [Int], counts: inout [Int32]) -> Int {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, sets.longest)) { buffer in
            centre(of: members, sets: sets, buffer: buffer, blemishes: blemishes, counts: &counts)
        }
    }

    /// `centre` with a buffer to decode the members' bigram ids into.
    private func centre(of members: [Int], sets: GapLists.UnsafeLists, buffer: UnsafeMutableBufferPointer<Int32>,
                        blemishes: [Int], counts: inout [Int32]) -> Int {
        var scores: [(member: Int, score: Double)] = []
        if members.count <= 2 {
            // Two copies are equally central: the fuller wording.
            scores = members.map { ($0, Double(sets.decode($0, into: buffer).count)) }
        } else {
            var total = 0
            // The ids counted, to set back to zero without decoding every member a third time.
            var seen: [Int32] = []
            for member in members {
                let set = sets.decode(member, into: buffer)
                total += set.count
                for id in set {
                    if counts[Int(id)] == 0 { seen.append(id) }
                    counts[Int(id)] += 1
                }
            }
            let others = Double(members.count - 1)
            scores.reserveCapacity(members.count)
            for member in members {
                scores.append((member, Self.centrality(sets.decode(member, into: buffer), counts: counts, total: total, others: others)))
            }
            for id in seen { counts[Int(id)] = 0 }
        }
        return chosen(scores, members: members.count, blemishes: blemishes)
    }

    /// A member's mean Dice with the group's other members (`others` of them), estimated from its
    /// bigram ids `set`, the group's bigram `counts` (the member's own among them) and `total`, the
    /// bigrams of all its members.
    @inline(__always)
    private static func centrality(_ set: UnsafeBufferPointer<Int32>, counts: [Int32], total: Int, others: Double) -> Double {
        let shared = Double(set.reduce(0) { $0 + Int(counts[Int($1)]) - 1 }) / others
        let otherSize = Double(total - set.count) / others
        return 2 * shared / max(Double(set.count) + otherSize, 1)
    }

    /// Of the members scored, the most central, or within `centreTolerance` of it the one with fewest
    /// blemishes (of two members, the fuller wording, blemishes first).
    private func chosen(_ scores: [(member: Int, score: Double)], members count: Int, blemishes: [Int]) -> Int {
        let top = scores.map(\.score).max() ?? 0
        let tolerance = count <= 2 ? Double.infinity : centreTolerance
        var best = scores[0]
        for entry in scores where entry.score >= top - tolerance {
            let (b, e) = (blemishes[best.member], blemishes[entry.member])
            if best.score < top - tolerance || e < b || (e == b && (entry.score > best.score || (entry.score == best.score && entry.member < best.member))) {
                best = entry
            }
        }
        return best.member
    }

    /// How much a statement's wording shows its copying or its place in a list, to be quoted
    /// rather not: its own unit's name (`第3支部组织党员…`), half-width punctuation among Chinese
    /// text, a leading numbering label (`一是`, `（一）`, `1.`).
    static func blemishes(text: String, unit: String) -> Int {
        var count = 0
        if TextOrder.containsName(unit, in: text) { count += 1 }
        let scalars = Array(text.unicodeScalars.prefix(4))
        if let first = scalars.first {
            let numeral = "一二三四五六七八九十".unicodeScalars.contains(first)
            if (0x30...0x39).contains(first.value) || first == "（" || first == "(" || (numeral && scalars.count > 1 && scalars[1] == "是") {
                count += 1
            }
        }
        if text.unicodeScalars.contains(where: { $0 == "," || $0 == ";" }) { count += 1 }
        return count
    }

}
