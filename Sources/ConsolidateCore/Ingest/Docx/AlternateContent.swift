/// `mc:AlternateContent`: the first `mc:Choice` whose requirements the reader understands,
/// else `mc:Fallback`; never both, or a text box would be read twice.
enum AlternateContent {
    /// Namespace prefixes whose content the reader can take text from. Word writes the same
    /// text box as a `wps` shape in the Choice and as VML in the Fallback.
    static let understood: Set<String> = ["wps", "wpg", "wpc", "wp14", "w14", "w15", "w16se", "w16cid", "w16", "a14", "m"]

    static func branch(of element: XMLElement) -> XMLElement? {
        for child in element.elements where child.namespace == .markupCompatibility && child.name == "Choice" {
            let required = (child.attributes["Requires"] ?? "").split(separator: " ").map(String.init)
            if !required.isEmpty && required.allSatisfy(understood.contains) { return child }
        }
        return element.elements.first { $0.namespace == .markupCompatibility && $0.name == "Fallback" }
    }
}
