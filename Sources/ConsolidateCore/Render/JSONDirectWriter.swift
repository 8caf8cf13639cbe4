import Foundation

/// A value that writes its own JSON straight into a `JSONByteWriter`, without `Codable` containers.
///
/// The store's reports and summary.json are most of the JSON a large run writes, and going through
/// `Encoder` costs a container, a closure, a key string and a sort of the keys per object, with
/// their reference counting, for every field. A conforming type writes its fields in key order
/// (UTF-8 byte order) with the same layout, escaping and omissions as its `encode(to:)`; the
/// `Codable` conformance stays the reference, and tests hold both to the same bytes.
protocol JSONDirectEncodable: Encodable {
    /// Writes the value at indentation level `depth`, as `JSONByteWriter.encodeValue` would.
    func writeJSON(to writer: JSONByteWriter, depth: Int) throws
}

/// An object key as written: quoted, with the separator after it, compact and pretty.
struct JSONKey: Sendable {
    let compact: [UInt8]
    let pretty: [UInt8]

    init(_ name: String) {
        let writer = JSONByteWriter(pretty: false, escapeSlashes: false)
        writer.writeString(name)
        compact = writer.out + [UInt8(ascii: ":")]
        pretty = writer.out + [0x20, UInt8(ascii: ":"), 0x20]
    }

    /// The key a type's `CodingKeys` names, so the name has one source.
    init(_ key: some CodingKey) { self.init(key.stringValue) }
}

extension JSONByteWriter {
    // MARK: Direct objects and arrays

    @inline(__always)
    func beginObject() {
        out.append(UInt8(ascii: "{"))
        if pretty { out.append(0x0A) }
    }

    /// Begins an entry of the object at `depth`: indentation, key, separator.
    @inline(__always)
    func key(_ key: JSONKey, _ depth: Int) {
        if pretty {
            writeIndent(depth + 1)
            out.append(contentsOf: key.pretty)
        } else {
            out.append(contentsOf: key.compact)
        }
    }

    /// Ends an entry or element with the separator; the object's or array's last one is taken back.
    @inline(__always)
    func endEntry() {
        out.append(UInt8(ascii: ","))
        if pretty { out.append(0x0A) }
    }

