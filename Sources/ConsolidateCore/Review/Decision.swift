import Foundation

/// One thing a reviewer decided about statements of the summary, kept in `OUT/.consolidate/decisions.json`.
///
/// A decision names the statements it concerns by content (``StatementRef``: key, unit and text
/// as they stood when it was made), so every later run can find them again whatever the merge
/// did to groups and positions, and can tell when a unit's resubmission changed or removed them.
public struct Decision: Codable, Sendable, Equatable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The statements (a group through its representative) were read and are fine.
        case reviewed
        /// The group holding the first statement is to be worded as `text`.
        case rewrite
        /// The first statement moves to another group (`toGroup`), theme (`toTheme`) or problem category (`toCategory`).
        case move
        /// The statements leave their group and form a group of their own.
        case split
        /// The groups holding the statements become one (the first statement's group keeps its wording).
        case join
        /// The statements are left out of the summary, for `reason`.
        case leaveOut = "leave-out"
        /// A note about the statements, shown on the review page (`text`).
        case note
    }

    public var id: String
    public var kind: Kind
    /// The statements the decision concerns; the first is the one it is anchored on.
    public var statements: [StatementRef]
    /// rewrite: the new wording; note: the note.
    public var text: String?
    /// leave-out: why.
    public var reason: String?
    /// move: the problem category id to move a problem to.
    public var toCategory: String?
    /// move: the theme id to move a practice or plan to ("" for no theme).
    public var toTheme: String?
    /// move: a statement of the group to move into.
    public var toGroup: StatementRef?
    /// When the decision was made (ISO 8601), for the record.
    public var made: String?

    public init(id: String = Decision.newID(), kind: Kind, statements: [StatementRef], text: String? = nil,
                reason: String? = nil, toCategory: String? = nil, toTheme: String? = nil, toGroup: StatementRef? = nil,
                made: String? = nil) {
        self.id = id
        self.kind = kind
        self.statements = statements
        self.text = text
        self.reason = reason
        self.toCategory = toCategory
        self.toTheme = toTheme
        self.toGroup = toGroup
        self.made = made
    }

    /// A fresh identifier: time and randomness, sortable by time.
    public static func newID() -> String {
        let millis = Int(Date().timeIntervalSince1970 * 1000)
        return "d\(String(millis, radix: 36))\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }
}

/// One statement as a decision remembers it: its content key, and its unit and text for people
/// and for telling what changed.
public struct StatementRef: Codable, Sendable, Equatable, Hashable {
    public var key: String
    public var unit: String
    public var text: String

    public init(unit: String, text: String) {
        self.key = StatementKey.of(unit: unit, text: text)
        self.unit = unit
        self.text = text
    }

    public init(_ member: Member) {
        self.init(unit: member.unit, text: member.text)
    }
}

/// What became of each decision in one run, written into summary.json (`review`) for the review
/// page and changes.md.
public struct ReviewOutcome: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Applied; every statement it concerns was found.
        case applied
        /// Kept, but some or all of its statements changed or disappeared: a reviewer should look again.
        case needsLook = "needs-look"
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var decision: Decision
        public var status: Status
        /// True where the decision changed the consolidation (wholly, or for the statements still there).
        public var applied: Bool
        /// For `needs-look`: what changed, in Chinese.
        public var problem: String?
    }

    public var decisions: [Entry]
    /// Statements left out of the summary by a decision, with the reason.
    public var leftOut: [LeftOut]

    public struct LeftOut: Codable, Sendable, Equatable {
        public var unit: String
        public var text: String
        public var reason: String
        /// achievements, problems or plans.
        public var list: String
    }

    public init(decisions: [Entry] = [], leftOut: [LeftOut] = []) {
        self.decisions = decisions
        self.leftOut = leftOut
    }

    /// Keys of statements marked reviewed by an applied decision.
    public var reviewedKeys: Set<String> {
        Set(decisions.filter { $0.applied && $0.decision.kind == .reviewed }.flatMap { $0.decision.statements.map(\.key) })
    }

    /// The decisions a reviewer should look at again.
    public var needingLook: [Entry] { decisions.filter { $0.status == .needsLook } }
}
