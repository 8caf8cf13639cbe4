/// Removes template-site residue by the configured rules and reports each removal.
///
/// Rules live in the pipeline file, never here: sites change their wording
/// faster than this program is released. A `line` rule drops a whole paragraph
/// only when it is short (`maxLength`) and, where configured, near the
/// document's start or end (`edge`), so a long paragraph of real text that
/// happens to mention a word is never lost. A `tail` rule drops a link heading
/// so, and, in the document's second half, the short paragraphs under it (the
/// titles a site links to) up to the first longer one.
struct ResidueRemover: Sendable {
    private struct Rule: Sendable {
        var id: String
        var pattern: CompiledPattern
        var action: PipelineConfiguration.ResidueAction
        var maxLength: Int?
        var edge: Int?
        var warning: String?
    }

    /// What remains of the lines, what was removed, and the warnings of the rules that matched.
    struct Outcome: Sendable {
        var lines: [NormalizedLine]
        var residue: [Residue]
        var warnings: [String]
    }

    private let rules: [Rule]
    /// Which rules a line can match at all, by the scalars each rule's matches must contain.
    private let prefilter: PatternPrefilter

    init(settings: PipelineConfiguration.ResidueSettings) {
        rules = settings.rules.map {
            Rule(id: $0.id, pattern: CompiledPattern($0.pattern), action: $0.action,
                 maxLength: $0.maxLength, edge: $0.edge, warning: $0.warning)
        }
        prefilter = PatternPrefilter(patterns: settings.rules.map(\.pattern))
    }

    func remove(from lines: [NormalizedLine]) -> Outcome {
        var kept: [NormalizedLine] = []
        var residue: [Residue] = []
        var warnings: [String] = []
        // The `tail` rule whose link heading was removed, while the titles under it follow.
        var links: Rule?
        for (index, line) in lines.enumerated() {
            if FileDeadline.passed { break }
            if let rule = links {
                if rule.maxLength.map({ Self.hasAtMost($0, characters: line.text) }) ?? true {
                    residue.append(Residue(text: line.text, rule: rule.id, location: line.location))
                    continue
                }
                links = nil
            }
            let distanceToEdge = min(index, lines.count - 1 - index)
            var text = line.text
            var dropped = false
            // Asked again after a span is removed: the removal can bring a word's halves together.
            var candidates = prefilter.candidates(in: text)
            for (ruleIndex, rule) in rules.enumerated() {
                if let edge = rule.edge, distanceToEdge >= edge { continue }
                guard PatternPrefilter.contains(candidates, ruleIndex) else { continue }
                switch rule.action {
                case .span:
                    let ranges = rule.pattern.matches(in: text)
                    guard !ranges.isEmpty else { continue }
                    residue += ranges.map { Residue(text: String(text[$0]), rule: rule.id, location: line.location) }
                    text = Self.removing(ranges, from: text).trimmingWhitespace()
                    candidates = prefilter.candidates(in: text)
                case .line, .tail:
                    guard rule.maxLength.map({ Self.hasAtMost($0, characters: text) }) ?? true,
                          rule.pattern.firstMatch(in: text) != nil else { continue }
                    residue.append(Residue(text: text, rule: rule.id, location: line.location))
                    dropped = true
                    // Titles follow a heading at the end; at the start the report's own title would.
                    if rule.action == .tail, lines.count - 1 - index < index { links = rule }
                }
                if let warning = rule.warning, !warnings.contains(warning) { warnings.append(warning) }
                if dropped || text.isEmpty { break }
            }
            if !dropped, !text.isEmpty {
                kept.append(NormalizedLine(text: text, location: line.location))
            }
        }
        return Outcome(lines: kept, residue: residue, warnings: warnings)
    }

    /// `text` without the ordered, non-overlapping `ranges`, built in one pass (removing
    /// them one by one moves the rest of a long line once per match).
    static func removing(_ ranges: [Range<String.Index>], from text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var start = text.startIndex
        for range in ranges where range.lowerBound >= start {
            result += text[start..<range.lowerBound]
            start = range.upperBound
        }
        result += text[start...]
        return result
    }

    /// Whether `text` has at most `limit` characters, counting no further than the limit.
    static func hasAtMost(_ limit: Int, characters text: String) -> Bool {
        text.hasAtMost(limit)
    }
}
