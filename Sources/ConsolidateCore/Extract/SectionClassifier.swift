import Foundation

/// Tells a section's kind from its heading's words, by the configured vocabulary.
///
/// The kind comes from words, never from the number: reports skip numbers
/// (`一、` then `四、`) and order sections differently. Where a heading holds
/// words of several kinds (`存在的问题及原因分析`), the word that comes first
/// wins; on a tie the order is other (profile, causes), problems, plans,
/// achievements.
///
/// Beside a problems or plans word, an achievements word counts only where it
/// names a part: at the heading's end or before a conjunction (`主要成效及存在的问题`).
/// Elsewhere a shortcoming is said of it (`经验不足`, `在肯定成绩的同时，还存在差距`,
/// `虽取得一定成效，但…不足`), and the heading is about problems.
struct SectionClassifier: Sendable {
    /// Each kind's words, compiled once, in the order that breaks ties.
    private let vocabulary: [(kind: SectionKind, words: ScalarWords)]
    private let achievementsWords: ScalarWords

    /// What may follow an achievements word that names a part of a combined heading.
    private static let conjunctions = ScalarWords(["及", "和", "与", "暨", "、", "以及"])

    init(vocabulary: PipelineConfiguration.SectionVocabulary) {
        func compiled(_ words: [String]) -> ScalarWords { ScalarWords(words.filter { !$0.isEmpty }) }
        self.vocabulary = [
            (.other, compiled(vocabulary.other)), (.problems, compiled(vocabulary.problems)),
            (.plans, compiled(vocabulary.plans)), (.achievements, compiled(vocabulary.achievements)),
        ]
        achievementsWords = compiled(vocabulary.achievements)
    }

    func kind(of heading: String) -> SectionKind? {
        kinds(in: heading).first
    }

    /// Every kind the heading's words name, the deciding one first: `存在的问题及下步打算`
    /// names problems, then plans; `存在的短板` names problems only.
    func kinds(in heading: String) -> [SectionKind] {
        let scalars = heading.scalarArray
        var found: [(kind: SectionKind, position: Int, order: Int)] = []
        for (order, (kind, words)) in vocabulary.enumerated() {
            if let position = words.firstOffset(in: scalars) { found.append((kind, position, order)) }
        }
        if found.contains(where: { $0.kind == .problems || $0.kind == .plans }),
           let index = found.firstIndex(where: { $0.kind == .achievements }) {
            if let position = namedAchievementsPosition(in: scalars) {
                found[index].position = position
            } else {
                found.remove(at: index)
            }
        }
        return found.sorted { ($0.position, $0.order) < ($1.position, $1.order) }.map(\.kind)
    }

    /// Where the first achievements word that names a part stands: one the heading ends
    /// with, or followed by a conjunction or by another achievements word (`做法成效`).
    private func namedAchievementsPosition(in heading: [Unicode.Scalar]) -> Int? {
        heading.indices.first { start in
            achievementsWords.lengths(heading, at: start).contains { length in
                let end = start + length
                return end == heading.count || Self.conjunctions.prefixLength(heading, at: end) != nil
                    || achievementsWords.prefixLength(heading, at: end) != nil
            }
        }
    }
}
