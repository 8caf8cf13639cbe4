import Foundation

/// Tells a section's kind from its heading's words, by the configured vocabulary.
///
/// The kind comes from words, never from the number: reports skip numbers
/// (`一、` then `四、`) and order sections differently. Where a heading holds
/// words of several kinds (`存在的问题及原因分析`), the word that comes first
/// wins; on a tie the order is other (profile, causes), problems, plans,
/// achievements.
struct SectionClassifier: Sendable {
    private let vocabulary: [(kind: SectionKind, words: [String])]

    init(vocabulary: PipelineConfiguration.SectionVocabulary) {
        self.vocabulary = [
            (.other, vocabulary.other), (.problems, vocabulary.problems),
            (.plans, vocabulary.plans), (.achievements, vocabulary.achievements),
        ]
    }

    func kind(of heading: String) -> SectionKind? {
        kinds(in: heading).first
    }

    /// Every kind the heading's words name, the deciding one first: `存在的问题及下步打算`
    /// names problems, then plans; `存在的短板` names problems only.
    func kinds(in heading: String) -> [SectionKind] {
        var found: [(kind: SectionKind, position: Int, order: Int)] = []
        for (order, (kind, words)) in vocabulary.enumerated() {
            let positions = words.compactMap { word -> Int? in
                guard !word.isEmpty, let range = heading.range(of: word) else { return nil }
                return heading.distance(from: heading.startIndex, to: range.lowerBound)
            }
            if let position = positions.min() { found.append((kind, position, order)) }
        }
        return found.sorted { ($0.position, $0.order) < ($1.position, $1.order) }.map(\.kind)
    }
}
