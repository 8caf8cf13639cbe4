/// What makes a unit's name a name: rules shared by the resolver and the file-name reader.
enum UnitName {
    /// Endings of organisation names (`局`, `街道`, `党支部`); where several fit, the longest counts.
    static let endings: [String] = [
        "街道办事处", "委员会", "办公室", "组织部", "宣传部", "统战部", "党工委", "党总支", "党支部", "工委", "党委", "党组",
        "总支", "支部", "中心", "街道", "公司", "集团", "学校", "学院", "大学", "中学", "小学", "幼儿园", "医院", "局", "委",
        "办", "厅", "处", "镇", "乡", "村", "社区", "所", "站", "院", "馆", "队", "室", "会", "社", "行", "校",
    ]
    /// Party organs after a unit's name (`财政局党组`): the same unit.
    static let organs = ["机关党委", "机关党总支", "机关党支部", "党工委", "党委", "党组", "党总支", "党支部", "总支", "支部"]
    /// `organs`, longest first (sorted once: `isGeneric` is asked of several names per report).
    private static let organsLongestFirst = organs.sorted(by: { $0.count > $1.count })
    /// Marks of an anonymised or unfilled name (`XX局`, `××镇`, `某单位`).
    static let placeholderMarks: Set<Character> = ["X", "x", "Ｘ", "ｘ", "×", "✕", "*", "＊", "某", "○", "〇", "_", "＿", "?", "？"]
    /// Kinds of unit that name no particular unit on their own (`学校`, `社区`, `医院`).
    static let kinds: Set<String> = [
        "学校", "小学", "中学", "大学", "学院", "医院", "法院", "检察院", "社区", "街道", "村", "镇", "乡", "局", "公司",
        "集团", "中心", "机关", "单位", "幼儿园", "合作社", "企业", "园", "校", "院", "所", "站",
        // Cooperatives by their kinds in law (`农民专业合作社`): a kind, not a name.
        "专业合作社", "农民专业合作社", "经济合作社", "股份经济合作社",
    ]

    /// A name any unit could use of itself: its own word (`我村`, `本单位`), a bare party organ
    /// (`党支部`), or a kind with its organ (`学校党支部`, `医院党委`). It identifies no unit: two
    /// reports that both say `社区党支部` are not one unit's.
    static func isGeneric(_ name: String) -> Bool {
        var rest = Substring(name.filter { !$0.isWhitespace })
        if rest.hasPrefix("我") || rest.hasPrefix("本") { return true }
        if let organ = organsLongestFirst.first(where: { rest.hasSuffix($0) }) {
            rest = rest.dropLast(organ.count)
            if rest.isEmpty { return true }
        }
        return kinds.contains(String(rest))
    }

    /// True where `name` names one unit: two ideographs or more, no placeholder marks, not a word any unit uses of itself.
    static func identifies(_ name: String) -> Bool {
        let trimmed = display(name)
        guard trimmed.unicodeScalars.filter({ $0.properties.isIdeographic }).count >= 2 else { return false }
        if trimmed.contains(where: placeholderMarks.contains) { return false }
        if isGeneric(name) || isGeneric(trimmed) || endings.contains(trimmed) { return false }
        return true
    }

    /// The name as it is shown: widths folded, spaces and punctuation removed, a party organ after
    /// a unit's name dropped (`青川区财政局党组` → `青川区财政局`).
    static func display(_ name: String) -> String {
        // The marks in a set made once: a province's run shows each of its hundred thousand names a few times.
        var kept = String.UnicodeScalarView()
        for scalar in TextFolding.fold(name).unicodeScalars where !scalar.properties.isWhitespace && !droppedMarks.contains(scalar) {
            kept.append(scalar)
        }
        var text = String(kept)
        for organ in organs where text.hasSuffix(organ) {
            let rest = String(text.dropLast(organ.count))
            if rest.count >= 3, endings.contains(where: rest.hasSuffix) { text = rest }
            break
        }
        return text
    }

    /// Punctuation and quotation marks a name is shown without.
    private static let droppedMarks = ScalarSet("“”\"'‘’《》()（）[]【】,，.。:：;；、".unicodeScalars)

    /// The key two spellings of one name share.
    static func key(_ name: String) -> String { display(name) }

    /// The one roster entry a name is near, or nil where none or several are. Near means the
    /// same name with another organisation ending (`青川区财政厅` for `青川区财政局`), the area's
    /// name left out or added (`财政局`), or one character off in a long name's own part
    /// (`市场监督管里局`). A short name's own part differing is another unit (`临江镇`, `临溪镇`).
    /// For many names, build a `NearIndex` once.
    static func nearest(to name: String, in entries: [String]) -> String? {
        NearIndex(entries).nearest(to: name)
    }

