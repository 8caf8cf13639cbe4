import Foundation

/// Applies a reviewer's decisions to a merged consolidation, after the merge and before rendering.
///
/// Statements are found by content key (``StatementKey``), so decisions survive regrouping and
/// reordering. A decision whose statements are partly gone is applied to what is left and marked
/// `needs-look`; one whose statements are all gone (or whose target is) is kept, not applied, and
/// marked the same, so the review page and changes.md show it. Without decisions the
/// consolidation comes back unchanged, byte for byte once encoded.
public struct DecisionApplier: Sendable {
    public let configuration: PipelineConfiguration

    public init(configuration: PipelineConfiguration) {
        self.configuration = configuration
    }

    public func apply(_ decisions: [Decision], to consolidation: Consolidation) -> Consolidation {
        guard !decisions.isEmpty else { return consolidation }
        var work = Workspace(consolidation)
        var outcome = ReviewOutcome()
        for decision in decisions {
            let (applied, problem) = work.apply(decision, configuration: configuration, leftOut: &outcome.leftOut)
            outcome.decisions.append(.init(decision: decision, status: problem == nil ? .applied : .needsLook,
                                           applied: applied, problem: problem))
        }
        var result = work.finish(configuration: configuration)
        result.review = outcome
        return result
    }
}

/// The three lists a decision can reach, by their summary.json names.
public enum StatementList: String, Codable, Sendable, CaseIterable {
    case achievements, problems, plans
}

/// A consolidation opened for changes: groups never move while decisions apply (emptied ones
/// are dropped at the end, new ones appended), so a statement's group is a stable position.
struct Workspace {
    struct Slot: Hashable {
        var list: StatementList
        var group: Int
    }

    var consolidation: Consolidation
    /// Each member's content key, parallel to each group's members.
    var keys: [StatementList: [[String]]] = [:]
    var location: [String: Slot] = [:]
    var rewritten: Set<Slot> = []
    var restructured: Set<StatementList> = []

    init(_ consolidation: Consolidation) {
        self.consolidation = consolidation
        for list in StatementList.allCases {
            let lists = (0..<count(list)).map { members(Slot(list: list, group: $0)).map(StatementKey.of) }
            keys[list] = lists
            for (group, groupKeys) in lists.enumerated() {
                for key in groupKeys where location[key] == nil { location[key] = Slot(list: list, group: group) }
            }
        }
    }

    func count(_ list: StatementList) -> Int {
        switch list {
        case .achievements: consolidation.achievements.count
        case .problems: consolidation.problems.count
        case .plans: consolidation.plans.count
        }
    }

    func members(_ slot: Slot) -> [Member] {
        switch slot.list {
        case .achievements: consolidation.achievements[slot.group].members
        case .problems: consolidation.problems[slot.group].items
        case .plans: consolidation.plans[slot.group].members
        }
    }

    /// Takes the member with `key` out of its group.
    mutating func remove(_ key: String) -> Member? {
        guard let slot = location[key], let index = keys[slot.list]?[slot.group].firstIndex(of: key) else { return nil }
        keys[slot.list]![slot.group].remove(at: index)
        location[key] = nil
        restructured.insert(slot.list)
        switch slot.list {
        case .achievements: return Self.remove(index, from: &consolidation.achievements[slot.group])
        case .plans: return Self.remove(index, from: &consolidation.plans[slot.group])
        case .problems: return consolidation.problems[slot.group].items.remove(at: index)
        }
    }

    static func remove(_ index: Int, from group: inout StatementGroup) -> Member {
        let member = group.members.remove(at: index)
        group.copies = group.copies.compactMap { copy in
            let members = copy.members.filter { $0 != index }.map { $0 > index ? $0 - 1 : $0 }
            guard let first = members.first else { return nil }
            let representative = copy.representative == index ? first
                : (copy.representative > index ? copy.representative - 1 : copy.representative)
            return CopyGroup(representative: representative, members: members)
        }
        return member
    }

