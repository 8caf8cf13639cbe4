import Foundation

/// What a submission's bytes are, told from their first bytes, and what its name claims.
///
/// The format comes from the bytes; the name only confirms it. A unit that renamed a
/// .doc to .docx, or a .docx to .txt, is told so rather than read by guesswork.
enum FormatSniffer {
    /// The container the bytes are.
    enum Signature: Equatable {
        case zip
        /// An OLE compound file: Word 97-2003, WPS, or an encrypted OOXML package.
        case compoundFile
        case pdf
        case rtf
        /// Anything else: treated as text.
        case other
    }

    /// What the file name claims.
    enum NamedKind: Equatable {
        case docx
        case txt
        case doc
        case wps
        case other
    }

    static func signature(of bytes: Data) -> Signature {
        let head = [UInt8](bytes.prefix(8))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundFile }
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        return .other
    }

    static func namedKind(of path: String) -> NamedKind {
        switch (path as NSString).pathExtension.lowercased() {
        case "docx", "docm", "dotx", "dotm": return .docx
        case "txt", "text": return .txt
        case "doc", "dot": return .doc
        case "wps", "wpt": return .wps
        default: return .other
        }
    }

    /// The kind of a compound file: an encrypted OOXML package holds a stream named
    /// `EncryptedPackage`, a Word 97-2003 file one named `WordDocument` (names in UTF-16LE).
    static func compoundFileKind(of bytes: Data, named: NamedKind) -> (encrypted: Bool, kind: LegacyDocumentKind) {
        func holds(_ streamName: String) -> Bool {
            let pattern = Data(streamName.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return bytes.range(of: pattern) != nil
        }
        if holds("EncryptedPackage") { return (true, .other) }
        if named == .wps { return (false, .wps) }
        if holds("WordDocument") { return (false, .word97) }
        // A compound file under a Word name is almost always a .doc renamed (or saved by an old tool).
        return (false, named == .doc || named == .docx ? .word97 : .other)
    }
}
