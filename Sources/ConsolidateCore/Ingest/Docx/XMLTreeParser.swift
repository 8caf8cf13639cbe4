import CLibXML2
import Foundation

/// Parses one OOXML part into an `XMLElement` tree with libxml2's SAX2 push parser.
///
/// SAX2 rather than the libxml2 DOM: the tree is built straight into Swift values and
/// the nesting depth can be refused as it grows (`maxDepth`), before a hostile part
/// exhausts the stack of the recursive walkers. A document type declaration is refused
/// outright: Word never writes one, and it is the door to entity expansion attacks.
/// Only the character data of `w:t` and `m:t` is kept; nothing else carries visible text.
struct XMLTreeParser {
    let maxDepth: Int
    /// The submission's budget, charged one element at a time; nil for no element limit.
    var budget: DocumentBudget? = nil

    /// Why a part could not be parsed.
    enum Failure: Error, Equatable {
        case tooDeep(limit: Int)
        /// The submission's parts together hold more elements than `DocumentBudget.elementLimit`.
        case tooManyElements(limit: Int)
        case documentTypeDeclaration
        case malformed(line: Int, message: String)
        /// The file's time (`FileDeadline`) ran out while parsing.
        case timeLimit
    }

    /// WordprocessingML elements the reader never reads, which hold no text by the schema, and
    /// which Word writes by the thousand: neither they nor anything inside them is built. The
    /// styles part's latent styles (a few hundred `w:lsdException`, none of them a style in use),
    /// proofing and bookmark marks between runs, and the run properties that only size and space
    /// the characters.
    static let skipped = XMLNameSet(["bookmarkEnd", "bookmarkStart", "kern", "lang", "latentStyles", "proofErr", "szCs"])

    /// libxml2 must be initialised once before parsers run on several threads.
    private static let parserInitialised: Void = { xmlInitParser() }()

    func parse(_ bytes: Data) throws(Failure) -> XMLElement {
        _ = Self.parserInitialised
        let builder = UnsafeMutablePointer<TreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: TreeBuilder(maxDepth: maxDepth, budget: budget))
        defer {
            builder.deinitialize(count: 1)
            builder.deallocate()
        }
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = treeBuilderStartElement
        handler.endElementNs = treeBuilderEndElement
        handler.characters = treeBuilderCharacters
        handler.cdataBlock = treeBuilderCharacters
        handler.ignorableWhitespace = treeBuilderCharacters
        handler.internalSubset = treeBuilderDocumentType
        handler.serror = treeBuilderSilentError

        let userData = UnsafeMutableRawPointer(builder)
        guard let context = xmlCreatePushParserCtxt(&handler, userData, nil, 0, nil) else {
            throw .malformed(line: 0, message: "libxml2 could not create a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        // NONET: never fetch anything. NOENT is deliberately absent: entities are not substituted.
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        builder.pointee.context = context

        bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            // A part of up to a few megabytes (every document part Word writes for a report)
            // in one call marked final, a larger one in chunks of that size so that libxml2
            // holds one chunk at a time: told that more may follow, the push parser first
            // looks ahead for the end of each tag and each run of text before parsing it, a
            // second pass over the markup. The file's time is checked from the callbacks
            // (`TreeBuilder.tick`), so a final chunk is stopped as soon as any other.
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                xmlParseChunk(context, nil, 0, 1)
                return
            }
            let chunkSize = 1 << 22
            var offset = 0
            while offset < buffer.count, builder.pointee.failure == nil, context.pointee.wellFormed != 0 {
                let length = min(chunkSize, buffer.count - offset)
                let start = base.advanced(by: offset).assumingMemoryBound(to: CChar.self)
                offset += length
                xmlParseChunk(context, start, Int32(length), offset == buffer.count ? 1 : 0)
            }
        }
        if let failure = builder.pointee.failure { throw failure }
        if context.pointee.wellFormed == 0 {
            var line = 0
            var message = "not well-formed"
            if let error = xmlCtxtGetLastError(context) {
                line = Int(error.pointee.line)
                if let text = error.pointee.message {
                    message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            throw .malformed(line: line, message: message)
        }
        guard let root = builder.pointee.root else {
            throw .malformed(line: 0, message: "no root element")
        }
        return root
    }
}

/// The mutable state of one parse, reached from the C callbacks through `userData`.
private struct TreeBuilder {
    let maxDepth: Int
    let budget: DocumentBudget?
    var stack: [XMLElement] = []
    var keepText: [Bool] = []
    /// Character data of the open element not yet stored: libxml2 hands a long `w:t` over in
    /// many callbacks, and joining each to the stored string would copy it every time.
    var pendingText: [UInt8] = []
    var root: XMLElement?
    var failure: XMLTreeParser.Failure?
    var context: xmlParserCtxtPtr?
    /// Elements and text callbacks since the file's time was last checked.
    private var sinceCheck = 0

