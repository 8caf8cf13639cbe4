@testable import ConsolidateCore

/// Reads a small report written for these tests through Normalize and Extract.
enum ExtractFixtures {
    static func report(_ text: String, unitHint: String? = nil) -> UnitReport {
        let normalized = NormalizeFixtures.normalize(text)
        return Extractor(configuration: NormalizeFixtures.configuration).extract(normalized, unitHint: unitHint)
    }

    static func metrics(_ sentence: String) -> [Metric] {
        MetricReader(vocabulary: NormalizeFixtures.configuration.metrics)
            .metrics(in: NormalizedLine(text: sentence, location: SourceLocation(paragraph: 1)))
    }

    /// An item's numbering and heading, or its text where it has no heading.
    static func outline(_ items: [Item]) -> [String] {
        items.map { $0.label + ($0.heading.isEmpty ? String($0.text.prefix(8)) : $0.heading) }
    }
}
