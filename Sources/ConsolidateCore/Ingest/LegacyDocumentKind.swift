/// The kinds of legacy binary document a unit may send instead of a .docx.
public enum LegacyDocumentKind: String, Sendable, Equatable, Codable {
    /// Word 97-2003 (`.doc`).
    case word97
    /// WPS Office's own format (`.wps`).
    case wps
    /// An OLE compound file of another or unknown kind.
    case other

    /// The kind in the words of the error message.
    public var description: String {
        switch self {
        case .word97: return "Word 97-2003 格式的 .doc 文档"
        case .wps: return "WPS 文字格式的 .wps 文档"
        case .other: return "旧版 Office 格式的文档"
        }
    }
}
