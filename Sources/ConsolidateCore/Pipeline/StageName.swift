/// The five stages, in the order the runner runs them.
public enum StageName: String, Codable, Sendable, CaseIterable, Comparable {
    case ingest, normalize, extract, merge, render

    /// 1-based position for `[i/5] stage` progress lines.
    public var position: Int { Self.allCases.firstIndex(of: self)! + 1 }

    /// The stage in the words of a Chinese message (读取、整理、提取…), with its name.
    public var chineseName: String {
        switch self {
        case .ingest: return "读取（ingest）"
        case .normalize: return "整理（normalize）"
        case .extract: return "提取（extract）"
        case .merge: return "汇总（merge）"
        case .render: return "生成（render）"
        }
    }

    public static func < (lhs: StageName, rhs: StageName) -> Bool { lhs.position < rhs.position }
}

/// An error that stopped a stage, tagged with the stage and, where it concerns one, the file.
public struct StageError: Error, Equatable, CustomStringConvertible {
    public var stage: StageName
    public var file: String?
    public var message: String

    public init(stage: StageName, file: String? = nil, message: String) {
        self.stage = stage
        self.file = file
        self.message = message
    }

    public var description: String {
        (file.map { "\($0): " } ?? "") + "error: [\(stage.rawValue)] " + message
    }
}
