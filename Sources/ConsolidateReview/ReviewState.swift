import ConsolidateCore
import Foundation

/// The review server's view of one output folder: the merged consolidation of the last run with
/// the decisions stored now applied, rebuilt whenever either file changes or a decision is recorded.
actor ReviewState {
    let output: URL
    let configuration: PipelineConfiguration
    let store: DecisionStore
    private var cached: (stamp: [Date?], index: ReviewIndex)?

    init(output: URL, configuration: PipelineConfiguration) {
        self.output = output
        self.configuration = configuration
        self.store = DecisionStore(output: output)
    }

    private func stamp() -> [Date?] {
        [ReviewInput.url(output), store.url, output.appendingPathComponent("summary.json")].map {
            (try? FileManager.default.attributesOfItem(atPath: $0.path))?[.modificationDate] as? Date
        }
    }

    func index() throws -> ReviewIndex {
        let now = stamp()
        if let cached, cached.stamp == now { return cached.index }
        let merged = try ReviewInput.load(output)
        let decisions = try store.load()
        let index = ReviewIndex(DecisionApplier(configuration: configuration).apply(decisions, to: merged),
                                configuration: configuration)
        cached = (now, index)
        return index
    }

    func decisions() throws -> [Decision] { try store.load() }

    /// Turns a request from the page into a decision about content, stores it at once, and returns it.
    func record(_ request: DecisionRequest) throws -> Decision {
        let index = try index()
        guard let row = index.row(request.key) else { throw ReviewServerError.unknownStatement(request.key) }
        let ref = StatementRef(unit: row.unit, text: row.text)
        var statements = [ref]
        var decision: Decision
        switch request.kind {
        case .rewrite:
            guard let text = request.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw ReviewServerError.missing("改写后的表述")
            }
            // The group's other statements too, so the rewrite finds its group even if this one changes.
            statements += index.groupRows(of: row).filter { $0.key != row.key }.prefix(20).map { StatementRef(unit: $0.unit, text: $0.text) }
            decision = Decision(kind: .rewrite, statements: statements, text: text)
        case .move:
            decision = Decision(kind: .move, statements: statements)
            if let key = request.toGroupKey, !key.isEmpty {
                guard let target = index.row(key) else { throw ReviewServerError.unknownStatement(key) }
                decision.toGroup = StatementRef(unit: target.unit, text: target.text)
            } else if let category = request.toCategory, !category.isEmpty {
                decision.toCategory = category
            } else if let theme = request.toTheme {
                decision.toTheme = theme
            } else {
                throw ReviewServerError.missing("移动的目标")
            }
        case .join:
            guard let key = request.toGroupKey, let other = index.row(key) else { throw ReviewServerError.missing("要合并的另一组") }
            decision = Decision(kind: .join, statements: [ref, StatementRef(unit: other.unit, text: other.text)])
        case .leaveOut:
            guard let reason = request.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                throw ReviewServerError.missing("不列入汇总的理由")
            }
            decision = Decision(kind: .leaveOut, statements: statements, reason: reason)
        case .note:
            guard let text = request.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw ReviewServerError.missing("备注内容")
            }
            decision = Decision(kind: .note, statements: statements, text: text)
        case .reviewed:
            decision = Decision(kind: .reviewed, statements: statements, text: request.text == "undo" ? "undo" : nil)
        case .split:
            decision = Decision(kind: .split, statements: statements)
        }
        decision.made = ISO8601DateFormatter().string(from: Date())
        try store.record(decision)
        cached = nil
        return decision
    }

    func remove(id: String) throws -> Bool {
        let removed = try store.remove(id: id)
        cached = nil
        return removed
    }
}

/// What the page posts to `/api/decisions`: a statement by its key and what to do with it.
struct DecisionRequest: Codable, Sendable {
    var kind: Decision.Kind
    var key: String
    var text: String?
    var reason: String?
    var toCategory: String?
    var toTheme: String?
    var toGroupKey: String?
}

enum ReviewServerError: Error, CustomStringConvertible {
    case unknownStatement(String)
    case missing(String)
    case badRequest(String)

    var description: String {
        switch self {
        case let .unknownStatement(key): return "找不到编号为 \(key) 的语句：页面可能已过期，请刷新后重试。"
        case let .missing(what): return "请填写\(what)。"
        case let .badRequest(reason): return "请求无法理解：\(reason)"
        }
    }
}
