import Foundation

/// Undoes censor-avoidance spellings (`D建` → `党建`) and flags those that cannot be undone.
///
/// Template sites write `D建` to slip past filters; the configured pairs turn
/// them back so matching and merging see the real word. A bare `A` standing
/// for a leader's name is not guessed: it is reported to the unit.
struct SpellingRestorer: Sendable {
    private let enabled: Bool
    private let pairs: [(from: String, to: String)]
    private let flags: [(pattern: CompiledPattern, warning: String)]

    init(settings: PipelineConfiguration.SubstitutionSettings) {
        enabled = settings.enabled
        pairs = settings.pairs.filter { !$0.from.isEmpty }.map { ($0.from, $0.to) }
        flags = settings.flags.map { (CompiledPattern($0.pattern), $0.warning) }
    }

    /// The lines with substitutions made, how many were made, and the warnings of flagged spellings.
    func restore(_ lines: [NormalizedLine]) -> (lines: [NormalizedLine], substitutions: Int, warnings: [String]) {
        guard enabled else { return (lines, 0, []) }
        var count = 0
        var flagged: [Int: Int] = [:]
        let restored = lines.map { line -> NormalizedLine in
            var text = line.text
            for pair in pairs where text.contains(pair.from) {
                count += text.components(separatedBy: pair.from).count - 1
                text = text.replacingOccurrences(of: pair.from, with: pair.to)
            }
            for (index, flag) in flags.enumerated() {
                let hits = flag.pattern.matches(in: text).count
                if hits > 0 { flagged[index, default: 0] += hits }
            }
            return NormalizedLine(text: text, location: line.location)
        }
        let warnings = flagged.keys.sorted().map { "\(flags[$0].warning)（\(flagged[$0]!)处）" }
        return (restored, count, warnings)
    }
}
