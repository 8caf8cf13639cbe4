import Foundation
import Testing
@testable import ConsolidateCore
import ZIPFoundation

/// The benchmark's .docx are written in Word's own markup (`WordDressing`): the text in many runs
/// with their properties, proofing marks and a bookmark, and the parts Word adds. Word shows the
/// same document either way, so the reader must give the same paragraphs for both.
@Suite struct WordMarkupTests {
    @Test func everySampleReadsTheSameInWordsOwnMarkup() throws {
        let sources = try SampleSource.loadAll().filter { $0.format != .bytes }
        #expect(sources.count >= 12)
        for source in sources {
            let plain = try DocxFixture.read(try SampleDocx(body: source.body).package().zipData(), name: source.unit + ".docx")
            let word = try DocxFixture.read(try SampleDocx(body: source.body, asSavedByWord: true).package().zipData(),
                                            name: source.unit + ".docx")
            #expect(plain.paragraphs.count > 10, "\(source.file)")
            #expect(word.paragraphs == plain.paragraphs, "\(source.file)")
            #expect(word.notes == plain.notes, "\(source.file)")
        }
    }

    @Test func wordsMarkupIsWhatWordWrites() throws {
        let source = try #require(try SampleSource.loadAll().first { $0.format == .docx })
        let plain = SampleDocx(body: source.body).package()
        let word = SampleDocx(body: source.body, asSavedByWord: true).package()
        let document = { (package: OOXMLPackage) throws -> String in
            String(decoding: try #require(package.parts.first { $0.path == "word/document.xml" }).data, as: UTF8.self)
        }
        let (plainXML, wordXML) = (try document(plain), try document(word))
        let count = { (xml: String, tag: String) in xml.components(separatedBy: tag).count - 1 }
        // Many runs to a paragraph, where the samples write one; revision ids, proofing marks and
        // Word's bookmark of the last edit.
        #expect(count(wordXML, "<w:p ") == count(plainXML, "<w:p>"))
        #expect(count(wordXML, "<w:r ") >= 3 * count(wordXML, "<w:p "))
        #expect(count(wordXML, "<w:proofErr ") > 0)
        #expect(count(wordXML, "_GoBack") == 1)
        #expect(wordXML.count > 3 * plainXML.count)
        let paths = Set(word.parts.map(\.path))
        #expect(paths.isSuperset(of: ["word/styles.xml", "word/settings.xml", "word/fontTable.xml",
                                      "word/webSettings.xml", "word/theme/theme1.xml"]))
        let styles = String(decoding: try #require(word.parts.first { $0.path == "word/styles.xml" }).data, as: UTF8.self)
        #expect(count(styles, "<w:lsdException ") > 300)
        // The same body, the same bytes.
        #expect(try word.zipData() == SampleDocx(body: source.body, asSavedByWord: true).package().zipData())
    }
}
