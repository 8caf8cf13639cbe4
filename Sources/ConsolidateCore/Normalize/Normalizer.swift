import Foundation

/// The Normalize stage: residue removed, placeholders found, lines cleaned.
public struct Normalizer: Sendable {
    public let configuration: PipelineConfiguration

    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
    }

    public func normalize(_ document: RawDocument) -> NormalizedDocument {
        let lines = document.paragraphs
            .filter { $0.location.origin.isMainText }
            .map { NormalizedLine(text: $0.displayText.trimmingCharacters(in: .whitespaces), location: $0.location) }
        return NormalizedDocument(source: document.source, lines: lines, notes: document.notes)
    }
}
