/// Tells, in one walk over a line's UTF-8, which of several configured patterns cannot match it.
///
/// Running an `NSRegularExpression` costs thousands of instructions per call even when it finds
/// nothing, and per-line rules find nothing on almost every line. Each pattern is read once when
/// compiled for the literal words a match must contain (one of `隐藏`, `省略` for
/// `(隐藏|省略)\d+字`); a line that holds none of them is not given to the pattern. Words, not
/// single scalars: `会员群` and `公众号` are rare in a report, while `会` and `公` are on most of
/// its lines. A pattern whose requirement cannot be read (a negated class only, an unsupported
/// construct) is always run, so the filter never changes a result.
///
/// A line's candidates hold for that text only: removing a span can bring two words' halves
/// together, so a caller that edits a line asks again.
struct PatternPrefilter: Sendable {
    /// One required word: its UTF-8 in `wordBytes`, and the patterns (as bits) requiring it.
    private struct Entry: Sendable {
        var mask: UInt64
        var start: Int
        var count: Int
    }

    /// Patterns that are run on every line (no requirement read, or beyond the mask's width).
    private let always: UInt64
    /// For each block of 256 BMP scalars, its page in `slots` (0: no word starts in the block).
    private let blockPages: [UInt16]
    /// Pages of 256 slots, one per scalar: 0, or 1 + the index in `ranges` of the words that
    /// start with the scalar. Page 0 is all zero.
    private let slots: [Int32]
    /// Slots of words starting beyond the BMP.
    private let astral: [UInt32: Int32]
    /// For each slot, its words in `entries`.
    private let ranges: [Range<Int>]
    private let entries: [Entry]
    private let wordBytes: [UInt8]

    /// The filter for `patterns` (ICU regular expressions, in order; bit `i` stands for pattern `i`).
    init(patterns: [String]) {
        var always: UInt64 = 0
        var masks: [[Unicode.Scalar]: UInt64] = [:]
        for (index, pattern) in patterns.enumerated() {
            guard index < 64, let required = RegexRequirement.requiredWords(of: pattern) else {
                if index < 64 { always |= 1 << UInt64(index) }
                continue
            }
            for word in required { masks[word, default: 0] |= 1 << UInt64(index) }
        }
        // Words grouped by first scalar, in a fixed order.
        let byFirst = Dictionary(grouping: masks.keys, by: { $0[0].value })
        var blockPages = [UInt16](repeating: 0, count: 256)
        var slots = [Int32](repeating: 0, count: 256)
        var astral: [UInt32: Int32] = [:]
        var ranges: [Range<Int>] = []
        var entries: [Entry] = []
        var wordBytes: [UInt8] = []
        for (value, words) in byFirst.sorted(by: { $0.key < $1.key }) {
            let lower = entries.count
            for word in words.sorted(by: { $0.lexicographicallyPrecedes($1) { $0.value < $1.value } }) {
                let bytes = Array(String(scalars: word).utf8)
                entries.append(Entry(mask: masks[word] ?? 0, start: wordBytes.count, count: bytes.count))
                wordBytes += bytes
            }
            ranges.append(lower..<entries.count)
            let slot = Int32(ranges.count)
            guard value < 0x1_0000 else { astral[value] = slot; continue }
            let block = Int(value >> 8)
            if blockPages[block] == 0 {
                blockPages[block] = UInt16(slots.count / 256)
                slots += [Int32](repeating: 0, count: 256)
            }
            slots[Int(blockPages[block]) * 256 + Int(value & 0xFF)] = slot
        }
        self.always = always
        self.blockPages = blockPages
        self.slots = slots
        self.astral = astral
        self.ranges = ranges
        self.entries = entries
        self.wordBytes = wordBytes
    }

    /// The patterns (as bits) that may match somewhere in `text`.
    func candidates(in text: String) -> UInt64 {
        if let mask = text.utf8.withContiguousStorageIfAvailable({ candidates(utf8: $0) }) { return mask }
        return Array(text.utf8).withUnsafeBufferPointer { candidates(utf8: $0) }
    }

