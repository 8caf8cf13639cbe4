/// The reporting unit's name, read from the title, a signature, the opening and the text.
///
/// An organisation name is a run of characters ending in an organisation word (`局`, `中心`,
/// `街道`, `党支部`…), with the party body after it kept (`财政局党组`). A mention counts only
/// where it stands as a name: at a clause's start before what it did (`某某社区成立…`), before a
/// position in a signature (`…党总支书记 张三`), or defined (`某某公司（以下简称公司）`) — never
/// the superior a clause names (`在县委组织部的指导下`), a role (`作为基层人民法院`) or a kind
/// of unit in general (`基层党支部`, `各党支部`).
extension HeaderReader {
    /// Endings of organisation names, longest first so `组织部` wins over `部`.
    static let organisationEndings: [String] = [
        "街道办事处", "委员会", "办公室", "组织部", "宣传部", "统战部", "党工委", "党总支", "党支部", "幼儿园", "合作社",
        "工委", "党委", "党组", "总支", "支部", "中心", "街道", "公司", "集团", "学校", "学院", "大学",
        "中学", "小学", "医院", "法院", "检察院", "社区", "局", "委", "办", "厅", "处", "镇", "乡", "村", "所", "站", "院",
        "馆", "旗", "县", "区", "厂", "队", "园", "校",
    ]
    /// Party bodies that follow a unit's name and belong to it (`财政局党组`, `医院党支部`).
    static let partyBodies = ["党总支", "党支部", "党工委", "党委", "党组", "总支", "支部", "机关党委"]
    /// What may follow a unit's name at a clause's start: what it did, where, how.
    private static let predicates: [String] = [
        "通过", "坚持", "始终", "认真", "紧紧", "紧扣", "以", "在", "深入", "按照", "围绕", "全面", "积极", "把", "持续",
        "不断", "着力", "高度", "聚焦", "牢牢", "严格", "切实", "扎实", "立足", "进一步", "全体", "结合", "成立", "现有",
        "共有", "下设", "召开", "组织", "制定", "建立", "根据", "采取", "开展", "强化", "加强", "注重", "大力", "狠抓",
        "抓", "推进", "推动", "充分", "努力", "按时", "先后", "共", "已", "还", "也", "于", "对", "从", "将", "是",
        "要", "各项", "领导班子", "班子", "书记", "副书记", "主任", "局长", "院长", "校长", "站长", "所长", "委员",
        "内设", "目前", "今年", "本年", "上半年", "全年", "一年来", "半年来", "今年以来", "自", "年初", "党员",
        // `某某学院党的基层建制`, `某某公司党组织`: the unit's own party organisation.
        "党的", "党组织", "基层党组织",
    ]
    /// Positions that follow a unit's name in a signature (`某某村党总支书记 张三`).
    private static let positions = ["书记", "副书记", "主任", "局长", "院长", "校长", "站长", "所长", "组长", "委员"]
    /// Openings of a clause that come before its subject (`今年以来，`, `2023年，`).
    private static let clauseOpeners: [String] = [
        "今年以来", "近年来", "多年来", "一年来", "半年来", "上半年", "下半年", "今年", "去年", "目前", "当前", "同时",
        "此外", "另外", "其中", "总之", "首先", "其次", "最后", "为此", "对此", "近期", "截至目前", "本年度", "年初以来",
        "我们", "现将", "现就", "就", "按照", "根据", "本文拟以", "拟以", "以",
    ]
    /// Words before a name that make it someone else's or no one's (`作为基层人民法院`, `各党支部`).
    private static let disqualifyingStarts = ["作为", "各", "全", "每", "基层", "各级", "上级", "下属", "所属", "广大", "其他",
                                               "本级", "该", "此", "有关",
                                               // a clause that opens with what was done names no one (`深化学校领导班子建设`)
                                               "深化", "加强", "强化", "推进", "推动", "落实", "完善", "健全", "提升", "建立",
                                               "建设", "开展", "抓好", "做好", "坚持", "创建", "打造", "规范", "注重", "发挥",
                                               "组织", "召开", "成立", "指导", "督促", "带领", "引导", "联系", "走访", "服务"]

