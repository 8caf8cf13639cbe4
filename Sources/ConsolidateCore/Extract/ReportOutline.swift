/// A readable dump of a `UnitReport`: header, sections and items indented by
/// depth, counts, placeholders, residue and warnings, each with its paragraph.
///
/// For golden tests of the Extract stage and for a person checking what was
/// read from a file; one line per thing, stable for the same input.
public enum ReportOutline {
    /// Characters of an item's text shown after its heading.
    static let excerptLength = 24

    public static func text(of report: UnitReport) -> String {
        var lines: [String] = []
        let period = report.period.chineseName.isEmpty ? "-" : report.period.chineseName
        lines.append("title: \(report.title)")
        lines.append("unit: \(report.unit)  period: \(period)")
        for section in report.sections {
            lines.append("[\(section.kind.rawValue)] \(section.label)\(section.heading)\(at(section.location))")
            if !section.intro.isEmpty {
                lines.append("  intro: " + String(section.intro.prefix(excerptLength))
                    + (section.intro.count > excerptLength ? "…" : ""))
            }
            append(section.items, depth: 1, to: &lines)
        }
        for metric in report.metrics {
            let value = metric.value.map(String.init) ?? "?"
            lines.append("count: \(metric.activity) = \(value)\(metric.unit)\(metric.approx ? " (approx)" : "") «\(metric.text)»\(at(metric.location))")
        }
        for placeholder in report.placeholders {
            lines.append("placeholder: «\(placeholder.text)»\(at(placeholder.location))")
        }
        for residue in report.residue {
            lines.append("residue [\(residue.rule)]: «\(residue.text)»\(at(residue.location))")
        }
        for warning in report.warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func append(_ items: [Item], depth: Int, to lines: inout [String]) {
        for item in items {
            var words = item.label + item.heading
            if !item.text.isEmpty {
                words += (item.heading.isEmpty ? "" : " — ") + String(item.text.prefix(excerptLength))
                    + (item.text.count > excerptLength ? "…" : "")
            }
            lines.append(String(repeating: "  ", count: depth) + words + at(item.location))
            append(item.items, depth: depth + 1, to: &lines)
        }
    }

    private static func at(_ location: SourceLocation?) -> String {
        location.map { "  @\($0.paragraph)" } ?? ""
    }
}