    /// The candidates of valid UTF-8 (a String's): each scalar is decoded and looked up, and the
    /// words starting with it compared byte by byte from there (UTF-8 that matches from a
    /// scalar's start matches scalar for scalar).
    private func candidates(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var mask = always
        var position = 0
        let count = bytes.count
        while position < count {
            let lead = UInt32(bytes[position])
            var value: UInt32
            var length: Int
            if lead < 0x80 {
                value = lead
                length = 1
            } else if lead < 0xE0 {
                length = 2
                guard position + 1 < count else { break }
                value = (lead & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F)
            } else if lead < 0xF0 {
                length = 3
                guard position + 2 < count else { break }
                value = (lead & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F)
            } else {
                length = 4
                guard position + 3 < count else { break }
                value = (lead & 0x07) << 18 | UInt32(bytes[position + 1] & 0x3F) << 12
                    | UInt32(bytes[position + 2] & 0x3F) << 6 | UInt32(bytes[position + 3] & 0x3F)
            }
            var slot: Int32 = 0
            if value < 0x1_0000 {
                let page = Int(blockPages[Int(value >> 8)])
                if page != 0 { slot = slots[page &* 256 &+ Int(value & 0xFF)] }
            } else if let found = astral[value] {
                slot = found
            }
            if slot != 0 {
                for entry in entries[ranges[Int(slot) - 1]] where entry.mask & ~mask != 0 {
                    guard entry.count <= count - position else { continue }
                    var offset = length
                    while offset < entry.count, bytes[position + offset] == wordBytes[entry.start + offset] {
                        offset += 1
                    }
                    if offset == entry.count { mask |= entry.mask }
                }
            }
            position += length
        }
        return mask
    }

    /// Whether pattern `index` is among `mask`.
    static func contains(_ mask: UInt64, _ index: Int) -> Bool {
        index >= 64 || mask & (1 << UInt64(index)) != 0
    }
}

/// Reads an ICU regular expression for a set of scalars of which every match contains one.
///
/// Only the constructs the pipeline's patterns use are read: literals, escapes, classes of
/// listed characters and small ranges, groups, alternation, quantifiers and lookaround (which
/// requires nothing of the match). Anything else gives no requirement (`nil`).
enum RegexRequirement {
    private struct Unsupported: Error {}

    /// Literal words (as scalars) of which every match of `pattern` contains one, or nil.
    static func requiredWords(of pattern: String) -> Set<[Unicode.Scalar]>? {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        // (`try?` flattens: nil stands for an unsupported construct and for no requirement alike.)
        guard let required = try? parser.alternation(), parser.position == parser.scalars.count,
              !required.isEmpty, !required.contains(where: \.isEmpty) else { return nil }
        return required
    }

    /// What one quantified atom requires: a literal scalar that joins its neighbours into a
    /// word, or a set of words (nil: nothing).
    private enum Piece {
        case literal(Unicode.Scalar)
        case words(Set<[Unicode.Scalar]>?)
    }

