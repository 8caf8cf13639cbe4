import Foundation
@testable import ConsolidateCore

/// Small documents written for these tests (never copied from the seeds).
enum NormalizeFixtures {
    static let configuration: PipelineConfiguration = {
        do { return try PipelineConfiguration.load(from: Repository.defaultPipeline) } catch {
            fatalError("the default pipeline file does not load: \(error)")
        }
    }()

    static let source = SourceInfo(path: "测试单位.txt", format: .txt, encoding: "utf-8", sha256: "0")

    /// A raw document with one body paragraph per line of `text`.
    static func document(_ text: String) -> RawDocument {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap {
            index, line -> RawParagraph? in
            line.isEmpty ? nil : RawParagraph(text: String(line), location: SourceLocation(paragraph: index + 1))
        }
        return RawDocument(source: source, paragraphs: paragraphs)
    }

    static func normalize(_ text: String, configuration: PipelineConfiguration = configuration) -> NormalizedDocument {
        Normalizer(configuration: configuration).normalize(document(text))
    }
}
