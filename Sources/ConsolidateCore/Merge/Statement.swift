/// What kind of statement a merge input is, which decides the list it joins.
public enum StatementKind: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
    case achievement
    case problem
    case plan
    /// A statement of a profile or other section; listed with the achievements, marked.
    case other
}

/// One leaf item of one unit: the thing the Merge stage groups, classifies and counts.
///
/// Merging works on statements rather than on whole reports so that a
/// consolidation can itself be merged again (a city over its districts): its
/// members turn back into the same statements.
public struct Statement: Sendable, Equatable, Hashable {
    public var kind: StatementKind
    public var unit: String
    public var text: String
    public var source: String?
    public var location: SourceLocation?

    public init(kind: StatementKind, unit: String, text: String, source: String?, location: SourceLocation?) {
        self.kind = kind
        self.unit = unit
        self.text = text
        self.source = source
        self.location = location
    }

    var member: Member { Member(unit: unit, text: text, source: source, location: location) }

    /// The leaf statements of a received unit's report, one per leaf item.
    public static func statements(of report: UnitReport) -> [Statement] {
        var result: [Statement] = []
        report.forEachLeaf { kind, words, location in
            result.append(Statement(kind: kind, unit: report.unit, text: words, source: report.source.path, location: location))
        }
        return result
    }

    /// The statements a consolidation was made of, recovered from its member lists.
    public static func statements(of consolidation: Consolidation) -> [Statement] {
        var result: [Statement] = []
        for group in consolidation.achievements {
            let kind: StatementKind = group.origin == .other ? .other : .achievement
            result += group.members.map { Statement(kind: kind, unit: $0.unit, text: $0.text, source: $0.source, location: $0.location) }
        }
        for group in consolidation.plans {
            result += group.members.map { Statement(kind: .plan, unit: $0.unit, text: $0.text, source: $0.source, location: $0.location) }
        }
        for group in consolidation.problems {
            result += group.items.map { Statement(kind: .problem, unit: $0.unit, text: $0.text, source: $0.source, location: $0.location) }
        }
        return result
    }
}

extension UnitReport {
    /// Each leaf item of each section, in order, as the merge takes it: its section's kind of
    /// statement, its words (`Item.statement`, else its label: the numbering `一是`, `（二）` is the
    /// report's, not the practice's, and is left out where there are words) and its place.
    func forEachLeaf(_ body: (StatementKind, String, SourceLocation?) -> Void) {
        for section in sections {
            let kind: StatementKind
            switch section.kind {
            case .achievements: kind = .achievement
            case .problems: kind = .problem
            case .plans: kind = .plan
            case .other: kind = .other
            }
            // The section's leaves in order (`Section.leaves`), read where they stand rather than copied out.
            func visit(_ items: [Item]) {
                for item in items {
                    guard item.items.isEmpty else {
                        visit(item.items)
                        continue
                    }
                    let words = item.statement
                    body(kind, words.isEmpty ? item.label : words, item.location)
                }
            }
            visit(section.items)
        }
    }
}