    /// Counts one callback and, every few thousand, stops the parse once the file's time is up.
    mutating func tick() {
        sinceCheck += 1
        guard sinceCheck >= 4096 else { return }
        sinceCheck = 0
        if FileDeadline.passed { fail(.timeLimit) }
    }

    /// Local names already made into strings, by libxml2's pointer to them: the parser keeps
    /// each name once in its dictionary for the whole parse, so a pointer seen again is the same
    /// name, and a document's few dozen names are each decoded about once rather than per element.
    private var names = [(pointer: UnsafePointer<xmlChar>?, name: String)](repeating: (nil, ""), count: 128)

    /// The local name at `pointer` (libxml2's dictionary) as a string.
    mutating func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: pointer) >> 3) & (names.count - 1)
        if names[slot].pointer == pointer { return names[slot].name }
        let name = String(cString: pointer)
        names[slot] = (pointer, name)
        return name
    }

    /// How deep the parse is inside an element not built (`XMLTreeParser.skipped`); 0 outside one.
    var skipDepth = 0
    /// The namespace URI last looked up and its namespace. libxml2 hands over each URI from its
    /// dictionary, one pointer per URI for the whole parse, and nearly every element is in one
    /// namespace: the bytes are compared once, not for each element.
    private var lastURI: UnsafePointer<xmlChar>?
    private var lastNamespace = XMLNamespace.other

    mutating func namespace(of uri: UnsafePointer<xmlChar>?) -> XMLNamespace {
        if let uri, uri == lastURI { return lastNamespace }
        lastNamespace = XMLNamespace(cString: uri)
        lastURI = uri
        return lastNamespace
    }

    init(maxDepth: Int, budget: DocumentBudget?) {
        self.maxDepth = maxDepth
        self.budget = budget
    }

    mutating func fail(_ failure: XMLTreeParser.Failure) {
        if self.failure == nil { self.failure = failure }
        if let context { xmlStopParser(context) }
    }

    /// Stores the pending character data as one text child of the open element.
    mutating func flushText() {
        guard !pendingText.isEmpty, !stack.isEmpty else { return }
        stack[stack.count - 1].children.append(.text(String(decoding: pendingText, as: UTF8.self)))
        pendingText.removeAll(keepingCapacity: true)
    }

    /// The state `userData` points to. A value behind a pointer rather than a class instance:
    /// each callback changes several of its properties, and a class's would be checked for
    /// exclusive access at run time on every change.
    static func from(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<TreeBuilder> {
        pointer!.assumingMemoryBound(to: TreeBuilder.self)
    }
}