    /// The vocabularies above compiled once for scanning scalars.
    private static let endingWords = ScalarWords(organisationEndings)
    private static let bodyWords = ScalarWords(partyBodies)
    private static let predicateWords = ScalarWords(predicates)
    private static let openerWords = ScalarWords(clauseOpeners)
    private static let disqualifying = ScalarWords(disqualifyingStarts)
    private static let topicWords = ScalarWords(titleTopicList)
    private static let breakWords = ScalarWords(nameBreakList)
    /// Organisation words of two or more characters other than party bodies (`组织部`, `委员会`).
    private static let longEndingWords = ScalarWords(organisationEndings.filter { $0.count >= 2 && !partyBodies.contains($0) })

    /// The unit and where its name was read. Each source is read only when the ones before it
    /// leave the question open.
    static func unit(title: String, linesBeforeTitle: [String], body: [String], ending: [String])
        -> (String, UnitEvidence) {
        let titled = unit(inTitle: title) ?? unit(inTitle: droppingPeriod(title))
            ?? linesBeforeTitle.last.flatMap { line in isNameLine(line) ? line.trimmingWhitespace() : nil }
        let signed = (body.prefix(3) + ending).lazy.compactMap(signature).first
        let opening = body.prefix(12).joined(separator: "\n")
        // Each looked for only where the answer may rest on it, in the order it weighs: the text's
        // definitions of the unit, then the subjects of its opening clauses.
        let defined = { definitions(in: body.prefix(40).joined(separator: "\n")) }
        let subjects = { self.subjects(in: opening) }

        if let titled {
            // `学校党支部` in the title, `某某小学党支部` in the text: the text names it.
            if let named = defined().first(where: { refines($0, titled) }) ?? subjects().first(where: { refines($0, titled) })
                ?? signed.flatMap({ refines($0, titled) ? $0 : nil }) {
                return (named, .title)
            }
            if isGeneric(titled), let named = mentions(in: opening).first(where: { refinesKind($0, titled) }) {
                return (named, .title)
            }
            // `专业合作社党建工作汇报` whose text says `我镇的专业合作社`: the title names what the report
            // is about, units the author holds, and the author is the one holding them.
            if isGeneric(titled), let holder = holder(of: titled, in: opening) { return (holder, .pronoun) }
            return (titled, .title)
        }
        if let signed { return (signed, .signature) }
        if let first = defined().first { return (first, .definition) }
        if let first = subjects().first { return (first, .opening) }
        if let own = pronounUnit(in: body.prefix(40).joined()) { return (own, .pronoun) }
        return ("", .none)
    }

    /// Whether `candidate` names more particularly the unit `titled` names (`戎苑社区` for `社区`,
    /// `医院党支部` for `医院`, `某某小学党支部` for `学校党支部`).
    private static func refines(_ candidate: String, _ titled: String) -> Bool {
        guard candidate != titled, candidate.count > titled.count else { return false }
        if candidate.hasSuffix(titled) || candidate.hasPrefix(titled) { return true }
        return isGeneric(titled) && refinesKind(candidate, titled)
    }

    /// Whether `candidate` is a particular unit of the kind `titled` names, with the same party body.
    private static func refinesKind(_ candidate: String, _ titled: String) -> Bool {
        guard candidate != titled, candidate.count > titled.count, let family = kindFamily(titled), kindFamily(candidate) == family else { return false }
        return partyBodies.contains { titled.hasSuffix($0) && candidate.hasSuffix($0) }
    }

    /// Kinds of unit that may stand for one another (`学校` for `某某小学`).
    private static let kindFamilies: [[String]] = [
        ["学校", "小学", "中学", "大学", "学院", "幼儿园", "校", "园"], ["医院", "卫生院"], ["法院"], ["检察院"], ["社区"],
        ["街道"], ["村"], ["镇", "乡"], ["局"], ["公司", "集团", "企业"], ["中心"],
    ]

