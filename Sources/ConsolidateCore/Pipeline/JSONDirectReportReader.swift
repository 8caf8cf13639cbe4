import Foundation

/// Reads a stored report straight from the parsed tokens, without `Decoder` containers.
///
/// A nightly run decodes every unchanged file's report; through `Decodable` each field costs a
/// container, a key lookup over the object's members and reference counting. This reader walks
/// each object once and takes what the type's `init(from:)` takes. It accepts only what it is
/// sure of (the store's own writing: known keys once each, whole numbers, no nulls where a value
/// is required) and refuses anything else, so that `JSONByteDecoder` then decodes through
/// `Decodable` as before: whatever it returns is what the `Decodable` path returns.
struct JSONDirectReportReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<JSONToken>

    /// Anything the reader does not take: the `Decodable` path decides.
    struct Refused: Error {}

    // MARK: Values

    func string(_ index: Int) throws -> String {
        let token = tokens[index]
        let text = UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.start + token.length)])
        switch token.kind {
        case .string:
            guard let value = String(validating: text, as: UTF8.self) else { throw Refused() }
            return value
        case .escapedString:
            return try JSONTokenText.unescape(text)
        default:
            throw Refused()
        }
    }

    /// A whole number written as digits (no fraction or exponent), within `Int`.
    func int(_ index: Int) throws -> Int {
        let token = tokens[index]
        guard token.kind == .number else { throw Refused() }
        var value = 0
        var negative = false
        for byte in bytes[Int(token.start)..<Int(token.start + token.length)] {
            if byte == UInt8(ascii: "-") { negative = true; continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw Refused() }
            let digit = Int(byte - UInt8(ascii: "0"))
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw Refused() }
            value = sum
        }
        return value
    }

    func bool(_ index: Int) throws -> Bool {
        switch tokens[index].kind {
        case .trueValue: return true
        case .falseValue: return false
        default: throw Refused()
        }
    }

    func isNull(_ index: Int) -> Bool { tokens[index].kind == .null }

    func raw<E: RawRepresentable>(_ index: Int, as type: E.Type) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: try string(index)) else { throw Refused() }
        return value
    }

    /// An optional as `decodeIfPresent` reads it: null is absent.
    func optional<T>(_ index: Int, _ read: (Int) throws -> T) rethrows -> T? {
        isNull(index) ? nil : try read(index)
    }

    func array<T>(_ index: Int, _ read: (Int) throws -> T) throws -> [T] {
        let token = tokens[index]
        guard token.kind == .array else { throw Refused() }
        var values: [T] = []
        values.reserveCapacity(Int(token.length))
        var element = index + 1
        for _ in 0..<Int(token.length) {
            values.append(try read(element))
            element = Int(tokens[element].next)
        }
        return values
    }

    /// Calls `body` with each member's key number among `keys` and the value's token; refuses an
    /// unknown or repeated key (the `Decodable` path ignores the one and keeps the last of the other).
    func members(_ index: Int, _ keys: JSONKeySet, _ body: (Int, Int) throws -> Void) throws -> UInt32 {
        let token = tokens[index]
        guard token.kind == .object else { throw Refused() }
        var seen: UInt32 = 0
        var key = index + 1
        for _ in 0..<Int(token.length) {
            let keyToken = tokens[key]
            guard keyToken.kind == .string,
                  let number = keys.number(of: UnsafeBufferPointer(rebasing: bytes[Int(keyToken.start)..<Int(keyToken.start + keyToken.length)])),
                  seen & (1 << number) == 0 else { throw Refused() }
            seen |= 1 << number
            try body(number, key + 1)
            key = Int(tokens[key + 1].next)
        }
        return seen
    }

    // MARK: The report's types

    func location(_ index: Int) throws -> SourceLocation {
        var paragraph: Int?, origin: ParagraphOrigin?
        _ = try members(index, Keys.location) { key, value in
            if key == 0 { origin = try raw(value, as: ParagraphOrigin.self) } else { paragraph = try int(value) }
        }
        guard let paragraph, let origin else { throw Refused() }
        return SourceLocation(paragraph: paragraph, origin: origin)
    }

    func source(_ index: Int) throws -> SourceInfo {
        var convertedBy: String?, encoding: String?, format: SourceFormat?, path: String?, sha256: String?
        _ = try members(index, Keys.source) { key, value in
            switch key {
            case 0: convertedBy = try optional(value, string)
            case 1: encoding = try optional(value, string)
            case 2: format = try raw(value, as: SourceFormat.self)
            case 3: path = try string(value)
            default: sha256 = try string(value)
            }
        }
        guard let format, let path, let sha256 else { throw Refused() }
        return SourceInfo(path: path, format: format, encoding: encoding, sha256: sha256, convertedBy: convertedBy)
    }

    func period(_ index: Int) throws -> Period {
        var part: Period.Part?, year: Int?
        _ = try members(index, Keys.period) { key, value in
            if key == 0 { part = try optional(value) { try raw($0, as: Period.Part.self) } } else { year = try optional(value, int) }
        }
        return Period(year: year, part: part)
    }

    func item(_ index: Int) throws -> Item {
        var categories: [String]?, heading: String?, items: [Item]?, label: String?, location: SourceLocation?, text: String?
        _ = try members(index, Keys.item) { key, value in
            switch key {
            case 0: categories = try array(value, string)
            case 1: heading = try string(value)
            case 2: items = try array(value, item)
            case 3: label = try string(value)
            case 4: location = try optional(value, self.location)
            default: text = try string(value)
            }
        }
        guard let categories, let heading, let items, let label, let text else { throw Refused() }
        return Item(label: label, heading: heading, text: text, categories: categories, items: items, location: location)
    }

    func section(_ index: Int) throws -> Section {
        var heading: String?, intro: String?, items: [Item]?, kind: SectionKind?, label: String?, location: SourceLocation?
        _ = try members(index, Keys.section) { key, value in
            switch key {
            case 0: heading = try string(value)
            case 1: intro = try optional(value, string)
            case 2: items = try array(value, item)
            case 3: kind = try raw(value, as: SectionKind.self)
            case 4: label = try string(value)
            default: location = try optional(value, self.location)
            }
        }
        guard let heading, let items, let kind, let label else { throw Refused() }
        var section = Section(kind: kind, label: label, heading: heading, items: items, location: location)
        section.intro = intro ?? ""
        return section
    }

    func metric(_ index: Int) throws -> Metric {
        var activity: String?, approx: Bool?, beyondPeriod: Bool?, location: SourceLocation?, text: String?, unit: String?, value: Int?
        _ = try members(index, Keys.metric) { key, token in
            switch key {
            case 0: activity = try string(token)
            case 1: approx = try bool(token)
            case 2: beyondPeriod = try optional(token, bool)
            case 3: location = try optional(token, self.location)
            case 4: text = try string(token)
            case 5: unit = try string(token)
            default: value = try optional(token, int)
            }
        }
        guard let activity, let approx, let text, let unit else { throw Refused() }
        return Metric(text: text, activity: activity, value: value, unit: unit, approx: approx,
                      beyondPeriod: beyondPeriod ?? false, location: location)
    }

    func placeholder(_ index: Int) throws -> Placeholder {
        var location: SourceLocation?, text: String?
        _ = try members(index, Keys.placeholder) { key, value in
            if key == 0 { location = try optional(value, self.location) } else { text = try string(value) }
        }
        guard let text else { throw Refused() }
        return Placeholder(text: text, location: location)
    }

    func residue(_ index: Int) throws -> Residue {
        var location: SourceLocation?, rule: String?, text: String?
        _ = try members(index, Keys.residue) { key, value in
            switch key {
            case 0: location = try optional(value, self.location)
            case 1: rule = try string(value)
            default: text = try string(value)
            }
        }
        guard let rule, let text else { throw Refused() }
        return Residue(text: text, rule: rule, location: location)
    }

    func report(_ index: Int) throws -> UnitReport {
        var error: String?, metrics: [Metric]?, period: Period?, placeholders: [Placeholder]?, residue: [Residue]?
        var sections: [Section]?, source: SourceInfo?, status: ReportStatus?, title: String?, unit: String?, warnings: [String]?
        _ = try members(index, Keys.report) { key, value in
            switch key {
            case 0: error = try optional(value, string)
            case 1: metrics = try array(value, metric)
            case 2: period = try self.period(value)
            case 3: placeholders = try array(value, placeholder)
            case 4: residue = try array(value, self.residue)
            case 5: sections = try array(value, section)
            case 6: source = try self.source(value)
            case 7: status = try raw(value, as: ReportStatus.self)
            case 8: title = try string(value)
            case 9: unit = try string(value)
            default: warnings = try array(value, string)
            }
        }
        guard let metrics, let period, let placeholders, let residue, let sections, let source, let status, let title,
              let unit, let warnings else { throw Refused() }
        return UnitReport(source: source, status: status, error: error, unit: unit, title: title, period: period,
                          sections: sections, metrics: metrics, placeholders: placeholders, residue: residue, warnings: warnings)
    }

    /// Each type's keys, numbered in the order the readers above switch on them.
    private enum Keys {
        static let location = JSONKeySet(["origin", "paragraph"])
        static let source = JSONKeySet(["convertedBy", "encoding", "format", "path", "sha256"])
        static let period = JSONKeySet(["part", "year"])
        static let item = JSONKeySet(["categories", "heading", "items", "label", "location", "text"])
        static let section = JSONKeySet([Section.CodingKeys.heading, .intro, .items, .kind, .label, .location].map(\.stringValue))
        static let metric = JSONKeySet([Metric.CodingKeys.activity, .approx, .beyondPeriod, .location, .text, .unit, .value].map(\.stringValue))
        static let placeholder = JSONKeySet(["location", "text"])
        static let residue = JSONKeySet(["location", "rule", "text"])
        static let report = JSONKeySet(["error", "metrics", "period", "placeholders", "residue", "sections", "source",
                                        "status", "title", "unit", "warnings"])
    }
}

/// A type's few keys as UTF-8, told apart by length and bytes.
struct JSONKeySet: Sendable {
    let keys: [[UInt8]]

    init(_ names: [String]) { keys = names.map { Array($0.utf8) } }

    /// The key's number, or nil where it is none of them.
    @inline(__always)
    func number(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        for (number, candidate) in keys.enumerated() where candidate.count == key.count {
            if candidate.withUnsafeBufferPointer({ $0.elementsEqual(key) }) { return number }
        }
        return nil
    }
}
