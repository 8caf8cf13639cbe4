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
        var spans: [(lower: Int, upper: Int)] = []
        for pattern in patterns {
            for range in pattern.matches(in: text) {
                let lower = text.distance(from: text.startIndex, to: range.lowerBound)
                spans.append((lower, lower + text.distance(from: range.lowerBound, to: range.upperBound)))
            }
        }
        guard !spans.isEmpty else { return [] }
        spans.sort { $0.lower < $1.lower }
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