    /// The family of the kind a name ends with, its party body set aside.
    private static func kindFamily(_ name: String) -> Int? {
        let scalars = Array(name.unicodeScalars)
        let rest = scalars.dropLast(partyBodyLength(scalars)).string
        var best: (family: Int, length: Int)?
        for (family, words) in kindFamilies.enumerated() {
            for word in words where rest.hasSuffix(word) && word.count > (best?.length ?? 0) { best = (family, word.count) }
        }
        return best?.family
    }

    /// How many of `name`'s last scalars are the party body it ends with (`党支部` of `村党支部`, the
    /// longest that fits), where a name is left before it; 0 where none.
    private static func partyBodyLength(_ name: [Unicode.Scalar]) -> Int {
        guard let length = bodyWords.suffixLength(name, endingAt: name.count), length < name.count else { return 0 }
        return length
    }

    /// A name made of kinds of unit only (`学校党支部`, `医院`, `我村`): it names no particular unit.
    static func isGeneric(_ name: String) -> Bool { UnitName.isGeneric(name) }

    /// A line that is only an organisation's name (`中共某某区财政局党组`), above a title.
    static func isNameLine(_ line: String) -> Bool {
        let text = line.trimmingWhitespace()
        guard !text.hasAtMost(2), text.hasAtMost(24), isTitleShaped(text) || text.hasAtMost(4) else { return false }
        let scalars = text.scalarArray
        return endingWords.ends(scalars) && !disqualifying.starts(scalars)
    }