    /// Ends an object at `depth` that has at least one entry.
    @inline(__always)
    func endObject(_ depth: Int) {
        out.removeLast(pretty ? 2 : 1)
        if pretty {
            out.append(0x0A)
            writeIndent(depth)
        }
        out.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    func field(_ key: JSONKey, _ value: String, _ depth: Int) {
        self.key(key, depth)
        writeString(value)
        endEntry()
    }

    @inline(__always)
    func field(_ key: JSONKey, _ value: Int, _ depth: Int) {
        self.key(key, depth)
        writeInteger(value)
        endEntry()
    }

    @inline(__always)
    func field(_ key: JSONKey, _ value: Bool, _ depth: Int) {
        self.key(key, depth)
        writeBool(value)
        endEntry()
    }

    /// An entry written as `encode(_:forKey:)` writes it (an absent optional as `null`).
    @inline(__always)
    func field<T: JSONDirectEncodable>(_ key: JSONKey, _ value: T, _ depth: Int) throws {
        self.key(key, depth)
        try value.writeJSON(to: self, depth: depth + 1)
        endEntry()
    }

    /// An entry written as `encodeIfPresent(_:forKey:)` writes it: none for an absent value.
    @inline(__always)
    func fieldIfPresent<T: JSONDirectEncodable>(_ key: JSONKey, _ value: T?, _ depth: Int) throws {
        if let value { try field(key, value, depth) }
    }

    @inline(__always)
    func fieldIfPresent(_ key: JSONKey, _ value: String?, _ depth: Int) {
        if let value { field(key, value, depth) }
    }

    /// An entry of a type without a direct writer, written through its `Codable` conformance.
    func codableFieldIfPresent<T: Encodable>(_ key: JSONKey, _ value: T?, _ depth: Int) throws {
        guard let value else { return }
        self.key(key, depth)
        try encodeValue(value, depth: depth + 1)
        endEntry()
    }

    /// An array at `depth`, or its mark where the chunked encoder writes long arrays apart.
    func writeDirectArray<Element: JSONDirectEncodable>(_ array: [Element], depth: Int) throws {
        if let splitter, array.count >= splitter.minimumCount {
            splitter.leaveOut(array: array, depth: depth, writer: self)
            return
        }
        out.append(UInt8(ascii: "["))
        if pretty { out.append(0x0A) }
        for element in array {
            if pretty { writeIndent(depth + 1) }
            try element.writeJSON(to: self, depth: depth + 1)
            endEntry()
        }
        if !array.isEmpty { out.removeLast(pretty ? 2 : 1) }
        if pretty {
            out.append(0x0A)
            writeIndent(depth)
        }
        out.append(UInt8(ascii: "]"))
    }
}

/// An array whose elements write themselves: the chunked encoder's chunks take this path.
protocol JSONDirectElements {
    func writeDirectElements(_ range: Range<Int>, depth: Int, into writer: JSONByteWriter) throws
}

extension Array: JSONDirectElements where Element: JSONDirectEncodable {
    func writeDirectElements(_ range: Range<Int>, depth: Int, into writer: JSONByteWriter) throws {
        let last = count - 1
        for index in range {
            if writer.pretty { writer.writeIndent(depth) }
            try self[index].writeJSON(to: writer, depth: depth)
            if index != last { writer.endEntry() }
        }
    }
}

// MARK: - Scalars and containers

extension String: JSONDirectEncodable {
    func writeJSON(to writer: JSONByteWriter, depth: Int) { writer.writeString(self) }
}

extension Int: JSONDirectEncodable {
    func writeJSON(to writer: JSONByteWriter, depth: Int) { writer.writeInteger(self) }
}

extension Bool: JSONDirectEncodable {
    func writeJSON(to writer: JSONByteWriter, depth: Int) { writer.writeBool(self) }
}

extension Optional: JSONDirectEncodable where Wrapped: JSONDirectEncodable {
    /// `null`, or the value at the same place, as `Optional.encode(to:)` writes.
    func writeJSON(to writer: JSONByteWriter, depth: Int) throws {
        if let self { try self.writeJSON(to: writer, depth: depth) } else { writer.writeNull() }
    }
}

extension Array: JSONDirectEncodable where Element: JSONDirectEncodable {
    func writeJSON(to writer: JSONByteWriter, depth: Int) throws { try writer.writeDirectArray(self, depth: depth) }
}

/// A string-backed enum is written as its raw value, as its synthesized `encode(to:)` does.
extension JSONDirectEncodable where Self: RawRepresentable, RawValue == String {
    func writeJSON(to writer: JSONByteWriter, depth: Int) { writer.writeString(rawValue) }
}

extension SourceFormat: JSONDirectEncodable {}
extension ReportStatus: JSONDirectEncodable {}
extension Period.Part: JSONDirectEncodable {}
extension SectionKind: JSONDirectEncodable {}
extension ParagraphOrigin: JSONDirectEncodable {}
extension SubmissionStatus: JSONDirectEncodable {}
extension UnitIdentity.Basis: JSONDirectEncodable {}

// MARK: - The report

/// Keys of the directly written types, each type's in key order. Names come from the type's
/// `CodingKeys` where it declares them; elsewhere they are the property names the synthesized
/// conformance uses, and the byte-equality tests hold them to it.
private enum Keys {
    enum Location {
        static let origin = JSONKey("origin"), paragraph = JSONKey("paragraph")
    }
    enum SourceInfo {
        static let convertedBy = JSONKey("convertedBy"), encoding = JSONKey("encoding"), format = JSONKey("format"),
                   path = JSONKey("path"), sha256 = JSONKey("sha256")
    }
    enum Period {
        static let part = JSONKey("part"), year = JSONKey("year")
    }
    enum Residue {
        static let location = JSONKey("location"), rule = JSONKey("rule"), text = JSONKey("text")
    }
    enum Placeholder {
        static let location = JSONKey("location"), text = JSONKey("text")
    }
    enum Metric {
        typealias K = ConsolidateCore.Metric.CodingKeys
        static let activity = JSONKey(K.activity), approx = JSONKey(K.approx), beyondPeriod = JSONKey(K.beyondPeriod),
                   location = JSONKey(K.location), text = JSONKey(K.text), unit = JSONKey(K.unit), value = JSONKey(K.value)
    }
    enum Item {
        static let categories = JSONKey("categories"), heading = JSONKey("heading"), items = JSONKey("items"),
                   label = JSONKey("label"), location = JSONKey("location"), text = JSONKey("text")
    }
    enum Section {
        typealias K = ConsolidateCore.Section.CodingKeys
        static let heading = JSONKey(K.heading), intro = JSONKey(K.intro), items = JSONKey(K.items),
                   kind = JSONKey(K.kind), label = JSONKey(K.label), location = JSONKey(K.location)
    }
    enum Report {
        static let error = JSONKey("error"), metrics = JSONKey("metrics"), period = JSONKey("period"),
                   placeholders = JSONKey("placeholders"), residue = JSONKey("residue"), sections = JSONKey("sections"),
                   source = JSONKey("source"), status = JSONKey("status"), title = JSONKey("title"),
                   unit = JSONKey("unit"), warnings = JSONKey("warnings")
    }
    enum Member {
        static let categories = JSONKey("categories"), location = JSONKey("location"), source = JSONKey("source"),
                   text = JSONKey("text"), unit = JSONKey("unit")
    }
    enum CopyGroup {
        static let members = JSONKey("members"), representative = JSONKey("representative")
    }
    enum Group {
        typealias K = StatementGroup.CodingKeys
        static let copies = JSONKey(K.copies), distinctive = JSONKey(K.distinctive), heading = JSONKey(K.heading),
                   members = JSONKey(K.members), origin = JSONKey(K.origin), text = JSONKey(K.text),
                   theme = JSONKey(K.theme), unit = JSONKey(K.unit), units = JSONKey(K.units)
    }
    enum Problem {
        static let category = JSONKey("category"), items = JSONKey("items"), label = JSONKey("label"),
                   text = JSONKey("text"), units = JSONKey("units")
    }
    enum Contribution {
        static let approx = JSONKey("approx"), location = JSONKey("location"), source = JSONKey("source"),
                   text = JSONKey("text"), unit = JSONKey("unit"), value = JSONKey("value")
    }
    enum Conflict {
        static let breakdown = JSONKey("breakdown"), figures = JSONKey("figures"), kept = JSONKey("kept"),
                   unit = JSONKey("unit")
    }
    enum Total {
        static let activity = JSONKey("activity"), approx = JSONKey("approx"), conflicts = JSONKey("conflicts"),
                   rule = JSONKey("rule"), total = JSONKey("total"), unit = JSONKey("unit"),
                   units = JSONKey("units"), unknown = JSONKey("unknown")
    }
    enum RosterMatch {
        static let entry = JSONKey("entry"), found = JSONKey("found")
    }
    enum Entry {
        static let identifiedBy = JSONKey("identifiedBy"), notOnRoster = JSONKey("notOnRoster"),
                   placeholders = JSONKey("placeholders"), residue = JSONKey("residue"),
                   rosterMatch = JSONKey("rosterMatch"), source = JSONKey("source"), status = JSONKey("status"),
                   supersededBy = JSONKey("supersededBy"), unit = JSONKey("unit"), warnings = JSONKey("warnings")
    }
    enum Consolidation {
        static let achievements = JSONKey("achievements"), due = JSONKey("due"), metrics = JSONKey("metrics"),
                   period = JSONKey("period"), plans = JSONKey("plans"), problems = JSONKey("problems"),
                   review = JSONKey("review"), skipped = JSONKey("skipped"), title = JSONKey("title"),
                   units = JSONKey("units"), unnamedSingleUnitPractices = JSONKey("unnamedSingleUnitPractices")
    }
}

extension SourceLocation: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) {
        typealias K = Keys.Location
        w.beginObject()
        w.field(K.origin, origin.rawValue, depth)
        w.field(K.paragraph, paragraph, depth)
        w.endObject(depth)
    }
}

