/// The measured figures of one report (or of all, summed) against its gold reading.
public struct GoldFigures: Sendable, Equatable {
    public var name: String
    public var sectionsRight = 0
    public var sectionsExpected = 0
    public var leadsFound = 0
    public var leadsExpected = 0
    /// Numbered top-level items extracted in the sections the gold describes.
    public var leadsClaimed = 0
    /// Unnumbered top-level items (an introduction before `一是…`) in those sections: kept
    /// statements, not claims of an enumerated item, so outside the precision.
    public var leadsUnnumbered = 0
    public var metricsFound = 0
    public var metricsExpected = 0
    /// Extracted counts matching no gold count.
    public var metricsFalse = 0
    /// Extracted counts whose number stands inside a span the gold says is no count.
    public var formulaHits = 0
    public var residueRemoved = 0
    public var residueExpected = 0
    public var keepPresent = 0
    public var keepExpected = 0
    public var placeholdersFound = 0
    public var placeholdersExpected = 0
    /// Problem items whose first predicted category is one the gold lists, of those the gold categorises.
    public var categoriesRight = 0
    public var categoriesExpected = 0
    public var titlesRight = 0
    public var periodsRight = 0
    public var unitsRight = 0
    public var reports = 0
    /// What was missed or wrongly claimed, one line each, for review.
    public var findings: [String] = []

    public init(name: String) { self.name = name }

    public var leadRecall: Double { ratio(leadsFound, leadsExpected) }
    public var leadPrecision: Double { ratio(leadsFound, leadsClaimed) }
    public var metricRecall: Double { ratio(metricsFound, metricsExpected) }
    public var metricPrecision: Double { ratio(metricsFound, metricsFound + metricsFalse) }
    public var metricF1: Double {
        let p = metricPrecision, r = metricRecall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    public var placeholderRecall: Double { ratio(placeholdersFound, placeholdersExpected) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }

    /// The sum of several reports' figures.
    static func + (lhs: GoldFigures, rhs: GoldFigures) -> GoldFigures {
        var sum = lhs
        sum.sectionsRight += rhs.sectionsRight
        sum.sectionsExpected += rhs.sectionsExpected
        sum.leadsFound += rhs.leadsFound
        sum.leadsExpected += rhs.leadsExpected
        sum.leadsClaimed += rhs.leadsClaimed
        sum.leadsUnnumbered += rhs.leadsUnnumbered
        sum.metricsFound += rhs.metricsFound
        sum.metricsExpected += rhs.metricsExpected
        sum.metricsFalse += rhs.metricsFalse
        sum.formulaHits += rhs.formulaHits
        sum.residueRemoved += rhs.residueRemoved
        sum.residueExpected += rhs.residueExpected
        sum.keepPresent += rhs.keepPresent
        sum.keepExpected += rhs.keepExpected
        sum.placeholdersFound += rhs.placeholdersFound
        sum.placeholdersExpected += rhs.placeholdersExpected
        sum.categoriesRight += rhs.categoriesRight
        sum.categoriesExpected += rhs.categoriesExpected
        sum.titlesRight += rhs.titlesRight
        sum.periodsRight += rhs.periodsRight
        sum.unitsRight += rhs.unitsRight
        sum.reports += rhs.reports
        sum.findings += rhs.findings
        return sum
    }
}
