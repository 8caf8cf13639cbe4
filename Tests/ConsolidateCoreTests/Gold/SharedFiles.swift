import Foundation

/// Where the seeds and gold readings are: `Repository.shared` (`../shared`), else
/// `$CONSOLIDATE_SHARED`, else `../../shared` (a git worktree kept one folder deeper).
enum SharedFiles {
    static let root: URL? = {
        if let shared = Repository.shared { return shared }
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["CONSOLIDATE_SHARED"] {
            candidates.append(URL(fileURLWithPath: path))
        }
        candidates.append(Repository.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("gold").path) }
    }()
}