    /// Puts `member` into the group at `slot`.
    mutating func insert(_ member: Member, into slot: Slot) {
        let key = StatementKey.of(member)
        keys[slot.list]![slot.group].append(key)
        location[key] = slot
        restructured.insert(slot.list)
        switch slot.list {
        case .achievements:
            consolidation.achievements[slot.group].members.append(member)
            consolidation.achievements[slot.group].copies.append(
                CopyGroup(representative: consolidation.achievements[slot.group].members.count - 1,
                          members: [consolidation.achievements[slot.group].members.count - 1]))
        case .plans:
            consolidation.plans[slot.group].members.append(member)
            consolidation.plans[slot.group].copies.append(
                CopyGroup(representative: consolidation.plans[slot.group].members.count - 1,
                          members: [consolidation.plans[slot.group].members.count - 1]))
        case .problems:
            consolidation.problems[slot.group].items.append(member)
        }
    }

    /// A new, empty group in `list` like the one at `model` (its theme or category), worded as `member`.
    mutating func newGroup(in list: StatementList, like model: Slot?, theme: String??, member: Member) -> Slot {
        switch list {
        case .achievements, .plans:
            let modelTheme = model.flatMap { slot -> String? in
                slot.list == .achievements ? consolidation.achievements[slot.group].theme
                    : slot.list == .plans ? consolidation.plans[slot.group].theme : nil
            }
            let group = StatementGroup(text: member.text, theme: theme ?? modelTheme, units: [], members: [], unit: member.unit)
            if list == .achievements { consolidation.achievements.append(group) } else { consolidation.plans.append(group) }
        case .problems:
            let category = model.map { consolidation.problems[$0.group].category } ?? ""
            consolidation.problems.append(ProblemGroup(category: category, label: category, text: member.text, units: [], items: []))
        }
        keys[list, default: []].append([])
        restructured.insert(list)
        return Slot(list: list, group: count(list) - 1)
    }

    /// The group holding most of `refs` (ties: the earliest ref's), and which refs were found.
    func target(of refs: [StatementRef]) -> (slot: Slot?, found: [StatementRef]) {
        let found = refs.filter { location[$0.key] != nil }
        var tally: [Slot: Int] = [:]
        for ref in found { tally[location[ref.key]!, default: 0] += 1 }
        var best: Slot?
        var most = 0
        for ref in found {
            let slot = location[ref.key]!
            if tally[slot, default: 0] > most { best = slot; most = tally[slot, default: 0] }
        }
        return (best, found)
    }

    static let gone = "所涉语句已不存在（单位可能已重新报送或删改），决定未能应用，请重新审核。"

    static func partly(_ found: Int, of total: Int) -> String {
        "所涉\(total)条语句中有\(total - found)条已改动或不存在（单位可能已重新报送），已按其余语句应用，请再看一下。"
    }

