/// How a submission's unit was told, recorded beside the unit in summary.json and run.json.
public struct UnitIdentity: Codable, Sendable, Equatable, Hashable {
    public enum Basis: String, Codable, Sendable {
        /// A roster entry, by the file's name or by the name the report gives.
        case roster
        /// The unit's own name (the file's name or the report's title), no roster entry.
        case name
        /// No name could be read: the unit is named after its file and never merged with another.
        case file
    }

    public var basis: Basis
    /// The roster entry matched where it was matched by a near name (a misspelling, a missing area name).
    public var rosterMatch: RosterMatch?
    /// True where a roster was given and the unit is not on it.
    public var notOnRoster: Bool

    public init(basis: Basis, rosterMatch: RosterMatch? = nil, notOnRoster: Bool = false) {
        self.basis = basis
        self.rosterMatch = rosterMatch
        self.notOnRoster = notOnRoster
    }
}

/// A roster entry matched by a name that is near it but not equal: reported, never silent.
public struct RosterMatch: Codable, Sendable, Equatable, Hashable {
    /// The name on the roster.
    public var entry: String
    /// The name the file or the report gives.
    public var found: String

    public init(entry: String, found: String) {
        self.entry = entry
        self.found = found
    }

    /// `青川区财政厅 → 青川区财政局?`: the roster's name, then the one found.
    public var arrow: String { "\(entry) → \(found)?" }
}

/// Tells each submission's unit: the roster entry where the roster or the name says so,
/// else the unit's own normalised name, else (no name at all) its file.
///
/// Two submissions are one unit's only where the roster or their names say so: a report
/// whose unit cannot be read is named after its file and stays apart from every other.
struct UnitResolver {
    let roster: Roster?

    /// One submission as the resolver sees it: its path and stem, and the unit the reading gave
    /// (the roster's or the file name's where there was a hint, else the report's header).
    struct Claim {
        var path: String
        var stem: String
        var name: String
        /// True where `name` is the roster's entry, matched by the file's name.
        var fromRosterFile: Bool
    }

    struct Resolution: Equatable {
        var unit: String
        var identity: UnitIdentity
        /// What the unit is told about its name, in Chinese.
        var warnings: [String]
    }

