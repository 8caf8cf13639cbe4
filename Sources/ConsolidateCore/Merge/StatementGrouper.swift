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
    func copies(_ statements: [Statement]) -> [[Int]] {
        practices(statements).flatMap(\.copies).sorted { $0[0] < $1[0] }
    }

    /// Practices of copy groups, ordered by their first statement index.
    func practices(_ statements: [Statement]) -> [Practice] {
        guard !statements.isEmpty else { return [] }
        // Per statement and independent of the others: its folded words, bigrams, quoted names and
        // blemishes, on every core.
        var prepared = ParallelMap.map(statements) { statement -> Prepared in
            let folded = TextSimilarity.foldedScalars(statement.text, masking: [statement.unit])
            let names = Merger.quotedNames(statement.text).map { TextSimilarity.fold($0) }.filter { !$0.isEmpty }
            return Prepared(folded: folded, plain: folded.allSatisfy(TextOrder.isPlain), names: names,
                            blemishes: Self.blemishes(statement))
        }
        // Bigrams as dense ids in the order of their values: the same ids in every process and
        // for any order of the inputs. Counted in a table, then numbered in ascending order. Each
        // statement's bigrams (eight bytes each, twice its folded words) are made where they are
        // used, never held for every statement at once: counted by slices of the statements on
        // every core, each slice in a table of its own, the tables then added up.
        var table = { [prepared] in
            let sliceSize = max(1024, (prepared.count + 15) / 16)
            let slices = stride(from: 0, to: prepared.count, by: sliceSize).map { $0..<min(prepared.count, $0 + sliceSize) }
            let partial = ParallelMap.map(slices) { slice -> GramTable in
                var counts = GramTable(capacity: 1 << 12)
                for index in slice { for gram in TextSimilarity.bigrams(prepared[index].folded) { counts.count(gram) } }
                return counts
            }
            var table = GramTable(capacity: partial.map(\.count).max() ?? 0)
            for counts in partial { counts.forEach { table.count($0, by: $1) } }
            return table
        }()
        let distinct = table.distinctKeys().sorted()
        var frequency = [Int32](repeating: 0, count: distinct.count)
        for (id, gram) in distinct.enumerated() { frequency[id] = table.renumber(gram, as: Int32(id)) }
        // Ids ascend with the values, so each statement's ascending bigrams give ascending ids.
        let sets: [[Int32]] = { [table, prepared] in
            ParallelMap.map(prepared) { TextSimilarity.bigrams($0.folded).map { table.value(of: $0) } }
        }()
        // Quoted names as small integer ids, each statement's ascending and distinct.
        var nameIDs: [String: Int32] = [:]
        let names: [[Int32]] = prepared.map { item in
            guard !item.names.isEmpty else { return [] }
            var ids = item.names.map { name -> Int32 in
                if let id = nameIDs[name] { return id }
                let id = Int32(nameIDs.count)
                nameIDs[name] = id
                return id
            }
            ids.sort()
            return ids.enumerated().filter { $0.offset == 0 || ids[$0.offset - 1] != $0.element }.map(\.element)
        }
        let counts = frequency
        let keep = max(probeLimit, indexLimit)
        let rarest = ParallelMap.map(sets) { set -> [Int32] in
            // Frequency and id in one key: the same order as comparing the pair.
            var keys = set.map { UInt64(UInt32(counts[Int($0)])) << 32 | UInt64(UInt32($0)) }
            keys.sort()
            return keys.prefix(keep).map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
        }
        let index = Index(sets: sets, frequency: frequency, names: names, rarestIDs: rarest)
        let folded = prepared.map(\.folded)
        let plain = prepared.map(\.plain)
        let blemishes = prepared.map(\.blemishes)
        // What clustering does not read: let go before it.
        prepared = []
        table = GramTable(capacity: 0)
        /// The folded wordings of two statements in `String` order: -1, 0 or 1.
        func compareFolded(_ a: Int, _ b: Int) -> Int {
            if plain[a] && plain[b] { return TextOrder.compare(folded[a], folded[b]) }
            let (x, y) = (TextSimilarity.string(folded[a]), TextSimilarity.string(folded[b]))
            return x < y ? -1 : x == y ? 0 : 1
        }

        // Level 1: copies. The most typical wording of a boilerplate (its bigrams shared most) first;
        // then by folded wording, then by index.
        let typicality = sets.map { set -> Double in
            set.isEmpty ? 0 : Double(set.reduce(0) { $0 + Int(frequency[Int($1)]) }) / Double(set.count)
        }
        let order = statements.indices.sorted { a, b in
            if typicality[a] != typicality[b] { return typicality[a] > typicality[b] }
            let wording = compareFolded(a, b)
            return wording != 0 ? wording < 0 : a < b
        }
        let copyGroups = cluster(order, index: index, threshold: copySimilarity, containment: nil)
        var scratch = [Int32](repeating: 0, count: distinct.count)
        let copyCentral = copyGroups.map { centre(of: $0, sets: sets, blemishes: blemishes, counts: &scratch) }

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
        return practiceGroups.map { centrals -> Practice in
            let copies = centrals.compactMap { copyOfCentral[$0] }.sorted { copyGroups[$0][0] < copyGroups[$1][0] }
            let members = copies.flatMap { copyGroups[$0] }.sorted()
            return Practice(copies: copies.map { copyGroups[$0] },
                            central: centre(of: members, sets: sets, blemishes: blemishes, counts: &scratch),
                            copyCentral: copies.map { copyCentral[$0] })
        }.sorted { $0.copies[0][0] < $1.copies[0][0] }
    }

    /// What the grouper needs of one statement, worked out once.
    private struct Prepared: Sendable {
        var folded: [UInt32]
        /// Whether `folded` compares as a `String` by its scalar values (`TextOrder.isPlain`).
        var plain: Bool
        var names: [String]
        var blemishes: Int
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
        var sets: [[Int32]]
        var frequency: [Int32]
        /// Each statement's quoted names (`“红色驿站”`), folded: two statements that both name
        /// programmes but no programme in common are two practices however alike their words.
        var names: [[Int32]]

        func namesConflict(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (names[a], names[b])
            return !x.isEmpty && !y.isEmpty && TextSimilarity.shared(x, y) == 0
        }

        /// Each set's rarest ids first (ties by id), as many as probes or index entries need.
        var rarestIDs: [[Int32]]

        func rarest(_ item: Int) -> [Int32] { rarestIDs[item] }
    }

    /// Leader clustering of `order`'s items: each joins the most similar earlier group whose leader
    /// it reaches `threshold` (Dice) with, or with containment where given, else leads a group of
    /// its own. With `completeLink`, it must reach the threshold with every member of the group too
    /// (the first `linkLimit` of them, the largest copy groups): a group of one template's fillings
    /// that each share a slot with the leader but not with each other cannot form.
    /// Returns the groups as ascending item lists, ordered by first item.
    private func cluster(_ order: [Int], index: Index, threshold: Double, containment: Double?,
                         completeLink: Bool = false) -> [[Int]] {
        var postings = [[Int32]](repeating: [], count: index.frequency.count)
        var leaders: [Int] = []
        var groups: [[Int]] = []
        // Shared-probe counts per leader, dense, reset through the list of leaders touched.
        var counts = [Int32](repeating: 0, count: order.count)
        var touched: [Int32] = []
        var top: [(count: Int32, leader: Int32)] = []
        var passing: [(score: Double, leader: Int32)] = []
        func similar(_ item: Int, _ other: Int) -> Double? {
            guard !index.namesConflict(item, other) else { return nil }
            let a = index.sets[item], b = index.sets[other]
            let shared = TextSimilarity.shared(a, b)
            var score = 2 * Double(shared) / Double(max(a.count + b.count, 1))
            if score < threshold, let containment, min(a.count, b.count) >= containmentMinimum,
               Double(shared) / Double(max(min(a.count, b.count), 1)) >= containment {
                score = threshold
            }
            return score >= threshold ? score : nil
        }
        for item in order {
            let rarest = index.rarest(item)
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
    func centre(of members: [Int], sets: [[Int32]], blemishes: [Int]) -> Int {
        var counts = [Int32](repeating: 0, count: (sets.lazy.compactMap { $0.last }.max().map { Int($0) } ?? -1) + 1)
        return centre(of: members, sets: sets, blemishes: blemishes, counts: &counts)
    }

    /// `centre(of:sets:blemishes:)` counting bigrams in `counts` (zero for every id, as it is left).
    func centre(of members: [Int], sets: [[Int32]], blemishes: [Int], counts: inout [Int32]) -> Int {
        var scores: [(member: Int, score: Double)] = []
        if members.count <= 2 {
            // Two copies are equally central: the fuller wording.
            scores = members.map { ($0, Double(sets[$0].count)) }
        } else {
            var total = 0
            for member in members {
                total += sets[member].count
                for id in sets[member] { counts[Int(id)] += 1 }
            }
            let others = Double(members.count - 1)
            scores.reserveCapacity(members.count)
            for member in members {
                let set = sets[member]
                let shared = Double(set.reduce(0) { $0 + Int(counts[Int($1)]) - 1 }) / others
                let otherSize = Double(total - set.count) / others
                scores.append((member, 2 * shared / max(Double(set.count) + otherSize, 1)))
            }
            for member in members { for id in sets[member] { counts[Int(id)] = 0 } }
        }
        let top = scores.map(\.score).max() ?? 0
        let tolerance = members.count <= 2 ? Double.infinity : centreTolerance
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
    static func blemishes(_ statement: Statement) -> Int {
        var count = 0
        if TextOrder.containsName(statement.unit, in: statement.text) { count += 1 }
        let scalars = Array(statement.text.unicodeScalars.prefix(4))
        if let first = scalars.first {
            let numeral = "一二三四五六七八九十".unicodeScalars.contains(first)
            if (0x30...0x39).contains(first.value) || first == "（" || first == "(" || (numeral && scalars.count > 1 && scalars[1] == "是") {
                count += 1
            }
        }
        if statement.text.unicodeScalars.contains(where: { $0 == "," || $0 == ";" }) { count += 1 }
        return count
    }

}
