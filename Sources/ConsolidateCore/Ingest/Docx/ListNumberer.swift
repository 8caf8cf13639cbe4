/// Renders Word's automatic numbering paragraph by paragraph, as Word counts it.
///
/// Word keeps one counter per list and level. A list is the abstract definition:
/// `w:num` instances that share a `w:abstractNum` continue each other's counting. An
/// instance that overrides a level's start (`w:startOverride`) restarts the shared counter
/// at its first paragraph of that level, and the list's other instances count on from there
/// (a restarted "1." followed by paragraphs numbered through their style read 1., 2., 3.).
/// Advancing a level resets the deeper levels, except those whose `w:lvlRestart` says otherwise.
struct ListNumberer {
    let numbering: WordNumbering
    let styles: WordStyles
    /// Current value per list key and level; nil where the level has not been used since its last reset.
    private var counters: [String: [Int?]] = [:]
    /// Instance and level pairs whose start override has taken effect.
    private var restarted: Set<String> = []

    init(numbering: WordNumbering, styles: WordStyles) {
        self.numbering = numbering
        self.styles = styles
    }

    /// The number shown before a paragraph with these properties, suffix included, or "".
    mutating func number(paragraphProperties: XMLElement?) -> String {
        let styleID = paragraphProperties?.wordValue("pStyle")
        let direct = paragraphProperties?.wordChild("numPr")
        let inherited = styles.numbering(forParagraphStyle: styleID)
        guard let numberingID = direct?.wordValue("numId") ?? inherited.numberingID,
              numberingID != "0",
              let instance = numbering.instances[numberingID],
              let list = numbering.levelsOwner(of: instance, styles: styles) else { return "" }

        let linkedStyle = inherited.linkedStyle ?? styleID
        let styleLinkedLevel = list.levels.filter { linkedStyle != nil && $0.value.paragraphStyle == linkedStyle }
            .map(\.key).min()
        let levelIndex = min(max(direct?.wordValue("ilvl").flatMap { Int($0) } ?? inherited.level ?? styleLinkedLevel ?? 0, 0), 8)

        func level(_ index: Int) -> WordNumbering.Level? {
            instance.overrides[index]?.level ?? list.levels[index]
        }
        func start(_ index: Int) -> Int {
            instance.overrides[index]?.startOverride ?? level(index)?.start ?? 0
        }
        guard let current = level(levelIndex) else { return "" }

        let key = "list:" + list.id
        var values = counters[key] ?? Array(repeating: nil, count: 9)
        if let override = instance.overrides[levelIndex]?.startOverride,
           restarted.insert(instance.id + ":" + String(levelIndex)).inserted {
            values[levelIndex] = override
        } else {
            values[levelIndex] = values[levelIndex].map { $0 + 1 } ?? start(levelIndex)
        }
        for deeper in (levelIndex + 1)..<9 {
            // w:lvlRestart names the 1-based level after which this one starts again; 0 never does.
            // Without it, any shallower level restarts it.
            switch level(deeper)?.restart {
            case nil: values[deeper] = nil
            case let restart?: if restart > 0 && levelIndex < restart { values[deeper] = nil }
            }
        }
        counters[key] = values

        guard let template = current.text else { return "" }
        let rendered: String
        if current.format == "bullet" {
            rendered = SymbolFont.bullet(template, font: current.font)
        } else {
            rendered = Self.fill(template) { placeholder in
                guard let referenced = level(placeholder) else { return "" }
                let value = values[placeholder] ?? start(placeholder)
                let format = current.isLegal && referenced.format != "none" ? "decimal" : referenced.format
                return NumberFormat.render(value, format: format)
            }
        }
        guard !rendered.isEmpty else { return "" }
        switch current.suffix {
        case "space": return rendered + " "
        case "nothing": return rendered
        default: return rendered + "\t"
        }
    }

    /// Replaces `%1` … `%9` in `template` with the rendered value of that level (0-based for `value`).
    static func fill(_ template: String, value: (Int) -> String) -> String {
        var result = ""
        var characters = template.makeIterator()
        while let character = characters.next() {
            guard character == "%" else { result.append(character); continue }
            guard let next = characters.next() else { result.append(character); break }
            if let digit = next.wholeNumberValue, (1...9).contains(digit), next.isASCII {
                result += value(digit - 1)
            } else {
                result.append(character)
                result.append(next)
            }
        }
        return result
    }
}
