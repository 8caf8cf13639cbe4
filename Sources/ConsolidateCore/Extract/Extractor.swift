/// The Extract stage: a normalized document into a `UnitReport`.
public struct Extractor: Sendable {
    public let configuration: PipelineConfiguration

    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
    }

    /// `unitHint` is the unit's name where the roster or the file name tells it.
    public func extract(_ document: NormalizedDocument, unitHint: String?) -> UnitReport {
        UnitReport(source: document.source, unit: unitHint ?? "", title: document.lines.first?.text ?? "",
                   period: Period(year: nil, part: nil), placeholders: document.placeholders,
                   residue: document.residue)
    }
}