extension SourceInfo: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) {
        typealias K = Keys.SourceInfo
        w.beginObject()
        w.fieldIfPresent(K.convertedBy, convertedBy, depth)
        w.fieldIfPresent(K.encoding, encoding, depth)
        w.field(K.format, format.rawValue, depth)
        w.field(K.path, path, depth)
        w.field(K.sha256, sha256, depth)
        w.endObject(depth)
    }
}

extension Period: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Period
        w.beginObject()
        try w.field(K.part, part, depth)
        try w.field(K.year, year, depth)
        w.endObject(depth)
    }
}

extension Residue: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Residue
        w.beginObject()
        try w.fieldIfPresent(K.location, location, depth)
        w.field(K.rule, rule, depth)
        w.field(K.text, text, depth)
        w.endObject(depth)
    }
}

extension Placeholder: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Placeholder
        w.beginObject()
        try w.fieldIfPresent(K.location, location, depth)
        w.field(K.text, text, depth)
        w.endObject(depth)
    }
}

extension Metric: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Metric
        w.beginObject()
        w.field(K.activity, activity, depth)
        w.field(K.approx, approx, depth)
        if beyondPeriod { w.field(K.beyondPeriod, true, depth) }
        try w.fieldIfPresent(K.location, location, depth)
        w.field(K.text, text, depth)
        w.field(K.unit, unit, depth)
        try w.field(K.value, value, depth)
        w.endObject(depth)
    }
}

