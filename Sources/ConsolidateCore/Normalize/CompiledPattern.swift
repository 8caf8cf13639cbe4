import Foundation

/// A configured regular expression compiled once per stage value.
///
/// `NSRegularExpression` is immutable once built and documented as safe to
/// use from several threads, so one compiled pattern is shared by the tasks
/// that normalize thousands of files in parallel.
struct CompiledPattern: @unchecked Sendable {
    let source: String
    private let regex: NSRegularExpression

    /// Compiles `pattern`; pipeline files are validated when loaded, so a failure
    /// here is a programming error in a configuration built in code.
    init(_ pattern: String) {
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        } catch {
            preconditionFailure("invalid regular expression in the pipeline configuration: \(pattern)")
        }
        source = pattern
    }

    /// The ranges of every match in `text`, in order.
    func matches(in text: String) -> [Range<String.Index>] {
        let whole = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.matches(in: text, options: [], range: whole).compactMap { match in
            guard match.range.length > 0 else { return nil }
            return Range(match.range, in: text)
        }
    }

    func firstMatch(in text: String) -> Range<String.Index>? {
        let whole = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = regex.firstMatch(in: text, options: [], range: whole), match.range.length > 0 else {
            return nil
        }
        return Range(match.range, in: text)
    }
}
