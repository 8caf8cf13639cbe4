import Foundation

/// The readable source of one file in `Samples/`: a small header saying what to
/// write, then the body in UTF-8.
///
/// Header lines open the file, each `% key: value`, and end at the first blank
/// line. Keys: `file` (name written in `Samples/`), `unit` (the sending unit, as
/// in the roster), `format`, `encoding` (txt only: `utf-8`, `utf-8-bom`,
/// `gb18030`), `newline` (txt only: `lf`, `crlf`) and `notes` (free text, for
/// the reader). Formats:
///
/// - `txt`: the body as it stands, re-encoded and with the chosen line ends;
/// - `docx`: one Word paragraph per non-blank body line, markup in
///   ``SampleDocx``; typed numbers stay in the text;
/// - `bytes`: the body is hexadecimal bytes, for files that must not be readable.
struct SampleSource: Sendable, Equatable {
    enum Format: String, Sendable { case txt, docx, bytes }
    enum Encoding: String, Sendable { case utf8 = "utf-8", utf8BOM = "utf-8-bom", gb18030 }
    enum Newline: String, Sendable { case lf, crlf }

    var sourceName: String
    var file: String
    var unit: String
    var format: Format
    var encoding: Encoding
    var newline: Newline
    var notes: String
    var body: String

    /// Where the sources live.
    static let directory = Repository.root
        .appendingPathComponent("Tests/ConsolidateCoreTests/Fixtures/SampleSources")

    /// Every source, sorted by its own file name.
    static func loadAll() throws -> [SampleSource] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sample") }
            .sorted()
        return try names.map { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            return try parse(text, sourceName: name)
        }
    }

    static func parse(_ text: String, sourceName: String) throws(SampleSourceError) -> SampleSource {
        var header: [String: String] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.first, line.hasPrefix("% ") {
            lines = lines.dropFirst()
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformedHeader(source: sourceName, line: String(line))
            }
            let key = line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard ["file", "unit", "format", "encoding", "newline", "notes"].contains(key) else {
                throw .unknownKey(source: sourceName, key: key)
            }
            header[key] = value
        }
        guard lines.first == "" else { throw .missingBlankLineAfterHeader(source: sourceName) }
        lines = lines.dropFirst()

        func required(_ key: String) throws(SampleSourceError) -> String {
            guard let value = header[key], !value.isEmpty else { throw .missingKey(source: sourceName, key: key) }
            return value
        }
        let formatName = try required("format")
        guard let format = Format(rawValue: formatName) else {
            throw .badValue(source: sourceName, key: "format", value: formatName)
        }
        let encodingName = header["encoding"] ?? "utf-8"
        guard let encoding = Encoding(rawValue: encodingName) else {
            throw .badValue(source: sourceName, key: "encoding", value: encodingName)
        }
        let newlineName = header["newline"] ?? "lf"
        guard let newline = Newline(rawValue: newlineName) else {
            throw .badValue(source: sourceName, key: "newline", value: newlineName)
        }
        return SampleSource(sourceName: sourceName, file: try required("file"), unit: try required("unit"),
                            format: format, encoding: encoding, newline: newline,
                            notes: header["notes"] ?? "", body: lines.joined(separator: "\n"))
    }
}

/// A sample source that cannot be turned into its file.
enum SampleSourceError: Error, Equatable, CustomStringConvertible {
    case malformedHeader(source: String, line: String)
    case unknownKey(source: String, key: String)
    case missingKey(source: String, key: String)
    case badValue(source: String, key: String, value: String)
    case missingBlankLineAfterHeader(source: String)
    case unencodable(source: String, encoding: String)
    case badHex(source: String, token: String)

    var description: String {
        switch self {
        case let .malformedHeader(source, line):
            "\(source): header line \"\(line)\" is not `% key: value`."
        case let .unknownKey(source, key):
            "\(source): unknown header key \"\(key)\"; use file, unit, format, encoding, newline or notes."
        case let .missingKey(source, key):
            "\(source): the header needs \"% \(key): …\"."
        case let .badValue(source, key, value):
            "\(source): \"\(value)\" is not a valid \(key)."
        case let .missingBlankLineAfterHeader(source):
            "\(source): put one blank line between the header and the body."
        case let .unencodable(source, encoding):
            "\(source): the body cannot be written in \(encoding)."
        case let .badHex(source, token):
            "\(source): \"\(token)\" is not a byte in hexadecimal."
        }
    }
}
