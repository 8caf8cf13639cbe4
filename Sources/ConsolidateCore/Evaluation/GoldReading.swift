/// A hand-made reading of one seed report (`shared/gold/NAME.gold.json`, see its SCHEMA.md).
///
/// Decoded leniently (unknown keys ignored): the gold files belong to the
/// annotators and may grow fields this build does not score.
public struct GoldReading: Decodable, Sendable, Equatable {
    public struct GoldPeriod: Decodable, Sendable, Equatable {
        public var year: Int?
        public var part: String?
    }

    public struct GoldItem: Decodable, Sendable, Equatable {
        public var lead: String
        public var categories: [String]?
    }

    public struct GoldSection: Decodable, Sendable, Equatable {
        public var kind: String
        public var heading: String
        public var items: [GoldItem]
    }

    public struct GoldMetric: Decodable, Sendable, Equatable {
        public var text: String
        public var activity: String
        public var value: Int?
        public var unit: String
        public var approx: Bool
    }

    public var source: String
    public var title: String
    public var unit: String
    public var period: GoldPeriod
    public var residue: [String]
    public var keep: [String]
    public var placeholders: [String]
    public var sections: [GoldSection]
    public var metrics: [GoldMetric]
    public var notMetrics: [String]

    enum CodingKeys: String, CodingKey {
        case source, title, unit, period, residue, keep, placeholders, sections, metrics
        case notMetrics = "not_metrics"
    }
}
