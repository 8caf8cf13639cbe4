import Foundation

/// Paths of the repository and of `../shared`, found from this file's location.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let defaultPipeline = root.appendingPathComponent("Pipelines/default.yml")
    static let samples = root.appendingPathComponent("Samples")

    /// `../shared` beside the repository (seeds and gold readings), when present.
    static let shared: URL? = {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("gold").path) ? url : nil
    }()
}
