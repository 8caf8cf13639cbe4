/// Statement groups gathered under their themes, each theme with its distinct units, most units
/// first; then the groups of no theme. summary.md's view and review.html both show practices and
/// plans this way, so it is worked out once for both: at a province's scale a theme's units are tens
/// of thousands of names to sort and tell apart, which each page did again on one core.
struct ThemedGroups: Sendable {
    struct Theme: Sendable {
        /// The theme's place in the configuration.
        let offset: Int
        let theme: PipelineConfiguration.Theme
        /// Its groups, in the order of the list they came from.
        let groups: [StatementGroup]
        /// The distinct units of its groups, sorted (`Merger.uniqueSorted`).
        let units: [String]
    }

    /// The configured themes that have groups, by how many units they hold (most first), then in the
    /// configuration's order. Groups of a theme the configuration does not name are in neither list.
    let themes: [Theme]
    /// The groups of no theme, in order.
    let rest: [StatementGroup]

    init(_ groups: [StatementGroup], themes configured: [PipelineConfiguration.Theme]) {
        var byTheme: [String: [StatementGroup]] = [:]
        var rest: [StatementGroup] = []
        for group in groups {
            if let theme = group.theme { byTheme[theme, default: []].append(group) } else { rest.append(group) }
        }
        let present = configured.enumerated().compactMap { offset, theme in byTheme[theme.id].map { (offset, theme, $0) } }
        // Each theme's units on a core of its own.
        let units = ParallelMap.map(present.map(\.2)) { groups in Merger.uniqueSorted(groups.flatMap(\.units)) }
        themes = zip(present, units).map { Theme(offset: $0.0, theme: $0.1, groups: $0.2, units: $1) }
            .sorted { ($1.units.count, $0.offset) < ($0.units.count, $1.offset) }
        self.rest = rest
    }
}
