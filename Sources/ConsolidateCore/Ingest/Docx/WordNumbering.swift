/// The list definitions of `word/numbering.xml`: `w:abstractNum` levels and the `w:num`
/// instances paragraphs refer to.
struct WordNumbering: Sendable {
    /// One level of a list (`w:lvl`).
    struct Level: Sendable, Equatable {
        var start: Int = 0
        var format: String = "decimal"
        /// `w:lvlText`; nil when the level has none (Word then shows no number).
        var text: String?
        /// `tab` (Word's default), `space` or `nothing`.
        var suffix: String = "tab"
        /// `w:isLgl`: every number in the text shown in decimal (legal numbering).
        var isLegal: Bool = false
        /// `w:lvlRestart`: the 1-based level after which this level starts again; 0 never.
        var restart: Int?
        /// `w:pStyle`: the paragraph style that carries this level.
        var paragraphStyle: String?
        /// The ASCII font of the level's number (to read Symbol and Wingdings bullets).
        var font: String?

        init() {}

        init(_ element: XMLElement) {
            if let start = element.wordValue("start").flatMap({ Int($0) }) { self.start = WordNumbering.clamp(start) }
            if let format = element.wordValue("numFmt") {
                self.format = format
            } else if let format = WordNumbering.alternateFormat(element) {
                self.format = format
            }
            text = element.wordValue("lvlText") ?? (element.wordChild("lvlText") == nil ? nil : "")
            if let suffix = element.wordValue("suff") { self.suffix = suffix }
            isLegal = element.wordToggle("isLgl")
            restart = element.wordValue("lvlRestart").flatMap { Int($0) }
            paragraphStyle = element.wordValue("pStyle")
            let fonts = element.wordChild("rPr")?.wordChild("rFonts")
            font = fonts?.attributes["ascii"] ?? fonts?.attributes["hAnsi"]
        }
    }

    /// Start values as Word accepts them (0 to 32767); a hostile value can then neither
    /// overflow the counter nor ask for a billion-letter number.
    static func clamp(_ start: Int) -> Int {
        min(max(start, 0), 32767)
    }

    /// Word 2010 writes custom number formats as alternate content: a `w:numFmt w:val="custom"
    /// w:format="01, 02, 03, ..."` Choice and a plain Fallback. `01, 02…` is read as `decimalZero`;
    /// any other custom format takes the Fallback.
    private static func alternateFormat(_ level: XMLElement) -> String? {
        guard let alternate = level.elements.first(where: { $0.namespace == .markupCompatibility && $0.name == "AlternateContent" })
        else { return nil }
        for branch in alternate.elements where branch.namespace == .markupCompatibility && branch.name == "Choice" {
            if let numFmt = branch.wordChild("numFmt"), numFmt.attributes["val"] == "custom",
               numFmt.attributes["format"]?.hasPrefix("01,") == true {
                return "decimalZero"
            }
        }
        let fallback = alternate.elements.first { $0.namespace == .markupCompatibility && $0.name == "Fallback" }
        return fallback?.wordValue("numFmt")
    }

    /// `w:abstractNum`: the shared definition of a list's levels.
    struct AbstractList: Sendable {
        let id: String
        let levels: [Int: Level]
        /// `w:numStyleLink`: the levels live in the list that `w:styleLink`s this numbering style.
        let numberingStyleLink: String?
        let styleLink: String?
    }

    /// `w:lvlOverride` in a `w:num`.
    struct LevelOverride: Sendable {
        let startOverride: Int?
        let level: Level?
    }

    /// `w:num`: what a paragraph's `w:numId` names.
    struct Instance: Sendable {
        let id: String
        let abstractID: String
        let overrides: [Int: LevelOverride]
    }

    let abstractLists: [String: AbstractList]
    let instances: [String: Instance]

    init(root: XMLElement?) {
        var abstractLists: [String: AbstractList] = [:]
        var instances: [String: Instance] = [:]
        for element in root?.wordChildren("abstractNum") ?? [] {
            guard let id = element.attributes["abstractNumId"] else { continue }
            var levels: [Int: Level] = [:]
            for level in element.wordChildren("lvl") {
                guard let index = level.attributes["ilvl"].flatMap({ Int($0) }) else { continue }
                levels[index] = Level(level)
            }
            abstractLists[id] = AbstractList(id: id, levels: levels,
                                             numberingStyleLink: element.wordValue("numStyleLink"),
                                             styleLink: element.wordValue("styleLink"))
        }
        for element in root?.wordChildren("num") ?? [] {
            guard let id = element.attributes["numId"], let abstractID = element.wordValue("abstractNumId") else { continue }
            var overrides: [Int: LevelOverride] = [:]
            for override in element.wordChildren("lvlOverride") {
                guard let index = override.attributes["ilvl"].flatMap({ Int($0) }) else { continue }
                overrides[index] = LevelOverride(
                    startOverride: override.wordValue("startOverride").flatMap { Int($0) }.map(WordNumbering.clamp),
                    level: override.wordChild("lvl").map(Level.init))
            }
            instances[id] = Instance(id: id, abstractID: abstractID, overrides: overrides)
        }
        self.abstractLists = abstractLists
        self.instances = instances
    }

    /// The abstract list that really holds the levels of `instance`, following
    /// `w:numStyleLink` → numbering style → its `w:numId` → the list with the matching `w:styleLink`.
    func levelsOwner(of instance: Instance, styles: WordStyles) -> AbstractList? {
        var current = abstractLists[instance.abstractID]
        var hops = 0
        while let list = current, let link = list.numberingStyleLink, hops < 8 {
            hops += 1
            if let owner = abstractLists.values.first(where: { $0.styleLink == link && $0.numberingStyleLink == nil }) {
                return owner
            }
            guard let numID = styles.chain(from: link).lazy.compactMap(\.numberingID).first,
                  let next = instances[numID] else { return list }
            current = abstractLists[next.abstractID]
        }
        return current
    }
}