    /// Applies one decision; the status and, where it needs another look, why.
    mutating func apply(_ decision: Decision, configuration: PipelineConfiguration,
                        leftOut: inout [ReviewOutcome.LeftOut]) -> (applied: Bool, problem: String?) {
        let refs = decision.statements
        let (slot, found) = target(of: refs)
        guard let slot, !found.isEmpty else { return (false, Self.gone) }
        let partial: (Bool, String?) = (true, found.count == refs.count ? nil : Self.partly(found.count, of: refs.count))
        switch decision.kind {
        case .reviewed, .note:
            return partial
        case .rewrite:
            guard let text = decision.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return (false, "改写的文字为空，未应用。")
            }
            rewritten.insert(slot)
            switch slot.list {
            case .achievements:
                consolidation.achievements[slot.group].text = text
                consolidation.achievements[slot.group].unit = nil
            case .plans:
                consolidation.plans[slot.group].text = text
                consolidation.plans[slot.group].unit = nil
            case .problems:
                consolidation.problems[slot.group].text = text
            }
            return partial
        case .leaveOut:
            for ref in found {
                let list = location[ref.key]!.list
                if let member = remove(ref.key) {
                    leftOut.append(.init(unit: member.unit, text: member.text, reason: decision.reason ?? "", list: list.rawValue))
                }
            }
            return partial
        case .split:
            let moving = found.filter { location[$0.key] == slot }
            guard slot.list != .problems else { return (false, "问题按类别归并，不能拆分；请改用“移到其他类别”。") }
            let from = slot
            let members = moving.compactMap { remove($0.key) }
            guard let first = members.first else { return (false, Self.gone) }
            let target = newGroup(in: from.list, like: from, theme: nil, member: first)
            for member in members { insert(member, into: target) }
            return partial
        case .join:
            for ref in found where location[ref.key] != slot {
                let other = location[ref.key]!
                for key in keys[other.list]![other.group] {
                    if let member = remove(key) { insert(member, into: slot) }
                }
            }
            return partial
        case .move:
            guard let first = refs.first, let from = location[first.key] else { return (false, Self.gone) }
            var destination: Slot?
            if let toGroup = decision.toGroup {
                guard let target = location[toGroup.key] else {
                    return (false, "要移入的组（含“\(toGroup.text.prefix(20))”）已不存在，决定未能应用，请重新审核。")
                }
                destination = target
            } else if let category = decision.toCategory {
                guard let known = configuration.problems.categories.first(where: { $0.id == category })
                        ?? (category == configuration.problems.fallback ? PipelineConfiguration.ProblemCategory(id: category, label: "其他问题", keywords: [], examples: []) : nil) else {
                    return (false, "问题类别“\(category)”不在配置中，决定未能应用。")
                }
                if let index = consolidation.problems.firstIndex(where: { $0.category == category }) {
                    destination = Slot(list: .problems, group: index)
                } else if let member = members(from).first(where: { StatementKey.of($0) == first.key }) {
                    let slot = newGroup(in: .problems, like: nil, theme: nil, member: member)
                    consolidation.problems[slot.group].category = known.id
                    consolidation.problems[slot.group].label = known.label
                    destination = slot
                }
            } else if let theme = decision.toTheme {
                guard from.list != .problems else { return (false, "问题没有主题，请改用“移到其他类别”。") }
                guard theme.isEmpty || configuration.themes.contains(where: { $0.id == theme }) else {
                    return (false, "主题“\(theme)”不在配置中，决定未能应用。")
                }
                if let member = members(from).first(where: { StatementKey.of($0) == first.key }) {
                    destination = newGroup(in: from.list, like: from, theme: .some(theme.isEmpty ? nil : theme), member: member)
                }
            }
            guard let destination else { return (false, "移动决定没有目标，未应用。") }
            guard destination != from, let member = remove(first.key) else { return partial }
            insert(member, into: destination)
            return (true, nil)
        }
    }

    /// The consolidation with emptied groups dropped, units and representatives made right again,
    /// and every list that changed shape put back in the contract's order.
    mutating func finish(configuration: PipelineConfiguration) -> Consolidation {
        var result = consolidation
        func fix(_ group: StatementGroup, slot: Slot) -> StatementGroup? {
            guard !group.members.isEmpty else { return nil }
            var group = group
            group.units = Merger.uniqueSorted(group.members.map(\.unit))
            if !rewritten.contains(slot), !group.members.contains(where: { $0.text == group.text }) {
                group.text = group.members[0].text
                group.unit = group.members[0].unit
            }
            return group
        }
        if restructured.contains(.achievements) {
            result.achievements = Merger.ranked(result.achievements.enumerated().compactMap {
                fix($1, slot: Slot(list: .achievements, group: $0))
            })
        }
        if restructured.contains(.plans) {
            result.plans = Merger.rankedByTheme(result.plans.enumerated().compactMap {
                fix($1, slot: Slot(list: .plans, group: $0))
            }, themes: configuration.themes.map(\.id))
        }
        if restructured.contains(.problems) {
            let fallback = configuration.problems.fallback
            result.problems = result.problems.enumerated().compactMap { index, group -> ProblemGroup? in
                guard !group.items.isEmpty else { return nil }
                var group = group
                group.units = Merger.uniqueSorted(group.items.map(\.unit))
                if !rewritten.contains(Slot(list: .problems, group: index)), !group.items.contains(where: { $0.text == group.text }) {
                    group.text = group.items[0].text
                }
                return group
            }.sorted {
                ($0.category == fallback ? 1 : 0, $1.units.count, $0.category) < ($1.category == fallback ? 1 : 0, $0.units.count, $1.category)
            }
        }
        return result
    }
}
