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
        var best: (kind: SectionKind, position: Int)?
        for (kind, words) in vocabulary {
            for word in words where !word.isEmpty {
                guard let range = heading.range(of: word) else { continue }
                let position = heading.distance(from: heading.startIndex, to: range.lowerBound)
                if best == nil || position < best!.position { best = (kind, position) }
            }
        }
        return best?.kind
    }
}