extension Item: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Item
        w.beginObject()
        try w.field(K.categories, categories, depth)
        w.field(K.heading, heading, depth)
        try w.field(K.items, items, depth)
        w.field(K.label, label, depth)
        try w.fieldIfPresent(K.location, location, depth)
        w.field(K.text, text, depth)
        w.endObject(depth)
    }
}

extension Section: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Section
        w.beginObject()
        w.field(K.heading, heading, depth)
        if !intro.isEmpty { w.field(K.intro, intro, depth) }
        try w.field(K.items, items, depth)
        w.field(K.kind, kind.rawValue, depth)
        w.field(K.label, label, depth)
        try w.fieldIfPresent(K.location, location, depth)
        w.endObject(depth)
    }
}

extension UnitReport: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Report
        w.beginObject()
        w.fieldIfPresent(K.error, error, depth)
        try w.field(K.metrics, metrics, depth)
        try w.field(K.period, period, depth)
        try w.field(K.placeholders, placeholders, depth)
        try w.field(K.residue, residue, depth)
        try w.field(K.sections, sections, depth)
        try w.field(K.source, source, depth)
        w.field(K.status, status.rawValue, depth)
        w.field(K.title, title, depth)
        w.field(K.unit, unit, depth)
        try w.field(K.warnings, warnings, depth)
        w.endObject(depth)
    }
}

// MARK: - summary.json

extension Member: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Member
        w.beginObject()
        try w.fieldIfPresent(K.categories, categories, depth)
        try w.fieldIfPresent(K.location, location, depth)
        w.fieldIfPresent(K.source, source, depth)
        w.field(K.text, text, depth)
        w.field(K.unit, unit, depth)
        w.endObject(depth)
    }
}

