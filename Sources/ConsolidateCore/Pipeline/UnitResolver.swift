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
        // The entries no file names exactly, arranged once for every name that is not quite on the roster.
        var near: UnitName.NearIndex?
        for (index, claim) in claims.enumerated() where result[index] == nil {
            guard UnitName.identifies(claim.name) else { continue }
            if roster != nil, near == nil { near = UnitName.NearIndex(entries.filter { !taken.contains($0) }) }
            if let entry = near?.nearest(to: claim.name) {
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
