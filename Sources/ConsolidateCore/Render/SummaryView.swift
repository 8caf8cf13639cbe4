/// What the consolidated report says, as values a template arranges: the view model of
/// `summary.md` (and through it of `summary.docx`).
///
/// Every figure, unit list and quoted example is decided here, in Swift; the words
/// around them (headings, `如…：`, `个单位反映此类问题`) live in the template a
/// department can edit (`Pipelines/templates/summary.md.mustache`). Optional fields
/// are nil where the template should leave a clause out (mustache sections).
public struct SummaryView: Sendable, Equatable {
    public var title: String
    public var overview: Overview
    /// 共性做法: themes shared by several units, then statements of no theme shared by several.
    public var commonPractices: [Practice]
    /// 主要工作量: the totals of the main counts.
    public var figures: [Figure]
    /// 特色做法 of single units.
    public var distinctivePractices: [Distinctive]
    /// How many practices of single units the summary does not name (they are in review.html); nil for none.
    public var otherSinglePractices: String?
    /// 存在的主要问题, most units first.
    public var problems: [Problem]
    /// 下一步工作打算, themed like the practices.
    public var plans: [Practice]
    /// 附件: one row per unit, at most `render.maxUnitRows` (those with something to tell first).
    public var units: [UnitRow]
    /// How many units the 附件 leaves out (their rows are in review.html and summary.json); nil for none.
    public var unitsNotListed: Int?

    /// How many units were due, received, counted, set aside and missing.
    public struct Overview: Sendable, Equatable {
        public var due: Int
        public var submitted: Int
        public var counted: Int
        public var quarantined: UnitSet?
        /// Submissions replaced by a newer one from the same unit; nil for none.
        public var superseded: Int?
        public var missing: UnitSet?
        /// True where a roster says who is due; without one, no unit can be called missing.
        public var roster: Bool = true
        /// Units that reported although not on the roster (counted, not due).
        public var notOnRoster: UnitSet?
        /// Submissions whose unit could not be told, named after their files.
        public var unidentified: UnitSet?
    }

    /// A count of units and their short names (`丙局、丁局`).
    public struct UnitSet: Sendable, Equatable {
        public var count: Int
        public var units: String
    }

    /// One numbered practice or plan: a theme with an example, or a statement of no theme.
    public struct Practice: Sendable, Equatable {
        public var number: Int
        /// The theme's label; nil for a statement of no theme.
        public var theme: String?
        /// `全部12个单位` or `5个单位：甲、乙…`.
        public var unitCount: String
        /// The units' short names, `甲、乙`.
        public var unitList: String
        /// For a theme: the unit whose words are quoted, and those words (first sentence).
        public var exampleUnit: String?
        public var example: String?
        /// For a statement of no theme: its first sentence.
        public var text: String?
        /// For a theme: other practices several units share under it, most units first (at most
        /// `render.maxPracticesNamed`), so a theme of thousands of units still says what they did.
        public var shared: [SharedPractice] = []
        /// True where `shared` is not empty (a template's guard for the sentence that lists them).
        public var hasShared: Bool = false
        /// How many of the theme's other practices are not named (in review.html and summary.json); nil for none.
        public var otherPractices: Int?
        /// For a theme: the quoted practice's whole wording as merged, by which the review page finds this line for it.
        public var exampleSource: String?
    }

    /// A practice several units share, named under its theme with its unit count and a unit whose words it is.
    public struct SharedPractice: Sendable, Equatable {
        public var text: String
        public var unitCount: Int
        public var exampleUnit: String
        /// `；` between two practices, `。` after the last.
        public var separator: String
    }

    /// The total of one main count.
    public struct Figure: Sendable, Equatable {
        public var activity: String
        public var total: Int
        /// The measure word (次, 名).
        public var measure: String
        public var approx: Bool
        /// How many units' figures were added, and each (`甲局12次、乙局5余次`); nil where none.
        public var unitCount: Int
        public var contributions: String?
        /// Units whose figure was left unfilled; nil where none.
        public var unknown: String?
    }

    public struct Distinctive: Sendable, Equatable {
        public var unit: String
        public var text: String
        /// The practice's whole wording as merged, by which the review page finds this line for it.
        public var source: String
    }

    public struct Problem: Sendable, Equatable {
        /// The Chinese counting numeral of the subsection (一, 二 …).
        public var number: String
        public var label: String
        public var unitCount: Int
        public var units: String
        public var itemCount: Int
        public var exampleUnit: String
        public var example: String
        /// Statements filed under another category first that name this one too (counted there); nil for none.
        public var alsoNamed: Int?
    }

    /// One row of the appendix table; cells are safe inside a Markdown table.
    public struct UnitRow: Sendable, Equatable {
        public var number: Int
        public var unit: String
        public var status: String
        public var file: String
        public var residue: String
        public var placeholders: String
        public var figures: String
        public var remarks: String
    }
}