extension CopyGroup: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.CopyGroup
        w.beginObject()
        try w.field(K.members, members, depth)
        w.field(K.representative, representative, depth)
        w.endObject(depth)
    }
}

extension StatementGroup: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Group
        w.beginObject()
        try w.field(K.copies, copies, depth)
        w.field(K.distinctive, distinctive, depth)
        if heading { w.field(K.heading, true, depth) }
        try w.field(K.members, members, depth)
        try w.fieldIfPresent(K.origin, origin, depth)
        w.field(K.text, text, depth)
        try w.field(K.theme, theme, depth)
        w.fieldIfPresent(K.unit, unit, depth)
        try w.field(K.units, units, depth)
        w.endObject(depth)
    }
}

extension ProblemGroup: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Problem
        w.beginObject()
        w.field(K.category, category, depth)
        try w.field(K.items, items, depth)
        w.field(K.label, label, depth)
        w.field(K.text, text, depth)
        try w.field(K.units, units, depth)
        w.endObject(depth)
    }
}

extension MetricContribution: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Contribution
        w.beginObject()
        w.field(K.approx, approx, depth)
        try w.fieldIfPresent(K.location, location, depth)
        w.fieldIfPresent(K.source, source, depth)
        w.field(K.text, text, depth)
        w.field(K.unit, unit, depth)
        w.field(K.value, value, depth)
        w.endObject(depth)
    }
}

extension FigureConflict: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Conflict
        w.beginObject()
        w.field(K.breakdown, breakdown, depth)
        try w.field(K.figures, figures, depth)
        w.field(K.kept, kept, depth)
        w.field(K.unit, unit, depth)
        w.endObject(depth)
    }
}

extension MetricTotal: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Total
        w.beginObject()
        w.field(K.activity, activity, depth)
        w.field(K.approx, approx, depth)
        try w.fieldIfPresent(K.conflicts, conflicts, depth)
        w.fieldIfPresent(K.rule, rule, depth)
        w.field(K.total, total, depth)
        w.field(K.unit, unit, depth)
        try w.field(K.units, units, depth)
        try w.field(K.unknown, unknown, depth)
        w.endObject(depth)
    }
}

extension RosterMatch: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) {
        typealias K = Keys.RosterMatch
        w.beginObject()
        w.field(K.entry, entry, depth)
        w.field(K.found, found, depth)
        w.endObject(depth)
    }
}

extension UnitEntry: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Entry
        w.beginObject()
        try w.fieldIfPresent(K.identifiedBy, identifiedBy, depth)
        try w.fieldIfPresent(K.notOnRoster, notOnRoster, depth)
        w.field(K.placeholders, placeholders, depth)
        w.field(K.residue, residue, depth)
        try w.fieldIfPresent(K.rosterMatch, rosterMatch, depth)
        w.fieldIfPresent(K.source, source, depth)
        w.field(K.status, status.rawValue, depth)
        w.fieldIfPresent(K.supersededBy, supersededBy, depth)
        w.field(K.unit, unit, depth)
        try w.field(K.warnings, warnings, depth)
        w.endObject(depth)
    }
}

extension Consolidation: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = Keys.Consolidation
        w.beginObject()
        try w.field(K.achievements, achievements, depth)
        try w.fieldIfPresent(K.due, due, depth)
        try w.field(K.metrics, metrics, depth)
        try w.field(K.period, period, depth)
        try w.field(K.plans, plans, depth)
        try w.field(K.problems, problems, depth)
        try w.codableFieldIfPresent(K.review, review, depth)
        try w.codableFieldIfPresent(K.skipped, skipped, depth)
        w.field(K.title, title, depth)
        try w.field(K.units, units, depth)
        try w.fieldIfPresent(K.unnamedSingleUnitPractices, unnamedSingleUnitPractices, depth)
        w.endObject(depth)
    }
}
