import Foundation

/// One element of an OOXML part, reduced to what the reader needs.
///
/// Parts are parsed once into this small tree (names by namespace and local name,
/// attributes by local name) so that the Word walkers are plain Swift recursion
/// over values, with no libxml2 pointers living past the parse.
struct XMLElement: Sendable, Equatable {
    /// The namespace the element is in, reduced to the few the reader tells apart.
    let namespace: XMLNamespace
    /// The local name (`p`, `r`, `t`, `AlternateContent`).
    let name: String
    /// Attribute values by local name; the prefix is dropped (`w:val` → `val`, `r:id` → `id`).
    let attributes: XMLAttributes
    var children: [XMLContent]

    /// Whether this is the WordprocessingML element `w:<name>`.
    func isWord(_ localName: String) -> Bool {
        namespace == .word && name == localName
    }

    /// The first child element in the WordprocessingML namespace with this local name.
    func wordChild(_ localName: String) -> XMLElement? {
        for case let .element(child) in children where child.isWord(localName) { return child }
        return nil
    }

    /// All child elements in the WordprocessingML namespace with this local name.
    func wordChildren(_ localName: String) -> [XMLElement] {
        children.compactMap { content in
            if case let .element(child) = content, child.isWord(localName) { return child }
            return nil
        }
    }

    /// The child elements, in order.
    var elements: [XMLElement] {
        children.compactMap { content in
            if case let .element(child) = content { return child }
            return nil
        }
    }

    /// The text directly inside this element (character data children joined).
    var text: String {
        var result = ""
        for case let .text(string) in children { result += string }
        return result
    }

    /// `w:val` of the child `w:<name>`, if the child exists.
    func wordValue(_ localName: String) -> String? {
        wordChild(localName)?.attributes["val"]
    }

    /// Whether an OOXML on/off property child (`<w:vanish/>`, `<w:isLgl w:val="0"/>`) is on.
    func wordToggle(_ localName: String) -> Bool {
        guard let child = wordChild(localName) else { return false }
        switch child.attributes["val"]?.lowercased() {
        case "0", "false", "off": return false
        default: return true
        }
    }
}

/// An element's attributes by local name, in document order, each name once.
///
/// An element has a handful at most: a list searched in order costs less than a dictionary
/// allocated and hashed for each of the tens of thousands of elements a document holds.
struct XMLAttributes: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    struct Attribute: Sendable, Equatable {
        let name: String
        var value: String
    }

    private(set) var attributes: [Attribute] = []

    init() {}

    /// Attributes whose names the caller has made unique (a hostile element's thousands, told
    /// apart with a dictionary: setting them one by one searches the list each time).
    init(uniquelyNamed attributes: [Attribute]) { self.attributes = attributes }

    init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    var isEmpty: Bool { attributes.isEmpty }
    var count: Int { attributes.count }

    /// The local names of the attributes the reader reads, and so the only ones a parse keeps:
    /// Word writes several more on nearly every element (`w:rsidR`, `w:rsidRPr`, `w14:paraId`,
    /// `w:eastAsia`, a few hundred `w:lsdException` names), and making a `String` of each was a
    /// good part of reading a .docx. Reading an attribute not listed here stops a debug build.
    static let readNames = XMLNameSet([
        "Id", "Requires", "Target", "TargetMode", "Type", "abstractNumId", "ascii", "char", "customMarkFollows",
        "default", "dropCap", "fldCharType", "font", "format", "hAnsi", "id", "ilvl", "numId", "styleId", "type",
        "val",
    ])

    /// The value of the attribute named `name`; setting adds it, or replaces its value.
    subscript(name: String) -> String? {
        get {
            assert(Self.readNames.contains(name), "A parse keeps only XMLAttributes.readNames: add \(name) there")
            for attribute in attributes where attribute.name == name { return attribute.value }
            return nil
        }
        set {
            let index = attributes.firstIndex { $0.name == name }
            switch (index, newValue) {
            case let (index?, value?): attributes[index].value = value
            case let (index?, nil): attributes.remove(at: index)
            case let (nil, value?): attributes.append(Attribute(name: name, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The same names with the same values, in whatever order (as a dictionary compares).
    static func == (lhs: XMLAttributes, rhs: XMLAttributes) -> Bool {
        lhs.count == rhs.count && lhs.attributes.allSatisfy { rhs[$0.name] == $0.value }
    }
}

/// Local names, compiled once so that a name libxml2 hands over (NUL-terminated, in its
/// dictionary) is found among them from its bytes, without making a `String` of it.
struct XMLNameSet: Sendable {
    let names: [String]
    /// The names' UTF-8, by length.
    private let byLength: [[[UInt8]]]

    init(_ names: [String]) {
        self.names = names
        var table = [[[UInt8]]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for name in names { table[name.utf8.count].append(Array(name.utf8)) }
        byLength = table
    }

    func contains(_ name: String) -> Bool { names.contains(name) }

    func contains(_ localName: UnsafePointer<UInt8>) -> Bool {
        let length = strlen(UnsafeRawPointer(localName).assumingMemoryBound(to: CChar.self))
        guard length < byLength.count else { return false }
        for name in byLength[length] where memcmp(localName, name, length) == 0 { return true }
        return false
    }
}

/// Character data or a nested element.
enum XMLContent: Sendable, Equatable {
    case element(XMLElement)
    case text(String)
}

/// The namespaces the reader distinguishes; everything else is `other`.
enum XMLNamespace: Sendable, Equatable {
    /// WordprocessingML, transitional or strict.
    case word
    /// Markup compatibility (`mc:AlternateContent`).
    case markupCompatibility
    /// Office math (`m:t` carries the text of an equation).
    case math
    /// The package relationships part.
    case relationships
    case other

    /// The namespace of a NUL-terminated URI as libxml2 hands it over, compared as bytes: no
    /// `String` is made of it for every element of a document.
    init(cString uri: UnsafePointer<UInt8>?) {
        guard let uri else {
            self = .other
            return
        }
        let text = UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self)
        self = Self.known.first { strcmp(text, $0.uri) == 0 }?.namespace ?? .other
    }

    /// The URIs of the namespaces told apart, transitional and strict.
    private static let known: [(uri: String, namespace: XMLNamespace)] = [
        ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", .word),
        ("http://purl.oclc.org/ooxml/wordprocessingml/main", .word),
        ("http://schemas.openxmlformats.org/markup-compatibility/2006", .markupCompatibility),
        ("http://schemas.openxmlformats.org/officeDocument/2006/math", .math),
        ("http://purl.oclc.org/ooxml/officeDocument/math", .math),
        ("http://schemas.openxmlformats.org/package/2006/relationships", .relationships),
    ]
}
