/// The defaults for keys a pipeline file leaves out.
///
/// Vocabularies are empty here: the project's wording of them is
/// `Pipelines/default.yml`, which a department edits. Scalars and limits
/// have working values so a short file stays valid.
extension PipelineConfiguration {
    public static let `default` = PipelineConfiguration(
        version: 1,
        inputs: .default,
        residue: ResidueSettings(rules: []),
        placeholders: PlaceholderSettings(patterns: [], context: 4),
        substitutions: SubstitutionSettings(enabled: true, pairs: []),
        sections: SectionVocabulary(achievements: [], problems: [], plans: [], other: []),
        metrics: MetricVocabulary(activities: [], measureWords: [], formulas: [], approxMarkers: []),
        problems: ProblemTaxonomy(categories: [], fallback: "other", exampleThreshold: 0.12),
        themes: [],
        merge: .default,
        render: .default
    )
}

extension PipelineConfiguration.Inputs {
    public static let `default` = PipelineConfiguration.Inputs(
        extensions: ["docx", "docm", "dotx", "txt", "doc", "wps", "pdf"],
        maxFileBytes: 50 * 1024 * 1024,
        maxEntryBytes: 200 * 1024 * 1024,
        maxDocumentBytes: 100 * 1024 * 1024,
        maxXMLElements: 4_000_000,
        maxXMLDepth: 256,
        fileTimeLimitSeconds: 30,
        converters: PipelineConfiguration.Converters(libreOffice: "soffice", pdfToText: "pdftotext", timeoutSeconds: 120)
    )
}

extension PipelineConfiguration.MergeSettings {
    public static let `default` = PipelineConfiguration.MergeSettings(
        similarity: 0.5, containment: 0.8, distinctiveLimit: 30, copySimilarity: 0.85, maxFigure: 10_000_000)
}

extension PipelineConfiguration.RenderSettings {
    public static let `default` = PipelineConfiguration.RenderSettings(
        area: "", outputs: Renderer.outputs, summaryTemplate: "")
}
