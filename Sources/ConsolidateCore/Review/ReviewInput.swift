import Foundation

/// The consolidation as the merge left it, before any decision: `OUT/.consolidate/merged.json`,
/// written by a run that applied decisions (without decisions, summary.json is the same thing).
///
/// The review server applies the decisions stored now to this, so a reviewer sees each decision's
/// effect at once without a run, and a decision is never applied twice (summary.json already
/// carries the decisions of the run that wrote it).
public enum ReviewInput {
    public static func url(_ output: URL) -> URL {
        output.appendingPathComponent(".consolidate/merged.json")
    }

    public static func save(_ consolidation: Consolidation, in output: URL) throws {
        try AtomicFile.write(try JSONEncoder().encode(consolidation), to: url(output))
    }

    public static func remove(in output: URL) {
        try? FileManager.default.removeItem(at: url(output))
    }

    /// The merged consolidation of the last run: merged.json where the run applied decisions, else
    /// summary.json (which then holds no decision).
    public static func load(_ output: URL) throws -> Consolidation {
        if let data = try? Data(contentsOf: url(output)) {
            return try JSONDecoder().decode(Consolidation.self, from: data)
        }
        var summary = try JSONDecoder().decode(Consolidation.self, from: Data(contentsOf: output.appendingPathComponent("summary.json")))
        summary.review = nil
        return summary
    }
}