    /// Whether requirement `a` filters better than `b`: longer shortest word, then fewer words.
    private static func isBetter(_ a: Set<[Unicode.Scalar]>, than b: Set<[Unicode.Scalar]>?) -> Bool {
        guard let b else { return true }
        let shortestA = a.map(\.count).min() ?? 0, shortestB = b.map(\.count).min() ?? 0
        return shortestA != shortestB ? shortestA > shortestB : a.count < b.count
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        private var next: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        private mutating func take() throws -> Unicode.Scalar {
            guard position < scalars.count else { throw Unsupported() }
            defer { position += 1 }
            return scalars[position]
        }

        /// `a|b|c`: a match of any branch; one of the union of their requirements.
        mutating func alternation() throws -> Set<[Unicode.Scalar]>? {
            var union: Set<[Unicode.Scalar]>? = try sequence()
            while next == "|" {
                position += 1
                let branch = try sequence()
                if let branch, union != nil { union?.formUnion(branch) } else { union = nil }
            }
            return union
        }

        /// `abc`: every mandatory piece is in the match, and a run of plain literals in it as one
        /// word; the requirement that filters best among them is kept.
        private mutating func sequence() throws -> Set<[Unicode.Scalar]>? {
            var best: Set<[Unicode.Scalar]>?
            var run: [Unicode.Scalar] = []
            while let scalar = next, scalar != "|", scalar != ")" {
                switch try quantified() {
                case .literal(let literal):
                    run.append(literal)
                case .words(let words):
                    if !run.isEmpty, RegexRequirement.isBetter([run], than: best) { best = [run] }
                    run = []
                    if let words, !words.isEmpty, RegexRequirement.isBetter(words, than: best) { best = words }
                }
            }
            if !run.isEmpty, RegexRequirement.isBetter([run], than: best) { best = [run] }
            return best
        }

        /// An atom and its quantifier; a quantified literal is a word of its own (`ab+` holds `a`
        /// and `b`, not always `ab` alone), and one that may be absent requires nothing.
        private mutating func quantified() throws -> Piece {
            let atom = try self.atom()
            var minimum = 1
            switch next {
            case "*", "?": minimum = 0; position += 1
            case "+": position += 1
            case "{":
                position += 1
                var digits = ""
                while let scalar = next, ("0"..."9").contains(scalar) { digits.unicodeScalars.append(scalar); position += 1 }
                guard let low = Int(digits) else { throw Unsupported() }
                minimum = low
                if next == "," {
                    position += 1
                    while let scalar = next, ("0"..."9").contains(scalar) { position += 1 }
                }
                guard try take() == "}" else { throw Unsupported() }
            default: return atom
            }
            if next == "?" || next == "+" { position += 1 }
            if let scalar = next, "*+?{".unicodeScalars.contains(scalar) { throw Unsupported() }
            guard minimum > 0 else { return .words(nil) }
            switch atom {
            case .literal(let literal): return .words([[literal]])
            case .words: return atom
            }
        }

        private mutating func atom() throws -> Piece {
            let scalar = try take()
            switch scalar {
            case "(":
                var lookaround = false
                if next == "?" {
                    position += 1
                    switch try take() {
                    case ":", ">": break
                    case "=", "!": lookaround = true
                    case "<":
                        guard let kind = next, kind == "=" || kind == "!" else { throw Unsupported() }
                        position += 1
                        lookaround = true
                    default: throw Unsupported()
                    }
                }
                let inner = try alternation()
                guard try take() == ")" else { throw Unsupported() }
                return .words(lookaround ? nil : inner)
            case "[": return .words(try characterClass().map { Set($0.map { [$0] }) })
            case "\\":
                let escaped = try take()
                if let literal = Self.literalEscape(escaped) { return .literal(literal) }
                if "dDsSwWbB".unicodeScalars.contains(escaped) { return .words(nil) }
                throw Unsupported()
            case ".", "^", "$": return .words(nil)
            case ")", "|", "*", "+", "?", "{", "}", "]": throw Unsupported()
            default: return .literal(scalar)
            }
        }

        /// `[…]`: the listed scalars, or no requirement for a negated or broad class.
        private mutating func characterClass() throws -> Set<Unicode.Scalar>? {
            var members: Set<Unicode.Scalar> = []
            var broad = false
            if next == "^" { broad = true; position += 1 }
            if next == "]" { throw Unsupported() }
            while true {
                let scalar = try take()
                if scalar == "]" { break }
                if scalar == "[" || (scalar == "&" && next == "&") { throw Unsupported() }
                var low = scalar
                if scalar == "\\" {
                    let escaped = try take()
                    if let literal = Self.literalEscape(escaped) {
                        low = literal
                    } else if "dDsSwW".unicodeScalars.contains(escaped) {
                        broad = true
                        continue
                    } else {
                        throw Unsupported()
                    }
                }
                if next == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    var high = try take()
                    if high == "\\" {
                        guard let literal = Self.literalEscape(try take()) else { throw Unsupported() }
                        high = literal
                    }
                    if high == "[" || high == "-" { throw Unsupported() }
                    guard low.value <= high.value else { throw Unsupported() }
                    if high.value - low.value > 256 { broad = true; continue }
                    for value in low.value...high.value {
                        if let member = Unicode.Scalar(value) { members.insert(member) }
                    }
                } else {
                    if scalar != "\\", scalar == "-" { throw Unsupported() }
                    members.insert(low)
                }
            }
            return broad ? nil : members
        }

        /// The scalar an escape stands for, where it stands for one literally.
        private static func literalEscape(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
            switch scalar {
            case "n": return "\n"
            case "t": return "\t"
            case "r": return "\r"
            case "f": return "\u{0C}"
            default:
                return ".\\-[]^(){}*+?|$/#&~\"' ".unicodeScalars.contains(scalar)
                    || (!scalar.properties.isAlphabetic && !("0"..."9").contains(scalar) && scalar.value > 0x7F) ? scalar : nil
            }
        }
    }
}
