/// Undoes censor-avoidance spellings (`D建` → `党建`) and flags those that cannot be undone.
///
/// Template sites write `D建` to slip past filters; the configured pairs turn
/// them back so matching and merging see the real word. A bare `A` standing
/// for a leader's name is not guessed: it is reported to the unit.
///
/// The pairs are applied in one left-to-right pass over the UTF-8 bytes (where two pairs
/// start at one place, the one listed first wins), with the pairs indexed by first byte:
/// the cost is the line's length, however many pairs there are, and a line without any
/// is returned as it is.
struct SpellingRestorer: Sendable {
    private let enabled: Bool
    private let pairs: [(from: [UInt8], to: [UInt8])]
    /// For each byte value, the indices of the pairs whose `from` starts with it, in order.
    private let pairsByFirstByte: [[Int]]
    private let flags: [(pattern: CompiledPattern, warning: String)]
    /// Which flags a line can match at all.
    private let flagFilter: PatternPrefilter

    init(settings: PipelineConfiguration.SubstitutionSettings) {
        enabled = settings.enabled
        pairs = settings.pairs.filter { !$0.from.isEmpty }.map { (Array($0.from.utf8), Array($0.to.utf8)) }
        var byFirst = [[Int]](repeating: [], count: 256)
        for (index, pair) in pairs.enumerated() { byFirst[Int(pair.from[0])].append(index) }
        pairsByFirstByte = byFirst
        flags = settings.flags.map { (CompiledPattern($0.pattern), $0.warning) }
        flagFilter = PatternPrefilter(patterns: settings.flags.map(\.pattern))
    }

    /// The lines with substitutions made, how many were made, and the warnings of flagged spellings.
    func restore(_ lines: [NormalizedLine]) -> (lines: [NormalizedLine], substitutions: Int, warnings: [String]) {
        guard enabled else { return (lines, 0, []) }
        var count = 0
        var flagged: [Int: Int] = [:]
        let restored = lines.map { line -> NormalizedLine in
            let (text, made) = substituting(line.text)
            count += made
            let candidates = flags.isEmpty ? 0 : flagFilter.candidates(in: text)
            for (index, flag) in flags.enumerated() where PatternPrefilter.contains(candidates, index) {
                let hits = flag.pattern.matches(in: text).count
                if hits > 0 { flagged[index, default: 0] += hits }
            }
            return NormalizedLine(text: text, location: line.location)
        }
        let warnings = flagged.keys.sorted().map { "\(flags[$0].warning)（\(flagged[$0] ?? 0)处）" }
        return (restored, count, warnings)
    }

    /// `text` with every configured spelling replaced, and how many were.
    func substituting(_ text: String) -> (text: String, count: Int) {
        guard !pairs.isEmpty else { return (text, 0) }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var copied = 0
        var count = 0
        var position = 0
        scan: while position < bytes.count {
            for index in pairsByFirstByte[Int(bytes[position])] {
                let from = pairs[index].from
                guard from.count <= bytes.count - position else { continue }
                var length = 1
                while length < from.count, bytes[position + length] == from[length] { length += 1 }
                guard length == from.count else { continue }
                if output.isEmpty { output.reserveCapacity(bytes.count + 64) }
                output.append(contentsOf: bytes[copied..<position])
                output.append(contentsOf: pairs[index].to)
                position += from.count
                copied = position
                count += 1
                continue scan
            }
            position += 1
        }
        guard count > 0 else { return (text, 0) }
        output.append(contentsOf: bytes[copied...])
        return (String(decoding: output, as: UTF8.self), count)
    }
}
