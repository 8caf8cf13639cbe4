/// Finds unfilled placeholders (`XX局`, `x次`, `*个支部`) by the configured patterns.
///
/// A placeholder is reported with a little context on each side so a person
/// sees which figure or name is missing; matches at most one character apart
/// (`X+X`, `XX镇XX村`) are one placeholder, others are counted one by one.
struct PlaceholderFinder: Sendable {
    private let patterns: [CompiledPattern]
    private let context: Int

    init(settings: PipelineConfiguration.PlaceholderSettings) {
        patterns = settings.patterns.map(CompiledPattern.init)
        context = max(0, settings.context)
    }

    func placeholders(in line: NormalizedLine) -> [Placeholder] {
        let text = line.text
        var ranges: [Range<String.Index>] = []
        for pattern in patterns { ranges += pattern.matches(in: text) }
        guard !ranges.isEmpty else { return [] }
        // Character offsets by one walk over the sorted matches: measuring each match from the
        // start of the line would cost the line's length per match (quadratic on a long line
        // full of placeholders).
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var spans: [(lower: Int, upper: Int)] = []
        var cursor = text.startIndex, offset = 0
        for range in ranges {
            offset += text.distance(from: cursor, to: range.lowerBound)
            cursor = range.lowerBound
            spans.append((offset, offset + text.distance(from: range.lowerBound, to: range.upperBound)))
        }
        let characters = Array(text)
        var merged: [(lower: Int, upper: Int)] = []
        for span in spans {
            if let last = merged.last, span.lower <= last.upper + 1 {
                merged[merged.count - 1].upper = max(last.upper, span.upper)
            } else {
                merged.append(span)
            }
        }
        return merged.map { span in
            let lower = max(0, span.lower - context), upper = min(characters.count, span.upper + context)
            return Placeholder(text: String(characters[lower..<upper]), location: line.location)
        }
    }
}
