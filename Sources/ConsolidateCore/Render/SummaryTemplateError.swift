import Mustache

/// A summary template that cannot be used, named by file and line like a compiler's error.
public enum SummaryTemplateError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, column: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): error: [render] cannot read the summary template: \(reason)"
        case let .syntax(file, line, column, reason):
            return "\(file):\(line):\(column): error: [render] the summary template is broken: \(reason); "
                + "fix the template (see Pipelines/templates/summary.md.mustache) and run again"
        }
    }

    /// The parser's error in words a template author understands.
    static func words(for error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a closing tag {{/…}} does not match the section it closes"
        case .unfinishedName?: return "a tag is not closed with }}"
        case .expectedSectionEnd?: return "a section {{#…}} or {{^…}} is never closed with {{/…}}"
        case .invalidSetDelimiter?: return "a delimiter tag {{=… …=}} is malformed"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: return "a pragma {{% … }} is not understood"
        default: return "\(error)"
        }
    }
}
