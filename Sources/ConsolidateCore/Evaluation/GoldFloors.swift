/// The least figures the extraction must reach over all gold readings.
public struct GoldFloors: Sendable, Equatable {
    public var residue: Double
    public var keep: Double
    public var sectionKinds: Double
    public var leadRecall: Double
    public var leadPrecision: Double
    public var metricF1: Double
    public var formulaHits: Int
    public var placeholders: Double
    /// Every title and period right.
    public var titlesAndPeriods: Bool

    public init(residue: Double, keep: Double, sectionKinds: Double, leadRecall: Double, leadPrecision: Double,
                metricF1: Double, formulaHits: Int, placeholders: Double, titlesAndPeriods: Bool) {
        self.residue = residue
        self.keep = keep
        self.sectionKinds = sectionKinds
        self.leadRecall = leadRecall
        self.leadPrecision = leadPrecision
        self.metricF1 = metricF1
        self.formulaHits = formulaHits
        self.placeholders = placeholders
        self.titlesAndPeriods = titlesAndPeriods
    }

    /// The floors of issue 4 (Normalize and Extract).
    public static let issue4 = GoldFloors(residue: 1, keep: 1, sectionKinds: 1, leadRecall: 0.95, leadPrecision: 0.95,
                                          metricF1: 0.95, formulaHits: 0, placeholders: 0.9, titlesAndPeriods: true)
}