    /// The organisation a title opens with, before its period or topic (`某某局党组2023年…`,
    /// `医院党委教育发展总结`, `奈曼旗公安局召开…`).
    static func unit(inTitle title: String) -> String? {
        var scalars = Array(title.trimmingWhitespace().unicodeScalars.prefix(32))
        for opener in ["关于", "中共"] where scalars.starts(with: opener.unicodeScalars) { scalars.removeFirst(2) }
        let stops: Set<Unicode.Scalar> = ["“", "\"", "《", "（", "(", "【", " "]
        let stop = scalars.indices.first { index in
            let scalar = scalars[index]
            return ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar) || stops.contains(scalar)
                || topicWords.prefixLength(scalars, at: index) != nil
        } ?? min(scalars.count, 30)
        guard stop >= 2 else { return nil }
        // The longest organisation name before the topic.
        guard let end = stride(from: stop, through: 2, by: -1).first(where: { endingWords.suffixLength(scalars, endingAt: $0) != nil })
        else { return nil }
        let unit = Array(scalars[..<end])
        if disqualifying.starts(unit) || unit.count < 2 { return nil }
        return unit.string
    }

    /// Words that begin a title's topic, after the unit's name.
    private static let titleTopicList: [String] = [
        "党建", "工作", "基层", "机关", "年度", "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度", "全年",
        "关于", "召开", "开展", "推进", "落实", "加强", "专题", "教育", "发展", "班子", "组织生活", "两个", "两新",
        "总结", "汇报", "报告", "情况", "述职", "调研", "二〇", "二○", "党风", "意识形态", "主题", "理论学习",
    ]



    /// The unit of a signature line: a name before a position and a person's name
    /// (`某某村党总支书记 张三`), or a name alone on a short line.
    static func signature(_ line: String) -> String? {
        // Scalars throughout: the line is at most 30 of them, every mark and word tested is
        // scalars, and a position is found by a plain scan rather than a Foundation search.
        guard let text = line.trimmedScalars(limit: 30), text.count >= 3,
              !text.contains(where: { $0 == "，" || $0 == "。" || $0 == "," || $0 == "；" || $0 == ";" }) else { return nil }
        for position in positionScalars {
            guard let at = text.firstOffset(of: position) else { continue }
            // After the position, a person's name or nothing: `…书记抓党建述职报告` is a title.
            let person = Array(text[(at + position.count)...].trimmingWhiteSpaceScalars())
            guard person.count <= 5, !titleWordSet.occurs(in: person) else { continue }
            let name = Array(text[..<at].trimmingWhiteSpaceScalars())
            guard name.count >= 2, endingWords.ends(name), !disqualifying.starts(name),
                  !name.contains(where: \.isWhiteSpaceScalar) else { continue }
            return name.string
        }
        return nil
    }

    /// `positions` as scalars, in their order.
    private static let positionScalars = positions.map(\.scalarArray)

    /// Organisations that are the subject of a clause (`某某社区成立…`, `2023年，医院党支部在…`).
    static func subjects(in text: String) -> [String] {
        var found: [String] = []
        let scalars = text.scalarArray
        var start = 0
        while start < scalars.count {
            var end = start
            while end < scalars.count && !isClauseSeparator(scalars[end]) { end += 1 }
            defer { start = end + 1 }
            var clause = Array(scalars[start..<end].drop { $0.isWhiteSpaceScalar })
            guard clause.count >= 3 else { continue }
            // `在市委组织部的精心指导下`: the superior, not the unit.
            if clause[0] == "在", clause.last == "下" || clause.contains(word: leadWord) || clause.contains(word: guideWord) {
                continue
            }
            if let numbering = Numbering.scan(clause) { clause = Array(clause[numbering.restStart...]) }
            clause = strippingOpeners(clause)
            if disqualifying.starts(clause) || clause.first == "我" { continue }
            guard let name = name(openingClause: Array(clause.prefix(30))), !found.contains(name) else { continue }
            found.append(name)
        }
        return found
    }

    /// What parts the clauses of an opening: a comparison of values, not a hashed lookup per scalar.
    private static func isClauseSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "，", ",", "。", "；", ";", "：", ":", "！", "!", "？", "?", "\n": true
        default: false
        }
    }

    private static let leadWord = "领导".scalarArray
    private static let guideWord = "指导".scalarArray

    /// A clause without the time, ordinal or connective it opens with (`一是`, `2023年`, `今年以来`).
    private static func strippingOpeners(_ clause: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var start = 0
        var changed = true
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) || ("０"..."９").contains($0) }
        while changed, start < clause.count {
            changed = false
            if let length = openerWords.prefixLength(clause, at: start), clause.count > start + length + 1 {
                start += length
                changed = true
            }
            // `2023年` `2023年度` `2023年以来` `三是`
            if start + 4 < clause.count, clause[start..<(start + 4)].allSatisfy(isDigit), clause[start + 4] == "年" {
                start += 5
                if start < clause.count, clause[start] == "度" { start += 1 }
                if start + 1 < clause.count, clause[start] == "以", clause[start + 1] == "来" { start += 2 }
                changed = true
            }
            if start + 1 < clause.count, ChineseNumeral.isNumeralScalar(clause[start]), clause[start + 1] == "是" {
                start += 2
                changed = true
            }
            while start < clause.count, clause[start].isWhiteSpaceScalar { start += 1; changed = true }
        }
        return Array(clause[min(start, clause.count)...])
    }

    /// The shortest organisation name a clause opens with that is followed by what it did,
    /// with the party body after it (`医院` + `党支部` + `在…`).
    private static func name(openingClause scalars: [Unicode.Scalar]) -> String? {
        guard scalars.count >= 3, !scalars.prefix(4).contains("我") else { return nil }
        for end in 2..<min(scalars.count, 20) {
            guard endingWords.suffixLength(scalars, endingAt: end) != nil else { continue }
            // `某某区委` + `组织部通过…`: the name goes on to a longer organisation word.
            if longEndingWords.prefixLength(scalars, at: end) != nil { continue }
            let stop = end + (bodyWords.prefixLength(scalars, at: end) ?? 0)
            if stop == scalars.count || predicateWords.prefixLength(scalars, at: stop) != nil {
                return scalars[..<stop].string
            }
        }
        return nil
    }

    /// Organisations a text defines (`现就某某公司（以下简称公司）…`, `本文拟以某某法院为例`).
    static func definitions(in text: String) -> [String] {
        let scalars = text.scalarArray
        var found: [String] = []
        for index in scalars.indices where definitionMarkers.prefixLength(scalars, at: index) != nil {
            if let name = nameEnding(Array(scalars[max(0, index - 20)..<index])) { found.append(name) }
        }
        return found
    }

    private static let definitionMarkers = ScalarWords(["(以下简称", "（以下简称", "为例"])

    /// Organisation names anywhere in a text (`按照某某小学党支部2022年度…`), for making a
    /// title's unit of a kind particular.
    static func mentions(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars.prefix(1200))
        var found: [String] = []
        var index = 0
        while index < scalars.count {
            guard let length = endingWords.prefixLength(scalars, at: index) else { index += 1; continue }
            var stop = index + length
            stop += bodyWords.prefixLength(scalars, at: stop) ?? 0
            if let name = nameEnding(Array(scalars[max(0, stop - 16)..<stop])), !found.contains(name) {
                found.append(name)
            }
            index = stop
        }
        return found
    }

    /// The organisation name `scalars` ends with, back to the word before it.
    private static func nameEnding(_ scalars: [Unicode.Scalar]) -> String? {
        guard let last = scalars.last, last.properties.isIdeographic else { return nil }
        var start = scalars.count
        while start > 0 {
            let scalar = scalars[start - 1]
            guard scalar.properties.isIdeographic || (scalar.isASCII && scalar.properties.isAlphabetic) || scalar == "×"
            else { break }
            if breakWords.suffixLength(scalars, endingAt: start) != nil { break }
            start -= 1
        }
        var name = Array(scalars[start...])
        if let opener = openerWords.prefixLength(name, at: 0), name.count > opener + 1 { name.removeFirst(opener) }
        guard name.count >= 3, endingWords.ends(name), !disqualifying.starts(name), name.first != "我" else { return nil }
        let text = name.string
        return isGeneric(text) ? nil : text
    }

    /// Words that end the text before a name (`按照`, `以`, `的`).
    private static let nameBreakList = [
        "按照", "根据", "作为", "关于", "围绕", "通过", "现就", "拟以", "的", "和", "与", "及", "在", "对", "是", "了",
        "为", "由", "向", "将", "把", "从", "就", "经", "年", "月", "日", "度", "等",
    ]

    /// The unit's own word for itself (`我村`, `我镇`), where nothing names it.
    static func pronounUnit(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars.prefix(3000))
        for index in scalars.indices where scalars[index] == "我" {
            if let length = pronounKinds.prefixLength(scalars, at: index + 1) {
                return scalars[index...(index + length)].string
            }
        }
        return nil
    }

    /// The unit that speaks of the kind `titled` names as its own (`我镇的专业合作社`, `我街道社区党组织`):
    /// `我` and a kind of unit, then `titled` or, where it is two scalars or more, `titled` without its
    /// party body. Never the unit itself with its party body (`我村党支部` for `村党支部`).
    static func holder(of titled: String, in text: String) -> String? {
        let kind = Array(titled.unicodeScalars)
        let core = kind.dropLast(partyBodyLength(kind))
        let held = core.count >= 2 ? Array(core) : kind
        let scalars = Array(text.unicodeScalars.prefix(3000))
        for index in scalars.indices where scalars[index] == "我" {
            guard let length = pronounKinds.prefixLength(scalars, at: index + 1) else { continue }
            var next = index + 1 + length
            if next < scalars.count, scalars[next] == "的" { next += 1 }
            if scalars[next...].starts(with: held) { return scalars[index..<(index + 1 + length)].string }
        }
        return nil
    }

    private static let pronounKinds = ScalarWords(["街道", "社区", "中心", "公司", "支部", "村", "镇", "乡", "县", "区", "局",
                                                   "委", "院", "校", "园", "所", "站", "厂", "馆"])
}