    /// The entries of a roster arranged by the parts `nearest` compares, built once: a name's near
    /// entries are a few lookups, not a pass over the roster, so a province's roster with many
    /// names that are not quite on it costs what its names do.
    struct NearIndex {
        let entries: [String]
        /// Each entry as shown (`display`).
        let displays: [String]
        /// Entries with an ending, by their own part.
        let byStem: [String: [Int]]
        /// Entries by their shown name without its first one to four characters (a name with the area left out).
        let byShortened: [String: [Int]]
        /// Entries with an ending, by their shown name (a name with an area added).
        let byDisplay: [String: [Int]]
        /// Entries with an ending and a long own part, by ending and that part with at most one
        /// character left out: two parts one edit apart share such a key.
        let byDeletion: [String: [Int]]

        /// How many leading characters an area's name may take.
        static let areaLength = 4
        /// How long both own parts must be for one character off to be the same unit.
        static let editableStem = 6

        init(_ entries: [String]) {
            self.entries = entries
            displays = entries.map(UnitName.display)
            var byStem: [String: [Int]] = [:], byShortened: [String: [Int]] = [:]
            var byDisplay: [String: [Int]] = [:], byDeletion: [String: [Int]] = [:]
            for (index, target) in displays.enumerated() {
                let (stem, ending) = UnitName.split(target)
                let characters = Array(target)
                for dropped in 1...Self.areaLength where dropped < characters.count {
                    byShortened[String(characters[dropped...]), default: []].append(index)
                }
                guard !ending.isEmpty else { continue }
                byStem[stem, default: []].append(index)
                if characters.count >= 3 { byDisplay[target, default: []].append(index) }
                let own = Array(stem)
                if own.count >= Self.editableStem {
                    for key in Set(Self.deletions(own).map { ending + "\t" + $0 }) { byDeletion[key, default: []].append(index) }
                }
            }
            (self.byStem, self.byShortened, self.byDisplay, self.byDeletion) = (byStem, byShortened, byDisplay, byDeletion)
        }

        /// A name's own part as it is and with each one character left out.
        static func deletions(_ characters: [Character]) -> [String] {
            [String(characters)] + characters.indices.map { String(characters[..<$0] + characters[($0 + 1)...]) }
        }

        func nearest(to name: String) -> String? {
            let found = UnitName.display(name)
            let characters = Array(found)
            guard characters.count >= 3 else { return nil }
            let (foundStem, foundEnding) = UnitName.split(found)
            var near = Set<Int>()
            if !foundEnding.isEmpty {
                // Another ending on the same own part.
                if foundStem.count >= 2 { near.formUnion(byStem[foundStem] ?? []) }
                // The entry is the name with an area's name before it.
                near.formUnion(byShortened[found] ?? [])
                // One character off in a long own part, same ending.
                let own = Array(foundStem)
                if own.count >= Self.editableStem {
                    for key in Set(Self.deletions(own)) {
                        for index in byDeletion[foundEnding + "\t" + key] ?? [] where !near.contains(index) {
                            let (targetStem, _) = UnitName.split(displays[index])
                            if UnitName.editDistance(own, Array(targetStem), limit: 1) <= 1 { near.insert(index) }
                        }
                    }
                }
            }
            // The name is the entry with an area's name before it.
            for dropped in 1...Self.areaLength where dropped < characters.count {
                near.formUnion(byDisplay[String(characters[dropped...])] ?? [])
            }
            let matches = near.filter { displays[$0] != found }
            guard matches.count == 1, let match = matches.first else { return nil }
            return entries[match]
        }
    }

    /// A name's own part and its organisation ending (the longest that fits; empty where none does).
    static func split(_ name: String) -> (stem: String, ending: String) {
        guard let ending = endings.filter({ name.hasSuffix($0) && name.count > $0.count }).max(by: { $0.count < $1.count }) else {
            return (name, "")
        }
        return (String(name.dropLast(ending.count)), ending)
    }

    /// Levenshtein distance, given up past `limit` (the result is then `limit + 1`).
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return min(previous[b.count], limit + 1)
    }

    /// The unit a file's stem names, where it names one: the stem ends with an organisation's
    /// ending (`03-青川区财政局`), or opens with a unit's name before the period or the kind of
    /// report (`青川区财政局2024年二季度党建工作汇报`). `党建工作汇报` names none.
    static func fromStem(_ stem: String) -> String? {
        let trimmed = String(stem.drop { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "_" || $0 == " " || $0 == ".") })
        let candidate = display(trimmed)
        if endings.contains(where: candidate.hasSuffix), identifies(candidate) { return trimmed }
        let characters = Array(candidate)
        let reportWords = ["20", "二〇", "二○", "上半年", "下半年", "第", "一季度", "二季度", "三季度", "四季度", "年度", "全年",
                           "关于", "党建", "基层党建", "机关党建", "工作", "党风"]
        for end in stride(from: min(characters.count, 30), through: 2, by: -1) {
            let prefix = String(characters[..<end])
            let rest = String(characters[end...])
            guard !rest.isEmpty, endings.contains(where: prefix.hasSuffix), reportWords.contains(where: rest.hasPrefix) else { continue }
            return identifies(prefix) ? prefix : nil
        }
        return nil
    }
}
