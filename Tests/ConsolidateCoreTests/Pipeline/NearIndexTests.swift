import Testing
@testable import ConsolidateCore

/// A name that is not quite on the roster finds its entry by lookups (`UnitName.NearIndex`), with
/// exactly the entries a comparison with every roster entry finds.
struct NearIndexTests {
    /// A roster entry as the rule compares it: its display form, split into own part and ending.
    struct Entry {
        let name: String, display: String, stem: String, ending: String
        init(_ name: String) {
            self.name = name
            display = UnitName.display(name)
            (stem, ending) = UnitName.split(display)
        }
    }

    /// The rule as a pass over every entry: the reference the index is held to.
    static func nearestByPass(to name: String, in entries: [Entry]) -> String? {
        let found = UnitName.display(name)
        guard found.count >= 3 else { return nil }
        let (foundStem, foundEnding) = UnitName.split(found)
        let near = entries.filter { entry in
            let target = entry.display
            guard target != found else { return false }
            let (targetStem, targetEnding) = (entry.stem, entry.ending)
            if foundStem == targetStem, !foundEnding.isEmpty, !targetEnding.isEmpty, foundStem.count >= 2 { return true }
            if !foundEnding.isEmpty, target.hasSuffix(found), target.count - found.count <= 4 { return true }
            if !targetEnding.isEmpty, found.hasSuffix(target), found.count - target.count <= 4, target.count >= 3 { return true }
            return foundEnding == targetEnding && !foundEnding.isEmpty && min(foundStem.count, targetStem.count) >= 6
                && UnitName.editDistance(Array(foundStem), Array(targetStem), limit: 1) <= 1
        }
        return near.count == 1 ? near[0].name : nil
    }

    static let areas = ["青山区", "临江县", "北塘街道", "", "东湖新区"]
    static let stems = ["财政", "教育", "市场监督管理", "交通运输", "自然资源和规划", "住房和城乡建设", "卫生健康",
                        "人力资源社会保障", "临江", "临溪", "第一人民", "实验", "农业农村"]
    static let endings = ["局", "委员会", "所", "镇", "医院", "中学", "中心", "厅", "办公室", "党支部"]

    /// A roster of every area × stem × ending, some entries twice (a roster may repeat a name).
    static let roster: [String] = {
        var entries: [String] = []
        var seed: UInt64 = 7
        for area in areas { for stem in stems { for ending in endings {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            if seed >> 61 < 3 { entries.append(area + stem + ending) }
            if seed >> 58 == 0 { entries.append(area + stem + ending) }
        } } }
        return entries
    }()

    /// Names as reports spell them: with and without the area, another ending, a character off,
    /// added, or left out, a party organ after them, spaces and full-width letters.
    static let names: [String] = {
        var names: [String] = []
        for area in areas + ["青山", "南山区"] { for stem in stems + ["市场监督管里", "市场监管", "自然资源规划", "住房城乡建设"] {
            for ending in endings + ["局党组", "站", ""] {
                names.append(area + stem + ending)
                names.append(" " + stem + ending + " ")
            }
        } }
        return names + ["", "局", "财政", "ＸＸ局", "青山区", "青山区财政局机关党委"]
    }()

    @Test func theIndexFindsWhatAPassOverEveryEntryFinds() {
        let index = UnitName.NearIndex(Self.roster)
        let entries = Self.roster.map(Entry.init)
        var matched = 0
        for name in Self.names {
            let expected = Self.nearestByPass(to: name, in: entries)
            #expect(index.nearest(to: name) == expected, "\(name)")
            if expected != nil { matched += 1 }
        }
        // The names exercise matches and refusals alike.
        #expect(matched > 50 && matched < Self.names.count - 50, "\(matched) of \(Self.names.count)")
    }

    @Test func eachWayOfBeingNearFindsItsEntry() {
        #expect(UnitName.nearest(to: "青山区财政厅", in: ["青山区财政局", "青山区教育局"]) == "青山区财政局")
        #expect(UnitName.nearest(to: "财政局", in: ["青山区财政局"]) == "青山区财政局")
        #expect(UnitName.nearest(to: "北塘街道青山区财政局", in: ["青山区财政局"]) == "青山区财政局")
        #expect(UnitName.nearest(to: "青山区市场监督管里局", in: ["青山区市场监督管理局"]) == "青山区市场监督管理局")
        #expect(UnitName.nearest(to: "青山区市场监督管局", in: ["青山区市场监督管理局"]) == "青山区市场监督管理局")
        // Two entries near: neither is taken.
        #expect(UnitName.nearest(to: "财政局", in: ["青山区财政局", "临江县财政局"]) == nil)
        // A short own part one character off is another unit; so is another ending on a far name.
        #expect(UnitName.nearest(to: "青山区临江镇", in: ["青山区临溪镇"]) == nil)
        #expect(UnitName.nearest(to: "青山区市场监督管里所", in: ["青山区市场监督管理局"]) == nil)
    }
}
