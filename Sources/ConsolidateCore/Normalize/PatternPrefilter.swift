/// Tells, in one walk over a line's scalars, which of several configured patterns cannot match it.
///
/// Running an `NSRegularExpression` costs thousands of instructions per call even when it finds
/// nothing, and per-line rules find nothing on almost every line. Each pattern is read once when
/// compiled for the scalars a match must contain (one of `{字}` for `此处隐藏\d+字`); a line that holds
/// none of them is not given to the pattern. A pattern whose requirement cannot be read (a negated
/// class only, an unsupported construct) is always run, so the filter never changes a result.
struct PatternPrefilter: Sendable {
    /// Patterns that are run on every line (no requirement read, or beyond the mask's width).
    private let always: UInt64
    /// For each block of 256 BMP scalars, its page in `pages` (0: no scalar of the block is required).
    private let blockPages: [UInt16]
    /// Pages of 256 masks; page 0 is all zero.
    private let pages: [UInt64]
    /// Required scalars beyond the BMP.
    private let astral: [UInt32: UInt64]

    /// The filter for `patterns` (ICU regular expressions, in order; bit `i` stands for pattern `i`).
    init(patterns: [String]) {
        var always: UInt64 = 0
        var masks: [UInt32: UInt64] = [:]
        for (index, pattern) in patterns.enumerated() {
            guard index < 64, let required = RegexRequirement.requiredScalars(of: pattern) else {
                if index < 64 { always |= 1 << UInt64(index) }
                continue
            }
            for scalar in required { masks[scalar.value, default: 0] |= 1 << UInt64(index) }
        }
        var blockPages = [UInt16](repeating: 0, count: 256)
        var pages = [UInt64](repeating: 0, count: 256)
        var astral: [UInt32: UInt64] = [:]
        for (value, mask) in masks.sorted(by: { $0.key < $1.key }) {
            guard value < 0x1_0000 else { astral[value] = mask; continue }
            let block = Int(value >> 8)
            if blockPages[block] == 0 {
                blockPages[block] = UInt16(pages.count / 256)
                pages += [UInt64](repeating: 0, count: 256)
            }
            pages[Int(blockPages[block]) * 256 + Int(value & 0xFF)] |= mask
        }
        self.always = always
        self.blockPages = blockPages
        self.pages = pages
        self.astral = astral
    }

    /// The patterns (as bits) that may match somewhere in `text`.
    func candidates(in text: String) -> UInt64 {
        var mask = always
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x1_0000 {
                let page = Int(blockPages[Int(value >> 8)])
                if page != 0 { mask |= pages[page &* 256 &+ Int(value & 0xFF)] }
            } else if let bits = astral[value] {
                mask |= bits
            }
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

    static func requiredScalars(of pattern: String) -> Set<Unicode.Scalar>? {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        // (`try?` flattens: nil stands for an unsupported construct and for no requirement alike.)
        guard let required = try? parser.alternation(), parser.position == parser.scalars.count,
              !required.isEmpty else { return nil }
        return required
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
        mutating func alternation() throws -> Set<Unicode.Scalar>? {
            var union: Set<Unicode.Scalar>? = try sequence()
            while next == "|" {
                position += 1
                let branch = try sequence()
                if let branch, union != nil { union?.formUnion(branch) } else { union = nil }
            }
            return union
        }

        /// `abc`: every mandatory piece is in the match; the smallest requirement among them is kept.
        private mutating func sequence() throws -> Set<Unicode.Scalar>? {
            var best: Set<Unicode.Scalar>?
            while let scalar = next, scalar != "|", scalar != ")" {
                if let piece = try quantified(), !piece.isEmpty, best.map({ piece.count < $0.count }) ?? true {
                    best = piece
                }
            }
            return best
        }

        private mutating func quantified() throws -> Set<Unicode.Scalar>? {
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
            return minimum > 0 ? atom : nil
        }

        private mutating func atom() throws -> Set<Unicode.Scalar>? {
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
                return lookaround ? nil : inner
            case "[": return try characterClass()
            case "\\":
                let escaped = try take()
                if let literal = Self.literalEscape(escaped) { return [literal] }
                if "dDsSwWbB".unicodeScalars.contains(escaped) { return nil }
                throw Unsupported()
            case ".", "^", "$": return nil
            case ")", "|", "*", "+", "?", "{", "}", "]": throw Unsupported()
            default: return [scalar]
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