private func treeBuilderStartElement(
    _ userData: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ attributeCount: Int32, _ defaultedCount: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    let builder = TreeBuilder.from(userData)
    builder.pointee.tick()
    guard builder.pointee.failure == nil else { return }
    if builder.pointee.skipDepth > 0 {
        // Inside an element the reader never reads: counted against the budget, not built.
        builder.pointee.skipDepth += 1
        if let budget = builder.pointee.budget, !budget.admitElement() { builder.pointee.fail(.tooManyElements(limit: budget.elementLimit)) }
        return
    }
    if builder.pointee.stack.count >= builder.pointee.maxDepth {
        builder.pointee.fail(.tooDeep(limit: builder.pointee.maxDepth))
        return
    }
    if let budget = builder.pointee.budget, !budget.admitElement() {
        builder.pointee.fail(.tooManyElements(limit: budget.elementLimit))
        return
    }
    let namespace = builder.pointee.namespace(of: uri)
    if namespace == .word, let localName, XMLTreeParser.skipped.contains(localName) {
        builder.pointee.skipDepth = 1
        return
    }
    var values = XMLAttributes()
    if let attributes, attributeCount > 0 {
        // An element has a few attributes; one with many (a hostile part) has its names found by
        // a dictionary, so that its attributes cost linear time, not a search of the list each.
        var positions: [String: Int]? = attributeCount > 32 ? [:] : nil
        var list: [XMLAttributes.Attribute] = []
        for index in 0..<Int(attributeCount) {
            let base = index * 5
            // Only the attributes the reader reads are made into strings.
            guard let localName = attributes[base], XMLAttributes.readNames.contains(localName) else { continue }
            let name = builder.pointee.name(localName)
            guard let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
            let length = end - start
            let value = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
            // The first of two same-named attributes wins (`w:id` over a foreign `id`) only if
            // it is in the WordprocessingML namespace; otherwise keep whichever came first.
            if positions != nil {
                if let position = positions![name] {
                    if builder.pointee.namespace(of: attributes[base + 2]) == .word { list[position].value = value }
                } else {
                    positions![name] = list.count
                    list.append(XMLAttributes.Attribute(name: name, value: value))
                }
            } else if values[name] == nil || builder.pointee.namespace(of: attributes[base + 2]) == .word {
                values[name] = value
            }
        }
        if positions != nil { values = XMLAttributes(uniquelyNamed: list) }
    }
    let name = builder.pointee.name(localName)
    builder.pointee.flushText()
    builder.pointee.stack.append(XMLElement(namespace: namespace, name: name, attributes: values, children: []))
    builder.pointee.keepText.append(name == "t" && (namespace == .word || namespace == .math))
}

private func treeBuilderEndElement(
    _ userData: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
) {
    let builder = TreeBuilder.from(userData)
    guard builder.pointee.failure == nil else { return }
    if builder.pointee.skipDepth > 0 {
        builder.pointee.skipDepth -= 1
        return
    }
    builder.pointee.flushText()
    guard let element = builder.pointee.stack.popLast() else { return }
    builder.pointee.keepText.removeLast()
    if builder.pointee.stack.isEmpty {
        builder.pointee.root = element
    } else {
        builder.pointee.stack[builder.pointee.stack.count - 1].children.append(.element(element))
    }
}

private func treeBuilderCharacters(_ userData: UnsafeMutableRawPointer?, _ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
    let builder = TreeBuilder.from(userData)
    builder.pointee.tick()
    guard builder.pointee.failure == nil, builder.pointee.skipDepth == 0, builder.pointee.keepText.last == true, let characters, length > 0 else { return }
    // Gathered as bytes and decoded once when the element closes: linear in the text's length.
    builder.pointee.pendingText.append(contentsOf: UnsafeBufferPointer(start: characters, count: Int(length)))
}

private func treeBuilderDocumentType(
    _ userData: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ externalID: UnsafePointer<xmlChar>?,
    _ systemID: UnsafePointer<xmlChar>?
) {
    TreeBuilder.from(userData).pointee.fail(.documentTypeDeclaration)
}

private func treeBuilderSilentError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    // Errors are read back from the context after the parse; nothing is printed.
}
