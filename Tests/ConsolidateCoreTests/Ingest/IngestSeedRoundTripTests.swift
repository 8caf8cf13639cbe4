import Foundation
import Testing
@testable import ConsolidateCore

/// The shared seed reports read as .txt and as a .docx made of them (one `w:p` per line)
/// give the same paragraphs: the two readers agree on real report text.
/// `shared/seeds` beside the repository or beside one of its parent folders (a git
/// worktree sits one level deeper than the main checkout).
private enum SeedFolder {
    static let url: URL? = {
        var folder = Repository.root
        for _ in 0..<3 {
            folder = folder.deletingLastPathComponent()
            let seeds = folder.appendingPathComponent("shared/seeds")
            if FileManager.default.fileExists(atPath: seeds.path) { return seeds }
        }
        return nil
    }()
}

@Suite(.enabled(if: SeedFolder.url != nil, "needs shared/seeds beside the repository"))
struct IngestSeedRoundTripTests {
    static var seeds: [URL] {
        guard let folder = SeedFolder.url else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// A `w:p` per line; tabs as `w:tab`, so the .docx holds what Word would write.
    static func docx(fromLines text: String) -> Data {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        let body = lines.map { line -> String in
            let runs: String = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { DocxFixture.run(String($0)) }
                .joined(separator: "<w:r><w:tab/></w:r>")
            return "<w:p>" + runs + "</w:p>"
        }.joined()
        return DocxFixture.docx(body: body)
    }

    @Test func seedsReadTheSameFromTxtAndDocx() throws {
        #expect(!Self.seeds.isEmpty)
        for url in Self.seeds {
            let bytes = try Data(contentsOf: url)
            let fromText = try Ingest.read(bytes: bytes, displayPath: url.lastPathComponent, inputs: .default)
            let text = try #require(String(data: bytes, encoding: .utf8))
            let fromDocx = try DocxFixture.read(Self.docx(fromLines: text))
            #expect(fromDocx.paragraphs.count == fromText.paragraphs.count, "\(url.lastPathComponent)")
            for (docx, txt) in zip(fromDocx.paragraphs, fromText.paragraphs) {
                #expect(docx.displayText == txt.displayText)
                #expect(docx.location == txt.location)
            }
        }
    }
}
