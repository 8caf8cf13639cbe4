/// A coding key for any string, used to list the keys a mapping really has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws `ConfigurationError.unknownKey` for the first key (in sorted order)
    /// the mapping has that `Keys` does not name, so a misspelt key is never
    /// silently replaced by its default.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        let unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        if let first = unknown.first {
            var path = ""
            for key in codingPath {
                if let index = key.intValue { path += "[\(index)]" } else {
                    path += path.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            throw ConfigurationError.unknownKey(path: path.isEmpty ? first : path + "." + first)
        }
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent. A present value of the wrong type still throws.
    func decode<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}

extension PipelineConfiguration {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.default
        version = try c.decode(.version, or: d.version)
        inputs = try c.decode(.inputs, or: d.inputs)
        residue = try c.decode(.residue, or: d.residue)
        placeholders = try c.decode(.placeholders, or: d.placeholders)
        substitutions = try c.decode(.substitutions, or: d.substitutions)
        sections = try c.decode(.sections, or: d.sections)
        metrics = try c.decode(.metrics, or: d.metrics)
        problems = try c.decode(.problems, or: d.problems)
        themes = try c.decode(.themes, or: d.themes)
        merge = try c.decode(.merge, or: d.merge)
        render = try c.decode(.render, or: d.render)
    }
}

extension PipelineConfiguration.Inputs {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.default
        extensions = try c.decode(.extensions, or: d.extensions)
        maxFileBytes = try c.decode(.maxFileBytes, or: d.maxFileBytes)
        maxEntryBytes = try c.decode(.maxEntryBytes, or: d.maxEntryBytes)
        maxDocumentBytes = try c.decode(.maxDocumentBytes, or: d.maxDocumentBytes)
        maxXMLElements = try c.decode(.maxXMLElements, or: d.maxXMLElements)
        maxXMLDepth = try c.decode(.maxXMLDepth, or: d.maxXMLDepth)
        fileTimeLimitSeconds = try c.decode(.fileTimeLimitSeconds, or: d.fileTimeLimitSeconds)
        converters = try c.decode(.converters, or: d.converters)
    }
}

extension PipelineConfiguration.Converters {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PipelineConfiguration.Inputs.default.converters
        libreOffice = try c.decode(.libreOffice, or: d.libreOffice)
        pdfToText = try c.decode(.pdfToText, or: d.pdfToText)
        timeoutSeconds = try c.decode(.timeoutSeconds, or: d.timeoutSeconds)
    }
}

extension PipelineConfiguration.ResidueRule {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        pattern = try c.decode(String.self, forKey: .pattern)
        action = try c.decode(.action, or: .span)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        edge = try c.decodeIfPresent(Int.self, forKey: .edge)
        warning = try c.decodeIfPresent(String.self, forKey: .warning)
    }
}

extension PipelineConfiguration.ResidueSettings {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rules = try c.decode(.rules, or: [])
    }
}

extension PipelineConfiguration.PlaceholderSettings {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PipelineConfiguration.default.placeholders
        patterns = try c.decode(.patterns, or: d.patterns)
        context = try c.decode(.context, or: d.context)
        nameWords = try c.decode(.nameWords, or: d.nameWords)
    }
}

extension PipelineConfiguration.Substitution {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
    }
}

extension PipelineConfiguration.SubstitutionSettings {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decode(.enabled, or: true)
        pairs = try c.decode(.pairs, or: [])
        flags = try c.decode(.flags, or: [])
    }
}

extension PipelineConfiguration.SpellingFlag {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pattern = try c.decode(String.self, forKey: .pattern)
        warning = try c.decode(String.self, forKey: .warning)
    }
}

extension PipelineConfiguration.SectionVocabulary {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        achievements = try c.decode(.achievements, or: [])
        problems = try c.decode(.problems, or: [])
        plans = try c.decode(.plans, or: [])
        other = try c.decode(.other, or: [])
        closing = try c.decode(.closing, or: [])
    }
}

extension PipelineConfiguration.Activity {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decode(.aliases, or: [])
        main = try c.decode(.main, or: false)
        units = try c.decode(.units, or: [])
    }
}

extension PipelineConfiguration.MetricVocabulary {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        activities = try c.decode(.activities, or: [])
        measureWords = try c.decode(.measureWords, or: [])
        formulas = try c.decode(.formulas, or: [])
        approxMarkers = try c.decode(.approxMarkers, or: [])
        approxPrefixes = try c.decode(.approxPrefixes, or: [])
        falseMeasures = try c.decode(.falseMeasures, or: [])
        frequencyMarkers = try c.decode(.frequencyMarkers, or: [])
        leadingWords = try c.decode(.leadingWords, or: [])
        thresholdMarkers = try c.decode(.thresholdMarkers, or: [])
        multiYearMarkers = try c.decode(.multiYearMarkers, or: [])
        formulaVerbs = try c.decode(.formulaVerbs, or: [])
    }
}

extension PipelineConfiguration.ProblemCategory {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(String.self, forKey: .label)
        keywords = try c.decode(.keywords, or: [])
        examples = try c.decode(.examples, or: [])
    }
}

extension PipelineConfiguration.ProblemTaxonomy {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PipelineConfiguration.default.problems
        categories = try c.decode(.categories, or: d.categories)
        fallback = try c.decode(.fallback, or: d.fallback)
        exampleThreshold = try c.decode(.exampleThreshold, or: d.exampleThreshold)
    }
}

extension PipelineConfiguration.Theme {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(String.self, forKey: .label)
        keywords = try c.decode(.keywords, or: [])
    }
}

extension PipelineConfiguration.MergeSettings {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.default
        similarity = try c.decode(.similarity, or: d.similarity)
        containment = try c.decode(.containment, or: d.containment)
        distinctiveLimit = try c.decode(.distinctiveLimit, or: d.distinctiveLimit)
        copySimilarity = try c.decode(.copySimilarity, or: d.copySimilarity)
        copyStatementSimilarity = try c.decode(.copyStatementSimilarity, or: d.copyStatementSimilarity)
        profileMarkers = try c.decode(.profileMarkers, or: d.profileMarkers)
        resultMarkers = try c.decode(.resultMarkers, or: d.resultMarkers)
        distinctiveMinimumLength = try c.decode(.distinctiveMinimumLength, or: d.distinctiveMinimumLength)
        maxFigure = try c.decode(.maxFigure, or: d.maxFigure)
    }
}

extension PipelineConfiguration.RenderSettings {
    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.default
        area = try c.decode(.area, or: d.area)
        outputs = try c.decode(.outputs, or: d.outputs)
        summaryTemplate = try c.decode(.summaryTemplate, or: d.summaryTemplate)
        maxUnitsNamed = try c.decode(.maxUnitsNamed, or: d.maxUnitsNamed)
        maxPracticesNamed = try c.decode(.maxPracticesNamed, or: d.maxPracticesNamed)
        maxUnitRows = try c.decode(.maxUnitRows, or: d.maxUnitRows)
    }
}