    func resolve(_ claims: [Claim]) -> [Resolution] {
        var result = [Resolution?](repeating: nil, count: claims.count)
        let entries = roster?.units ?? []
        let byKey = Dictionary(entries.map { (UnitName.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var taken = Set<String>()
        // Exact matches first, so a near match never takes an entry another file names exactly.
        for (index, claim) in claims.enumerated() {
            if claim.fromRosterFile {
                result[index] = Resolution(unit: claim.name, identity: UnitIdentity(basis: .roster), warnings: [])
            } else if UnitName.identifies(claim.name), let entry = byKey[UnitName.key(claim.name)] {
                result[index] = Resolution(unit: entry, identity: UnitIdentity(basis: .roster), warnings: [])
            }
            if let unit = result[index]?.unit { taken.insert(unit) }
        }
        var names: [String: String] = [:]
        for (index, claim) in claims.enumerated() where result[index] == nil {
            guard UnitName.identifies(claim.name) else { continue }
            if roster != nil, let entry = UnitName.nearest(to: claim.name, in: entries.filter { !taken.contains($0) }) {
                let match = RosterMatch(entry: entry, found: claim.name)
                result[index] = Resolution(
                    unit: entry, identity: UnitIdentity(basis: .roster, rosterMatch: match),
                    warnings: ["报送材料中的单位名称“\(claim.name)”与单位名单中的“\(entry)”相近而不相同，已按同一单位处理（\(match.arrow)）；如名单有误，请更正名单。"])
                continue
            }
            // Units not on the roster keep one name however their files spell it.
            let key = UnitName.key(claim.name)
            let unit = names[key] ?? UnitName.display(claim.name)
            names[key] = unit
            result[index] = Resolution(
                unit: unit, identity: UnitIdentity(basis: .name, notOnRoster: roster != nil),
                warnings: roster != nil ? ["“\(unit)”不在单位名单中：已单独列出并计入汇总，不计入应报送单位数；如是名单遗漏，请补入名单。"] : [])
        }
        // No name: the file's stem, or its path where two such files share a stem; never another unit's name.
        var used = Set(result.compactMap { $0?.unit } + entries)
        let unnamed = claims.indices.filter { result[$0] == nil }
        let stems = Dictionary(grouping: unnamed, by: { claims[$0].stem })
        for index in unnamed {
            let claim = claims[index]
            var unit = stems[claim.stem]!.count == 1 && !used.contains(claim.stem) ? claim.stem : claim.path
            while used.contains(unit) { unit += "＊" }
            used.insert(unit)
            result[index] = Resolution(
                unit: unit, identity: UnitIdentity(basis: .file, notOnRoster: roster != nil),
                warnings: ["未能从文件名或报告标题识别出报送单位，暂以文件名“\(unit)”称呼，不与其他材料合并：请在报告标题中写明单位全称，或按单位名称命名文件。"])
        }
        return result.map { $0! }
    }
}

/// What makes a unit's name a name: rules shared by the resolver and the file-name reader.
enum UnitName {
    /// Endings of organisation names (`局`, `街道`, `党支部`), longest first.
    static let endings: [String] = [
        "街道办事处", "委员会", "办公室", "组织部", "宣传部", "统战部", "党工委", "党总支", "党支部", "工委", "党委", "党组",
        "总支", "支部", "中心", "街道", "公司", "集团", "学校", "学院", "大学", "中学", "小学", "幼儿园", "医院", "局", "委",
        "办", "厅", "处", "镇", "乡", "村", "社区", "所", "站", "院", "馆", "队", "室", "会", "社", "行", "校",
    ]
    /// Party organs after a unit's name (`财政局党组`): the same unit.
    static let organs = ["机关党委", "机关党总支", "机关党支部", "党委", "党组", "党总支", "党支部", "总支", "支部"]
    /// Marks of an anonymised or unfilled name (`XX局`, `××镇`, `某单位`).
    static let placeholderMarks: Set<Character> = ["X", "x", "Ｘ", "ｘ", "×", "✕", "*", "＊", "某", "○", "〇", "_", "＿", "?", "？"]
    /// Names that stand for any unit (`我局`, `本单位`): they identify none.
    static let generic: Set<String> = ["我局", "本局", "我委", "本委", "我办", "本单位", "我单位", "单位", "我镇", "本镇",
                                       "我街道", "机关", "党委", "党组", "党支部", "支部", "总支", "党总支", "机关党委"]

    /// True where `name` names one unit: two ideographs or more, no placeholder marks, not a word any unit uses of itself.
    static func identifies(_ name: String) -> Bool {
        let trimmed = display(name)
        guard trimmed.unicodeScalars.filter({ $0.properties.isIdeographic }).count >= 2 else { return false }
        if trimmed.contains(where: placeholderMarks.contains) { return false }
        if generic.contains(trimmed) || endings.contains(trimmed) { return false }
        return true
    }

    /// The name as it is shown: widths folded, spaces and punctuation removed, a party organ after
    /// a unit's name dropped (`青川区财政局党组` → `青川区财政局`).
    static func display(_ name: String) -> String {
        var text = String(TextFolding.fold(name).unicodeScalars.filter {
            !$0.properties.isWhitespace && !"“”\"'‘’《》()（）[]【】,，.。:：;；、".unicodeScalars.contains($0)
        })
        for organ in organs where text.hasSuffix(organ) {
            let rest = String(text.dropLast(organ.count))
            if rest.count >= 3, endings.contains(where: rest.hasSuffix) { text = rest }
            break
        }
        return text
    }

    /// The key two spellings of one name share.
    static func key(_ name: String) -> String { display(name) }

    /// The one roster entry a name is near, or nil where none or several are. Near means the
    /// same name with another organisation ending (`青川区财政厅` for `青川区财政局`), the area's
    /// name left out or added (`财政局`), or one character off in a long name's own part
    /// (`市场监督管里局`). A short name's own part differing is another unit (`临江镇`, `临溪镇`).
    static func nearest(to name: String, in entries: [String]) -> String? {
        let found = display(name)
        guard found.count >= 3 else { return nil }
        let (foundStem, foundEnding) = split(found)
        let near = entries.filter { entry in
            let target = display(entry)
            guard target != found else { return false }
            let (targetStem, targetEnding) = split(target)
            if foundStem == targetStem, !foundEnding.isEmpty, !targetEnding.isEmpty, foundStem.count >= 2 { return true }
            if !foundEnding.isEmpty, target.hasSuffix(found), target.count - found.count <= 4 { return true }
            if !targetEnding.isEmpty, found.hasSuffix(target), found.count - target.count <= 4, target.count >= 3 { return true }
            return foundEnding == targetEnding && !foundEnding.isEmpty && min(foundStem.count, targetStem.count) >= 6
                && editDistance(Array(foundStem), Array(targetStem), limit: 1) <= 1
        }
        return near.count == 1 ? near[0] : nil
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
