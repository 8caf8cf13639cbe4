/// Enumerations written inside running text: `一是…二是…三是…`, `首先…其次…最后…`,
/// `一个是…另一个是…`, `一方面…另一方面…`, `第一，…第二，…`, and paragraphs opening
/// `一抓…` `二抓…` (a numeral and the same verb).
///
/// A marker counts only at a paragraph's start or after punctuation, and only
/// as part of a sequence that starts at one and rises (numbers may skip, as
/// units' reports do: `一是…三是…`), so `统一是前提` is never cut.
struct InlineEnumeration: Sendable {
    /// One paragraph of running text.
    struct Paragraph: Sendable, Equatable {
        var text: String
        var location: SourceLocation
    }

    /// An enumerated statement: its marker and its words.
    struct Entry: Sendable, Equatable {
        var label: String
        var text: String
        var location: SourceLocation
    }

    /// What precedes the first marker (one entry per paragraph) and the enumerated entries.
    struct Split: Sendable, Equatable {
        var intro: [Paragraph]
        var entries: [Entry]
    }

    private struct Marker {
        var family: Int
        var ordinal: Int
        var paragraph: Int
        var offset: Int
        var length: Int
    }

    /// Families of word markers; the position in each list is the ordinal (1-based).
    private static let wordFamilies: [[[Unicode.Scalar]]] = [
        ["首先", "其次", "再次", "最后"],
        ["一个是", "另一个是"],
        ["一方面", "另一方面"],
        ["其一", "其二", "其三", "其四", "其五", "其六"],
    ].map { $0.map { Array($0.unicodeScalars) } }
    /// Characters after a numeral that make a word, not a `一抓…二抓…` enumeration
    /// (一年来, 二季度, 一直, 一些, 一方面, 三会一课 …).
    private static let notVerbs = ScalarSet("是季年月日天周次个名项条级类批期线把号些方同切直定般致体起会岗学风向对手家步".unicodeScalars)
    /// The characters a word marker can open with, to skip the families quickly.
    private static let wordInitials = ScalarSet(wordFamilies.flatMap { $0.compactMap(\.first) })
    /// A clause or sentence end a marker may follow: compared, not hashed, since it is asked of
    /// every scalar of a document.
    private static func isBoundary(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "；", ";", "！", "？", "!", "?", "：", ":", "，", ",": true
        default: false
        }
    }

    /// Where enumerations begin: per paragraph index, the offsets of first markers (`一是`,
    /// `首先`) followed by a second of their family within that paragraph or the next,
    /// before the family starts again. A lone `一是` counts too (a page cut off after it);
    /// a lone word marker does not (`首先感谢…`).
    static func runStarts(_ paragraphs: [Paragraph]) -> [Int: [Int]] {
        let candidates = markers(paragraphs.map(\.text.scalarArray))
        var starts: [Int: [Int]] = [:]
        for (index, first) in candidates.enumerated() where first.ordinal == 1 {
            var continued = first.family == -1
            for marker in candidates[(index + 1)...] where marker.family == first.family {
                if marker.ordinal == 1 || marker.paragraph > first.paragraph + 1 { break }
                if marker.ordinal <= 4 {
                    continued = true
                    break
                }
            }
            if continued { starts[first.paragraph, default: []].append(first.offset) }
        }
        return starts
    }

    private static func markers(_ texts: [[Unicode.Scalar]]) -> [Marker] {
        var candidates: [Marker] = []
        for (p, characters) in texts.enumerated() {
            var i = 0
            while i < characters.count {
                let atBoundary = i == 0 || isBoundary(characters[i - 1])
                    || (characters[i - 1].isWhiteSpaceScalar && (i == 1 || isBoundary(characters[i - 2])))
                if atBoundary, let marker = marker(in: characters, at: i, paragraph: p) {
                    candidates.append(marker)
                    i += marker.length
                } else {
                    i += 1
                }
            }
        }
        return candidates
    }

    /// The enumeration over `paragraphs`, or nil where they hold none.
    static func split(_ paragraphs: [Paragraph]) -> Split? {
        let texts = paragraphs.map(\.text.scalarArray)
        let candidates = markers(texts)
        // The sequence: a family member numbered one, then rising members of that family;
        // where several families open, the longest sequence wins.
        // A later paragraph that opens with the family's first marker again starts a new
        // run of the same enumeration kind (two lists in one section).
        // A sequence grows by the first later marker of its family that rises by one to three
        // from its last one, or restarts at one where a paragraph opens after two or more: what
        // follows a marker depends on that marker alone. So each marker's successor and the
        // length from it are worked out once, from the end, and the longest sequence is read
        // off (the first of equally long ones): linear in the markers, where growing a sequence
        // anew from every opening was quadratic on a paragraph of thousands of `一是…`.
        struct Key: Hashable { var family: Int, ordinal: Int }
        var successor = [Int?](repeating: nil, count: candidates.count)
        var length = [Int](repeating: 1, count: candidates.count)
        var nearest: [Key: Int] = [:]
        var nearestRestart: [Int: Int] = [:]
        for index in candidates.indices.reversed() {
            let marker = candidates[index]
            var found: Int?
            if marker.ordinal < Int.max - 3 {
                for step in 1...3 {
                    if let later = nearest[Key(family: marker.family, ordinal: marker.ordinal + step)],
                       found.map({ later < $0 }) ?? true { found = later }
                }
            }
            if marker.ordinal >= 2, let later = nearestRestart[marker.family], found.map({ later < $0 }) ?? true {
                found = later
            }
            successor[index] = found
            length[index] = 1 + (found.map { length[$0] } ?? 0)
            nearest[Key(family: marker.family, ordinal: marker.ordinal)] = index
            if marker.ordinal == 1 && marker.offset == 0 { nearestRestart[marker.family] = index }
        }
        var start: Int?
        for index in candidates.indices where candidates[index].ordinal == 1 {
            if start.map({ length[index] > length[$0] }) ?? true { start = index }
        }
        var accepted: [Marker] = []
        var cursor = start
        while let index = cursor {
            accepted.append(candidates[index])
            cursor = successor[index]
        }
        guard accepted.count >= 2 else { return nil }

        var intro: [Paragraph] = []
        var entries: [Entry] = []
        var next = 0
        for (p, characters) in texts.enumerated() {
            var cursor = 0
            while next < accepted.count, accepted[next].paragraph == p {
                let marker = accepted[next]
                let before = characters[cursor..<marker.offset].string.trimmingWhitespace()
                if !before.isEmpty {
                    if entries.isEmpty {
                        intro.append(Paragraph(text: before, location: paragraphs[p].location))
                    } else {
                        entries[entries.count - 1].text += before
                    }
                }
                let label = characters[marker.offset..<(marker.offset + marker.length)].string
                entries.append(Entry(label: label, text: "", location: paragraphs[p].location))
                cursor = marker.offset + marker.length
                next += 1
            }
            let rest = characters[cursor...].string.trimmingWhitespace()
            guard !rest.isEmpty else { continue }
            if entries.isEmpty {
                intro.append(Paragraph(text: rest, location: paragraphs[p].location))
            } else {
                entries[entries.count - 1].text += rest
            }
        }
        return Split(intro: intro, entries: entries)
    }

    private static func marker(in characters: [Unicode.Scalar], at i: Int, paragraph: Int) -> Marker? {
        // 一是 二是 … 十二是; 第一， 第二，
        if ChineseNumeral.isNumeralScalar(characters[i]) {
            var j = i
            while j < characters.count, j - i < 3, ChineseNumeral.isNumeralScalar(characters[j]) { j += 1 }
            if j < characters.count, characters[j] == "是", let value = ChineseNumeral.value(ofScalars: characters[i..<j]) {
                return Marker(family: -1, ordinal: value, paragraph: paragraph, offset: i, length: j - i + 1)
            }
        }
        // 一抓学习… / 二抓载体…: a numeral and one verb opening paragraphs; each verb its own family.
        if i == 0, characters.count > 3, ChineseNumeral.isNumeralScalar(characters[0]),
           case let verb = characters[1], (0x4E00...0x9FFF).contains(verb.value),
           !ChineseNumeral.isNumeralScalar(characters[1]), !notVerbs.contains(characters[1]),
           (0x4E00...0x9FFF).contains(characters[2].value),
           let value = ChineseNumeral.value(ofScalars: characters[0...0]) {
            return Marker(family: -1000 - Int(verb.value), ordinal: value, paragraph: paragraph, offset: 0, length: 1)
        }
        if characters[i] == "第", i + 2 < characters.count, ChineseNumeral.isNumeralScalar(characters[i + 1]),
           characters[i + 2] == "，" || characters[i + 2] == "," || characters[i + 2] == "、",
           let value = ChineseNumeral.value(ofScalars: characters[(i + 1)...(i + 1)]) {
            return Marker(family: -2, ordinal: value, paragraph: paragraph, offset: i, length: 2)
        }
        guard wordInitials.contains(characters[i]) else { return nil }
        for (family, words) in wordFamilies.enumerated() {
            for (index, w) in words.enumerated() {
                guard i + w.count <= characters.count, characters[i..<(i + w.count)].elementsEqual(w) else { continue }
                // `最后一公里`, `其次要`: a word marker must be followed by a comma or be a
                // numbered `其一`; `首先` may open its clause directly.
                let after = i + w.count < characters.count ? characters[i + w.count] : "。"
                let comma = after == "，" || after == ","
                if family == 0, index > 0, !comma { continue }
                // `另一方面` holds `一方面`: only at a boundary, which `另` is not.
                return Marker(family: family, ordinal: index + 1, paragraph: paragraph, offset: i, length: w.count)
            }
        }
        return nil
    }
}
